"""Times the screens of the Wagtail admin the team uses every day, at national scale.

Run by `bench/admin_screens`. On the bench database (10,000 hearings, 200,000 comments: built
as bench/load builds it when missing), with the production settings (DEBUG off, the hashed static
files), a superuser's requests go through Django's test client: routing, middleware, views,
templates, every SQL query. Each screen is asked once to warm up, then `--repeat` times; the
bench prints the median and the slowest wall time, the median CPU time of this Python process
and the median time of its SQL statements (the steadier figures on a loaded machine), the size
of the response and its SQL queries, and PASS / NOT MET for the moderation queue's target
(≤ 300 ms and ≤ 150 KB a page).
"""

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchdb import cpu_model, ensure_database, vacuum_analyze

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_scale"
STATIC_ROOT = Path(tempfile.gettempdir()) / "bench-admin-screens-static"
QUEUE_TARGET_MS = 300
QUEUE_TARGET_KB = 150
USER = "bench-admin"


def log(text=""):
    print(text, flush=True)


def run(env, *args):
    started = time.perf_counter()
    result = subprocess.run([PYTHON, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout, time.perf_counter() - started


def production_env(url):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="mission_site.settings.production",
        DATABASE_URL=url,
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="testserver",
        WAGTAILADMIN_BASE_URL="https://testserver",
        STATIC_ROOT=str(STATIC_ROOT),
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        LOG_LEVEL="ERROR",
    )
    return env


def prepare(options, env):
    """The bench database and the hashed static files, each built once."""
    ensure_database(options.database_url, options.rebuild, log=log)
    check = "from wagtail.models import Page; print(Page.objects.filter(slug='echelle-00001').exists())"
    _out, seconds = run(env, "manage.py", "migrate", "--noinput", "-v0")
    log(f"migrate: {seconds:.1f} s")
    out, _seconds = run(env, "manage.py", "shell", "-c", check)
    if not out.strip().endswith("True"):
        out, seconds = run(env, "manage.py", "load_demo_content")
        log(f"load_demo_content: {seconds:.1f} s")
        out, seconds = run(env, "bench/generate_scale_data.py")
        log(f"generate_scale_data: {seconds:.1f} s ({out.strip().splitlines()[-1]})")
    # As autovacuum does on a live database (this kind of bench server runs without it): the
    # visibility map lets the queue read its ids from the indexes alone.
    started = time.perf_counter()
    vacuum_analyze(options.database_url)
    log(f"VACUUM ANALYZE: {time.perf_counter() - started:.1f} s")
    if not (STATIC_ROOT / "staticfiles.json").exists():
        _out, seconds = run(env, "manage.py", "collectstatic", "--noinput", "-v0")
        log(f"collectstatic (to {STATIC_ROOT}): {seconds:.1f} s")


def screens():
    """[(name, url, is the moderation queue)] on the bench data."""
    from discussion.models import DiscussionComment  # noqa: PLC0415
    from hearings.models import HearingIndexPage, HearingPage, Organism  # noqa: PLC0415
    from questions.models import QuestionPage  # noqa: PLC0415

    index = HearingIndexPage.objects.get()
    hearing = HearingPage.objects.get(slug="echelle-00001")  # 500 comments
    question = QuestionPage.objects.get(slug="consultation-a-grande-echelle")  # 2,000 comments
    organism = Organism.objects.order_by("pk").first()
    comment = DiscussionComment.objects.filter(object_pk=str(hearing.pk)).order_by("-pk").first()
    queue = "/admin/discussion/discussioncomment/"
    page_types = "page_type=hearings.hearingpage,questions.questionpage,events.tripeventpage"
    export = "/admin/contributions/export/"
    return [
        ("Tableau de bord", "/admin/", False),
        ("Explorateur « Auditions » (10 000 pages)", f"/admin/pages/{index.pk}/", False),
        ("Explorateur « Auditions », page 100", f"/admin/pages/{index.pk}/?p=100", False),
        ("Modifier une audition (500 commentaires)", f"/admin/pages/{hearing.pk}/edit/", False),
        ("Organismes", "/admin/snippets/hearings/organism/", False),
        ("Modifier un organisme", f"/admin/snippets/hearings/organism/edit/{organism.pk}/", False),
        ("Modération : file", queue, True),
        ("Modération : page 1000", f"{queue}?p=1000", True),
        ("Modération : à modérer", f"{queue}?etat=a-moderer", True),
        ("Modération : signalés", f"{queue}?etat=signale", True),
        ("Modération : publiés aujourd’hui", f"{queue}?publication=aujourdhui", True),
        ("Modération : section Questions", f"{queue}?section=questionpage", True),
        ("Modération : une page commentée", f"{queue}?page_commentee={hearing.pk}", True),
        ("Modération : page et état", f"{queue}?page_commentee={question.pk}&etat=publie", True),
        ("Modération : recherche « copie »", f"{queue}?q=copie", True),
        ("Modération : recherche sans résultat", f"{queue}?q=xylographie", True),
        (
            "Modération : choisir la page (recherche)",
            f"/admin/choose-page/search/?q=audition&{page_types}",
            True,
        ),
        ("Modération : inspecter un commentaire", f"{queue}inspect/{comment.pk}/", True),
        ("Export : formulaire", export, False),
        ("Export HTML : audition, 500 commentaires", f"{export}?page={hearing.pk}&format=html", False),
        ("Export CSV : question, 2 000 commentaires", f"{export}?page={question.pk}&format=csv", False),
        ("Import des auditions : formulaire", "/admin/auditions/import/", False),
    ]


def public_screens():
    """[(name, url)]: the public pages that read the comments, asked by an anonymous visitor (no
    page cache here: each request builds the page, as a purge or a first request would)."""
    return [
        ("Public : accueil", "/"),
        ("Public : auditions", "/auditions/"),
        ("Public : audition, 500 commentaires", "/auditions/echelle-00001/"),
        ("Public : question, 2 000 commentaires", "/questions/consultation-a-grande-echelle/"),
        ("Public : recherche « copie privée »", "/recherche/?q=copie+priv%C3%A9e"),
        ("Public : chiffres clés", "/chiffres-cles/"),
    ]


def measure(client, url, repeat):
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    response = client.get(url, secure=True)  # warm-up
    if response.status_code != 200:
        return None, response.status_code
    times, cpu_times, sql_times = [], [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(url, secure=True)
            content = b"".join(response) if response.streaming else response.content
            times.append((time.perf_counter() - started) * 1000)
            cpu_times.append((time.process_time() - cpu_started) * 1000)
        sql_times.append(sum(float(query["time"]) for query in queries.captured_queries) * 1000)
    figures = (
        statistics.median(times),
        max(times),
        statistics.median(cpu_times),
        statistics.median(sql_times),
        len(content) / 1024,
        len(queries),
    )
    return figures, response.status_code


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per screen (default 5)")
    parser.add_argument("--rebuild", action="store_true", help="drop the bench database and build it again")
    parser.add_argument("--only", default="", help="only the screens whose name holds this text")
    parser.add_argument("--public", action="store_true", help="also the public pages that read the comments")
    options = parser.parse_args()
    options.database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    env = production_env(options.database_url)
    prepare(options, env)
    os.environ.update(env)
    sys.path.insert(0, str(BASE_DIR))
    import django  # noqa: PLC0415

    django.setup()
    from django.contrib.auth import get_user_model  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415

    from discussion.models import DiscussionComment  # noqa: PLC0415
    from hearings.models import HearingPage  # noqa: PLC0415

    user, _created = get_user_model().objects.get_or_create(
        username=USER, defaults={"email": "bench@example.org", "is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    log(
        f"{HearingPage.objects.count():,} hearings, {DiscussionComment.objects.count():,} comments; "
        f"production settings; {options.repeat} requests per screen after one warm-up; {cpu_model()}, "
        f"load {os.getloadavg()[0]:.1f}"
    )
    log(f"{'screen':<48} {'median':>9} {'max':>9} {'python':>9} {'sql':>9} {'size':>9} {'queries':>8}")
    missed = []
    from django.conf import settings  # noqa: PLC0415

    settings.SEARCH_RATE_LIMIT = (1_000_000, 60)  # one client asks every search
    public = [(name, url, False, Client()) for name, url in public_screens()] if options.public else []
    for name, url, is_queue, client in [*public, *((*screen, client) for screen in screens())]:
        if options.only.lower() not in name.lower():
            continue
        figures, status = measure(client, url, options.repeat)
        if figures is None:
            log(f"{name:<48} HTTP {status} ({url})")
            missed.append(name)
            continue
        median, slowest, cpu, sql, size, queries = figures
        verdict = ""
        if is_queue:
            met = median <= QUEUE_TARGET_MS and size <= QUEUE_TARGET_KB
            verdict = "  PASS" if met else "  NOT MET"
            if not met:
                missed.append(name)
        log(
            f"{name:<48} {median:7.0f} ms {slowest:6.0f} ms {cpu:6.0f} ms {sql:6.0f} ms {size:6.0f} KB "
            f"{queries:8d}{verdict}"
        )
    log(f"Moderation queue target: ≤ {QUEUE_TARGET_MS} ms (median) and ≤ {QUEUE_TARGET_KB} KB a page.")
    if missed:
        log("Not met or failed: " + "; ".join(missed))


if __name__ == "__main__":
    main()
