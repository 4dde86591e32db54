"""Published comment counts for listings, in one query whatever the number of pages.

The counts read the base table of django_comments (page, `is_public`, `is_removed`) through
django-comments' own index on `object_pk` (the project puts no index on that table, which it does
not own: migration 0008 dropped the ones 0003 had made) and leave out the few comments hidden by
flags with an anti-join on our partial index `discussion_hidden_by_flags`: the same comments as
`discussion.models.PUBLISHED`, without joining the three tables of the comment model for each of
them (which made a page of 2,000 comments, or the 200,000 of the key figures, slow to count).
"""

from django.db.models import CharField, Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce
from django_comments.models import Comment

from discussion.models import DiscussionComment


def published_comment_rows():
    """Base comment rows of the published comments (`PUBLISHED`), for counting."""
    hidden = DiscussionComment.objects.filter(xtdcomment_ptr_id=OuterRef("pk"), hidden_by_flags=True)
    return Comment.objects.filter(is_public=True, is_removed=False).exclude(Exists(hidden))


def comment_counts(pages, rows=None):
    """{page_id: number of published comments} for pages (objects or ids); one query.
    `rows(object_pks)`: the (object_pk, count) rows, `comment_count_rows` by default (the search
    passes its own)."""
    ids = [str(getattr(page, "pk", page)) for page in pages]
    counts = dict.fromkeys((int(pk) for pk in ids), 0)
    if not ids:
        return counts
    for object_pk, total in (rows or comment_count_rows)(ids):
        counts[int(object_pk)] = total
    return counts


def comment_count_rows(object_pks):
    """(object_pk, published comments) of the pages of these `object_pk`s (ids as text) that
    have comments."""
    return (
        published_comment_rows()
        .filter(object_pk__in=object_pks)
        .order_by()
        .values_list("object_pk")
        .annotate(total=Count("pk"))
    )


def with_comment_counts(queryset, name="comment_count"):
    """Annotate a page queryset with its published comment count (a subquery, no N+1)."""
    published = (
        published_comment_rows()
        .filter(object_pk=Cast(OuterRef("pk"), output_field=CharField()))
        .order_by()
        .values("object_pk")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return queryset.annotate(**{name: Coalesce(Subquery(published, output_field=IntegerField()), 0)})
