"""Subscribing by email: signed links, the mails, and the limit on attempts.

Links carry the subscriber's id and a keyed digest of the address, signed with SECRET_KEY: nothing
is stored to check them, the address never appears in a URL, and a link stops working if the row
is deleted and its id reused by someone else.
"""

import contextvars
from contextlib import contextmanager

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from hardening import ratelimit
from questions.models import Subscriber, normalize_email

CONFIRM_SALT = "questions.subscriber.confirm"
UNSUBSCRIBE_SALT = "questions.subscriber.unsubscribe"


def confirm_max_age():
    """Seconds a confirmation link works. Unsubscribe links never expire, so that every mail ever
    sent keeps its way out."""
    return getattr(settings, "SUBSCRIPTION_CONFIRM_MAX_AGE", 3 * 24 * 3600)


def subscribe_rate_limit():
    """(attempts, seconds): at most that many subscribe attempts per client address per window."""
    return getattr(settings, "SUBSCRIBE_RATE_LIMIT", (5, 3600))


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


def _email_digest(email):
    return salted_hmac("questions.subscriber.email", email).hexdigest()[:20]


def make_token(subscriber, salt):
    return signing.dumps([subscriber.pk, _email_digest(subscriber.email)], salt=salt)


def read_token(token, salt, max_age=None):
    """The subscriber a link was made for. Raises LinkExpired, LinkInvalid, or
    Subscriber.DoesNotExist when the subscriber has been deleted since."""
    try:
        subscriber_id, digest = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise LinkInvalid from error
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or not constant_time_compare(digest, _email_digest(subscriber.email)):
        raise Subscriber.DoesNotExist
    return subscriber


def confirm_url(subscriber, base_url):
    path = reverse("questions:subscription_confirm", args=[make_token(subscriber, CONFIRM_SALT)])
    return base_url.rstrip("/") + path


def unsubscribe_url(subscriber, base_url):
    path = reverse("questions:unsubscribe", args=[make_token(subscriber, UNSUBSCRIBE_SALT)])
    return base_url.rstrip("/") + path


def header_value(text):
    """`text` on one line: a newline in a header (a page title typed or imported with one) makes
    Django refuse the whole mail (BadHeaderError)."""
    return " ".join(str(text).split())


def build_mail(subscriber, subject, template, context, base_url):
    """A mail to one subscriber, with its unsubscribe link in the text and the headers (RFC 2369,
    and RFC 8058's one-click POST, which mail clients show as a « Se désabonner » button)."""
    link = unsubscribe_url(subscriber, base_url)
    body = render_to_string(
        template,
        {**context, "unsubscribe_url": link, "MISSION_NAME": settings.MISSION_NAME},
    )
    return EmailMultiAlternatives(
        subject=header_value(f"[{settings.MISSION_NAME}] {subject}"),
        body=body,
        to=[subscriber.email],
        headers={"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )


def request_subscription(email, base_url):
    """Hand the wish to subscribe to the task worker, which records it and mails the link.

    The request does the same work whatever the address's state (known, confirmed, unsubscribed
    or new): one enqueued task. So neither the answer nor its timing tells who is subscribed."""
    from questions.tasks import send_confirmation_mail

    send_confirmation_mail.enqueue(normalize_email(email), base_url)


def confirmation_mails_per_day():
    """At most this many confirmation mails to one address in 24 hours, whoever asks and whatever
    the address's state: the form cannot be used to pester someone."""
    return getattr(settings, "SUBSCRIPTION_CONFIRMATION_MAILS_PER_DAY", 3)


def confirmation_mail_allowed(email):
    """Count one confirmation mail to `email`; False once over the daily cap. Keyed by the
    address only (hardening.ratelimit stores a keyed digest, never the address)."""
    return not ratelimit.hit(
        None, "subscription-confirmation-mail", [(confirmation_mails_per_day(), 24 * 3600)], key=email
    )


def allow_subscribe_attempt(request):
    """Count one attempt from the client's address; False once over the limit."""
    return not ratelimit.hit(request, "subscribe", [subscribe_rate_limit()])


_mails_suspended = contextvars.ContextVar("publication_mails_suspended", default=False)


@contextmanager
def publication_mails_suspended():
    """Publish pages without mailing subscribers (demo content, imports): the pages are still
    recorded as announced, so that re-publishing them later mails no one either."""
    token = _mails_suspended.set(True)
    try:
        yield
    finally:
        _mails_suspended.reset(token)


def publication_mails_are_suspended():
    return _mails_suspended.get()
