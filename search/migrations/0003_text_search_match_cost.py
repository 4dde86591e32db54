"""Once changed the planner cost of PostgreSQL's built-in functions ts_match_vq and tsvector_concat; the site search no longer uses it.

Emptied: an applied migration is not run again, and a new database needs none of it.
search/migrations/0007 removes what it left on databases where it ran.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0002_index_entry_title_body_gin")]

    operations = []
