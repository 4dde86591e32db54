"""An index for listing a page's children when it has thousands of descendants.

Wagtail finds children with `depth = n AND path BETWEEN ...`: the path range of the home page
covers every page of the site, so with 10,000 hearings PostgreSQL read the whole page table for
the main navigation of every page. An index on (depth, path) reads only the children. The page
table is Wagtail's, so the index is created here in SQL (PostgreSQL and SQLite accept it).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX home_page_depth_path ON wagtailcore_page (depth, path)",
            "DROP INDEX home_page_depth_path",
        )
    ]
