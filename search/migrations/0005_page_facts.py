"""The tables of each searchable page's facet values (an array of numbers) and of what each
number means (PostgreSQL only; see search/facts.py); search/0006 fills them.

No foreign key to the pages: a flush of the test database truncates the pages without this
table; a deleted page's row is deleted by search/facts.py and never matches a hit anyway.
"""

from django.db import migrations

TABLE = "search_pagefacts"
VALUES_TABLE = "search_facetvalue"


def create_table(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {VALUES_TABLE} (id serial PRIMARY KEY, "
            "facet varchar(50) NOT NULL, value varchar(255) NOT NULL, UNIQUE (facet, value))"
        )
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (page_id integer PRIMARY KEY, facts integer[] NOT NULL)")
    # The rows are written by search/0006, with the columns search/facts.py writes today.


def drop_table(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cursor.execute(f"DROP TABLE IF EXISTS {VALUES_TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_index_entry_type_statistics"),
        ("hearings", "0004_hearing_date_index"),
        ("questions", "0002_questionpage_comments_close_at_and_more"),
        ("events", "0002_tripeventpage_comments_close_at_and_more"),
    ]

    operations = [migrations.RunPython(create_table, drop_table, elidable=False)]
