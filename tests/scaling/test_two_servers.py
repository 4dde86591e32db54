"""Two application servers behind one address share PostgreSQL and Redis (docs/production.md,
« Scaling out »): an edit made by a third process (the admin or the task worker on another
machine) reaches the fragments both keep in Redis at once, and a rate limit counts the requests
of a client whichever server answers them.

Needs PostgreSQL (the servers read the test database, so the suite must run on it) and Redis at
REDIS_TEST_URL (default redis://127.0.0.1:6379/14, emptied by the test); skipped without them,
failed in CI.
"""

import os

import pytest
from django.db import connection

from home.demo import load_mission_pages
from tests.live_servers import get, gunicorn, manage, require

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/14")
# The proxy in front forwards the public name to whichever server answers.
PUBLIC = {"Host": "consultation.example"}


def fetch(server, path, data=None):
    return get(server.url + path, data, PUBLIC)


@pytest.fixture
def shared_redis():
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        require(False, f"Redis is not reachable at {REDIS_TEST_URL}")
    client.flushdb()
    yield client
    client.flushdb()


@pytest.fixture
def shared_environment(transactional_db, shared_redis):
    require(connection.vendor == "postgresql", "the servers share the test database: run on PostgreSQL")
    load_mission_pages()
    database = connection.settings_dict
    url = f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
    skipped = {"SEARCH_URL", "TASKS_BACKEND"}
    environment = {key: value for key, value in os.environ.items() if key not in skipped}
    environment.update(
        DATABASE_URL=f"{url}/{database['NAME']}",
        REDIS_URL=REDIS_TEST_URL,
        DJANGO_SETTINGS_MODULE="mission_site.settings.test",
        CONN_MAX_AGE="60",
    )
    return environment


def test_two_servers_share_the_fragments_their_renewal_and_the_rate_limits(shared_environment, tmp_path):
    with (
        gunicorn(shared_environment, tmp_path / "a.log", workers=1) as server_a,
        gunicorn(shared_environment, tmp_path / "b.log", workers=1) as server_b,
    ):
        status, headers, first = fetch(server_a, "/la-mission/")
        assert status == 200 and "public" in headers["Cache-Control"]
        status, headers, second = fetch(server_b, "/la-mission/")
        assert status == 200 and second == first

        # An editor publishes from a third process (the admin on another server).
        manage(
            shared_environment,
            "shell",
            "-c",
            "from wagtail.models import Page; "
            "page = Page.objects.get(url_path__endswith='/la-mission/').specific; "
            "page.title = 'La mission, mise à jour'; page.save_revision().publish()",
        )
        for server in (server_b, server_a):
            status, headers, body = fetch(server, "/la-mission/")
            assert status == 200 and "La mission, mise à jour" in body, server.url
            # The menu of every page, read from the fragments, names it too.
            assert "La mission, mise à jour" in fetch(server, "/")[2], server.url

        # Five subscription attempts an hour per client (SUBSCRIBE_RATE_LIMIT), counted in Redis:
        # alternating between the servers does not get a sixth.
        answers = [
            fetch(server, "/abonnement/", {"email": f"personne{n}@example.org"})[0]
            for n, server in enumerate([server_a, server_b] * 3)
        ]
        assert answers == [302] * 5 + [429], answers  # 302: on to « check your mail »
