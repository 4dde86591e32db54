"""Fragments that every page reads and only the team changes, kept in Django's cache.

Each value is stored beside the « generation » it was computed under; publishing, unpublishing,
moving or deleting a page and editing a snippet, a setting, an image or a document draw a new
generation (`renew`, frontcache/signals.py), which makes every older value a miss. Comments never
renew it: whatever a comment or the clock changes must not be kept here. Values also expire after
FRAGMENT_CACHE_TIMEOUT seconds, which bounds the staleness of what no signal reports.

A cache that fails (Redis down, or hanging until its socket timeout) never fails a page: the
value is computed, and this process stops asking the cache for FRAGMENT_CACHE_RETRY_SECONDS, so
that a hanging Redis costs one socket timeout per process, not one per fragment.
"""

import logging
import secrets
from time import monotonic

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

logger = logging.getLogger(__name__)

GENERATION_KEY = "fragments:generation"
PREFIX = "fragments:"

_unavailable_until = 0.0  # monotonic time before which this process leaves the cache alone


def fragment_cache():
    return caches[getattr(settings, "FRAGMENT_CACHE_ALIAS", "fragments")]


def timeout():
    return int(getattr(settings, "FRAGMENT_CACHE_TIMEOUT", 300))


def enabled():
    """Off in production without a cache shared by every process (REDIS_URL): an edit renews
    the generation of one process's local cache only, and the others would go on showing what
    it changed for FRAGMENT_CACHE_TIMEOUT seconds."""
    return getattr(settings, "FRAGMENT_CACHE_ENABLED", True) and monotonic() >= _unavailable_until


def _failed(action, error):
    global _unavailable_until
    logger.warning("Fragment cache: %s failed (%s); computed without it for a while", action, error)
    _unavailable_until = monotonic() + float(getattr(settings, "FRAGMENT_CACHE_RETRY_SECONDS", 30))


def new_generation():
    # Random rather than incremented: if the generation key is ever evicted, a fresh value can
    # never bring back values computed under an older one.
    return secrets.token_hex(8)


def renew():
    """Make every cached fragment a miss: now, and again when the current transaction commits
    (a request computing between the first renewal and the commit still reads the old data)."""
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump)


def _bump():
    if monotonic() < _unavailable_until:
        return
    try:
        fragment_cache().set(GENERATION_KEY, new_generation(), None)
    except Exception as error:  # noqa: BLE001 - any cache failure: the values expire on their own
        _failed("renewing the generation", error)


def cached(name, compute):
    """`compute()`, cached until the team's next edit or for FRAGMENT_CACHE_TIMEOUT seconds."""
    return cached_many(name, [""], lambda missing: {"": compute()})[""]


def cached_many(prefix, keys, compute):
    """{key: value} for `keys`, each cached as `cached(prefix + str(key), ...)` would, read in one
    round trip: `compute(missing keys)` returns {key: value} for those not cached (or cached
    under an older generation)."""
    keys = list(keys)
    if not enabled():
        return compute(keys)
    cache = fragment_cache()
    names = {PREFIX + prefix + str(key): key for key in keys}
    try:
        found = cache.get_many([GENERATION_KEY, *names])
        current = _generation(cache, found)
    except Exception as error:  # noqa: BLE001
        _failed("lookup", error)
        return compute(keys)
    values, missing = {}, []
    for name, key in names.items():
        entry = found.get(name)
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == current:
            values[key] = entry[1]
        else:
            missing.append(key)
    if missing:
        computed = compute(missing)
        values.update(computed)
        try:
            cache.set_many(
                {PREFIX + prefix + str(key): (current, value) for key, value in computed.items()}, timeout()
            )
        except Exception as error:  # noqa: BLE001
            _failed("store", error)
    return values


def _generation(cache, found):
    """The generation read with the entries (`found`), or a first one drawn now (of two
    processes drawing at once, the first to store it wins)."""
    current = found.get(GENERATION_KEY)
    if current is None:
        current = new_generation()
        if not cache.add(GENERATION_KEY, current, None):
            current = cache.get(GENERATION_KEY) or current
    return current
