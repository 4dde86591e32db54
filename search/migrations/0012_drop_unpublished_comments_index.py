"""Drops the index migration 0009 created on django_comments' table, a table of
django-contrib-comments that this project does not own (docs/search.md, « Performance »): the
search finds the few unpublished comments through the indexes django-comments gives its table.

IF EXISTS: runs the same where 0009 created it and where it did not; SQL that PostgreSQL and SQLite
both accept; the reverse creates it again.
"""

from django.db import migrations

NAME = "search_unpublished_comments"


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0011_remove_searchdocument_search_one_document_per_page_and_more"),
        ("search", "0009_unpublished_comments_index"),
    ]

    operations = [
        migrations.RunSQL(
            f"DROP INDEX IF EXISTS {NAME}",
            f"CREATE INDEX IF NOT EXISTS {NAME} ON django_comments (id) WHERE NOT is_public OR is_removed",
        )
    ]
