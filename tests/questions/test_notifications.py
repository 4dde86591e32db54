import datetime

from django.core import mail
from django.utils import timezone

from hearings.models import HearingIndexPage, HearingPage
from home.demo import get_or_create_child_page
from questions.models import NotificationSent, Subscriber
from questions.subscriptions import publication_mails_suspended

from .conftest import make_question, make_subscribers


def publish(page, django_capture_on_commit_callbacks):
    # Mails leave once the publication is committed: run those callbacks as a commit would.
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def test_a_new_question_mails_each_confirmed_subscriber_once(blog, django_capture_on_commit_callbacks):
    make_subscribers(confirmed=3, pending=2, unsubscribed=2)
    question = make_question(blog, "nouvelle", "Faut-il une nouvelle question ?", publish=False)
    assert mail.outbox == []

    publish(question, django_capture_on_commit_callbacks)
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["confirme0@example.org", "confirme1@example.org", "confirme2@example.org"]
    message = mail.outbox[0]
    assert message.subject == "[Mission culture-acte 2] Nouvelle question : Faut-il une nouvelle question ?"
    assert "http://localhost/questions/nouvelle/" in message.body
    assert "Se désabonner : http://localhost/abonnement/desabonnement/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://localhost/abonnement/desabonnement/")
    # Each subscriber gets a link of their own.
    assert len({m.extra_headers["List-Unsubscribe"] for m in mail.outbox}) == 3
    assert NotificationSent.objects.get(page=question).recipient_count == 3

    # Re-publishing (an edit, a correction) mails no one.
    mail.outbox.clear()
    question.title = "Faut-il vraiment une nouvelle question ?"
    publish(question, django_capture_on_commit_callbacks)
    question.unpublish()
    publish(question, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert NotificationSent.objects.filter(page=question).count() == 1


def test_the_notice_unsubscribe_link_works(client, blog, django_capture_on_commit_callbacks):
    make_subscribers(confirmed=1)
    publish(make_question(blog, "q", "Une question ?", publish=False), django_capture_on_commit_callbacks)
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://localhost")
    assert client.get(link).status_code == 200
    assert Subscriber.objects.counted().count() == 1  # a GET (a mail scanner's) unsubscribes no one
    assert client.post(link, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert Subscriber.objects.counted().count() == 0


def test_a_scanner_fetching_the_unsubscribe_link_stops_no_mail(
    client, blog, django_capture_on_commit_callbacks
):
    make_subscribers(confirmed=1)
    publish(make_question(blog, "q1", "Une question ?", publish=False), django_capture_on_commit_callbacks)
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://localhost")
    assert client.get(link).status_code == 200
    mail.outbox.clear()
    publish(
        make_question(blog, "q2", "Une autre question ?", publish=False), django_capture_on_commit_callbacks
    )
    assert [message.to for message in mail.outbox] == [["confirme0@example.org"]]


def test_a_new_hearing_mails_subscribers_too(mission_site, django_capture_on_commit_callbacks):
    home, _ = mission_site
    make_subscribers(confirmed=2, pending=1)
    index, _ = get_or_create_child_page(home, HearingIndexPage, "auditions", title="Auditions")
    hearing = HearingPage(
        title="Audition de la SACEM",
        slug="sacem",
        hearing_date=timezone.make_aware(datetime.datetime(2012, 10, 3, 10, 0)),
        summary="La société des auteurs a présenté ses propositions.",
    )
    index.add_child(instance=hearing)
    publish(hearing, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == ["confirme0@example.org", "confirme1@example.org"]
    assert mail.outbox[0].subject == "[Mission culture-acte 2] Nouvelle audition : Audition de la SACEM"
    assert "La société des auteurs a présenté ses propositions." in mail.outbox[0].body
    mail.outbox.clear()
    publish(hearing, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_other_pages_and_suspended_publications_mail_no_one(
    blog, mission_site, django_capture_on_commit_callbacks
):
    _, pages = mission_site
    make_subscribers(confirmed=2)
    publish(pages["la-mission"], django_capture_on_commit_callbacks)
    assert mail.outbox == []

    question = make_question(blog, "demo", "Une question de démonstration ?", publish=False)
    with publication_mails_suspended():
        publish(question, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    # Recorded all the same: publishing it again later is no news either.
    publish(question, django_capture_on_commit_callbacks)
    assert mail.outbox == []
