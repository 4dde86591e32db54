"""Times the editor's publish request of a new question with 1 and with 10,000 confirmed
subscribers: the request only queues the announcement (django-tasks' database backend), so both
must take the same time. Run by `bench/publish`.

Each publication goes through the real admin view (`POST /admin/pages/<id>/edit/` with
`action-publish`, Django's test client: middleware, form, revision, Wagtail's publish action and
its signals). `--immediate` also times the old way, the mails sent inside the request (the
immediate task backend, mails to Django's in-memory outbox: no mail server's time counted).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from benchdb import cpu_model, ensure_database

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_publish"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000, help="the large list (10,000)")
    parser.add_argument("--publications", type=int, default=5, help="publications timed per case")
    parser.add_argument("--immediate", action="store_true", help="also time mails sent in the request")
    parser.add_argument("--rebuild", action="store_true", help="drop the bench database first")
    return parser.parse_args(argv)


def set_subscribers(count):
    from django.utils import timezone

    from questions.models import Subscriber

    Subscriber.objects.all().delete()
    now = timezone.now()
    Subscriber.objects.bulk_create(
        [Subscriber(email=f"abonne{n}@bench.invalid", confirmed_at=now) for n in range(count)],
        batch_size=2000,
    )


def publish_once(client, index, number, label):
    """Create a draft question, then time the admin's publish request for it (seconds)."""
    from wagtail.test.utils.form_data import querydict_from_html

    from questions.models import QuestionPage

    question = QuestionPage(
        slug=f"banc-{label}-{number}-{time.monotonic_ns()}",
        title=f"Question du banc d’essai {label} {number}",
        introduction="Une question pour mesurer la publication.",
        theme=QuestionPage.Theme.PRACTICES,
        live=False,
    )
    index.add_child(instance=question)
    edit_url = f"/admin/pages/{question.pk}/edit/"
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    data["body-count"] = "0"  # drawn by the admin's JavaScript
    data["action-publish"] = "action-publish"
    started = time.perf_counter()
    response = client.post(edit_url, data)
    elapsed = time.perf_counter() - started
    if response.status_code != 302:
        sys.exit(f"publish of {question.title}: {response.status_code}")
    return elapsed


def measure(client, index, subscribers, publications, tasks, label):
    from django.core import mail
    from django.test import override_settings
    from django_tasks_db.models import DBTaskResult

    set_subscribers(subscribers)
    with override_settings(TASKS=tasks, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        mail.outbox = []
        publish_once(client, index, 0, label)  # warm-up, not counted
        mail.outbox = []
        times = [publish_once(client, index, n + 1, label) for n in range(publications)]
        mails = len(mail.outbox)
    DBTaskResult.objects.all().delete()  # the queued announcements: no worker runs them here
    return times, mails


def main(argv=None):
    options = parse_arguments(argv)
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url, options.rebuild)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "mission_site.settings.dev"
    os.environ.setdefault("TASKS_BACKEND", DATABASE_TASKS["default"]["BACKEND"])
    if str(BASE_DIR) not in sys.path:
        sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from home.demo import get_or_create_child_page, load_mission_pages
    from questions.models import QuestionIndexPage

    setup_test_environment()  # the test client's ALLOWED_HOSTS, the in-memory outbox
    call_command("migrate", "--noinput", verbosity=0)
    home, _ = load_mission_pages()
    index, _ = get_or_create_child_page(
        home, QuestionIndexPage, "questions", title="Le blog participatif", introduction="Les questions."
    )
    User = get_user_model()
    editor = User.objects.filter(username="banc-editrice").first() or User.objects.create_superuser(
        "banc-editrice", "banc-editrice@bench.invalid", None
    )
    client = Client()
    client.force_login(editor)

    cases = [("queued", DATABASE_TASKS)] + (
        [("in the request", IMMEDIATE_TASKS)] if options.immediate else []
    )
    print(
        f"bench/publish: {options.publications} publications per case, {cpu_model()}, "
        f"load {os.getloadavg()[0]:.2f}"
    )
    print(f"{'mails':<16} {'subscribers':>11} {'median':>9} {'max':>9} {'mails sent in the requests':>27}")
    for label, tasks in cases:
        for subscribers in (1, options.subscribers):
            times, mails = measure(client, index, subscribers, options.publications, tasks, label.split()[0])
            print(
                f"{label:<16} {subscribers:>11,} {statistics.median(times) * 1000:>7.0f} ms "
                f"{max(times) * 1000:>6.0f} ms {mails:>27,}"
            )


if __name__ == "__main__":
    main()
