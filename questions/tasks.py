"""Background work of the blog, run by Django's task framework (a worker in production)."""

from django.core.mail import get_connection
from django.db import transaction
from django_tasks import task
from wagtail.models import Page

from questions.models import NotificationSent, QuestionPage, Subscriber, normalize_email
from questions.subscriptions import build_mail, confirm_url, confirmation_mail_allowed

BATCH_SIZE = 100


@task()
def send_confirmation_mail(email, base_url):
    """Record the wish to subscribe and mail the confirmation link (questions.subscriptions.
    request_subscription). Asking twice finds the same row (unique address, get_or_create recovers
    from a concurrent insert). No mail to a confirmed address, nor beyond the daily cap per
    address; an unsubscribed address gets one only through this form, within the same cap."""
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.get_or_create(email=normalize_email(email))
    if subscriber.state == Subscriber.State.CONFIRMED:
        return 0
    if not confirmation_mail_allowed(subscriber.email):
        return 0
    mail = build_mail(
        subscriber,
        "Confirmez votre abonnement",
        "questions/mails/confirm_subscription.txt",
        {"confirm_url": confirm_url(subscriber, base_url)},
        base_url,
    )
    return mail.send()


@task()
def announce_publication(page_id):
    """Mail every counted subscriber about a newly published question or hearing, one mail each."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None or not page.live:
        return 0
    page = page.specific
    site = page.get_site()
    base_url = site.root_url if site else ""
    kind = "question" if isinstance(page, QuestionPage) else "hearing"
    subject = (
        f"Nouvelle question : {page.title}" if kind == "question" else f"Nouvelle audition : {page.title}"
    )
    context = {"page": page, "page_url": page.get_full_url(), "kind": kind}
    connection = get_connection()
    sent = 0
    batch = []
    for subscriber in (
        Subscriber.objects.counted().order_by("pk").only("pk", "email").iterator(chunk_size=500)
    ):
        batch.append(
            build_mail(subscriber, subject, "questions/mails/new_publication.txt", context, base_url)
        )
        if len(batch) >= BATCH_SIZE:
            sent += connection.send_messages(batch) or 0
            batch = []
    if batch:
        sent += connection.send_messages(batch) or 0
    NotificationSent.objects.filter(page_id=page_id).update(recipient_count=sent)
    return sent
