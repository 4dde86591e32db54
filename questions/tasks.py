"""Background work of the blog, run by Django's task framework (a worker in production)."""

import logging
from datetime import timedelta

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page

from optin.addresses import normalize_email
from questions.models import AnnouncementMail, NotificationSent, QuestionPage, Subscriber
from questions.subscriptions import SUBSCRIBERS

logger = logging.getLogger(__name__)

# Tries of one announcement before it stays failed (about 4 hours of back-off in all).
MAX_ATTEMPTS = 8


def request_subscription(email, base_url):
    """Hand the wish to subscribe to the task worker, which records it and mails the link.

    The request does the same work whatever the address's state (known, confirmed, unsubscribed
    or new): one enqueued task. So neither the answer nor its timing tells who is subscribed."""
    send_confirmation_mail.enqueue(normalize_email(email), base_url)


@task()
def send_confirmation_mail(email, base_url):
    """Record the wish to subscribe and mail the confirmation link (request_subscription). Asking
    twice finds the same row (unique address, get_or_create recovers from a concurrent insert).
    No mail to a confirmed address, nor beyond the daily cap per address; an unsubscribed address
    gets one only through this form, within the same cap."""
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.get_or_create(email=normalize_email(email))
    return SUBSCRIBERS.send_confirmation(
        subscriber, "Confirmez votre abonnement", "questions/mails/confirm_subscription.txt", {}, base_url
    )


def retry_delay(failed_attempts):
    """Seconds before the next try after this many failures: 1, 2, 4... minutes, at most 1 hour."""
    return min(60 * 2 ** (failed_attempts - 1), 3600)


def schedule_retry(page_id, notification):
    """Enqueue the announcement again after a back-off, when the task backend can defer (the
    database backend's worker can; the immediate backend of the tests cannot, and the
    failure then stays on the editors' dashboard until the page is announced again by hand)."""
    if notification.failed_attempts > MAX_ATTEMPTS:
        return None
    if not announce_publication.get_backend().supports_defer:
        return None
    when = timezone.now() + timedelta(seconds=retry_delay(notification.failed_attempts))
    return announce_publication.using(run_after=when).enqueue(page_id)


@task()
def announce_publication(page_id):
    """Mail every counted subscriber about a newly published question or hearing, one mail each.

    Each mail is recorded once it has left (AnnouncementMail); if one fails, the error is kept on
    the announcement (shown on the admin dashboard) and the task is enqueued again with a back-off:
    the next run mails only the subscribers who have not had theirs."""
    notification = NotificationSent.objects.filter(page_id=page_id).first()
    page = Page.objects.filter(pk=page_id).first()
    if notification is None or page is None or not page.live:
        return 0
    page = page.specific
    site = page.get_site()
    base_url = site.root_url if site else ""
    kind = "question" if isinstance(page, QuestionPage) else "hearing"
    subject = (
        f"Nouvelle question : {page.title}" if kind == "question" else f"Nouvelle audition : {page.title}"
    )
    context = {"page": page, "page_url": page.get_full_url(), "kind": kind}
    already_mailed = AnnouncementMail.objects.filter(notification=notification).values("subscriber_id")
    recipients = (
        Subscriber.objects.counted().exclude(pk__in=already_mailed).order_by("pk").only("pk", "email")
    )
    sent = 0
    connection = get_connection()
    try:
        connection.open()
        for subscriber in recipients.iterator(chunk_size=500):
            message = SUBSCRIBERS.build_mail(
                subscriber, subject, "questions/mails/new_publication.txt", context, base_url
            )
            message.connection = connection
            message.send()
            AnnouncementMail.objects.create(notification=notification, subscriber=subscriber)
            sent += 1
    except Exception as error:  # noqa: BLE001 - any failure: kept for the editors, retried later
        logger.warning("Announcement of page %s failed after %s mails", page_id, sent, exc_info=True)
        notification.failed_attempts += 1
        notification.last_error = f"{type(error).__name__}: {error}"[:1000]
        notification.recipient_count = notification.mails.count()
        notification.save(update_fields=["failed_attempts", "last_error", "recipient_count"])
        schedule_retry(page_id, notification)
        return sent
    finally:
        connection.close()
    notification.recipient_count = notification.mails.count()
    notification.completed_at = timezone.now()
    notification.last_error = ""
    notification.save(update_fields=["recipient_count", "completed_at", "last_error"])
    return sent
