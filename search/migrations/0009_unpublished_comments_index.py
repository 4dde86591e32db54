"""A partial index of the few comments that are not public or are removed, which every search
leaves out (search/engine.py, `unpublished_comments`): without it PostgreSQL read the whole
comment table at each search. django_comments' table is a third-party one, so the index is
created in SQL that both PostgreSQL and SQLite accept, as discussion/migrations/0003 does."""

from django.db import migrations

NAME = "search_unpublished_comments"


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0008_search_documents"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {NAME} ON django_comments (id) WHERE NOT is_public OR is_removed",
            f"DROP INDEX {NAME}",
        )
    ]
