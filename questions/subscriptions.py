"""The blog's subscribers as a double opt-in list (optin.addresses), and the switch that publishes
pages without mailing them."""

import contextvars
from contextlib import contextmanager

from optin.addresses import OptInList
from questions.models import Subscriber

SUBSCRIBERS = OptInList(
    "questions.subscriber",
    rows=Subscriber.objects.all,
    confirm_url_name="questions:subscription_confirm",
    unsubscribe_url_name="questions:unsubscribe",
    attempts=("SUBSCRIBE_RATE_LIMIT", (5, 3600)),
    attempt_bucket="subscribe",
    mail_bucket="subscription-confirmation-mail",
)

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
