"""Once created statistics on an expression of Wagtail's search index table; the site search no longer uses it.

Emptied: an applied migration is not run again, and a new database needs none of it.
search/migrations/0007 removes what it left on databases where it ran.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0003_text_search_match_cost")]

    operations = []
