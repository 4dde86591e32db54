"""Indexes for reading comments page by page on a large site (bench/load: 200,000 comments).

django_comments' table is a third-party one, so its indexes are created here in SQL that both
PostgreSQL and SQLite accept:

- `discussion_comments_page_date`: a page's comments in date order (the newest threads first);
  without it PostgreSQL walked the date index of every comment to find a page's threads;
- `discussion_published_per_page`: the published comments of each page (`is_public` and not
  `is_removed`), which discussion.counts and the key figures count from the index alone;
- `discussion_hidden_by_flags`: the few comments hidden by flags, left out of those counts;
- `discussion_highlighted`: the few « réponse de la mission » and « contribution remarquable »
  shown above a thread (otherwise every page read all the comments to find them).
"""

from django.db import migrations

INDEXES = [
    ("discussion_comments_page_date", "django_comments (object_pk, submit_date)"),
    ("discussion_published_per_page", "django_comments (object_pk, id) WHERE is_public AND NOT is_removed"),
    ("discussion_hidden_by_flags", "discussion_discussioncomment (xtdcomment_ptr_id) WHERE hidden_by_flags"),
    (
        "discussion_highlighted",
        "discussion_discussioncomment (xtdcomment_ptr_id) WHERE is_mission_answer OR is_remarkable",
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ("discussion", "0002_groups_and_site"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
    ]

    operations = [
        migrations.RunSQL(f"CREATE INDEX {name} ON {definition}", f"DROP INDEX {name}")
        for name, definition in INDEXES
    ]
