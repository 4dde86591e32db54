"""Who is the client, counted without storing an address."""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone


def client_address(request):
    """The client address: REMOTE_ADDR, unless a trusted proxy header is configured.

    Behind one trusted proxy that appends to X-Forwarded-For, the last entry is the one the proxy
    saw; the entries before it are whatever the client sent.
    """
    header = getattr(settings, "DISCUSSION_CLIENT_IP_HEADER", None)
    if header:
        value = request.META.get(header, "")
        candidates = [part.strip() for part in value.split(",") if part.strip()]
        if candidates:
            return candidates[-1]
    return request.META.get("REMOTE_ADDR", "")


def keyed_hash(*parts):
    key = hashlib.sha256(("discussion:" + settings.SECRET_KEY).encode()).digest()
    message = "\x1f".join(str(part) for part in parts).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def visitor_key(request, comment_id):
    """A per-comment fingerprint: same visitor, same comment, same key; nothing reversible stored."""
    if request.user.is_authenticated:
        return keyed_hash("user", request.user.pk, comment_id)
    return keyed_hash("addr", client_address(request), comment_id)


def hit(scope, identity, limit, window_seconds):
    """Count one hit in a fixed time window; True when the limit is exceeded.

    Counters live in the cache only, keyed by a hash: no address reaches the database.
    """
    bucket = int(timezone.now().timestamp()) // window_seconds
    key = "discussion:rl:" + keyed_hash(scope, identity, window_seconds, bucket)
    cache.add(key, 0, timeout=window_seconds + 5)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window_seconds + 5)
        count = 1
    return count > limit


def posting_rate_exceeded(request):
    limits = settings.DISCUSSION_RATE_LIMITS
    address = client_address(request)
    over_minute = hit("post-minute", address, limits["per_minute"], 60)
    over_day = hit("post-day", address, limits["per_day"], 24 * 3600)
    return over_minute or over_day


def confirmation_mails_exceeded(email):
    return hit("confirm-mail", email.strip().lower(), settings.DISCUSSION_CONFIRMATION_MAILS_PER_HOUR, 3600)


def flagging_rate_exceeded(request):
    return hit("flag", client_address(request), settings.DISCUSSION_FLAGS_PER_HOUR, 3600)
