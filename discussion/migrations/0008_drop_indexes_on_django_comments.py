"""Drops the two indexes migration 0003 created on django_comments' table.

That table is django-contrib-comments', not this project's: the project changes no database object
it does not own (docs/comments.md, « Performance »). The page's threads and the published counts
read the indexes django-comments gives its table (object_pk, submit_date) and the partial indexes on
our own table (discussion_hidden_by_flags, discussion_highlighted, discussion_flagged), which stay.

IF EXISTS: runs the same where 0003 created them and where it did not; SQL that PostgreSQL and
SQLite both accept; the reverse creates them again.
"""

from django.db import migrations

INDEXES = [
    ("discussion_comments_page_date", "django_comments (object_pk, submit_date)"),
    ("discussion_published_per_page", "django_comments (object_pk, id) WHERE is_public AND NOT is_removed"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("discussion", "0007_flagged_comments_index"),
    ]

    operations = [
        migrations.RunSQL(f"DROP INDEX IF EXISTS {name}", f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")
        for name, definition in INDEXES
    ]
