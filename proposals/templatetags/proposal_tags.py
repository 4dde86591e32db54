"""« Cité dans la proposition n° 12 », for the pages and the comments the proposals cite.

`{% load proposal_tags %}{% cited_in page %}` on a hearing, question or trip page;
`{% comment_citations comment %}` in a comment of a thread (one query for the whole thread).
"""

from django import template

from proposals.citations import proposals_citing_comments_of, proposals_citing_page

register = template.Library()


@register.inclusion_tag("proposals/includes/cited_in.html", takes_context=True)
def cited_in(context, page):
    return {"citations": proposals_citing_page(page, context.get("request")), "subject": "page"}


@register.inclusion_tag("proposals/includes/cited_in.html", takes_context=True)
def comment_citations(context, comment):
    page = context.get("page")
    if page is None:
        return {"citations": []}
    # Kept for the whole render in the render context's root, which every included template
    # shares (Django's own {% include %} caches its templates there): one query per thread.
    cache = context.render_context.dicts[0].setdefault("proposals.comment_citations", {})
    if page.pk not in cache:
        cache[page.pk] = proposals_citing_comments_of(page, context.get("request"))
    return {"citations": cache[page.pk].get(comment.pk, []), "subject": "comment"}


@register.inclusion_tag("proposals/includes/paragraph_version.html", takes_context=True)
def paragraph_version_notice(context, comment):
    """On a text in consultation, a comment written on an earlier version of its paragraph says
    so and quotes that version; one query per thread."""
    from proposals.models import ParagraphVersion

    page = context.get("page")
    value = getattr(comment, "paragraph", "")
    if not value or not hasattr(page, "commentable_paragraphs"):
        return {}
    cache = context.render_context.dicts[0].setdefault("proposals.paragraph_versions", {})
    if page.pk not in cache:
        versions = {str(version): version for version in ParagraphVersion.objects.filter(page=page)}
        cache[page.pk] = (page.commentable_paragraphs(), versions)
    current, versions = cache[page.pk]
    if value in current:
        return {}
    return {"earlier": True, "version": versions.get(value)}
