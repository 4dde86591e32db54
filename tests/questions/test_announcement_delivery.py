"""Issue 18, failure 6: a newline in a title made the announcement fail after it was recorded as
sent; nobody was mailed and nothing retried."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from django_tasks import default_task_backend

from questions.models import AnnouncementMail, NotificationSent, Subscriber
from questions.tasks import announce_publication

from .conftest import make_question, make_subscribers
from .test_notifications import publish

REFUSING = "tests.questions.mail_backends.RefusingBackend"


def test_a_newline_in_a_title_does_not_stop_the_announcement(blog, django_capture_on_commit_callbacks):
    make_subscribers(confirmed=2)
    question = make_question(blog, "ligne", "Une question\nsur deux lignes ?", publish=False)
    publish(question, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    assert (
        mail.outbox[0].subject
        == "[Mission culture-acte 2] Nouvelle question : Une question sur deux lignes ?"
    )
    notification = NotificationSent.objects.get(page=question)
    assert notification.completed_at is not None and notification.recipient_count == 2


def subscribers_with_one_refusing():
    make_subscribers(confirmed=2)
    now = timezone.now()
    Subscriber.objects.create(email="refuse@example.org", confirmed_at=now)
    Subscriber.objects.create(email="apres@example.org", confirmed_at=now)


def test_a_failed_mail_is_recorded_shown_and_the_rest_mailed_on_retry(
    admin_client, blog, settings, django_capture_on_commit_callbacks
):
    subscribers_with_one_refusing()
    settings.EMAIL_BACKEND = REFUSING
    question = make_question(blog, "echec", "Une question ?", publish=False)
    publish(question, django_capture_on_commit_callbacks)
    # Those mailed before the failure are recorded as mailed, and only them.
    assert sorted(m.to[0] for m in mail.outbox) == ["confirme0@example.org", "confirme1@example.org"]
    notification = NotificationSent.objects.get(page=question)
    assert notification.completed_at is None and notification.failed_attempts == 1
    assert "SMTPRecipientsRefused" in notification.last_error
    assert sorted(AnnouncementMail.objects.values_list("subscriber__email", flat=True)) == [
        "confirme0@example.org",
        "confirme1@example.org",
    ]
    dashboard = admin_client.get("/admin/").content.decode()
    assert "Annonces aux abonnés en échec" in dashboard and "SMTPRecipientsRefused" in dashboard

    # The server accepts the address again: the retry mails the two left, nobody twice.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    assert announce_publication.call(question.pk) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["apres@example.org", "refuse@example.org"]
    notification.refresh_from_db()
    assert notification.completed_at is not None and notification.recipient_count == 4
    assert "Annonces aux abonnés en échec" not in admin_client.get("/admin/").content.decode()
    assert announce_publication.call(question.pk) == 0


def announcements():
    return [result for result in default_task_backend.results if result.task.name == "announce_publication"]


def test_a_failure_is_retried_by_the_worker_with_a_back_off(
    blog, settings, django_capture_on_commit_callbacks
):
    subscribers_with_one_refusing()
    question = make_question(blog, "reessai", "Une question ?", publish=False)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    publish(question, django_capture_on_commit_callbacks)
    assert len(announcements()) == 1
    assert mail.outbox == []  # nothing leaves inside the publishing request
    default_task_backend.clear()
    settings.EMAIL_BACKEND = REFUSING
    before = timezone.now()
    announce_publication.call(question.pk)
    announce_publication.call(question.pk)
    delays = [result.task.run_after - before for result in announcements()]
    assert len(delays) == 2
    assert datetime.timedelta(seconds=55) < delays[0] < datetime.timedelta(seconds=65)
    assert datetime.timedelta(seconds=115) < delays[1] < datetime.timedelta(seconds=125)


def test_the_failed_announcements_panel_is_only_for_those_allowed_to_see_announcements(
    blog, client, settings, django_capture_on_commit_callbacks
):
    subscribers_with_one_refusing()
    settings.EMAIL_BACKEND = REFUSING
    publish(
        make_question(blog, "echec-visible", "Une question ?", publish=False),
        django_capture_on_commit_callbacks,
    )
    assert NotificationSent.objects.get(page__slug="echec-visible").failed_attempts == 1

    def dashboard_of(group_name):
        user = get_user_model().objects.create_user(f"membre-{len(group_name)}", password="x")
        user.groups.add(Group.objects.get(name=group_name))
        client.force_login(user)
        response = client.get("/admin/")
        assert response.status_code == 200
        return response.content.decode()

    # Comment moderators reach the admin but not the announcements (their errors name addresses).
    assert "Annonces aux abonnés en échec" not in dashboard_of("Modérateurs")
    for publishers in ("Équipe communication", "Publication des pages"):
        html = dashboard_of(publishers)
        assert "Annonces aux abonnés en échec" in html and "SMTPRecipientsRefused" in html
