"""The rapporteurs' export of the contributions, for every commentable page type (hearings,
questions, trips): a CSV file and a threaded HTML document that prints.

What is exported is chosen by `ExportForm` (discussion/forms.py): a section (a commentable page
type), one page, a date range on the comment's submission date and a state (published by
default, the text the public read). Emails are never exported. Each comment carries its page, its
position in the page's threads (« 3.1 » is the first reply to the third thread; the positions
count every comment of the page, so they are the same whatever the filters), its marks and, for
a removed comment, the moderator's reason.
"""

import io
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from discussion.models import STATE_FILTERS, DiscussionComment
from discussion.moderation import commentable_models
from hardening import spreadsheet

CSV_HEADER = [
    "section",
    "page_id",
    "page",
    "page_url",
    "id",
    "position",
    "parent_id",
    "niveau",
    "date",
    "auteur",
    "texte",
    "j_aime",
    "signalements",
    "etat",
    "marques",
    "motif_retrait",
]


def sections():
    """[(key, label, model)] of the commentable page types, « Auditions », « Questions »..."""
    result = [
        (model._meta.model_name, str(model._meta.verbose_name_plural).capitalize(), model)
        for model in commentable_models()
    ]
    return sorted(result, key=lambda item: item[1])


def marks(comment):
    labels = []
    if comment.is_mission_answer:
        labels.append(str(_("Réponse de la mission")))
    if comment.is_remarkable:
        labels.append(str(_("Contribution remarquable")))
    return labels


def parent_pk(comment):
    # xtd makes a top-level comment its own parent.
    return None if comment.level == 0 or comment.parent_id == comment.pk else comment.parent_id


@dataclass
class PageContributions:
    page: Page
    section: str
    comments: list  # in thread order
    roots: list  # the comments without an exported parent, each with .replies


def selected_comments(section=None, page=None, start=None, end=None, state="publie"):
    """The comments the filters select, in thread order (parents before their replies)."""
    comments = DiscussionComment.objects.filter(
        content_type__in=ContentType.objects.get_for_models(*commentable_models()).values()
    )
    if section is not None:
        comments = comments.filter(content_type=ContentType.objects.get_for_model(section))
    if page is not None:
        comments = comments.filter(object_pk=str(page.pk))
    if start is not None:
        comments = comments.filter(submit_date__date__gte=start)
    if end is not None:
        comments = comments.filter(submit_date__date__lte=end)
    if state:
        comments = comments.filter(STATE_FILTERS[state])
    return comments.order_by("thread_id", "order")


def thread_positions(page_pks):
    """{comment pk: « 3.1 »}: each comment's place among all the comments of its page."""
    rows = (
        DiscussionComment.objects.filter(object_pk__in=[str(pk) for pk in page_pks])
        .order_by("thread_id", "order")
        .values_list("pk", "parent_id", "level", "object_pk")
    )
    positions, children, roots = {}, {}, {}
    for pk, parent_id, level, object_pk in rows:
        if level == 0 or parent_id == pk or parent_id not in positions:
            roots[object_pk] = roots.get(object_pk, 0) + 1
            positions[pk] = str(roots[object_pk])
        else:
            children[parent_id] = children.get(parent_id, 0) + 1
            positions[pk] = f"{positions[parent_id]}.{children[parent_id]}"
    return positions


def contributions(**filters):
    """[PageContributions] for the pages that have selected comments, section by section and in
    the page tree's order; a reply whose parent is not exported starts a list of its own (flagged
    `orphan`), so that nothing selected is lost."""
    comments = list(selected_comments(**filters))
    by_page = {}
    for comment in comments:
        by_page.setdefault(int(comment.object_pk), []).append(comment)
    positions = thread_positions(by_page)
    labels = {key: label for key, label, model in sections()}
    pages = Page.objects.filter(pk__in=by_page).select_related("content_type").order_by("path")
    result = []
    for page in pages:
        page_comments = by_page[page.pk]
        by_id = {comment.pk: comment for comment in page_comments}
        roots = []
        for comment in page_comments:
            comment.replies = []
            comment.marks = marks(comment)
            comment.position = positions.get(comment.pk, "")
            parent = by_id.get(parent_pk(comment))
            comment.orphan = comment.level > 0 and parent is None
            if parent is None:
                roots.append(comment)
            else:
                parent.replies.append(comment)
        section = labels.get(page.content_type.model, "")
        result.append(PageContributions(page, section, page_comments, roots))
    result.sort(key=lambda item: item.section)  # stable: the tree order stays within a section
    return result


def csv_rows(items):
    for item in items:
        url = item.page.get_url() or ""
        for comment in item.comments:
            yield [
                item.section,
                item.page.pk,
                item.page.title,
                url,
                comment.pk,
                comment.position,
                parent_pk(comment) or "",
                comment.level,
                timezone.localtime(comment.submit_date).strftime("%Y-%m-%d %H:%M"),
                comment.user_name,
                comment.comment,
                comment.like_count,
                comment.flag_count,
                str(comment.get_state_display()),
                " | ".join(comment.marks),
                str(comment.get_removal_reason_display()) if comment.removal_reason else "",
            ]


def export_csv(items):
    """UTF-8 with a BOM and semicolons: what a French spreadsheet opens without an import dialog;
    every cell through hardening.spreadsheet, so that none runs as a formula."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = spreadsheet.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(items))
    return buffer.getvalue()
