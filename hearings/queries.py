"""Hearing queries shared by the list, the breakdown, the exports, the feed and the home page.

Every function runs a fixed number of SQL queries, whatever the number of hearings: the counts
are grouped in the database and the listings prefetch what their rows show.
"""

import datetime

from django.db.models import Case, CharField, Count, F, Prefetch, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from frontcache.fragments import cached as editorial_cached
from frontcache.fragments import cached_many as editorial_cached_many
from hearings.dimensions import DIMENSIONS
from hearings.models import HearingIndexPage, HearingOrganism, HearingPage


def taxonomy_terms():
    """The terms of the three taxonomies in their order, {"app.model": [term, ...]} (lists
    keyed by model label, hearings.Sector → "hearings.sector"): only the team
    changes them (a snippet edit renews frontcache.fragments), so they are read
    together from the cache rather than queried on every request."""
    return editorial_cached("taxonomy-terms", _all_terms)


def _all_terms():
    return {
        dimension.model._meta.label_lower: list(dimension.model.objects.all()) for dimension in DIMENSIONS
    }


def hearings_under(index_page):
    """The published, public hearings of an index, newest first."""
    return HearingPage.objects.live().public().descendant_of(index_page).order_by("-hearing_date", "-pk")


def with_organisms(queryset):
    """Prefetch the organisms heard and their classification, for listings and exports."""
    return queryset.prefetch_related(
        Prefetch(
            "organisms_heard",
            queryset=HearingOrganism.objects.select_related("organism__nature", "organism__family")
            .prefetch_related("organism__sectors")
            .order_by("sort_order", "pk"),
        )
    )


def apply_filters(queryset, filters, skip=None):
    """Narrow hearings by the valid filters (from HearingFilterForm.valid_filters()).

    `skip` leaves one filter out, to count the values of that filter's facet. A classification
    filter keeps a hearing when any of its organisms carries the term.
    """
    for dimension in DIMENSIONS:
        name = dimension.param
        if name in filters and name != skip:
            heard = HearingOrganism.objects.filter(**{dimension.lookup(): filters[name]}).values("page_id")
            queryset = queryset.filter(pk__in=heard)
    if "statut" in filters and skip != "statut":
        queryset = queryset.filter(status=filters["statut"])
    if "type" in filters and skip != "type":
        queryset = queryset.filter(kind=filters["type"])
    if "mois" in filters and skip != "mois":
        queryset = queryset.filter(hearing_date__range=month_bounds(filters["mois"]))
    return queryset


def month_bounds(month):
    """The first and last instant of a month in the current time zone (Paris): a range on the
    indexed hearing_date, where `__year`/`__month` would extract the month of every hearing."""
    start = timezone.make_aware(datetime.datetime(month.year, month.month, 1))
    following = (start.replace(tzinfo=None) + datetime.timedelta(days=32)).replace(day=1)
    return start, timezone.make_aware(following) - datetime.timedelta(microseconds=1)


# Filters on a column of the hearing itself: their facets are counted together (see facet_counts).
COLUMN_FACETS = [("statut", "status"), ("type", "kind"), ("mois", "month")]


def facet_counts(base, filters):
    """For each filter, the number of hearings each of its values would give, the other filters
    applied: {filter name: {value: count}}; taxonomy values are term ids, months are dates. Also
    "total": the number of hearings the filters give.

    A facet leaves its own filter out, so the facets of the filters not in use all count the same
    hearings (those the filters give): one GROUP BY status, type and month counts them together
    (a few dozen groups, whatever the number of hearings), and its sum is the total. With 10,000
    hearings each query reads them all; the unfiltered list runs 6 such queries instead of 10."""
    counts = {}
    for dimension in DIMENSIONS:
        name, lookup = dimension.param, dimension.lookup()
        hearing_ids = apply_filters(base, filters, skip=name).values("pk")
        rows = (
            HearingOrganism.objects.filter(page_id__in=hearing_ids)
            .values(lookup)
            .annotate(n=Count("page_id", distinct=True))
            .order_by()
        )
        counts[name] = {row[lookup]: row["n"] for row in rows if row[lookup] is not None}
    unused = [(name, key) for name, key in COLUMN_FACETS if name not in filters]
    grouped = _column_counts(apply_filters(base, filters), [key for _name, key in unused] or ["status"])
    for name, key in unused:
        counts[name] = _sum_by(grouped, key)
    counts["total"] = sum(row["n"] for row in grouped)
    for name, key in COLUMN_FACETS:
        if name in filters:
            counts[name] = _sum_by(_column_counts(apply_filters(base, filters, skip=name), [key]), key)
    return counts


def _column_counts(queryset, keys):
    """Hearings counted per combination of `keys` (status, kind, month): one query."""
    return list(
        queryset.order_by().annotate(month=TruncMonth("hearing_date")).values(*keys).annotate(n=Count("pk"))
    )


def _sum_by(rows, key):
    totals = {}
    for row in rows:
        value = row[key]
        if value is None:
            continue
        if key == "month":
            value = value.date().replace(day=1)
        totals[value] = totals.get(value, 0) + row["n"]
    return totals


def status_on(as_of, prefix=""):
    """A counted hearing's status as it stood at the end of the day `as_of`: held if it was held
    by then, planned otherwise (held later, or still planned). `prefix` leads to the hearing
    ("page__" from a HearingOrganism). Without `as_of`, the status as stored."""
    if as_of is None:
        return F(f"{prefix}status")
    held = HearingPage.Status.HELD
    held_by_then = {f"{prefix}status": held, f"{prefix}hearing_date__lt": day_start(as_of + ONE_DAY)}
    return Case(
        When(**held_by_then, then=Value(held)),
        default=Value(HearingPage.Status.PLANNED),
        output_field=CharField(),
    )


ONE_DAY = datetime.timedelta(days=1)


def hearings_per_term_and_status(hearings, lookup, as_of=None):
    """{(term id, status): number of distinct hearings} over the organisms heard in `hearings`,
    in one GROUP BY: a hearing counts once in each term touched by any of its organisms, however
    many of its organisms share that term. `lookup` leads from a HearingOrganism to the term
    (e.g. "organism__sectors"). `as_of`: statuses as they stood that day (status_on)."""
    rows = (
        HearingOrganism.objects.filter(page_id__in=hearings.values("pk"))
        .annotate(status_then=status_on(as_of, "page__"))
        .values(lookup, "status_then")
        .annotate(n=Count("page_id", distinct=True))
        .order_by()
    )
    return {(row[lookup], row["status_then"]): row["n"] for row in rows}


def counted_by_status(base, as_of=None):
    """The counted hearings of `base` (held or planned) by status, {status: n}: one query.
    `as_of`: statuses as they stood at the end of that day (status_on)."""
    counted = base.filter(status__in=HearingPage.COUNTED_STATUSES)
    rows = counted.order_by().annotate(status_then=status_on(as_of)).values_list("status_then")
    return dict(rows.annotate(n=Count("pk")))


def breakdown(base, by_status=None, as_of=None):
    """The three breakdowns of the counted hearings (held or planned), one per dimension, for the
    hearings' breakdown page and the key figures.

    A hearing counts once in each category touched by any of its organisms, so a category's
    count is a number of distinct hearings and the rows of a table may add up to more than the
    total. Returns a list of {"dimension", "name", "label", "rows": [{term, held, planned,
    total}], "totals", "max"}; `by_status` (counted_by_status) saves a query when the caller has it.
    """
    if by_status is None:
        by_status = counted_by_status(base, as_of)
    counted = base.filter(status__in=HearingPage.COUNTED_STATUSES)
    held, planned = HearingPage.Status.HELD, HearingPage.Status.PLANNED
    total_row = {"held": by_status.get(held, 0), "planned": by_status.get(planned, 0)}
    total_row["total"] = total_row["held"] + total_row["planned"]
    tables = []
    for dimension in DIMENSIONS:
        model = dimension.model
        counts = hearings_per_term_and_status(counted, dimension.lookup(), as_of)
        table_rows = []
        for term in model.objects.all():
            row = {
                "term": term,
                "held": counts.get((term.pk, held), 0),
                "planned": counts.get((term.pk, planned), 0),
            }
            row["total"] = row["held"] + row["planned"]
            table_rows.append(row)
        tables.append(
            {
                "dimension": dimension,
                "name": dimension.param,
                "label": model._meta.verbose_name,
                "label_plural": model._meta.verbose_name_plural,
                "rows": table_rows,
                "totals": total_row,
                "max": max([row["total"] for row in table_rows] + [1]),
            }
        )
    return tables


def headline_figures(base, by_status=None, as_of=None):
    """« Auditions réalisées ou prévues » and « organismes auditionnés », by PRODUCT.md's rules.

    `by_status` (counted_by_status) saves a query when the caller has it; `as_of`: as they stood
    at the end of that day (hearings held by then)."""
    if by_status is None:
        by_status = counted_by_status(base, as_of)
    held = base.filter(status=HearingPage.Status.HELD)
    if as_of is not None:
        held = held.filter(hearing_date__lt=day_start(as_of + ONE_DAY))
    held_ids = held.values("pk")
    organisms = HearingOrganism.objects.filter(page_id__in=held_ids).values("organism_id").distinct().count()
    held = by_status.get(HearingPage.Status.HELD, 0)
    planned = by_status.get(HearingPage.Status.PLANNED, 0)
    return {"held": held, "planned": planned, "counted": held + planned, "organisms_heard": organisms}


def hearing_cards(ids):
    """The hearings `ids`, in that order, with what a listing card shows (organisms and their
    terms, not the long texts), from the editorial cache: one entry per hearing, whatever the
    filters that listed it, renewed by any edit of the team (comment counts are never in it)."""
    found = editorial_cached_many(
        "hearing-card:",
        ids,
        lambda missing: {
            hearing.pk: hearing
            for hearing in with_organisms(HearingPage.objects.filter(pk__in=missing)).defer(*CARD_DEFERRED)
        },
    )
    return [found[pk] for pk in ids if pk in found]


# Long texts a listing card never shows.
CARD_DEFERRED = ("summary", "body", "transcript")
HOME_PAGE_HEARINGS = 3


def day_start(day):
    """Midnight at the start of `day`, in Paris (the current time zone)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def home_page_hearings(today):
    """For the home page: the hearings last put online and the next planned ones from `today`
    on (the site's clock: a planned hearing whose date has passed is not « prochaine »), as
    lists with their organisms, without the long texts a card does not show, with the index."""
    index = HearingIndexPage.objects.live().public().first()
    if index is None:
        return {}
    hearings = with_organisms(hearings_under(index)).defer(*CARD_DEFERRED)
    return {
        "hearing_index": index,
        "latest_hearings": list(
            hearings.filter(status=HearingPage.Status.HELD).order_by("-first_published_at", "-hearing_date")[
                :HOME_PAGE_HEARINGS
            ]
        ),
        "next_hearings": list(
            hearings.filter(status=HearingPage.Status.PLANNED, hearing_date__gte=day_start(today)).order_by(
                "hearing_date", "pk"
            )[:HOME_PAGE_HEARINGS]
        ),
    }
