"""The moderation queue's paginator, shaped for 200,000 comments.

A comment's row spans three tables (django_comments, django_comments_xtd's and ours), all read
for each of the OFFSET rows skipped before a page. The paginator reads the ids of the page
first (narrow rows, index-only scans), then the rows of those 50 comments only.

A text search matches with `icontains` over every comment's text, name and email (no index on
django_comments, a table this project does not own, can answer it): counting its results walks
them all. Its count stops at SEARCH_COUNT_LIMIT: « plus de 1 000 », and only the 1,000 newest
results can be paged through, enough to refine the search.

A short list (one commented page's comments) is ordered here rather than by the database: ordered
by date with a LIMIT, PostgreSQL walked django-comments' date index over every comment of the site
to find those of the page, where reading the page's comments through its index on object_pk and
sorting a few thousand (date, id) pairs is quicker (an index on (object_pk, submit_date) would
serve the database's way, on a table this project does not own).
"""

from django.db import models
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.paginator import WagtailPaginator

SEARCH_COUNT_LIMIT = 1000
# Up to this many comments, a list is ordered in Python (see above).
SORTED_HERE_LIMIT = 5000


class QueuePaginator(WagtailPaginator):
    def __init__(self, object_list, per_page, *, count_limit=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_limit = count_limit

    @cached_property
    def _count_up_to_limit(self):
        # Unordered, so that the scan stops at the limit (ordered, it sorts every match first).
        return self.object_list.order_by()[: self.count_limit + 1].count()

    @cached_property
    def count_is_limited(self):
        """True when the count stopped at `count_limit` (there are more)."""
        return self.count_limit is not None and self._count_up_to_limit > self.count_limit

    @cached_property
    def count(self):
        if self.count_limit is None:
            return super().count
        return min(self._count_up_to_limit, self.count_limit)

    @cached_property
    def result_count_label(self):
        """The count the header shows: « 37 », or « plus de 1 000 » when the count stopped."""
        if self.count_is_limited:
            return _("plus de %(count)s") % {"count": number_format(self.count_limit, force_grouping=True)}
        return self.count

    @cached_property
    def items_count_label(self):
        if self.count_is_limited:
            return f"{self.result_count_label} {self.verbose_name_plural}"
        return super().items_count_label

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        ids = self._ids(bottom, top)
        rows = self.object_list.in_bulk(ids)
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)

    def _python_ordering(self):
        """The list's ordering as [(field name, descending)] when Python sorts it as the database
        would: plain non-null date or number fields, or the primary key; None otherwise."""
        model = self.object_list.model
        ordering = [*(self.object_list.query.order_by or model._meta.ordering)]
        fields = []
        for name in ordering:
            if not isinstance(name, str) or "__" in name or name.lstrip("-") in ("", "?"):
                return None
            field = model._meta.pk if name.lstrip("-") == "pk" else model._meta.get_field(name.lstrip("-"))
            sortable = (models.DateTimeField, models.DateField, models.IntegerField, models.AutoField)
            if field.null or not (field.primary_key or isinstance(field, sortable)):
                return None
            fields.append((field.attname, name.startswith("-")))
        return fields or None

    def _ids(self, bottom, top):
        if top <= bottom:
            return []
        # Not a search: its count stops at its limit, and all its matches would be read here.
        short = self.count_limit is None and self.count <= SORTED_HERE_LIMIT
        ordering = self._python_ordering() if short else None
        if ordering is None:
            return list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = list(self.object_list.order_by().values_list(*(name for name, _ in ordering), "pk"))
        for position in reversed(range(len(ordering))):  # stable sorts, the last key first
            rows.sort(key=lambda row, position=position: row[position], reverse=ordering[position][1])
        return [row[-1] for row in rows[bottom:top]]
