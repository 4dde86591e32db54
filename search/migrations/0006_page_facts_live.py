"""Each page's row in search_pagefacts says whether the page is live, kept so by a trigger on
wagtailcore_page (PostgreSQL only; see search/facts.py): a search then checks its hits' `live`
in the row it reads for their facets, instead of probing the page tables for each hit.
"""

from django.db import migrations

TABLE = "search_pagefacts"

FORWARD = [
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS live boolean NOT NULL DEFAULT false",
    f"""
    CREATE OR REPLACE FUNCTION search_pagefacts_follow_live() RETURNS trigger AS $$
    BEGIN
        UPDATE {TABLE} SET live = NEW.live WHERE page_id = NEW.id AND live IS DISTINCT FROM NEW.live;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    "DROP TRIGGER IF EXISTS search_pagefacts_follow_live ON wagtailcore_page",
    """
    CREATE TRIGGER search_pagefacts_follow_live AFTER UPDATE OF live ON wagtailcore_page
    FOR EACH ROW WHEN (OLD.live IS DISTINCT FROM NEW.live)
    EXECUTE FUNCTION search_pagefacts_follow_live()
    """,
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS search_pagefacts_follow_live ON wagtailcore_page",
    "DROP FUNCTION IF EXISTS search_pagefacts_follow_live()",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS live",
]


def execute(schema_editor, statements):
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    execute(schema_editor, FORWARD)
    # Every page's row written again, `live` included. The registry's lookups name the current
    # models (this runs after their migrations).
    from search import facts

    facts.refresh_all(using=schema_editor.connection.alias)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        execute(schema_editor, BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_page_facts"),
        ("hearings", "0004_hearing_date_index"),
        ("questions", "0002_questionpage_comments_close_at_and_more"),
        ("events", "0002_tripeventpage_comments_close_at_and_more"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
