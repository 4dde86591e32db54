"""A database that refuses writes for real: a second connection holds the write lock."""

import contextlib
import sqlite3

from django.db import connection


@contextlib.contextmanager
def database_write_locked(*tables):
    """Another connection holds the database's write lock until the block ends.

    SQLite locks the whole database, whatever `tables` says. PostgreSQL locks `tables` against
    writers (reads go on), and the test's connection gives up waiting for a lock after 200 ms, as
    one with a `lock_timeout` would.
    """
    if connection.vendor == "sqlite":
        # The test database is SQLite's shared in-memory one: while a second connection has begun
        # a write transaction, any other writer fails at once (« database table is locked »).
        other = sqlite3.connect(connection.settings_dict["NAME"], uri=True, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            other.execute("ROLLBACK")
            other.close()
        return
    import psycopg

    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '200ms'")
    other = psycopg.connect(**connection.get_connection_params(), autocommit=False)
    for table in tables:
        other.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
    # The connections opened meanwhile (a live server's, one a request) give up as quickly.
    options = connection.settings_dict.setdefault("OPTIONS", {})
    options_before = options.get("options")
    options["options"] = "-c lock_timeout=200ms"
    try:
        yield
    finally:
        if options_before is None:
            del options["options"]
        else:
            options["options"] = options_before
        other.rollback()
        other.close()
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")
