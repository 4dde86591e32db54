"""Issue 18, failures 2 and 7: the subscribe form mailed a third party without bound, and answered
faster for a confirmed address."""

from django.core import mail
from django.test import Client
from django_tasks import default_task_backend

from questions.models import Subscriber
from tests.questions.test_subscriptions import confirm, subscribe, unsubscribe

VICTIM = "tiers@example.org"


def test_three_confirmation_mails_per_address_a_day_whatever_the_client(blog, settings):
    settings.SUBSCRIBE_RATE_LIMIT = (5, 3600)
    for address in ("192.0.2.1", "192.0.2.2", "2001:db8:5::1"):
        for _ in range(5):
            assert subscribe(Client(REMOTE_ADDR=address), VICTIM).status_code == 302
    assert [message.to for message in mail.outbox] == [[VICTIM]] * 3
    # Other addresses are not held back.
    subscribe(Client(REMOTE_ADDR="192.0.2.9"), "autre@example.org")
    assert mail.outbox[-1].to == ["autre@example.org"]


def test_an_unsubscribed_address_is_mailed_again_only_within_the_same_cap(client, blog):
    subscribe(client, VICTIM)
    confirm(client, mail.outbox[0])
    unsubscribe(client, mail.outbox[0])
    assert Subscriber.objects.get().state == Subscriber.State.UNSUBSCRIBED
    for number in range(5):
        subscribe(Client(REMOTE_ADDR=f"192.0.2.{number + 1}"), VICTIM)
    # The first mail counts: two more, not five.
    assert len(mail.outbox) == 3


def test_the_same_answer_and_one_enqueued_task_whatever_the_state(client, blog, settings):
    settings.SUBSCRIBE_RATE_LIMIT = (100, 3600)
    subscribe(client, "confirme@example.org")
    confirm(client, mail.outbox[0])
    subscribe(client, "parti@example.org")
    confirm(client, mail.outbox[1])
    unsubscribe(client, mail.outbox[1])
    subscribe(client, "attente@example.org")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    answers = []
    for email in ("confirme@example.org", "parti@example.org", "attente@example.org", "nouveau@example.org"):
        response = subscribe(Client(), email)
        answers.append((response.status_code, response["Location"], response.content))
    assert len(set(answers)) == 1
    enqueued = default_task_backend.results
    assert [result.task.name for result in enqueued] == ["send_confirmation_mail"] * 4
    # Nothing is read or written by the request itself: the new address is recorded by the task.
    assert not Subscriber.objects.filter(email="nouveau@example.org").exists()
