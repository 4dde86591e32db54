"""Times the site search through the real view on a PostgreSQL database of 10,000 hearings with
transcripts and 200,000 comments, all indexed (`manage.py rebuild_search_documents`).

Run by `bench/search`. Prints the median and 95th percentile time of the queries, the CPU per
search and the number of SQL queries per search (which must not depend on the number of hits).
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from benchdb import cpu_model, ensure_database

BASE_DIR = Path(__file__).resolve().parent.parent
TOTAL_RE = re.compile(r"(\d+) résultats? pour")
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_search"

WORDS = (  # noqa: SIM905 - a paragraph reads better than a list of 100 strings
    "musique cinéma télévision livre presse auteur artiste producteur éditeur diffuseur plateforme "
    "abonnement rémunération copie privée partage piratage Hadopi riposte graduée offre légale "
    "exception culturelle financement création numérique internet streaming téléchargement "
    "catalogue œuvre patrimoine bibliothèque librairie salle exploitation chronologie médias "
    "fiscalité taxe redevance opérateur fournisseur accès réseau neutralité données usager "
    "consommateur public jeune étudiant région territoire festival spectacle concert disque "
    "vinyle radio quota exposition diversité indépendant studio jeu vidéo photographie image "
    "droit voisin gestion collective société contrat licence tarif prix unique TVA ministère "
    "régulation autorité CSA CNC SACEM ADAMI SPEDIDAM SCPP SNEP SACD SCAM FNAC Deezer Dailymotion "
    "Orange Free Google Apple Amazon YouTube europe directive commission marché concurrence"
).split()
SECTORS = ["musique", "cinema", "audiovisuel", "livre", "presse", "jeu-video", "photographie"]
STATUSES = ["realisee", "prevue", "annulee", "declinee"]
QUERIES = [
    "copie privée",
    "SACEM",
    "télévision",
    "television",
    "auditions",
    "musique en ligne",
    "rémunération des artistes",
    "Hadopi",
    "riposte graduée",
    "offre légale",
    "chronologie des médias",
    "exception culturelle",
    "jeu vidéo",
    "librairie indépendante",
    "prix unique du livre",
    "neutralité du réseau",
    "financement de la création",
    "gestion collective",
    "droit voisin",
    "streaming",
    "Deezer",
    "ce qu'a dit la SACEM sur la copie privée",
    '"copie privée"',
    "fiscalité numérique",
    "taxe sur les fournisseurs d'accès",
    "patrimoine bibliothèque",
    "CNC",
    "quota radio",
    "photographie",
    "zanzibar",
    "Organisme 17",
    "festival région",
    "SPEDIDAM ADAMI",
    "vinyle",
    "concurrence europe",
    "studios",
    "données usager",
    "plateforme abonnement",
    "CSA",
]


def database_url():
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)


def setup_django(url):
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "mission_site.settings.test"
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


SYLLABLES = [consonant + vowel for consonant in "bcdflmnprstv" for vowel in "aeiou"]


def filler_vocabulary(rng, size=6000):
    """Made-up words standing for the everyday vocabulary around the mission's topics."""
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size)]


def transcript(rng, filler):
    """About 250 to 500 words: everyday words, with one topical word in seven."""
    paragraphs = []
    for _ in range(rng.randint(5, 10)):
        words = [rng.choice(WORDS) if rng.random() < 0.14 else rng.choice(filler) for _ in range(50)]
        paragraphs.append(f"<p>{' '.join(words).capitalize()}.</p>")
    return "".join(paragraphs)


def build(count, comments):
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page

    from hearings.models import HearingIndexPage, HearingOrganism, HearingPage, Organism, Sector
    from hearings.taxonomy_terms import ensure_terms
    from home.demo import get_home_page, get_or_create_child_page

    existing = HearingPage.objects.count()
    if existing:
        print(f"Reusing {existing} hearings in the bench database (--rebuild to start again)")
        add_comments(comments)
        return
    started = time.perf_counter()
    rng = random.Random(2012)
    with transaction.atomic():
        ensure_terms(lambda name: apps.get_model("hearings", name))
        index_page, _created = get_or_create_child_page(
            get_home_page(), HearingIndexPage, "auditions", title="Auditions"
        )
        index_page = Page.objects.get(pk=index_page.pk)
        natures = list(apps.get_model("hearings", "OrganismNature").objects.all())
        families = list(apps.get_model("hearings", "ActorFamily").objects.all())
        sectors = list(Sector.objects.filter(slug__in=SECTORS))
        acronyms = [word for word in WORDS if word.isupper()]
        organisms = Organism.objects.bulk_create(
            Organism(
                name=f"Organisme {number}",
                acronym=acronyms[number] if number < len(acronyms) else "",
                slug=f"organisme-{number}",
                nature=natures[number % len(natures)],
                family=families[number % len(families)],
            )
            for number in range(80)
        )
        for organism in organisms:
            organism.sectors.set(rng.sample(sectors, rng.randint(1, 2)))

        content_type = ContentType.objects.get_for_model(HearingPage)
        filler = filler_vocabulary(rng)
        now = timezone.now()
        pages = []
        for number in range(count):
            slug = f"audition-{number}"
            pages.append(
                Page(
                    title=f"Audition {number} : {' '.join(rng.sample(WORDS, 3))}",
                    draft_title=f"Audition {number}",
                    slug=slug,
                    content_type=content_type,
                    path=Page._get_path(index_page.path, index_page.depth + 1, number + 1),
                    depth=index_page.depth + 1,
                    numchild=0,
                    url_path=f"{index_page.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    locale_id=index_page.locale_id,
                )
            )
        pages = Page.objects.bulk_create(pages, batch_size=1000)
        Page.objects.filter(pk=index_page.pk).update(numchild=count)
        hearings = [
            HearingPage(
                page_ptr_id=page.pk,
                kind="audition",
                hearing_date=timezone.make_aware(
                    timezone.datetime(2012 + number % 2, 1 + number % 12, 1 + number % 28, 10)
                ),
                status=STATUSES[number % len(STATUSES)],
                summary=" ".join(rng.choice(WORDS if rng.random() < 0.3 else filler) for _ in range(30)),
                body=[],
                transcript=transcript(rng, filler),
                video_url="",
            )
            for number, page in enumerate(pages)
        ]
        fields = HearingPage._meta.local_concrete_fields
        for start in range(0, count, 1000):
            HearingPage.objects._insert(hearings[start : start + 1000], fields=fields)
        HearingOrganism.objects.bulk_create(
            (
                HearingOrganism(page_id=page.pk, organism=organism, sort_order=order)
                for page in pages
                for order, organism in enumerate(rng.sample(organisms, rng.randint(1, 3)))
            ),
            batch_size=2000,
        )
    print(f"Built {count} hearings in {time.perf_counter() - started:.1f} s")
    add_comments(comments)


def add_comments(total):
    """`total` comments spread over the hearings (a long tail, threaded, 3 % unpublished), added
    once: then every search document is written again."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone

    # The scale data generator's comment writer: threaded rows as XtdComment.save would write
    # them, inserted in bulk.
    from bench.scale_data import EMAIL_DOMAIN, _comments
    from discussion.models import DiscussionComment
    from hearings.models import HearingPage

    if DiscussionComment.objects.filter(user_email__endswith="@" + EMAIL_DOMAIN).exists():
        print("Reusing the comments of the bench database")
        return
    started = time.perf_counter()
    rng = random.Random(2013)
    content_type = ContentType.objects.get_for_model(HearingPage).pk
    hearings = list(HearingPage.objects.order_by("pk").values_list("pk", flat=True))
    # A long tail: weights drawn from a Pareto law, a third of the hearings get nothing.
    weights = [0.0 if rng.random() < 0.33 else rng.paretovariate(1.2) for _ in hearings]
    counts = Counter(rng.choices(hearings, weights, k=total))
    start = timezone.make_aware(timezone.datetime(2012, 10, 1, 9))
    plan = [(content_type, pk, start, count, False) for pk, count in counts.items() if count]
    with transaction.atomic():
        created = _comments(rng, plan)
    print(f"Added {created} comments in {time.perf_counter() - started:.1f} s")
    rebuild_documents("Search documents written")


def rebuild_documents(label):
    """Time `manage.py rebuild_search_documents` (every page and published comment)."""
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("rebuild_search_documents", verbosity=0)
    print(f"{label}: manage.py rebuild_search_documents took {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def queries(total):
    rng = random.Random(2012)
    params = []
    for number in range(total):
        query = {"q": QUERIES[number % len(QUERIES)]}
        kind = rng.random()
        if kind < 0.25:
            query["secteur"] = rng.choice(SECTORS)
        elif kind < 0.4:
            query["statut"] = rng.choice(STATUSES)
            query["annee"] = rng.choice(["2012", "2013"])
        elif kind < 0.5:
            query["page"] = "2"
        params.append(query)
    return params


def run(total, slowest=0):
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # The bench is one client sending 200 searches in a few seconds: lift the per-client limit.
    settings.SEARCH_RATE_LIMIT = (1_000_000, 60)
    client = Client()
    for query in queries(10):  # warm caches, connections and templates
        client.get("/recherche/", query)
    timings, sql_counts, hit_counts, details = [], [], [], []
    cpu_started = time.process_time(), backend_cpu_seconds(connection)
    for query in queries(total):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get("/recherche/", query)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (query, response.status_code)
        sql_counts.append(len(captured.captured_queries))
        found = TOTAL_RE.search(response.content.decode())
        hit_counts.append(int(found.group(1)) if found else 0)
        # The statements reading the search documents (search/engine.py), as timed by Django.
        statements = sum(float(q["time"]) for q in captured.captured_queries if "search_search" in q["sql"])
        details.append((timings[-1], statements * 1000, hit_counts[-1], sql_counts[-1], query))
    python_cpu = (time.process_time() - cpu_started[0]) / total * 1000
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"Queries: {total} through GET /recherche/ (Django test client, real view and templates)")
    print(
        f"Hits per query: min {min(hit_counts)}, "
        f"median {statistics.median(hit_counts):.0f}, max {max(hit_counts)}"
    )
    print(
        f"Time per search: median {statistics.median(timings):.1f} ms, "
        f"p95 {p95:.1f} ms, max {timings[-1]:.1f} ms"
    )
    print(f"SQL queries per search: min {min(sql_counts)}, max {max(sql_counts)}")
    backend_cpu = backend_cpu_seconds(connection)
    if backend_cpu is not None and cpu_started[1] is not None:
        # On a busy machine the wall times above include waiting for a CPU; these do not.
        postgres_cpu = (backend_cpu - cpu_started[1]) / total * 1000
        print(
            f"CPU per search (mean): Python {python_cpu:.1f} ms + PostgreSQL backend {postgres_cpu:.1f} ms "
            f"(parallel workers not counted)"
        )
    print(f"Load average (1 min): {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs ({cpu_model()})")
    if slowest:
        print(f"Slowest {slowest} searches (wall ms, of which the search statements; hits; SQL queries):")
        for wall, statements, hits, count, query in sorted(details, key=lambda item: -item[0])[:slowest]:
            print(f"  {wall:6.1f} ms  statements {statements:6.1f} ms {hits:5d} hits {count:2d} SQL {query}")
    return p95


def backend_cpu_seconds(connection):
    """CPU time used so far by the PostgreSQL process serving `connection` (same Linux host)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hearings", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--rebuild", action="store_true", help="drop the bench database and build it again")
    parser.add_argument(
        "--reindex", action="store_true", help="time rebuild_search_documents again before the searches"
    )
    parser.add_argument("--slowest", type=int, default=0, metavar="N", help="list the N slowest searches")
    options = parser.parse_args()

    url = database_url()
    ensure_database(url, options.rebuild)
    setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    build(options.hearings, options.comments)
    from hearings.models import HearingPage
    from search.models import SearchDocument

    print(
        f"Hearings in the database: {HearingPage.objects.count()}, "
        f"search documents: {SearchDocument.objects.count()}"
    )
    if options.reindex:
        rebuild_documents("Every document written again")
    p95 = run(options.queries, options.slowest)
    print(f"Target p95 <= 100 ms: {'met' if p95 <= 100 else 'NOT met'}")


if __name__ == "__main__":
    main()
