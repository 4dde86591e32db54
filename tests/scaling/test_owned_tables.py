"""The project changes no database object it does not own: its migrations leave no index or
trigger on the tables of Wagtail, Django or django-comments (speed comes from query shapes and
from indexes on the project's own tables). Checked on the migrated test database, SQLite and
PostgreSQL alike."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, transaction

pytestmark = pytest.mark.django_db

# What discussion/0003, search/0009 and home/0003 once created (dropped by discussion/0008,
# search/0012 and home/0007).
FORMER = {"discussion_comments_page_date", "discussion_published_per_page", "search_unpublished_comments"}


def project_apps():
    base = Path(settings.BASE_DIR).resolve()
    return [
        config
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base) and ".venv" not in Path(config.path).parts
    ]


def owned_tables():
    return {
        model._meta.db_table
        for config in project_apps()
        for model in config.get_models(include_auto_created=True)
    }


def indexes_and_triggers():
    """[(kind, name, table)] of every index and trigger in the database (not those PostgreSQL
    or SQLite make for a constraint by themselves)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT 'index', indexname, tablename FROM pg_indexes WHERE schemaname = 'public'")
            rows = cursor.fetchall()
            cursor.execute(
                "SELECT 'trigger', tgname, tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal"
            )
            return rows + cursor.fetchall()
        cursor.execute(
            "SELECT type, name, tbl_name FROM sqlite_master"
            " WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
        )
        return cursor.fetchall()


def project_objects_on_foreign_tables():
    """The indexes and triggers named after a project app on a table no project model owns."""
    owned = owned_tables()
    prefixes = tuple(f"{config.label}_" for config in project_apps())
    return sorted(
        (kind, name, table)
        for kind, name, table in indexes_and_triggers()
        if table not in owned and name.startswith(prefixes)
    )


def test_the_project_owns_its_tables_and_not_those_of_libraries():
    owned = owned_tables()
    assert {"discussion_discussioncomment", "search_searchdocument", "hearings_hearingpage"} <= owned
    assert not owned & {"django_comments", "django_comments_xtd_xtdcomment", "wagtailcore_page", "auth_user"}


def test_no_index_or_trigger_of_the_project_on_a_table_it_does_not_own():
    assert project_objects_on_foreign_tables() == []
    names = {name for _kind, name, _table in indexes_and_triggers()}
    assert not names & (FORMER | {"home_page_depth_path"})
    # The indexes on our own comment table stay (on SQLite, the two of discussion/0003 are lost
    # when a later migration rebuilds the table: SQLite alters a table by copying it).
    kept = {"discussion_flagged"}
    if connection.vendor == "postgresql":
        kept |= {"discussion_hidden_by_flags", "discussion_highlighted"}
    assert kept <= names


def test_the_check_finds_an_index_of_the_project_on_django_comments():
    """The check above can fail: an index made as discussion/0003 made it is found."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE INDEX discussion_comments_page_date ON django_comments (object_pk, submit_date)"
            )
        assert project_objects_on_foreign_tables() == [
            ("index", "discussion_comments_page_date", "django_comments")
        ]
        transaction.set_rollback(True)
