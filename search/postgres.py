"""The PostgreSQL parts of the search backend (see search/backends.py): indexing, matching, ranking.

Imported only when the database is PostgreSQL.
"""

import itertools
import re
import time

from django.contrib.postgres.search import SearchVectorField
from django.db import connections
from django.db.models import ExpressionWrapper, F, IntegerField, Q, Window
from django.db.models.expressions import CombinedExpression, RawSQL
from django.db.models.functions import Cast, RowNumber
from django.utils.functional import cached_property
from modelsearch.backends.database.postgres import postgres
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import And, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from search import facts
from search.backends import HEAD_BOOST, RANK_BODY_LIMIT
from search.registry import registry

IndexEntry = postgres.IndexEntry
# Types with at most this many index entries are matched through the content type's index.
FEW_ENTRIES = 200
ENTRIES_TTL = 300
_entries_counted = {}
# A full rebuild sets every title_norm again at the end; rows whose norm would change by less
# than this are left alone (rewriting a row rewrites all its full-text index entries).
TITLE_NORM_TOLERANCE = 0.01


class ObjectIndexer(postgres.ObjectIndexer):
    """The texts of one object, each field prepared once."""

    @cached_property
    def prepared(self):
        return [item for field in self.search_fields for item in self.prepare_field(self.obj, field)]

    @staticmethod
    def in_head(field):
        return field.field_name == "title" or (field.boost or 0) >= HEAD_BOOST

    def texts(self, kind):
        """[(text, weight)] of the head, the body or the autocomplete vector."""
        texts = []
        for field, weight, value in self.prepared:
            if kind == "autocomplete":
                wanted = isinstance(field, AutocompleteField)
            else:
                wanted = isinstance(field, SearchField) and self.in_head(field) == (kind == "head")
            text = value.strip() if wanted else ""
            if text:
                texts.append((text, weight))
        return texts

    def plain_text(self, titles):
        return " ".join(
            value.strip()
            for field, _weight, value in self.prepared
            if isinstance(field, SearchField) and (field.field_name == "title") == titles and value.strip()
        )


def vector_sql(texts, config, params):
    """SQL of a weighted tsvector of `texts`, its parameters appended to `params`."""
    if not texts:
        return "''::tsvector"
    parts = []
    for text, weight in texts:
        parts.append("setweight(to_tsvector(%s::regconfig, %s), %s)")
        params.extend((config, text, weight))
    return " || ".join(parts)


class Index(postgres.PostgresIndex):
    def add_items(self, model, objs):
        """Insert or update the entries of `objs` in one statement, their title norms included.

        modelsearch inserts them with a norm of 1.0 then updates them again, which writes every
        row and its full-text index entries twice.
        """
        if not model.get_search_fields() or not objs:
            return
        config, autocomplete_config = self.backend.config, self.backend.autocomplete_config
        content_type_pk = get_content_type_pk(model)
        rows, params = [], []
        for obj in objs:
            indexer = ObjectIndexer(obj, self.backend)
            params.extend((content_type_pk, str(obj.pk)))
            head = vector_sql(indexer.texts("head"), config, params)
            autocomplete = vector_sql(indexer.texts("autocomplete"), autocomplete_config, params)
            body = vector_sql(indexer.texts("body"), config, params)
            params.extend((indexer.plain_text(titles=True), indexer.plain_text(titles=False)))
            rows.append(f"(%s::integer, %s, {head}, {autocomplete}, {body}, %s, %s)")
        table = IndexEntry._meta.db_table
        sql = f"""
            WITH new (content_type_id, object_id, title, autocomplete, body, title_text, body_text)
                AS (VALUES {", ".join(rows)}),
            average AS (
                SELECT avg(length(title)) AS length FROM (
                    SELECT title FROM {table} WHERE (content_type_id, object_id) NOT IN (
                        SELECT content_type_id, object_id FROM new
                    )
                    UNION ALL SELECT title FROM new
                ) AS titles WHERE length(title) > 0
            )
            INSERT INTO {table}
                (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
            SELECT new.content_type_id, new.object_id, new.title, new.autocomplete, new.body,
                CASE WHEN length(new.title) > 0 THEN average.length / length(new.title) ELSE 1.0 END,
                new.title_text, new.body_text
            FROM new, average
            ON CONFLICT (content_type_id, object_id) DO UPDATE SET
                title = EXCLUDED.title, title_norm = EXCLUDED.title_norm,
                autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body,
                title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
        """  # noqa: S608 - the table name is the model's; every value is a parameter
        with self.write_connection.cursor() as cursor:
            cursor.execute(sql, params)
        # The facet values of these pages (search/facts.py), written with their entries.
        facts.refresh_model(model, [obj.pk for obj in objs], using=self.write_connection.alias)

    def _refresh_title_norms(self, full=False):
        """Set the title norms again (after a full rebuild): only those that changed noticeably."""
        if not full:
            return  # add_items sets the norms of the rows it writes
        table = IndexEntry._meta.db_table
        with connections[self.write_connection.alias].cursor() as cursor:
            cursor.execute(
                f"""
                WITH average AS (
                    SELECT avg(length(title)) AS length FROM {table} WHERE length(title) > 0
                )
                UPDATE {table} SET title_norm = average.length / length(title)
                FROM average
                WHERE length(title) > 0
                  AND abs(title_norm - average.length / length(title))
                      > %s * average.length / length(title)
                """,  # noqa: S608 - the table name is the model's
                [TITLE_NORM_TOLERANCE],
            )


def _compiler(search_results):
    compiler = search_results.query_compiler
    return compiler, compiler.get_config(search_results.backend)


def head_rank(search_results):
    """modelsearch's rank of the title vector (the head), times the entry's title norm."""
    compiler, config = _compiler(search_results)
    return compiler.build_tsrank(F("title"), compiler.query, config=config) * F("title_norm")


def full_rank(search_results):
    """modelsearch's rank: head and body vectors."""
    compiler, config = _compiler(search_results)
    return head_rank(search_results) + compiler.build_tsrank(F("body"), compiler.query, config=config)


def entries_of_types(types, using):
    """How many index entries these content types have, counted at most every ENTRIES_TTL
    seconds per process (it only chooses a plan)."""
    key = (using, tuple(sorted(types)))
    counted = _entries_counted.get(key)
    if counted is None or time.monotonic() - counted[0] > ENTRIES_TTL:
        count = IndexEntry._default_manager.using(using).filter(content_type_id__in=types).count()
        counted = _entries_counted[key] = (time.monotonic(), count)
    return counted[1]


def matching_entries(search_results, model, queryset=None, many=None):
    """The index entries of `model`'s objects (those of `queryset` when given) that match the
    search, each with `hit`, its pk.

    modelsearch joins every object of the model to its entry on a text column
    (`object_id = pk::varchar`); starting from the entries the GIN index finds and joining on
    integers costs a third as much at 10,000 hearings.
    """
    compiler, config = _compiler(search_results)
    types = get_descendants_content_types_pks(model)
    entries = IndexEntry._default_manager.filter(content_type_id__in=types)
    if many is None:
        many = entries_of_types(types, search_results.query_compiler.queryset.db) > FEW_ENTRIES
    if many:
        # `content_type_id + 0`: not the content type's B-tree index, which the planner
        # prefers for words found in most documents and which then computes `title || body`
        # for each entry of the type, reading every body vector (4 times slower than the GIN).
        # A type with few entries keeps it: the GIN alone would find (and, for a phrase,
        # check) the matches of every type.
        entries = IndexEntry._default_manager.alias(
            unindexed_type=ExpressionWrapper(F("content_type_id") + 0, output_field=IntegerField())
        ).filter(unindexed_type__in=types)
    entries = _matching(entries, compiler, config).annotate(hit=Cast("object_id", IntegerField()))
    if queryset is not None:
        entries = entries.filter(hit__in=queryset.order_by().values("pk"))
    return entries


def _matching(entries, compiler, config):
    """`entries` narrowed to those matching the search."""
    entries = entries.annotate(
        document=CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
    )
    for part in _parts(compiler.query):
        tsquery = compiler.build_tsquery(part, config=config)
        if isinstance(part, Phrase):
            # A phrase is checked on the positions of the words: in the title or in the body,
            # through their own GIN indexes. On `title || body` PostgreSQL would concatenate the
            # two vectors of every entry holding the words (~2,400 for « "copie privée" ») to
            # check them: 5 times slower. (A phrase across the end of the title and the start
            # of the body, which nobody means, is no longer found.)
            entries = entries.filter(Q(title=tsquery) | Q(body=tsquery))
        else:
            entries = entries.filter(document=tsquery)
    return entries


def _parts(query):
    """The parts of a query that all must match (`And`'s), else the query itself."""
    if isinstance(query, And):
        return [part for subquery in query.subqueries for part in _parts(subquery)]
    return [query]


def window_sql(search_results, condition, low, limit):
    """SQL of (hit, position) of the hits [low:low + limit], best first, from the `hits` CTE of
    search/engine.py (pk, entry, rank of the head, flags…) for the hits meeting `condition`.

    Two SELECTs of which only one runs (PostgreSQL evaluates the one-time condition on the count
    first): up to RANK_BODY_LIMIT hits are ranked on their whole text, more on their head.
    """
    count = f"(SELECT COUNT(*) FROM hits WHERE {condition})"  # noqa: S608 - flag names only
    few = (
        IndexEntry._default_manager.filter(
            pk__in=RawSQL(f"SELECT entry FROM hits WHERE {condition} AND {count} <= %s", [RANK_BODY_LIMIT])  # noqa: S608, S611
        )
        .annotate(hit=Cast("object_id", IntegerField()), rank=full_rank(search_results))
        .annotate(position=Window(RowNumber(), order_by=[F("rank").desc(), F("hit").desc()]))
        .order_by("position")
        .values_list("hit", "position")[low : low + limit]
    )
    few_sql, params = few.query.sql_with_params()
    many_sql = (
        f"SELECT hit, ROW_NUMBER() OVER () AS position FROM (SELECT pk AS hit FROM hits "  # noqa: S608
        f"WHERE {condition} AND {count} > %s ORDER BY rank DESC, pk DESC LIMIT %s OFFSET %s) AS best"
    )
    return f"({few_sql}) UNION ALL ({many_sql})", [*params, RANK_BODY_LIMIT, limit, low]


# Statements of ranked_hits_sql built for placeholder words, by shape of query (see
# ranked_hits_statement); a process holds at most MAX_STATEMENTS of them.
_statements = {}
MAX_STATEMENTS = 500
PLACEHOLDER = "zzmot{}zz"
PLACEHOLDER_RE = re.compile(r"zzmot(\d+)zz")


def ranked_hits_statement(queryset, model, query):
    """ranked_hits_sql for `queryset.search(query)`, without building it through the ORM each
    time (about 1 ms a type): the statement is built once per shape of query — the kind of each
    part (words or phrase), its operator and number of words — with placeholder words, whose
    parameters then take the words searched. Only word characters reach here
    (search.engine.build_search_query), which the backend passes on unchanged, so the result is
    the statement ranked_hits_sql would build (tests/search/test_search_statements.py)."""
    parts = _parts(query)
    shape = (
        isinstance(query, And),
        tuple(
            (type(part), getattr(part, "operator", None), len(part.query_string.split())) for part in parts
        ),
    )
    words = [word for part in parts for word in part.query_string.split()]
    types = get_descendants_content_types_pks(model)
    many = entries_of_types(types, queryset.db) > FEW_ENTRIES
    # The content types are parameters of the statement: a test database's may change.
    key = (model._meta.label, tuple(types), queryset.db, shape, many)
    template = _statements.get(key)
    if template is None:
        if len(_statements) >= MAX_STATEMENTS:
            _statements.clear()
        template = _statements[key] = ranked_hits_sql(queryset.search(_placeholder_query(query)), model, many)
    sql, params = template
    return sql, [
        PLACEHOLDER_RE.sub(lambda found: words[int(found.group(1))], param)
        if isinstance(param, str)
        else param
        for param in params
    ]


def _placeholder_query(query):
    """`query` with the same parts, its words replaced by numbered placeholders."""
    numbered = itertools.count()
    placeholders = []
    for part in _parts(query):
        text = " ".join(PLACEHOLDER.format(next(numbered)) for _word in part.query_string.split())
        placeholders.append(
            Phrase(text) if isinstance(part, Phrase) else PlainText(text, operator=part.operator)
        )
    return And(placeholders) if isinstance(query, And) else placeholders[0]


def ranked_hits_sql(search_results, model, many=None):
    """SQL and parameters of one statement listing the hits of `model`'s entries for the search,
    best first, as rows (whole_text, [hit, …]): ranked on the whole text (head and body) when
    there are at most RANK_BODY_LIMIT of them, else on the head (see RankedHits); of the two
    rows, the array of the ranking not used is NULL. Liveness and filters are left to the
    caller (search/bitmaps.py)."""
    hits = matching_entries(search_results, model, many=many).annotate(
        entry=F("id"), rank=head_rank(search_results)
    )
    hits_sql, params = hits.values_list("hit", "entry", "rank").query.sql_with_params()
    count = "(SELECT COUNT(*) FROM hits)"
    few = (
        IndexEntry._default_manager.filter(
            pk__in=RawSQL(f"SELECT entry FROM hits WHERE {count} <= %s", [RANK_BODY_LIMIT])  # noqa: S608, S611
        )
        .annotate(hit=Cast("object_id", IntegerField()), rank=full_rank(search_results))
        .values_list("hit", "rank")
    )
    few_sql, few_params = few.query.sql_with_params()
    sql = (
        f"WITH hits (pk, entry, rank) AS MATERIALIZED ({hits_sql}) "  # noqa: S608 - SQL compiled by Django
        f"SELECT false, array_agg(pk ORDER BY rank DESC, pk DESC) FROM hits WHERE {count} > %s "
        f"UNION ALL SELECT true, array_agg(hit ORDER BY rank DESC, hit DESC) FROM ({few_sql}) AS few"
    )
    return sql, [*params, RANK_BODY_LIMIT, *few_params]


def rank_on_whole_text(search_results, model, pks):
    """These pks of `model`, best first on their whole text (as RankedHits with few hits)."""
    types = get_descendants_content_types_pks(model)
    return list(
        IndexEntry._default_manager.filter(content_type_id__in=types, object_id__in=[str(pk) for pk in pks])
        .annotate(hit=Cast("object_id", IntegerField()), rank=full_rank(search_results))
        .order_by("-rank", "-hit")
        .values_list("hit", flat=True)
    )


class RankedHits:
    """The hits of `queryset` for a search, best first, sliceable: modelsearch's ranking.

    With more than RANK_BODY_LIMIT hits, only the head vectors (title and boosted fields, see
    search/backends.py) are ranked: the body vectors are large and stored out of line, reading
    thousands of them takes longer than the rest of the search. `window` is (low, pks): the
    hits [low:low + len(pks)] already found (search/engine.py gets them with the counts).
    """

    def __init__(self, searched, model, total, window=None):
        """`searched()` returns (search results, queryset): called only for hits outside
        `window`."""
        self.searched = searched
        self.model = model
        self.total = total
        self.window = window

    @cached_property
    def ids(self):
        search_results, queryset = self.searched()
        rank = full_rank(search_results) if self.total <= RANK_BODY_LIMIT else head_rank(search_results)
        return (
            matching_entries(search_results, self.model, queryset)
            .annotate(rank=rank)
            .order_by("-rank", "-hit")
            .values_list("hit", flat=True)
        )

    def __getitem__(self, index):
        ids = None
        if self.window and index.start == self.window[0]:
            low, found = self.window
            if index.stop - low <= len(found) or low + len(found) >= self.total:
                ids = found[: index.stop - low]
        if ids is None:
            ids = list(self.ids[index])
        pages = self.model._default_manager.all()
        searchable_type = registry.of_model(self.model)
        if searchable_type is not None:
            # The result cards' fields alone: a third of a page's columns, and far less to build.
            pages = pages.only(*searchable_type.card_fields)
        objects = pages.in_bulk(ids)
        return [objects[pk] for pk in ids if pk in objects]
