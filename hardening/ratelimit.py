"""Rate limits per client, counted in the counters cache (RATE_LIMIT_CACHE_ALIAS: a Redis that
never evicts in production, locmem otherwise; docs/caching.md).

A limit is a (count, seconds) pair; `hit()` counts one request against every limit of a scope
and says whether any is exceeded. If the cache is unreachable the request is let through: a
broken cache must not take the site down.
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.shortcuts import render
from django.utils.crypto import salted_hmac

from hardening.client import client_key

logger = logging.getLogger(__name__)


def _bucket_key(scope, client, seconds):
    window = int(time.time() // seconds)
    # Keyed: the cache never holds an address or an email, nor a plain hash one could reverse.
    digest = salted_hmac("hardening.ratelimit", f"{scope}:{client}").hexdigest()[:32]
    return f"ratelimit:{scope}:{seconds}:{window}:{digest}"


def hit(request, scope, limits, key=None):
    """Count this request; True when it goes over one of `limits` [(count, seconds), ...].

    Counted per client (hardening.client.client_key), or per `key` when given (an email, say)."""
    client = key or client_key(request)
    cache = caches[getattr(settings, "RATE_LIMIT_CACHE_ALIAS", "default")]
    exceeded = False
    for count, seconds in limits:
        cache_key = _bucket_key(scope, client, seconds)
        try:
            cache.add(cache_key, 0, timeout=seconds)
            current = cache.incr(cache_key)
        except Exception:  # noqa: BLE001 - any cache failure: log it and let the request through
            logger.warning("Rate limit cache unavailable for scope %s", scope, exc_info=True)
            return False
        if current is None:  # a cache that ignores its errors answers None
            return False
        if current > count:
            exceeded = True
    return exceeded


def too_many_requests(request, message=None):
    """The French 429 page."""
    response = render(
        request,
        "429.html",
        {"message": message or "Vous avez envoyé trop de demandes en peu de temps."},
        status=429,
    )
    response["Retry-After"] = "60"
    return response
