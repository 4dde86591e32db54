"""Counting searches for the admin's « Termes de recherche » report
(wagtail.contrib.search_promotions), buffered per process.

`Query.get(text).add_hit()` takes three or four queries (get or create the query, get or create
the day's row, update it): more than some searches. Each process therefore adds its
searches up in memory and writes them every SEARCH_HITS_FLUSH_SECONDS (the first search or
request finished after that), and when it exits, each query's count of the day at once, in one
transaction. A process killed outright loses at most that many seconds of counts; with
SEARCH_HITS_FLUSH_SECONDS = 0 each search is written at once.
"""

import atexit
import logging
import threading
from collections import Counter
from time import monotonic

from django.conf import settings
from django.core.signals import request_finished
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

logger = logging.getLogger(__name__)

_pending = Counter()  # (query string, date) -> searches not written yet
_lock = threading.Lock()
_last_flush = monotonic()


def flush_interval():
    return float(getattr(settings, "SEARCH_HITS_FLUSH_SECONDS", 10))


def record_search(text, date=None):
    """Add one hit for the query `text` (normalised as Query.get does) on `date` (today)."""
    key = (normalise_query_string(text), date or timezone.now().date())
    with _lock:
        _pending[key] += 1
    flush_if_due()


def flush_if_due(**_signal_kwargs):
    interval = flush_interval()
    if _pending and (interval <= 0 or monotonic() - _last_flush >= interval):
        flush()


def flush():
    """Write the searches counted in this process. If the database refuses them, they stay
    pending for the next flush."""
    global _last_flush
    with _lock:
        taken = dict(_pending)
        _pending.clear()
        _last_flush = monotonic()
    if not taken:
        return
    try:
        write(taken)
    except Exception:
        logger.exception("Search terms: %d searches could not be counted yet", sum(taken.values()))
        with _lock:
            _pending.update(taken)


def pending():
    """Searches counted in this process and not written yet, {(query string, date): hits}."""
    with _lock:
        return dict(_pending)


def write(counts):
    """Add {(query string, date): hits} to the report's tables, through Wagtail's models: what
    `Query.get(text).add_hit(date)` does, with the day's count added at once instead of one hit
    at a time."""
    with transaction.atomic():
        for (query_string, date), count in sorted(counts.items()):
            daily, _created = QueryDailyHits.objects.get_or_create(query=Query.get(query_string), date=date)
            QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + count)


request_finished.connect(flush_if_due, dispatch_uid="search-hits-flush")
atexit.register(flush)
