"""Issue 18, failure 8: the announcement's mails were sent inside the editor's publish request
(296 mails, 0.8-1.2 s). With the task backend of `make run` and production (the database one),
the publish request only queues the task; the worker sends the mails."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from wagtail.test.utils.form_data import querydict_from_html

from questions.models import AnnouncementMail, NotificationSent

from .conftest import make_question, make_subscribers

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)  # the publication commits, as in the admin, and the worker reads it
def test_the_publish_request_sends_no_mail_the_worker_does(client, blog, settings):
    settings.TASKS = DATABASE_TASKS
    make_subscribers(confirmed=3, pending=1)
    question = make_question(blog, "en-file", "Une question mise en file ?", publish=False)
    editor = get_user_model().objects.create_superuser("editrice", "editrice@example.org", "x")
    client.force_login(editor)
    edit_url = f"/admin/pages/{question.pk}/edit/"
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    data["body-count"] = "0"  # the StreamField's inputs are drawn by the admin's JavaScript
    data["action-publish"] = "action-publish"

    response = client.post(edit_url, data)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.live
    assert mail.outbox == []  # nothing left inside the request
    assert NotificationSent.objects.filter(page=question).exists()
    queued = DBTaskResult.objects.filter(task_path="questions.tasks.announce_publication")
    assert queued.count() == 1 and queued.get().status == "READY"

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "confirme0@example.org",
        "confirme1@example.org",
        "confirme2@example.org",
    ]
    assert queued.get().status == "SUCCESSFUL"
    assert AnnouncementMail.objects.filter(notification__page=question).count() == 3
