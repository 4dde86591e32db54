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

from contextlib import contextmanager

from django.db import connection, transaction
from modelsearch.backends import get_search_backend
from modelsearch.backends.database import SearchBackend as database_search_backend

# Fields boosted at least this much are ranked with the title (Page.title has boost 2).
HEAD_BOOST = 2
# Above this many hits of one type, results are ranked on their head only.
RANK_BODY_LIMIT = 500


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


def postgres_search(search_results):
    """search/postgres.py when these search results come from the PostgreSQL backend, else None."""
    if getattr(search_results.backend, "site_postgres", False):
        from search import postgres

        return postgres
    return None


# No parallel workers either: a search is small work on a server answering several requests at
# once, where starting workers costs more than it saves (and their CPU time is hidden). No JIT
# compilation: the statement of a word found in most hearings is costed above `jit_above_cost`
# and compiling it took 80 ms, for a statement that runs in less.
SEARCH_PLANNER = {"enable_seqscan": "off", "max_parallel_workers_per_gather": "0", "jit": "off"}
SET_SEARCH_PLANNER = "SELECT " + ", ".join(f"set_config('{name}', %s, true)" for name in SEARCH_PLANNER)
RESET_SEARCH_PLANNER = (
    "SELECT set_config(name, reset_val, true) FROM pg_settings WHERE name IN ("  # noqa: S608
    + ", ".join(f"'{name}'" for name in SEARCH_PLANNER)
    + ")"
)


@contextmanager
def index_scans():
    """PostgreSQL: plan the statements inside without sequential scans (a transaction).

    The planner charges a bitmap scan of the GIN index with checking every row it returns again
    (`(title || body) @@ query`), which the index does not need: for words found in most
    documents it prefers reading the whole table, computing `title || body` for each row, which
    reads every large body vector (0.2 s for « auditions » at 10,000 hearings, against 0.07 s).
    """
    if not getattr(get_search_backend(), "site_postgres", False):
        yield
        return
    outer = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(SET_SEARCH_PLANNER, list(SEARCH_PLANNER.values()))
        yield
        if outer:
            # Inside an outer transaction the settings would outlive this block (after an
            # error, the rollback to the savepoint undoes them); else the commit ends them.
            cursor.execute(RESET_SEARCH_PLANNER)
