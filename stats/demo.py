"""Demo audience figures: the blog's visits from its opening to the progress report of
6 December 2012, as the seed gives them (11 492 visits, peak in October with 5 317)."""

import datetime
import random

from django.db import transaction
from wagtail.models import Page

from home.demo import get_or_create_child_page
from stats.models import DailyPageViews, DailySiteVisits, KeyFiguresPage

OPENING = datetime.date(2012, 9, 1)
REPORT_DAY = datetime.date(2012, 12, 6)
TOTAL_VISITS = 11_492
# Visits per month; October, the month of the first hearings, is the seed's peak.
MONTHLY_VISITS = {(2012, 9): 2_100, (2012, 10): 5_317, (2012, 11): 3_300, (2012, 12): 775}

KEY_FIGURES_INTRODUCTION = (
    "Les chiffres de la mission, calculés en direct à partir des auditions publiées, des "
    "contributions du public et de la fréquentation du site. Chaque chiffre mène à ce qu’il compte."
)


def split(total, weights):
    """`total` split in proportion to `weights` in whole numbers that add up to `total` exactly
    (largest remainders get the units left over)."""
    scale = sum(weights)
    shares = [total * weight / scale for weight in weights]
    parts = [int(share) for share in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: shares[i] - parts[i], reverse=True)
    for index in by_remainder[: total - sum(parts)]:
        parts[index] += 1
    return parts


def demo_daily_visits(rng):
    """{date: visits} from the opening to the report day, adding up to the seed's figures."""
    days = {}
    for (year, month), visits in MONTHLY_VISITS.items():
        first = datetime.date(year, month, 1)
        month_days = [
            first + datetime.timedelta(days=offset)
            for offset in range(31)
            if (first + datetime.timedelta(days=offset)).month == month
            and first + datetime.timedelta(days=offset) <= REPORT_DAY
        ]
        # Fewer readers at the weekend, and a day-to-day jitter.
        weights = [(0.55 if day.weekday() >= 5 else 1.0) * rng.uniform(0.7, 1.3) for day in month_days]
        days.update(zip(month_days, split(visits, weights), strict=True))
    return days


def load_key_figures_page(home):
    page, _created = get_or_create_child_page(
        home,
        KeyFiguresPage,
        "chiffres-cles",
        title="Chiffres clés",
        show_in_menus=True,
        introduction=KEY_FIGURES_INTRODUCTION,
    )
    return page


@transaction.atomic
def load_demo_visits(home):
    """The « Chiffres clés » page, and daily visit counts from the opening to 6 December 2012.

    Idempotent: the 2012 counts are replaced by the same deterministic ones (fixed seed);
    counts recorded since, by real visits, are left alone."""
    load_key_figures_page(home)
    rng = random.Random(2012)
    daily_visits = demo_daily_visits(rng)
    # The pages read by the demo visitors: the home page first, then the site's sections.
    pages = [home, *Page.objects.child_of(home).live().public().order_by("path")]
    page_weights = [6.0] + [rng.uniform(0.5, 3.0) for _page in pages[1:]]
    site_rows, page_rows = [], []
    for day, visits in sorted(daily_visits.items()):
        views = round(visits * rng.uniform(1.8, 2.6))
        site_rows.append(DailySiteVisits(date=day, visits=visits, views=views))
        for page, page_views in zip(pages, split(views, page_weights), strict=True):
            if page_views:
                page_visits = max(1, round(page_views * rng.uniform(0.6, 0.9)))
                page_rows.append(DailyPageViews(date=day, page=page, visits=page_visits, views=page_views))
    DailySiteVisits.objects.filter(date__range=(OPENING, REPORT_DAY)).delete()
    DailyPageViews.objects.filter(date__range=(OPENING, REPORT_DAY)).delete()
    DailySiteVisits.objects.bulk_create(site_rows)
    DailyPageViews.objects.bulk_create(page_rows)
    return (
        f"Visits: {TOTAL_VISITS} from {OPENING:%d/%m/%Y} to {REPORT_DAY:%d/%m/%Y} "
        f"({len(site_rows)} days, {len(page_rows)} page-days); key figures page at /chiffres-cles/"
    )
