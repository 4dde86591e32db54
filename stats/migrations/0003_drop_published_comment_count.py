"""Drop the per-page published comment counts and the triggers an earlier 0002 created to keep
them: comments are counted by discussion/counts.py alone. Every statement is IF EXISTS, so this
runs the same on a database where 0002 created the triggers and on one where it did not."""

from django.db import migrations

POSTGRESQL_DROP = """
DROP TRIGGER IF EXISTS stats_count_comment ON django_comments;
DROP TRIGGER IF EXISTS stats_count_comment_flags ON discussion_discussioncomment;
DROP FUNCTION IF EXISTS stats_count_comment();
DROP FUNCTION IF EXISTS stats_count_comment_flags();
DROP FUNCTION IF EXISTS stats_add_published_comments(integer, integer);
"""

SQLITE_TRIGGERS = [
    "stats_comment_inserted",
    "stats_comment_deleted",
    "stats_comment_unpublished",
    "stats_comment_published",
    "stats_comment_hidden_inserted",
    "stats_comment_hidden_deleted",
    "stats_comment_unhidden",
    "stats_comment_hidden",
]


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_DROP)
    elif schema_editor.connection.vendor == "sqlite":
        for name in SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ('stats', '0002_published_comment_count'),
    ]

    operations = [
        # The triggers write into the table: they go first.
        migrations.RunPython(drop_triggers, migrations.RunPython.noop),
        migrations.DeleteModel(name='PublishedCommentCount'),
    ]
