"""The search terms report's counts, added up in memory per process (search/hits.py) and written
every SEARCH_HITS_FLUSH_SECONDS, on the first search or request finished after that."""

import datetime
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import DatabaseError, connection
from wagtail.contrib.search_promotions.models import Query

from search import hits


@pytest.fixture
def buffered(settings, monkeypatch):
    """A minute between writes, starting now; nothing left over from another test."""
    settings.SEARCH_HITS_FLUSH_SECONDS = 60
    clock = [1000.0]
    monkeypatch.setattr(hits, "monotonic", lambda: clock[0])
    monkeypatch.setattr(hits, "_last_flush", clock[0])
    hits._pending.clear()
    yield clock
    hits._pending.clear()


def hits_of(text):
    return Query.get(text).hits


def test_searches_are_written_together_once_the_interval_has_passed(client, hearings, buffered):
    for _ in range(3):
        assert client.get("/recherche/", {"q": "Copie  privée"}).status_code == 200
    client.get("/recherche/", {"q": "hadopi"})
    assert not Query.objects.exists()
    assert sum(hits.pending().values()) == 4

    buffered[0] += 61  # a minute later, any request finished writes them
    assert client.get("/").status_code == 200
    assert (hits_of("copie privée"), hits_of("hadopi")) == (3, 1)
    assert hits.pending() == {}


def test_a_second_flush_adds_to_the_day_s_row(db, buffered):
    day = datetime.date(2012, 11, 20)
    hits.record_search("copie privée", date=day)
    hits.flush()
    hits.record_search("Copie privée", date=day)
    hits.record_search("copie privée", date=day + datetime.timedelta(days=1))
    hits.flush()
    query = Query.objects.get(query_string="copie privée")
    assert dict(query.daily_hits.values_list("date", "hits")) == {
        day: 2,
        day + datetime.timedelta(days=1): 1,
    }


def test_counts_the_database_refuses_are_kept_for_the_next_flush(db, buffered, monkeypatch):
    hits.record_search("copie privée")

    def refuse(counts):
        raise DatabaseError("the server is gone")

    monkeypatch.setattr(hits, "write", refuse)
    hits.flush()
    assert sum(hits.pending().values()) == 1
    monkeypatch.undo()
    hits.flush()
    assert hits_of("copie privée") == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second process needs a database server")
@pytest.mark.django_db(transaction=True)
def test_a_process_writes_what_is_left_when_it_exits():
    settings_dict = connection.settings_dict
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mission_site.settings.dev",
        "DATABASE_URL": "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**settings_dict),
        "SEARCH_HITS_FLUSH_SECONDS": "3600",
    }
    script = (
        "import django; django.setup(); from search import hits; "
        "hits.record_search('sortie du processus'); hits.record_search('Sortie du processus'); "
        "print(sum(hits.pending().values()))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=environment,
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "2"  # not written while it ran...
    assert hits_of("sortie du processus") == 2  # ...but when it exited
