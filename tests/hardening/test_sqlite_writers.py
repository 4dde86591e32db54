"""Issue 18, failure 8: on the embedded default (SQLite), an editor's save failed with « database
is locked » while the public was posting comments. Writers must queue, not fail."""

import time

import pytest
from django.db import connection, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

from tests.concurrency import run_at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite settings"),
    pytest.mark.django_db,  # lets these tests open connections of their own
]


def file_database(path):
    """A connection to an SQLite file with the site's settings (the test database is in memory)."""
    return DatabaseWrapper({**connection.settings_dict, "NAME": str(path)}, alias="fichier")


def test_the_file_is_in_wal_mode_with_a_busy_timeout(tmp_path):
    database = file_database(tmp_path / "site.sqlite3")
    with database.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
    database.close()


def test_writers_that_read_first_queue_instead_of_failing(tmp_path):
    path = tmp_path / "site.sqlite3"
    setup = file_database(path)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE revision (number integer)")
    setup.close()

    def save_revision():
        # As Wagtail's save: read (the latest revision), then write, in one transaction. Deferred
        # transactions that both read deadlock when both want to write: one fails at once.
        database = file_database(path)
        connections["fichier"] = database
        try:
            with transaction.atomic(using="fichier"), database.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM revision")
                time.sleep(0.2)
                cursor.execute("INSERT INTO revision VALUES (%s)", [cursor.fetchone()[0] + 1])
        finally:
            database.close()

    errors = run_at_once([save_revision] * 6)
    assert errors == []
    check = file_database(path)
    with check.cursor() as cursor:
        cursor.execute("SELECT number FROM revision ORDER BY number")
        assert [row[0] for row in cursor.fetchall()] == [1, 2, 3, 4, 5, 6]
    check.close()
