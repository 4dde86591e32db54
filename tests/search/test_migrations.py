"""What the search migrations leave on PostgreSQL, and (in CI) that they ran as a database owner
that is not a superuser (.ci/run sets SEARCH_TESTS_AS_OWNER for that run)."""

import os

import pytest
from django.db import connection

from tests.search.conftest import postgresql_only

pytestmark = [pytest.mark.django_db, postgresql_only]


def fetch(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


@pytest.mark.skipif(not os.environ.get("SEARCH_TESTS_AS_OWNER"), reason="the CI run as a database owner")
def test_the_migrations_ran_as_an_owner_that_is_not_a_superuser():
    [(is_superuser, owns_database)] = fetch(
        "SELECT rolsuper, pg_get_userbyid(datdba) = current_user FROM pg_roles, pg_database "
        "WHERE rolname = current_user AND datname = current_database()"
    )
    assert (is_superuser, owns_database) == (False, True)
    assert fetch("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'") == [("pg_trgm",)]


def test_nothing_of_the_private_engine_is_left():
    assert (
        fetch(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'wagtailcore_page'::regclass AND NOT tgisinternal"
        )
        == []
    )
    assert fetch("SELECT to_regclass('search_pagefacts'), to_regclass('search_facetvalue')") == [(None, None)]
    costs = fetch("SELECT proname, procost FROM pg_proc WHERE proname IN ('ts_match_vq', 'tsvector_concat')")
    assert sorted(costs) == [("ts_match_vq", 1.0), ("tsvector_concat", 1.0)]
