"""Drops the index migration 0003 created on Wagtail's page table, which this project does not
own: the project changes no database object of Wagtail or of another library.

IF EXISTS: runs the same where 0003 created it and where it did not; SQL that PostgreSQL and SQLite
both accept; the reverse creates it again.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_newsindexpage_newspage_newsattachment"),
        ("home", "0003_page_children_index"),
    ]

    operations = [
        migrations.RunSQL(
            "DROP INDEX IF EXISTS home_page_depth_path",
            "CREATE INDEX IF NOT EXISTS home_page_depth_path ON wagtailcore_page (depth, path)",
        )
    ]
