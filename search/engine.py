"""Runs a site search: results listed type by type (hearings first) and facet counts.

Facets are combinable: values of one facet are alternatives (OR), facets narrow each other (AND).
Each facet's counts are computed with the other facets applied and its own left out, so that a
count says how many results ticking that value would add.
"""

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice

from django.core.exceptions import FieldDoesNotExist
from django.db import connections
from django.db.models import CharField, Exists, F, OuterRef
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django_comments.models import Comment
from modelsearch.query import And, Phrase, PlainText
from wagtail.models import Page

from discussion.counts import comment_count_rows, comment_counts
from frontcache.fragments import generation as editorial_generation
from frontcache.restrictions import restricted_sections
from search import bitmaps, facts
from search.backends import RANK_BODY_LIMIT, index_scans, postgres_search
from search.excerpts import make_excerpt
from search.registry import FACETS, registry
from search.statements import IdsQuery

WORD_RE = re.compile(r"\w+")
PHRASE_RE = re.compile(r'"([^"]*)"')
# The published comments of the hits, by their ids as text (django_comments' object_pk).
COMMENT_COUNTS = IdsQuery(Comment, comment_count_rows, stand_in=lambda index: f"stand-in-{index}")
# Facet counts on a search engine that cannot hand back a database subquery (OpenSearch,
# Elasticsearch) are computed on the best hits only.
MAX_FACET_HITS_OUTSIDE_DATABASE = 1000


def build_search_query(text, operator="and"):
    """The backend query for what was typed: "quoted words" are phrases, other words all count.

    Only word characters reach the backend: quotes, %, \\, SQL punctuation and emoji cannot
    break a full-text query syntax (SQLite FTS5 MATCH, PostgreSQL tsquery).
    """
    parts = []
    for phrase in PHRASE_RE.findall(text):
        words = WORD_RE.findall(phrase)
        if len(words) > 1:
            parts.append(Phrase(" ".join(words)))
        elif words:
            parts.append(PlainText(words[0], operator=operator))
    words = WORD_RE.findall(PHRASE_RE.sub(" ", text))
    if words:
        parts.append(PlainText(" ".join(words), operator=operator))
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return And(parts)


@dataclass
class Result:
    page: object
    searchable_type: object
    url: str
    date: object = None
    status: str = ""
    organisms: list = field(default_factory=list)
    excerpt: str = ""
    comment_count: int | None = None


class TypedSearch:
    """The search of one page type under the active filters."""

    def __init__(self, searchable_type, query, filters, private=None, restricted=True, generation=None):
        """`private`: Page.objects.private_q(), the pages under a view restriction (computed
        once for all the types when given). `restricted`: False when no section of the site is
        under a view restriction, so that every live page is public. `generation`: the
        editorial generation, when the search may count on bitmaps (search/bitmaps.py)."""
        self.type = searchable_type
        self.query = query
        self.filters = filters
        live = searchable_type.model.objects.live()
        self.base = live.exclude(private) if private is not None else live.public()
        self.restricted = restricted
        self.generation = None if restricted else generation
        self.postgres = None  # search/postgres.py once `summary` found the backend to be it

    def applicable(self, exclude_facet=None):
        """False when a filter is active on a facet this type cannot be narrowed by."""
        for facet, values in self.filters.items():
            if facet == exclude_facet or not values:
                continue
            if facet == "type":
                if self.type.slug not in values:
                    return False
            elif not self.type.supports(facet):
                return False
        return True

    def queryset(self, exclude_facet=None):
        queryset = self.base
        model = self.type.model
        for facet, values in self.filters.items():
            if facet in ("type", exclude_facet) or not values:
                continue
            lookup = self.type.facet_lookups[facet]
            # A subquery keeps the hits distinct when a lookup crosses a many-to-many relation.
            queryset = queryset.filter(pk__in=model.objects.filter(**{f"{lookup}__in": values}).values("pk"))
        return queryset

    def results(self, total, window=None):
        """The hits under every filter, best first."""
        if self.postgres:

            def searched():
                queryset = self.queryset()
                return queryset.search(self.query), queryset

            # Built only when the page asks for hits outside `window` (found with the counts).
            return self.postgres.RankedHits(searched, self.type.model, total, window)
        return self.queryset().search(self.query)

    def summary(self, window=None):
        """Hits and facet counts in one SQL statement: (total, {facet: {value: hits}}, pks).

        `total` counts the hits under every filter but the type; it is None when a filter is
        active on a facet this type cannot be narrowed by. Facets are counted only when the type
        filter lets this type through, each over the hits of the other filters: the hits of the
        text search are computed once (a materialised CTE) with one flag per active filter, then
        each facet is one GROUP BY over the hits whose other flags hold.

        On PostgreSQL, `window` (low, limit) also asks for the pks of the best hits
        [low:low + limit] under every filter, returned as (low, [pk…]) instead of None.
        """
        active = {facet: values for facet, values in self.filters.items() if facet != "type" and values}
        if not all(self.type.supports(facet) for facet in active):
            return None, {}, None
        search_results = self.base.search(self.query)
        self.postgres = postgres = postgres_search(search_results)
        if postgres:
            if self.generation is not None:
                return self._summary_from_bitmaps(postgres, search_results, active, window, self.generation)
            return self._summary_from_facts(postgres, search_results, active, window)
        columns = ["pk", *(f"in_{facet}" for facet in active)]
        if hasattr(search_results, "get_queryset"):
            hits = search_results.get_queryset().order_by().annotate(hit=F("pk"))
        else:  # an outside engine: the facets of its best hits
            pks = [hit.pk for hit in search_results[:MAX_FACET_HITS_OUTSIDE_DATABASE]]
            hits = self.base.filter(pk__in=pks).annotate(hit=F("pk"))
        hits = hits.annotate(
            **{f"in_{facet}": self._matches(facet, values) for facet, values in active.items()}
        )
        selected = ["hit", *columns[1:]]
        hits_sql, params = hits.values_list(*selected).query.sql_with_params()
        params = list(params)
        facets = [facet for facet in FACETS if facet != "type" and self.type.supports(facet)]
        if not self.applicable():
            facets, window = [], None
        # Only facet names (FACETS keys) and SQL compiled by Django go into the statement's text.
        quoted = ", ".join(f'"{column}"' for column in selected)
        ctes = [f"hits ({', '.join(columns)}) AS MATERIALIZED (SELECT {quoted} FROM ({hits_sql}) AS matched)"]  # noqa: S608
        parts = [f"SELECT -1, CAST(NULL AS varchar(255)), COUNT(*) FROM hits WHERE {_flags(active)}"]  # noqa: S608
        # Each hit's values of the facets, in a table per kind of facet: one row per hit for the
        # facets of the page itself (statut, annee), one row per hit and combination of values
        # for those through the organisms (joined once for all of them), whose distinct
        # (hit, value) pairs are counted: hashing them costs less than COUNT(DISTINCT), which sorts.
        for multiple in (False, True):
            group = [facet for facet in facets if self._multi_valued(facet) == multiple]
            if not group:
                continue
            table = "facts_many" if multiple else "facts_one"
            facts_sql, facts_params = self._facts(
                [(facets.index(f), f) for f in group]
            ).query.sql_with_params()
            values = ", ".join(f"v{facets.index(facet)}" for facet in group)
            ctes.append(f"{table} (pk, {values}) AS MATERIALIZED ({facts_sql})")
            params.extend(facts_params)
            for facet in group:
                tag = facets.index(facet)
                source = table
                if _flags(active, facet) != "1 = 1":
                    source = f"{table} JOIN hits ON hits.pk = {table}.pk WHERE {_flags(active, facet)}"
                pairs = f"SELECT {'DISTINCT ' if multiple else ''}{table}.pk, v{tag} AS value FROM {source}"  # noqa: S608
                parts.append(f"SELECT {tag}, value, COUNT(*) FROM ({pairs}) AS pairs_{tag} GROUP BY value")  # noqa: S608
        statement = "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(parts)
        total, counts = 0, {facet: {} for facet in facets}
        with connections[hits.db].cursor() as cursor:
            cursor.execute(statement, params)
            for tag, value, count in cursor.fetchall():
                if tag == -1:
                    total = count
                elif value is not None:
                    counts[facets[tag]][str(value)] = count
        if not hasattr(search_results, "get_queryset"):
            total = search_results.count()
        return total, counts, None

    def _summary_from_bitmaps(self, postgres, search_results, active, window, generation):
        """`summary` on PostgreSQL when no section is restricted: the hits, best first, from one
        statement; whether they are live, filtered and counted in Python on this process's
        bitmaps of the facet rows (search/bitmaps.py), read once per editorial generation."""
        using = self.base.db
        sql, params = postgres.ranked_hits_statement(self.base, self.type.model, self.query)
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        ordered, whole_text = [], False
        for ranked_on_whole_text, ids in rows:
            if ids is not None:
                ordered, whole_text = ids, ranked_on_whole_text
        found = bitmaps.snapshot(generation, using)
        facets = [facet for facet in FACETS if facet != "type" and self.type.supports(facet)]
        if not self.applicable():
            facets, window = [], None
        under_all, counts = bitmaps.count(found, bitmaps.from_ids(ordered) & found.live, active, facets)
        total = under_all.bit_count()
        best = None
        if window:
            low, limit = window
            allowed = bitmaps.members(under_all)
            shown = (pk for pk in ordered if allowed(pk))
            if total <= RANK_BODY_LIMIT and not whole_text:
                # Few hits under the filters, more without: ranked on their whole text, as a
                # search finding only these would be.
                chosen = postgres.rank_on_whole_text(search_results, self.type.model, list(shown))
            else:
                chosen = list(islice(shown, low + limit))
            best = (low, chosen[low : low + limit])
        return total, counts, best

    def _summary_from_facts(self, postgres, search_results, active, window):
        """`summary` on PostgreSQL: the facet values of the hits read from their rows in
        search_pagefacts (search/facts.py), one array of numbers per hit, counted unnested (when
        a section is restricted, or without the editorial cache)."""
        if self.restricted:
            hits = postgres.matching_entries(search_results, self.type.model, self.base)
            join = f"LEFT JOIN {facts.TABLE} AS known ON known.page_id = matched.hit"
        else:
            # Every live page is public: whether a hit is live is read from its facts row
            # (kept by a trigger), not from the page tables, probed twice per hit.
            hits = postgres.matching_entries(search_results, self.type.model)
            join = f"JOIN {facts.TABLE} AS known ON known.page_id = matched.hit AND known.live"
        hits = hits.annotate(entry=F("id"), rank=postgres.head_rank(search_results))
        hits_sql, hits_params = hits.values_list("hit", "entry", "rank").query.sql_with_params()
        facets = [facet for facet in FACETS if facet != "type" and self.type.supports(facet)]
        if not self.applicable():
            facets, window = [], None
        # Only facet names (FACETS keys), table names and SQL compiled by Django go into the
        # statement's text; the selected values are parameters.
        flags, params = "", []
        for facet, values in active.items():
            flags += (
                f", COALESCE(known.facts, '{{}}') && ARRAY(SELECT id FROM {facts.VALUES_TABLE} "  # noqa: S608
                f"WHERE facet = %s AND value = ANY(%s)) AS in_{facet}"
            )
            params.extend((facet, [str(value) for value in values]))
        params.extend(hits_params)
        columns = ", ".join(["pk", "entry", "rank", "facts", *(f"in_{facet}" for facet in active)])
        statement = (
            f"WITH hits ({columns}) AS MATERIALIZED ("  # noqa: S608
            f"SELECT matched.hit, matched.entry, matched.rank, COALESCE(known.facts, '{{}}'){flags} "
            f"FROM ({hits_sql}) AS matched {join}) "
            f"SELECT -1, CAST(NULL AS varchar(255)), COUNT(*) FROM hits WHERE {_flags(active)}"
        )
        # Each facet is counted over the hits of the other filters: the facets sharing the same
        # other filters (all those without a selected value) are counted together.
        groups = {}
        for facet in facets:
            groups.setdefault(_flags(active, facet), []).append(facet)
        groups = list(groups.items())
        for tag, (condition, _group) in enumerate(groups):
            statement += (
                f" UNION ALL SELECT {tag}, CAST(known.facet || ':' || known.value AS varchar(255)), "  # noqa: S608
                f"counted.hits FROM (SELECT code, COUNT(*) AS hits FROM hits, unnest(hits.facts) AS code "
                f"WHERE {condition} GROUP BY code) AS counted "
                f"JOIN {facts.VALUES_TABLE} AS known ON known.id = counted.code"
            )
        if window:
            window_sql, window_params = postgres.window_sql(search_results, _flags(active), *window)
            best_sql = f"SELECT -2, CAST(hit AS varchar(255)), position FROM ({window_sql}) AS best"  # noqa: S608
            statement += f" UNION ALL {best_sql}"
            params.extend(window_params)
        total, counts, best = 0, {facet: {} for facet in facets}, []
        with connections[hits.db].cursor() as cursor:
            cursor.execute(statement, params)
            for tag, value, count in cursor.fetchall():
                if tag == -1:
                    total = count
                elif tag == -2:
                    best.append((count, int(value)))
                else:
                    facet, value = value.split(":", 1)
                    if facet in groups[tag][1]:
                        counts[facet][value] = count
        found = (window[0], [pk for _position, pk in sorted(best)]) if window else None
        return total, counts, found

    def _matches(self, facet, values):
        """True for a hit having one of these values of the facet."""
        lookup = self.type.facet_lookups[facet]
        return Exists(self.type.model.objects.filter(pk=OuterRef("hit"), **{f"{lookup}__in": values}))

    def _facts(self, facets):
        """Each hit's values of the facets (text), a row per combination: (pk, value, value…)."""
        lookups = {f"v{tag}": self.type.facet_lookups[facet] for tag, facet in facets}
        model, hit = self.type.model, "pk"
        first = {lookup.split("__", 1)[0] for lookup in lookups.values()}
        relation = model._meta.get_field(first.pop()) if len(first) == 1 else None
        if relation is not None and relation.one_to_many and all("__" in v for v in lookups.values()):
            # Start from the linking rows (a hearing's organisms): no join back to the pages.
            model, hit = relation.related_model, relation.field.attname
            lookups = {name: lookup.split("__", 1)[1] for name, lookup in lookups.items()}
        values = {name: Cast(lookup, CharField()) for name, lookup in lookups.items()}
        return (
            model._default_manager.filter(**{f"{hit}__in": RawSQL("SELECT pk FROM hits", [])})
            .order_by()
            .annotate(**values)
            .values_list(hit, *values)
        )

    def _multi_valued(self, facet):
        """True when the facet's lookup goes through a relation to several objects."""
        model = self.type.model
        for name in self.type.facet_lookups[facet].split("__"):
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                return False  # a transform (year)
            if field.many_to_many or field.one_to_many:
                return True
            if not field.is_relation:
                return False
            model = field.related_model
        return False


def _flags(active, excluded=None):
    """SQL condition on the hits' filter flags, all but `excluded`'s (no user input in it)."""
    return " AND ".join(f"in_{facet}" for facet in active if facet != excluded) or "1 = 1"


class ChainedResults(Sequence):
    """The hits of several types one after the other, sliceable for a Paginator."""

    def __init__(self, parts):
        self.parts = [(search, results, count) for search, results, count in parts if count]

    def __len__(self):
        return sum(count for _search, _results, count in self.parts)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(len(self))
        hits = []
        offset = 0
        for search, results, count in self.parts:
            low, high = max(start - offset, 0), min(stop - offset, count)
            if low < high:
                hits.extend((search.type, page) for page in results[low:high])
            offset += count
        return hits


@dataclass
class SearchOutcome:
    results: ChainedResults
    facets: list
    broadened: bool = False


def run_search(query_text, filters, facet_labels, window=None):
    """Search every registered type; broaden to any word when all words together find nothing.

    `window` (start, stop): the hits the page will show, fetched with the counts if possible."""
    query = build_search_query(query_text)
    # Broadening changes only the words outside quotes (phrases stay phrases): with fewer than
    # two of them it would run the same search again.
    broader = None
    if len(WORD_RE.findall(PHRASE_RE.sub(" ", query_text))) > 1:
        broader = build_search_query(query_text, operator="or")
    with index_scans():
        outcome = _search(query, filters, facet_labels, window)
        # All the words together found nothing: any of them.
        if not len(outcome.results) and broader is not None:
            broadened = _search(broader, filters, facet_labels, window)
            if len(broadened.results):
                broadened.broadened = True
                return broadened
    return outcome


def _typed_searches(query, filters):
    """A TypedSearch per registered type, hearings first."""
    # Both from the restricted sections held by the editorial cache (home/editorial_data.py).
    private, restricted = Page.objects.all().private_q(), bool(restricted_sections())
    generation = None if restricted else editorial_generation()
    return [
        TypedSearch(searchable_type, query, filters, private, restricted, generation)
        for searchable_type in registry
    ]


def _search(query, filters, facet_labels, window=None):
    """One search of every registered type (inside `index_scans()`)."""
    if query is None:
        return SearchOutcome(results=ChainedResults([]), facets=[])
    searches = _typed_searches(query, filters)

    type_counts = {}
    parts = []
    counts = {}
    offset = 0  # hits of the types listed before this one
    for search in searches:
        wanted = None
        if window and window[1] > offset:
            low = max(window[0] - offset, 0)
            wanted = (low, window[1] - offset - low)
        total, found, best = search.summary(wanted)
        if total is None:
            continue
        type_counts[search.type.slug] = total
        for facet, values in found.items():
            counts.setdefault(facet, Counter()).update(values)
        if search.applicable() and total:
            parts.append((search, search.results(total, best), total))
            offset += total
    counts["type"] = Counter(type_counts)
    facets = [
        _facet_options(facet, label, counts.get(facet, Counter()), filters.get(facet, []), facet_labels)
        for facet, label in FACETS.items()
    ]
    return SearchOutcome(results=ChainedResults(parts), facets=[f for f in facets if f["options"]])


def _facet_options(facet, label, counts, selected, facet_labels):
    labels = facet_labels.get(facet, {})
    values = [value for value in labels if counts.get(value) or value in selected]
    if facet == "annee":
        values.sort(reverse=True)
    options = [
        {
            "value": value,
            "label": labels[value],
            "count": counts.get(value, 0),
            "selected": value in selected,
            "id": f"facet-{facet}-{value}",
        }
        for value in values
    ]
    return {"name": facet, "label": label, "options": options, "selected": bool(selected)}


def describe(hits, query_text, request):
    """Result cards for one page of hits: a constant number of queries per type."""
    by_type = {}
    for searchable_type, page in hits:
        by_type.setdefault(searchable_type.slug, (searchable_type, []))[1].append(page)
    organisms = {}
    for searchable_type, pages in by_type.values():
        organisms.update(searchable_type.organisms(pages))
    counts = comment_counts([page for _type, page in hits], rows=COMMENT_COUNTS.rows)
    # The labels of the status choices, translated once per request (get_FOO_display flattens
    # the choices and their lazy translations at each call).
    status_labels = {
        slug: {value: str(label) for value, label in searchable_type.choice_labels("statut").items()}
        for slug, (searchable_type, _) in by_type.items()
    }
    cards = []
    for searchable_type, page in hits:
        status = ""
        if "statut" in searchable_type.facet_lookups:
            value = getattr(page, searchable_type.facet_lookups["statut"])
            status = str(status_labels[searchable_type.slug].get(str(value), value))
        cards.append(
            Result(
                page=page,
                searchable_type=searchable_type,
                url=page.get_url(request=request),
                date=getattr(page, searchable_type.date_attr) if searchable_type.date_attr else None,
                status=status,
                organisms=organisms.get(page.pk, []),
                excerpt=make_excerpt(
                    [getattr(page, attr) for attr in searchable_type.excerpt_attrs], query_text
                ),
                comment_count=counts.get(page.pk),
            )
        )
    return cards


def broadened_message():
    return _("Aucun résultat ne contient tous vos mots : voici ceux qui en contiennent au moins un.")
