"""Published comment counts for listings, in one query whatever the number of pages."""

from django.db.models import CharField, Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce

from discussion.models import PUBLISHED, DiscussionComment


def comment_counts(pages):
    """{page_id: number of published comments} for pages (objects or ids); one query."""
    ids = [str(getattr(page, "pk", page)) for page in pages]
    counts = dict.fromkeys((int(pk) for pk in ids), 0)
    if not ids:
        return counts
    rows = (
        DiscussionComment.objects.filter(PUBLISHED, object_pk__in=ids)
        .order_by()
        .values("object_pk")
        .annotate(total=Count("pk"))
    )
    for row in rows:
        counts[int(row["object_pk"])] = row["total"]
    return counts


def comment_count(page):
    return comment_counts([page])[page.pk]


def with_comment_counts(queryset, name="comment_count"):
    """Annotate a page queryset with its published comment count (a subquery, no N+1)."""
    published = (
        DiscussionComment.objects.filter(PUBLISHED, object_pk=Cast(OuterRef("pk"), output_field=CharField()))
        .order_by()
        .values("object_pk")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return queryset.annotate(**{name: Coalesce(Subquery(published, output_field=IntegerField()), 0)})
