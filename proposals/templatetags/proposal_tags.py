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
