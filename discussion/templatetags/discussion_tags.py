from django import template
from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string

from discussion.counts import comment_counts as count_comments
from discussion.forms import CommentForm, ThreadPageForm
from discussion.models import DiscussionComment, VisitorReaction, charter_url
from discussion.text import render_comment_text
from discussion.threads import thread_page

register = template.Library()


@register.inclusion_tag("discussion/thread.html", takes_context=True)
def comment_thread(context, page, total=None, paragraph=None, version=None):
    """The comments of a page and its form: `{% load discussion_tags %}{% comment_thread page %}`.

    `total`: the page's published comment count when the page has already counted them.
    `paragraph`, `version`: the threads of one paragraph of a page commented paragraph by
    paragraph, and its form for the current version (proposals.ConsultationTextPage)."""
    request = context.get("request")
    number = 1
    if request is not None:
        page_form = ThreadPageForm(request.GET)
        if page_form.is_valid() and page_form.cleaned_data["commentaires"]:
            number = page_form.cleaned_data["commentaires"]
    current, threads = thread_page(page, number, paragraph=paragraph)
    initial = {"paragraph": f"{paragraph}:{version}"} if paragraph is not None else None
    form = CommentForm(page, initial=initial) if page.comments_are_open() else None
    # Anonymous visitors may get this page from a cache: their forms carry no token, which
    # discussion/csrf.js fetches when a form is used.
    defer_csrf = not getattr(context.get("user"), "is_authenticated", False)
    csrf_token = context.get("csrf_token")
    # The like forms of every comment carry the same input: rendered once, not once per comment.
    csrf_input = render_to_string(
        "discussion/includes/csrf_input.html", {"defer_csrf": defer_csrf, "csrf_token": csrf_token}
    )
    return {
        "request": request,
        "page": page,
        "threads": threads,
        "thread_page": current,
        "total": count_comments([page])[page.pk] if total is None else total,
        "form": form,
        "user": context.get("user"),
        "csrf_token": csrf_token,
        "csrf_input": csrf_input,
        "defer_csrf": defer_csrf,
        "can_reply": form is not None,
        "max_level": settings.COMMENTS_XTD_MAX_THREAD_LEVEL,
        "charter_url": charter_url(),
        "OPEN_LICENCE_URL": settings.OPEN_LICENCE_URL,
        "flag_reasons": VisitorReaction.FlagReason.choices,
    }


@register.simple_tag
def participation_charter_url():
    """The participation charter's address, or None before it is published."""
    return charter_url()


@register.filter
def comment_text(text):
    return render_comment_text(text)


@register.simple_tag
def comment_counts(pages):
    """`{% comment_counts pages as counts %}` then `{{ counts|count_for:page }}`: one query."""
    return count_comments(pages)


@register.filter
def count_for(counts, page):
    return counts.get(getattr(page, "pk", page), 0)


@register.simple_tag
def field_widget(field, **attrs):
    """A form field's widget with the DSFR class and its hint and error tied by aria-describedby."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.inclusion_tag("discussion/highlighted.html")
def highlighted_comments(page):
    """« Réponse de la mission » and « Contribution remarquable » of a page, shown before its
    thread, each linking to its place in the thread: `{% highlighted_comments page %}`."""
    comments = (
        DiscussionComment.objects.published()
        .for_page(page)
        .filter(Q(is_mission_answer=True) | Q(is_remarkable=True))
        .order_by("-is_mission_answer", "submit_date")
    )
    return {"comments": list(comments)}
