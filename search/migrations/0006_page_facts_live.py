"""Once added a trigger on wagtailcore_page keeping search_pagefacts.live current; the site search no longer uses it.

Emptied: an applied migration is not run again, and a new database needs none of it.
search/migrations/0007 removes what it left on databases where it ran.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_page_facts"),
        ("hearings", "0004_hearing_date_index"),
        ("questions", "0002_questionpage_comments_close_at_and_more"),
        ("events", "0002_tripeventpage_comments_close_at_and_more"),
    ]

    operations = []
