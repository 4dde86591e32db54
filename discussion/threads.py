"""One page of a page's threads: newest threads first, replies in thread order, fixed query count."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator

from discussion.models import SHOWN, DiscussionComment, RemovalReason

THREAD_FIELDS = [
    "user_name",
    "comment",
    "submit_date",
    "is_public",
    "is_removed",
    "removal_reason",
    "hidden_by_flags",
    "is_mission_answer",
    "is_remarkable",
    "like_count",
    "level",
    "parent_id",
    "thread_id",
    "paragraph",
]


class ThreadComment:
    """A comment as a thread shows it: its THREAD_FIELDS and its replies. Building these from
    rows takes half the time of building the three-table comment models."""

    __slots__ = ("pk", *THREAD_FIELDS, "replies")

    def __init__(self, row):
        for name, value in zip(("pk", *THREAD_FIELDS), row, strict=True):
            setattr(self, name, value)
        self.replies = []

    is_published = DiscussionComment.is_published
    public_name = DiscussionComment.public_name

    @property
    def heading_level(self):
        """Threads sit under the h2 « Commentaires »: h3 for a thread, one more per level, h6 at most."""
        return min(3 + self.level, 6)

    def get_removal_reason_display(self):
        return dict(RemovalReason.choices).get(self.removal_reason, self.removal_reason)


def thread_page(page, number=1, per_page=None, paragraph=None):
    """`paragraph`: only the threads of that paragraph (every version of it: the comments whose
    `paragraph` starts with « <key>: »)."""
    per_page = per_page or settings.DISCUSSION_THREADS_PER_PAGE
    content_type = ContentType.objects.get_for_model(type(page))
    shown = DiscussionComment.objects.filter(SHOWN, content_type=content_type, object_pk=str(page.pk))
    if paragraph is not None:
        shown = shown.filter(paragraph__startswith=f"{paragraph}:")
    # Every thread of the page (its id and date), unordered, sorted here: the statement reads the
    # page's comments through django-comments' index on object_pk. Ordered by date in SQL with a
    # LIMIT, PostgreSQL walked django-comments' date index over every comment of the site instead
    # (an index on (object_pk, submit_date) would answer it, on a table this project does not own).
    threads = sorted(shown.filter(level=0).order_by().values_list("submit_date", "pk"), reverse=True)
    count = len(threads)
    paginator = Paginator(range(count), per_page)
    # A page past the last one shows the last page (as Paginator.get_page).
    number = max(1, min(number, paginator.num_pages))
    thread_ids = [pk for _date, pk in threads[(number - 1) * per_page : number * per_page]]
    current = Page(thread_ids, number, paginator)
    # All comments of the threads on this page in one query; the user row is never needed
    # (the name is stored on the comment), which avoids xtd's query per author. Only the fields
    # that discussion/includes/comment.html shows (no e-mail, IP), as ThreadComment.
    rows = (
        shown.filter(thread_id__in=thread_ids)
        .order_by("thread_id", "order")
        .values_list("pk", *THREAD_FIELDS)
    )
    comments = [ThreadComment(row) for row in rows]
    by_id = {comment.pk: comment for comment in comments}
    roots = {}
    for comment in comments:
        if comment.level == 0:
            roots[comment.pk] = comment
        elif comment.parent_id in by_id:
            by_id[comment.parent_id].replies.append(comment)
    threads = [roots[pk] for pk in thread_ids if pk in roots]
    return current, threads
