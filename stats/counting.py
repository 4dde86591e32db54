"""Cookie-less audience measurement.

How a visitor is told apart without identifying anyone: for each page view, an HMAC-SHA256 of the
address is computed with a random salt drawn for the current day and kept only in the cache. The
digest serves as a cache key (« seen today ») that expires at the end of the day; the salt
expires with it, so yesterday's digests cannot be recomputed or linked to today's. The database
only ever receives daily totals (stats.models). The address is the client as the rate limits see
it (hardening.client.client_key: an IPv6 /64 is one client). The user agent is left out of the
digest: one address sending views under many user agents is still one visitor, who adds at most one visit a
day to the site and to each page (people sharing an address count as one).

The counting entry point, `count_hit(request, page_id)`, is called by the page-view beacon
(stats/beacon.py), which every public page's script posts to: pages served by a cache in front
of the site are counted too. Visitors without JavaScript are not counted.
"""

import hashlib
import hmac
import logging
import re
import secrets
from contextlib import nullcontext
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.utils import timezone

from hardening.client import client_key
from stats.models import DailyPageViews, DailySiteVisits

logger = logging.getLogger(__name__)

# Crawlers, link previewers, monitoring probes and command-line clients announce themselves.
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|scrap|fetch|curl|wget|python|java/|go-http|httpclient|okhttp|axios|"
    r"headless|phantom|lighthouse|pagespeed|gtmetrix|pingdom|uptime|monitor|check|preview|"
    r"facebookexternalhit|embedly|quora|whatsapp|telegram|discord|slack|validator|feed|rss|"
    r"archive|ia_archiver|mediapartners|yandex|baidu|semrush|ahrefs|mj12|dotbot|petalbot|bytespider",
    re.IGNORECASE,
)


def stats_cache():
    return caches[getattr(settings, "STATS_CACHE_ALIAS", "default")]


def is_countable_beacon(request):
    """Whether a beacon is a person's browser reading a public page."""
    user_agent = request.headers.get("User-Agent", "")
    if not user_agent or BOT_USER_AGENT.search(user_agent):
        return False
    user = getattr(request, "user", None)
    # The team reads the site logged in; the public has no accounts.
    return not (user is not None and user.is_authenticated)


def seconds_until_end_of_day(now):
    tomorrow = datetime.combine(now.date() + timedelta(days=1), time.min, tzinfo=now.tzinfo)
    return max(int((tomorrow - now).total_seconds()), 1) + 60


def visitor_digest(request, day, cache, timeout):
    """The visitor's digest for `day`: unlinkable to the address once the day's salt is gone."""
    salt = cache.get_or_set(f"stats:salt:{day.isoformat()}", secrets.token_hex(32), timeout)
    message = client_key(request).encode()
    return hmac.new(salt.encode(), message, hashlib.sha256).hexdigest()


def count_hit(request, page_id=None):
    """Count one view (and a visit when the visitor is new today) of the site and of the page."""
    now = timezone.localtime()
    day = now.date()
    cache = stats_cache()
    timeout = seconds_until_end_of_day(now)
    digest = visitor_digest(request, day, cache, timeout)
    # cache.add is atomic: of two simultaneous first views, only one is a visit.
    new_site_visit = cache.add(f"stats:seen:{day.isoformat()}:{digest}", 1, timeout)
    new_page_visit = page_id is not None and cache.add(
        f"stats:seen:{day.isoformat()}:{page_id}:{digest}", 1, timeout
    )
    record_counts(day, page_id, int(new_site_visit), int(new_page_visit))


def _upsert(model, keys):
    """SQL adding one view and %s visits to the row of `keys` (parameters), created when missing.

    `INSERT … ON CONFLICT DO UPDATE` (PostgreSQL, SQLite) is atomic: of two requests creating the
    row, the second adds to it; concurrent ones each add their own."""
    table = model._meta.db_table
    columns = ", ".join([*keys, "visits", "views"])
    values = ", ".join(["%s"] * (len(keys) + 1) + ["1"])
    return (
        f"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT ({', '.join(keys)}) "  # noqa: S608 - names only
        f"DO UPDATE SET visits = {table}.visits + excluded.visits, views = {table}.views + 1"
    )


SITE_UPSERT = _upsert(DailySiteVisits, ["date"])
PAGE_UPSERT = _upsert(DailyPageViews, ["date", "page_id"])


def record_counts(day, page_id, site_visits, page_visits):
    """Add a view and the visits to the day's totals of the site and of the page: on PostgreSQL in
    one statement (one round trip, one commit), elsewhere in one transaction. Inside a caller's
    transaction, a savepoint keeps a failed count from aborting it."""
    single = page_id is None or connection.vendor == "postgresql"
    atomic = transaction.atomic() if connection.in_atomic_block or not single else nullcontext()
    with atomic, connection.cursor() as cursor:
        if page_id is None:
            cursor.execute(SITE_UPSERT, [day, site_visits])
        elif connection.vendor == "postgresql":
            cursor.execute(
                f"WITH site AS ({SITE_UPSERT} RETURNING 1) {PAGE_UPSERT}",
                [day, site_visits, day, page_id, page_visits],
            )
        else:
            cursor.execute(SITE_UPSERT, [day, site_visits])
            cursor.execute(PAGE_UPSERT, [day, page_id, page_visits])


def count_hit_safely(request, page_id=None):
    """Count a hit, but never let counting fail the page it counts."""
    try:
        count_hit(request, page_id)
    except Exception:
        # A cache or database outage loses a count, not a page.
        logger.exception("Visit counting failed for %s", request.path)
        return False
    return True
