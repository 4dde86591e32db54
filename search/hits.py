"""Counting searches for the admin's « Termes de recherche » report
(wagtail.contrib.search_promotions), in two statements.

`Query.get(text).add_hit()` takes three or four queries (get or create the query, get or create
the day's row, update it). A search page served from the page cache is still a search typed by
someone, so it must be counted too, and at the cost of a cache hit: one INSERT … ON CONFLICT for
each table, in one transaction (PostgreSQL and SQLite both have ON CONFLICT).
"""

from django.db import connection, transaction
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string


def record_search(text, date=None):
    """Add one hit for the query `text` (normalised as Query.get does) on `date` (today)."""
    query_string = normalise_query_string(text)
    date = date or timezone.now().date()
    queries = connection.ops.quote_name(Query._meta.db_table)
    hits = connection.ops.quote_name(QueryDailyHits._meta.db_table)
    # The table names come from the models; every value is a parameter.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {queries} (query_string) VALUES (%s) ON CONFLICT (query_string) DO NOTHING",  # noqa: S608
            [query_string],
        )
        cursor.execute(
            f"INSERT INTO {hits} (query_id, date, hits) "  # noqa: S608
            f"SELECT id, %s, 1 FROM {queries} WHERE query_string = %s "
            f"ON CONFLICT (query_id, date) DO UPDATE SET hits = {hits}.hits + 1",
            [date, query_string],
        )
