from django.db import transaction

from questions.models import NotificationSent, Subscriber, normalize_email
from questions.subscriptions import publication_mails_are_suspended


def announce_first_publication(sender, instance, **kwargs):
    """page_published handler for questions and hearings: the first publication is recorded and
    announced; later ones find the record and mail no one."""
    from questions.tasks import announce_publication

    _, created = NotificationSent.objects.get_or_create(page_id=instance.pk)
    if created and not publication_mails_are_suspended():
        page_id = instance.pk
        # After commit: no mail about a publication that gets rolled back.
        transaction.on_commit(lambda: announce_publication.enqueue(page_id))


def erase_subscription(sender, email, **kwargs):
    """discussion's personal_data_erased: an erasure request also ends the address's subscription
    (its row and the record of the mails it was sent)."""
    Subscriber.objects.filter(email=normalize_email(email)).delete()
