"""Who is the client, counted without storing an address."""

import hashlib
import hmac

from django.conf import settings

from hardening import ratelimit
from hardening.client import client_key


def keyed_hash(*parts):
    key = hashlib.sha256(("discussion:" + settings.SECRET_KEY).encode()).digest()
    message = "\x1f".join(str(part) for part in parts).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def visitor_key(request, comment_id):
    """A per-comment fingerprint: same visitor, same comment, same key; nothing reversible stored."""
    if request.user.is_authenticated:
        return keyed_hash("user", request.user.pk, comment_id)
    return keyed_hash("addr", client_key(request), comment_id)


def posting_rate_exceeded(request):
    limits = settings.DISCUSSION_RATE_LIMITS
    return ratelimit.hit(
        request, "comment-post", [(limits["per_minute"], 60), (limits["per_day"], 24 * 3600)]
    )


def confirmation_mails_exceeded(email):
    """Count one confirmation mail to `email`; True once over the cap of a day (24 hours)."""
    limit = settings.DISCUSSION_CONFIRMATION_MAILS_PER_DAY
    return ratelimit.hit(None, "comment-confirmation-mail", [(limit, 24 * 3600)], key=email.strip().lower())


def flagging_rate_exceeded(request):
    return ratelimit.hit(request, "comment-flag", [(settings.DISCUSSION_FLAGS_PER_HOUR, 3600)])


def liking_rate_exceeded(request):
    return ratelimit.hit(request, "comment-like", [(settings.DISCUSSION_FLAGS_PER_HOUR * 5, 3600)])
