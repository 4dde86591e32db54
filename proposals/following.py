"""Following a proposal by email: signed links and the mails (the blog's way, questions/subscriptions.py).

Links carry the follower's id and a keyed digest of the address, signed with SECRET_KEY: nothing
is stored to check them, and the address never appears in a URL. Unsubscribe links never expire.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from hardening import ratelimit
from questions.models import normalize_email
from questions.subscriptions import LinkExpired, LinkInvalid, confirm_max_age, header_value

CONFIRM_SALT = "proposals.follower.confirm"
UNSUBSCRIBE_SALT = "proposals.follower.unsubscribe"

__all__ = ["LinkExpired", "LinkInvalid", "confirm_max_age", "normalize_email"]


def follow_rate_limit():
    """(attempts, seconds): at most that many follow requests per client in the window."""
    return getattr(settings, "PROPOSAL_FOLLOW_RATE_LIMIT", (5, 3600))


def allow_follow_attempt(request):
    return not ratelimit.hit(request, "proposal-follow", [follow_rate_limit()])


def confirmation_mail_allowed(email):
    """At most 3 confirmation mails a day to one address, whatever proposal is asked for."""
    per_day = getattr(settings, "SUBSCRIPTION_CONFIRMATION_MAILS_PER_DAY", 3)
    return not ratelimit.hit(None, "proposal-follow-confirmation-mail", [(per_day, 24 * 3600)], key=email)


def _email_digest(email):
    return salted_hmac("proposals.follower.email", email).hexdigest()[:20]


def make_token(follower, salt):
    return signing.dumps([follower.pk, _email_digest(follower.email)], salt=salt)


def read_token(token, salt, max_age=None):
    """The follower a link was made for; raises LinkExpired, LinkInvalid or DoesNotExist."""
    from proposals.models import ProposalFollower

    try:
        follower_id, digest = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise LinkInvalid from error
    follower = ProposalFollower.objects.select_related("proposal").filter(pk=follower_id).first()
    if follower is None or not constant_time_compare(str(digest), _email_digest(follower.email)):
        raise ProposalFollower.DoesNotExist
    return follower


def link(name, follower, salt, base_url):
    return base_url.rstrip("/") + reverse(name, args=[make_token(follower, salt)])


def build_mail(follower, subject, template, context, base_url):
    """A mail to one follower with its one-click unsubscribe link (RFC 2369 and RFC 8058)."""
    unsubscribe = link("proposals:unsubscribe", follower, UNSUBSCRIBE_SALT, base_url)
    body = render_to_string(
        template,
        {
            **context,
            "proposal": follower.proposal,
            "unsubscribe_url": unsubscribe,
            "MISSION_NAME": settings.MISSION_NAME,
        },
    )
    return EmailMultiAlternatives(
        subject=header_value(f"[{settings.MISSION_NAME}] {subject}"),
        body=body,
        to=[follower.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def request_follow(proposal, email, base_url):
    """Hand the wish to the task worker: the request's answer and timing are the same whatever
    the address's state."""
    from proposals.tasks import send_follow_confirmation

    send_follow_confirmation.enqueue(proposal.pk, normalize_email(email), base_url)
