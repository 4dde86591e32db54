"""Removes what migrations 0002 to 0006 left on a PostgreSQL database where they ran (they are
empty now): the facts tables, the trigger on wagtailcore_page and its function, the index and the
statistics on Wagtail's search index table, and the planner costs of two built-in functions.

The costs are put back to PostgreSQL's default (1) only where they differ from it and only if
the role may change them (the owner of the functions is the bootstrap superuser): elsewhere this
does nothing, silently. It is written as ALTER ROUTINE inside a DO block that catches
insufficient_privilege (docs/search.md, « Migrations »).
"""

from django.db import migrations

DROPS = [
    "DROP TRIGGER IF EXISTS search_pagefacts_follow_live ON wagtailcore_page",
    "DROP FUNCTION IF EXISTS search_pagefacts_follow_live()",
    "DROP TABLE IF EXISTS search_pagefacts",
    "DROP TABLE IF EXISTS search_facetvalue",
    "DROP STATISTICS IF EXISTS search_indexentry_unindexed_type",
    "DROP INDEX IF EXISTS search_indexentry_title_body_gin",
]
DEFAULT_COSTS = """
DO $$
DECLARE
    routine regprocedure;
BEGIN
    FOREACH routine IN ARRAY ARRAY[
        'ts_match_vq(tsvector, tsquery)'::regprocedure,
        'tsvector_concat(tsvector, tsvector)'::regprocedure
    ] LOOP
        IF (SELECT procost FROM pg_proc WHERE oid = routine) <> 1 THEN
            BEGIN
                EXECUTE format('ALTER ROUTINE %s COST 1', routine);
            EXCEPTION WHEN insufficient_privilege THEN
                NULL;
            END;
        END IF;
    END LOOP;
END
$$
"""


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for statement in DROPS:
            cursor.execute(statement)
        cursor.execute(DEFAULT_COSTS)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_page_facts_live")]

    operations = [migrations.RunPython(remove, migrations.RunPython.noop, elidable=True)]
