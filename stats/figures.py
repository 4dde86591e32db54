"""The mission's progress figures (« bilan d’étape »), computed from the data.

Each figure is one function taking the period (`start`, `end`, dates, both optional and
inclusive); `key_figures()` gathers them for the public page, the admin dashboard, the report and
its CSV. Every function runs a fixed number of queries, whatever the amount of data.

Counting rules (PRODUCT.md): hearings count when held or planned (cancelled and declined ones are
not counted); organisms heard are the distinct organisms of held hearings; in a breakdown, a
hearing counts once in each category touched by any of its organisms.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import CharField, Count, Q, Sum
from django.db.models.functions import Cast, TruncMonth
from django.utils.dates import MONTHS, MONTHS_AP
from wagtail.models import Page, Site

from discussion.counts import published_comment_rows
from events.models import TripEventPage
from frontcache.fragments import cached as editorial_cached
from hearings.models import HearingIndexPage, HearingPage
from hearings.queries import breakdown as hearing_breakdown
from hearings.queries import counted_by_status, headline_figures
from proposals.models import CitedComment, ProposalPage
from questions.models import QuestionPage, Subscriber
from stats.models import DailyPageViews, DailySiteVisits

HEARINGS_FALLBACK_URL = "/auditions/"


@dataclass
class HearingFigures:
    held: int
    planned: int
    organisms_heard: int
    urls: dict = field(default_factory=dict)

    @property
    def total(self):
        return self.held + self.planned


@dataclass
class BreakdownRow:
    name: str
    slug: str
    held: int
    planned: int
    url: str

    @property
    def total(self):
        return self.held + self.planned


@dataclass
class Breakdown:
    key: str  # the dimension's param (hearings.dimensions), as in the hearings list's URLs
    title: str
    rows: list


@dataclass
class MonthVisits:
    month: datetime.date
    visits: int
    views: int
    is_peak: bool = False

    @property
    def label(self):
        return f"{MONTHS[self.month.month]} {self.month.year}"

    @property
    def short_label(self):
        return f"{MONTHS_AP[self.month.month]} {self.month.year}"


@dataclass
class VisitFigures:
    months: list

    @property
    def visits(self):
        return sum(month.visits for month in self.months)

    @property
    def views(self):
        return sum(month.views for month in self.months)

    @property
    def peak(self):
        return next((month for month in self.months if month.is_peak), None)


@dataclass
class TopPage:
    title: str
    url: str
    visits: int
    views: int


@dataclass
class KeyFigures:
    start: datetime.date | None
    end: datetime.date | None
    as_of: datetime.date | None = field(default=None, kw_only=True)
    hearings: HearingFigures
    breakdowns: list
    visits: VisitFigures
    top_pages: list
    trips: int | None = None
    questions: int | None = None
    comments: int | None = None
    most_commented_question: tuple | None = None
    subscribers: int | None = None
    proposals: "ProposalFigures | None" = None


@dataclass
class ProposalFigures:
    proposals: int
    citing_public: int  # proposals citing at least one published comment
    contributions_cited: int  # distinct published comments cited

    @property
    def citing_public_percent(self):
        return round(100 * self.citing_public / self.proposals) if self.proposals else 0


def between(field_name, start=None, end=None):
    """A Q() keeping `field_name` (a date, or a datetime compared by its date) in the period."""
    condition = Q()
    if start:
        condition &= Q(**{f"{field_name}__gte": start})
    if end:
        condition &= Q(**{f"{field_name}__lte": end})
    return condition


# --- Hearings ---------------------------------------------------------------------------------


def period_hearings(start=None, end=None):
    """Published, public hearings of the period; the figures count the held and planned ones."""
    return HearingPage.objects.live().public().filter(between("hearing_date__date", start, end))


def hearings_url(request=None):
    index = HearingIndexPage.objects.live().first()
    return (index.get_url(request) if index else None) or HEARINGS_FALLBACK_URL


def filtered_url(base_url, **params):
    return f"{base_url}?{urlencode(params)}"


def hearing_figures(
    start=None, end=None, base_url=HEARINGS_FALLBACK_URL, hearings=None, by_status=None, as_of=None
):
    """Hearings held, planned, their total, and the distinct organisms heard in held hearings
    (hearings.queries.headline_figures, as the hearings list shows them).

    `hearings` (period_hearings) and `by_status` (counted_by_status) save queries when the caller
    has them."""
    if hearings is None:
        hearings = period_hearings(start, end)
    figures = headline_figures(hearings, by_status, as_of)
    held = HearingPage.Status.HELD
    planned = HearingPage.Status.PLANNED
    return HearingFigures(
        held=figures["held"],
        planned=figures["planned"],
        organisms_heard=figures["organisms_heard"],
        urls={
            "held": filtered_url(base_url, statut=held),
            "planned": filtered_url(base_url, statut=planned),
            "total": base_url,
            "organisms_heard": filtered_url(base_url, statut=held),
        },
    )


def breakdowns(
    start=None, end=None, base_url=HEARINGS_FALLBACK_URL, hearings=None, by_status=None, as_of=None
):
    """Held and planned hearings per term of each dimension (hearings.queries.breakdown, as the
    hearings' breakdown page shows them), every term listed, each row linking to the hearings
    list filtered by its term."""
    if hearings is None:
        hearings = period_hearings(start, end)
    return [
        Breakdown(
            key=table["dimension"].param,
            title=table["dimension"].breakdown_title,
            rows=[
                BreakdownRow(
                    name=row["term"].name,
                    slug=row["term"].slug,
                    held=row["held"],
                    planned=row["planned"],
                    url=filtered_url(base_url, **{table["dimension"].param: row["term"].slug}),
                )
                for row in table["rows"]
            ],
        )
        for table in hearing_breakdown(hearings, by_status, as_of)
    ]


# --- Visits -----------------------------------------------------------------------------------


def month_range(first, last):
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = (month + datetime.timedelta(days=32)).replace(day=1)


def visits_per_month(start=None, end=None):
    """Visits and views per month, months without visits included, the peak month marked."""
    rows = (
        DailySiteVisits.objects.filter(between("date", start, end))
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(visits=Sum("visits"), views=Sum("views"))
        .order_by("month")
    )
    by_month = {row["month"]: row for row in rows}
    if not by_month:
        return VisitFigures(months=[])
    months = [
        MonthVisits(
            month=month,
            visits=by_month.get(month, {}).get("visits") or 0,
            views=by_month.get(month, {}).get("views") or 0,
        )
        for month in month_range(min(by_month), max(by_month))
    ]
    peak = max(months, key=lambda month: month.visits)  # the first of equal months
    if peak.visits:
        peak.is_peak = True
    return VisitFigures(months=months)


def top_pages(start=None, end=None, limit=10, request=None):
    """The most visited pages of the period (two queries, plus Wagtail's cached site lookup)."""
    rows = list(
        DailyPageViews.objects.filter(between("date", start, end))
        .values("page_id")
        .annotate(visits=Sum("visits"), views=Sum("views"))
        .order_by("-visits", "-views", "page_id")[:limit]
    )
    pages = Page.objects.in_bulk([row["page_id"] for row in rows])
    return [
        TopPage(
            title=pages[row["page_id"]].title,
            url=pages[row["page_id"]].get_url(request) or "",
            visits=row["visits"],
            views=row["views"],
        )
        for row in rows
        if row["page_id"] in pages
    ]


# --- Figures of the other sections ------------------------------------------------------------
# Each returns None until its app provides the data; the page, the dashboard and the report then
# leave that figure out.


def trips_count(start=None, end=None):
    """Trips of the mission that start in the period."""
    return TripEventPage.objects.live().public().filter(between("start_date", start, end)).count()


def questions_count(start=None, end=None):
    """Questions put to the public in the period."""
    return QuestionPage.objects.live().public().filter(between("asked_on", start, end)).count()


def comments_count(start=None, end=None):
    """Published comments on live, public pages, written in the period (discussion.counts)."""
    return _published_comments(start, end).count()


def most_commented_question(start=None, end=None):
    """(question page, comment count) of the question with the most published comments in the
    period; equal counts are ordered by the id as text, as comments name their page."""
    questions = _public(QuestionPage)
    row = (
        _comments_per_page(start, end)
        .filter(object_pk__in=_object_pks(questions))
        .order_by("-total", "object_pk")
        .first()
    )
    if row is None:
        return None
    return questions.get(pk=int(row["object_pk"])), row["total"]


def _public(model):
    """The live pages of `model` outside private sections."""
    return model.objects.live().public()


def _object_pks(pages):
    """A subquery of the pages' ids as text: comments point at their page by `object_pk`, a text."""
    return pages.annotate(object_pk_text=Cast("pk", CharField())).values("object_pk_text")


def _published_comments(start=None, end=None):
    # The base comment rows (discussion.counts): counted from an index, not through three tables.
    return published_comment_rows().filter(
        between("submit_date__date", start, end), object_pk__in=_object_pks(Page.objects.live().public())
    )


def _comments_per_page(start=None, end=None):
    return _published_comments(start, end).order_by().values("object_pk").annotate(total=Count("pk"))


def subscribers_count(start=None, end=None):
    """Subscribers counted at the end of the period: confirmed by then, not unsubscribed."""
    return Subscriber.objects.counted().filter(between("confirmed_at__date", None, end)).count()


def proposal_figures(start=None, end=None):
    """The report's proposals, the share of them citing at least one contribution of the public
    (a published comment), and the number of contributions cited: over the whole life of the
    site only (None for a period). Not kept with the editorial fragments, since a cited comment
    removed or hidden by flags changes them and comments never renew the fragments."""
    if start is not None or end is not None:
        return None
    # The few cited comments still published, read first by their ids (a look-up each): as a
    # subquery of the aggregate, PostgreSQL read every published comment, twice.
    cited_ids = list(
        _published_comments()
        .filter(pk__in=CitedComment.objects.values("comment_id"))
        .values_list("pk", flat=True)
    )
    cited = Q(cited_comments__comment_id__in=cited_ids)
    counts = (
        ProposalPage.objects.live()
        .public()
        .aggregate(
            proposals=Count("pk", distinct=True),
            citing_public=Count("pk", filter=cited, distinct=True),
            contributions_cited=Count("cited_comments__comment_id", filter=cited, distinct=True),
        )
    )
    return ProposalFigures(**counts)


def editorial_figures(request=None, start=None, end=None, as_of=None):
    """The figures drawn from what only the team changes: hearings, organisms and their terms,
    trips, questions. Over the whole life of the site (the public page), they are kept until the
    team's next edit (frontcache.fragments.cached): ten queries that read the 10,000
    hearings, saved on every other view."""
    if start is not None or end is not None or as_of is not None:
        return _editorial_figures(request, start, end, as_of)
    site = Site.find_for_request(request) if request is not None else None
    # Per site: the links to the hearings list are relative to the site the request is for.
    name = f"stats:key-figures:{site.pk if site else ''}"
    return editorial_cached(name, lambda: _editorial_figures(request))


def _editorial_figures(request=None, start=None, end=None, as_of=None):
    base_url = hearings_url(request)
    # As of a date, every hearing counts (those after it as planned), each by its status then.
    hearings = period_hearings(start, end) if as_of is None else period_hearings()
    by_status = counted_by_status(hearings, as_of)
    return {
        "hearings": hearing_figures(start, end, base_url, hearings, by_status, as_of),
        "breakdowns": breakdowns(start, end, base_url, hearings, by_status, as_of),
        "trips": trips_count(start, end or as_of),
        "questions": questions_count(start, end or as_of),
    }


def key_figures(request=None, start=None, end=None, top_pages_limit=10, as_of=None):
    """Every figure of the period, or as the figures stood at the end of the day `as_of` (« au
    6 décembre 2012 »): hearings held by then, planned ones (every later hearing counted as
    planned), and comments, subscribers, visits, trips and questions dated up to that day."""
    if as_of is not None:
        end = as_of
    return KeyFigures(
        start=start,
        end=end,
        as_of=as_of,
        **editorial_figures(request, start, None if as_of else end, as_of),
        visits=visits_per_month(start, end),
        top_pages=top_pages(start, end, top_pages_limit, request),
        comments=comments_count(start, end),
        most_commented_question=most_commented_question(start, end),
        subscribers=subscribers_count(start, end),
        proposals=proposal_figures(start, end),
    )
