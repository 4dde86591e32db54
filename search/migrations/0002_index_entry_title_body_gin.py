"""Once created a GIN index on Wagtail's search index table (`title || body`); the site search no longer uses it.

Emptied: an applied migration is not run again, and a new database needs none of it.
search/migrations/0007 removes what it left on databases where it ran.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_french_search_configuration"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = []
