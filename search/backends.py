"""The database search backend, tuned for this site on PostgreSQL.

- Autocomplete ignores accents: modelsearch's PostgreSQL backend hard-codes the `simple`
  configuration for autocomplete, so that « tele » would not complete « télévision »;
  AUTOCOMPLETE_CONFIG names a configuration that also strips accents (created by
  search/migrations/0001).
- Indexing prepares each object's fields once (modelsearch prepares them once per vector, five
  times: a transcript was stripped of its tags five times).
- The index entry's small `title` vector holds the title and the boosted fields (summary,
  organisms' names and acronyms…): its « head ». Matching still uses `title || body`, the whole
  text; ranking can use the head alone (`RankedHits`), which does not read the large body
  vectors (a transcript's vector is stored out of line, in TOAST).
- Matching and ranking start from the index entries (`matching_entries`, `RankedHits`).

Other databases ignore all this and use modelsearch's backend as it is.
"""

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_search_backend

# Fields boosted at least this much are ranked with the title (Page.title has boost 2).
HEAD_BOOST = 2


def SearchBackend(params):  # noqa: N802 - the name modelsearch looks up in a backend module
    autocomplete_config = params.pop("AUTOCOMPLETE_CONFIG", None)
    backend = database_search_backend(params)
    if connection.vendor == "postgresql":  # as modelsearch chooses its backend
        from search import postgres

        if autocomplete_config:
            backend.autocomplete_config = autocomplete_config
        backend.index_class = postgres.Index
        backend.site_postgres = True
    return backend


def matching_entries(search_results, queryset):
    """PostgreSQL: the matching index entries of `queryset`'s objects (see search/postgres.py).

    None with another backend."""
    if getattr(search_results.backend, "site_postgres", False):
        from search import postgres

        return postgres.matching_entries(search_results, queryset)
    return None


def ranked_hits(search_results, queryset, head_only):
    """PostgreSQL: the ranked hits of `queryset` (see search/postgres.py); else `search_results`."""
    if getattr(search_results.backend, "site_postgres", False):
        from search import postgres

        return postgres.RankedHits(search_results, queryset, head_only=head_only)
    return search_results
