"""Issue 18, failure 8: on the embedded default (SQLite, `make run`), an editor publishing while the
public browsed got « database is locked » and the 503 page inside the admin.

What `make run` runs, for real: an SQLite file (WAL, IMMEDIATE transactions, busy timeout), Django's
threaded development server and the task worker, with the demo content. Two editors publish a
hearing each, again and again, while ten clients browse and post comments, for LOAD_SECONDS (60):
every request must get its expected answer, and no traceback may reach the server's log.
Runs whatever database the rest of the suite uses (it makes its own SQLite file).
"""

import json
import os
import re
import secrets
import subprocess
import sys
import threading
import time
from collections import Counter
from html import unescape

import pytest
import requests
from wagtail.test.utils.form_data import querydict_from_html

from tests.live_servers import PROJECT_DIR, free_port, manage, stop_process_group, wait_until_answering

LOAD_SECONDS = float(os.environ.get("EMBEDDED_LOAD_SECONDS", "60"))
CLIENTS = 10
EDITORS = 2
# Below the per-client comment limit (DISCUSSION_RATE_LIMITS: 5 a minute): every post must pass.
COMMENT_EVERY_SECONDS = 13
BROWSED = ["/", "/auditions/", "/la-mission/", "/questions/", "/deplacements/", "/chiffres-cles/"]

FORM_RE = re.compile(r'<form[^>]*action="/commentaires/publier/"[^>]*>(.*?)</form>', re.S)
HIDDEN_RE = re.compile(r"<input\b([^>]*)>", re.S)
ATTR_RE = re.compile(r'(\w[\w-]*)="([^"]*)"')

pytestmark = pytest.mark.xdist_group("embedded-default-load")  # long and busy: one worker
MESSAGE_RE = re.compile(r'class="[^"]*(?:error|alert|help-critical|messages)[^"]*"[^>]*>(.{0,300}?)</', re.S)


def messages_in(html):
    """The error and alert texts of a page, for a failure's report."""
    return " | ".join(" ".join(unescape(text).split()) for text in MESSAGE_RE.findall(html))[:400]


def embedded_environment(base):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "REDIS_COUNTERS_URL", "SEARCH_URL", "TASKS_BACKEND"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="mission_site.settings.dev",  # what `make run` uses
        DATABASE_URL=f"sqlite:///{base / 'site.sqlite3'}",
        MEDIA_ROOT=str(base / "media"),
        # One address per client (X-Forwarded-For), as many people behind their own addresses.
        TRUSTED_PROXY_COUNT="1",
    )
    return environment


def start(environment, log_path, *args):
    log = open(log_path, "w")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    process.log = log
    return process


def stop(process):
    stop_process_group(process)
    process.log.close()


class Site:
    def __init__(self, url):
        self.url = url

    def session(self, address):
        session = requests.Session()
        session.headers["X-Forwarded-For"] = address
        return session

    def comment_form(self, session, path):
        """The comment form's hidden fields (CSRF token included) of the page at `path`, or None."""
        page = session.get(self.url + path, timeout=60)
        found = FORM_RE.search(page.text)
        if page.status_code != 200 or not found:
            return None
        fields = {}
        for attributes in HIDDEN_RE.findall(found.group(1)):
            attrs = dict(ATTR_RE.findall(attributes))
            if attrs.get("type") == "hidden" and "name" in attrs:
                fields[attrs["name"]] = unescape(attrs.get("value", ""))
        if not fields.get("csrfmiddlewaretoken"):
            # An anonymous visitor's page carries none: its script asks for the visitor's own.
            token_url = unescape(re.search(r'data-jeton-url="([^"]+)"', page.text).group(1))
            fields["csrfmiddlewaretoken"] = session.get(self.url + token_url, timeout=60).json()["jeton"]
        return fields

    def log_in(self, session, username, password):
        login = session.get(self.url + "/admin/login/", timeout=60)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
        response = session.post(
            self.url + "/admin/login/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password},
            headers={"Referer": self.url + "/admin/login/"},
            allow_redirects=False,
            timeout=60,
        )
        assert response.status_code == 302, response.text[-2000:]


def hearing_pages(environment):
    """Two hearings for the editors and one whose comment form is open, as (id, url) pairs."""
    script = (
        "import json; from hearings.models import HearingPage; "
        "print(json.dumps([[p.pk, p.url] for p in HearingPage.objects.live().order_by('pk')]))"
    )
    return json.loads(manage(environment, "shell", "-c", script).strip().splitlines()[-1])


@pytest.fixture
def embedded_site(tmp_path):
    environment = embedded_environment(tmp_path)
    manage(environment, "migrate", "--noinput")
    load = {**environment, "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    manage(load, "load_demo_content", "--site", "127.0.0.1:8000")
    password = secrets.token_urlsafe(12)
    script = "from django.contrib.auth import get_user_model; User = get_user_model(); " + "; ".join(
        f"User.objects.create_superuser('editrice{n}', 'editrice{n}@example.org', '{password}')"
        for n in range(EDITORS)
    )
    manage(environment, "shell", "-c", script)
    pages = hearing_pages(environment)
    port = free_port()
    server = start(environment, tmp_path / "server.log", "runserver", "--noreload", f"127.0.0.1:{port}")
    worker = start(environment, tmp_path / "worker.log", "db_worker", "--no-reload")
    try:
        site = Site(f"http://127.0.0.1:{port}")
        wait_until_answering(server, site.url + "/", tmp_path / "server.log", "runserver", expected=200)
        site.password, site.pages = password, pages
        site.logs = (tmp_path / "server.log", tmp_path / "worker.log")
        yield site
    finally:
        stop(server)
        stop(worker)


def test_two_editors_publish_while_ten_clients_browse_and_comment(embedded_site):
    site = embedded_site
    outcomes = Counter()  # (what, status)
    failures = []
    lock = threading.Lock()

    def record(what, status, expected, detail=""):
        with lock:
            outcomes[(what, status)] += 1
            if status != expected:
                failures.append(f"{what}: {status} (expected {expected}) {detail}"[:500])

    # The pages whose comment form is open, found before the clock starts.
    probe = site.session("10.9.9.9")
    commentable = []
    for _, url in site.pages:
        if len(commentable) < 3 and site.comment_form(probe, url):
            commentable.append(url)
    assert commentable, "no hearing of the demo content takes comments"
    edited = [page_id for page_id, url in site.pages if url not in commentable][-EDITORS:]
    assert len(edited) == EDITORS

    def reporting(work):
        def run(number):
            try:
                work(number)
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                record(work.__name__, repr(error), "no exception")

        return run

    def client(number):
        session = site.session(f"10.0.0.{number + 1}")
        next_comment = time.monotonic() + number % COMMENT_EVERY_SECONDS
        posted = 0
        while time.monotonic() < deadline:
            path = BROWSED[(number + posted) % len(BROWSED)]
            record("browse", session.get(site.url + path, timeout=60).status_code, 200, path)
            if time.monotonic() >= next_comment:
                path = commentable[(number + posted) % len(commentable)]
                fields = site.comment_form(session, path)
                record("comment form", 200 if fields else "none", 200, path)
                if fields:
                    data = {
                        **fields,
                        "name": f"Lectrice {number}",
                        "email": f"lectrice{number}-{posted}@example.org",
                        "comment": f"Un avis numéro {posted} de la lectrice {number} pendant la charge.",
                        "honeypot": "",
                    }
                    response = session.post(
                        site.url + "/commentaires/publier/",
                        data,
                        headers={"Referer": site.url + path},
                        allow_redirects=False,
                        timeout=60,
                    )
                    # Sent: the page that says a confirmation link was mailed.
                    sent = response.status_code == 200 and "Un message vient d’être envoyé" in response.text
                    record(
                        "comment",
                        response.status_code if not sent else "sent",
                        "sent",
                        messages_in(response.text),
                    )
                posted += 1
                next_comment += COMMENT_EVERY_SECONDS

    def editor(number):
        session = site.session(f"10.1.0.{number + 1}")
        site.log_in(session, f"editrice{number}", site.password)
        edit_url = f"{site.url}/admin/pages/{edited[number]}/edit/"
        version = 0
        while time.monotonic() < deadline:
            form = session.get(edit_url, timeout=60)
            record("edit form", form.status_code, 200)
            if form.status_code != 200:
                continue
            data = querydict_from_html(form.text, form_id="page-edit-form")
            data["csrfmiddlewaretoken"] = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)[
                1
            ]
            data["title"] = f"Audition publiée {version} par l’éditrice {number}"
            data.setdefault("body-count", "0")
            data["action-publish"] = "action-publish"
            response = session.post(
                edit_url, data, headers={"Referer": edit_url}, allow_redirects=False, timeout=60
            )
            record("publish", response.status_code, 302, messages_in(response.text) or response.text[:600])
            version += 1
        with lock:
            outcomes[("last version", number)] = version - 1

    deadline = time.monotonic() + LOAD_SECONDS
    threads = [threading.Thread(target=reporting(client), args=(n,)) for n in range(CLIENTS)]
    threads += [threading.Thread(target=reporting(editor), args=(n,)) for n in range(EDITORS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=LOAD_SECONDS + 120)
    elapsed = time.monotonic() - started
    assert not any(thread.is_alive() for thread in threads)

    totals = Counter()
    for (what, _status), count in outcomes.items():
        if what != "last version":
            totals[what] += count
    print(  # shown with -rP / in the CI log
        f"\nembedded default under load: {elapsed:.0f} s, {sum(totals.values())} requests "
        f"({dict(totals)}), {len(failures)} errors"
    )
    assert failures == [], failures[:20]
    assert totals["publish"] >= 2 * EDITORS and totals["comment"] >= CLIENTS
    # Each editor's last publication is what the public sees.
    for number, page_id in enumerate(edited):
        title = f"Audition publiée {outcomes[('last version', number)]} par l’éditrice {number}"
        url = dict(site.pages)[page_id]
        assert title in requests.get(site.url + url, timeout=30).text.replace("&#x27;", "’")
    for log_path in site.logs:
        assert "Traceback" not in log_path.read_text(), log_path.read_text()[-3000:]
