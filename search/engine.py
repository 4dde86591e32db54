"""Runs a site search: results listed type by type (hearings first) and facet counts.

Facets are combinable: values of one facet are alternatives (OR), facets narrow each other (AND).
Each facet's counts are computed with the other facets applied and its own left out, so that a
count says how many results ticking that value would add.
"""

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _
from modelsearch.query import And, Phrase, PlainText

from discussion.counts import comment_counts
from search.excerpts import make_excerpt
from search.registry import FACETS, registry

WORD_RE = re.compile(r"\w+")
PHRASE_RE = re.compile(r'"([^"]*)"')
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


def hit_pks(results):
    """The primary keys of every hit, as a subquery when the backend is the database."""
    if hasattr(results, "get_queryset"):
        return results.get_queryset().order_by().values("pk")
    return [hit.pk for hit in results[:MAX_FACET_HITS_OUTSIDE_DATABASE]]


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

    def __init__(self, searchable_type, query, filters):
        self.type = searchable_type
        self.query = query
        self.filters = filters
        self.base = searchable_type.model.objects.live().public()

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

    def results(self, exclude_facet=None):
        return self.queryset(exclude_facet).search(self.query)

    def facet_counts(self, facets, exclude_facet=None):
        """Counts of several facets over one hit set, in one query: {facet: {value: hits}}.

        One row per hit and combination of its values; distinct hits are counted here, which
        costs less than one grouped query per facet over the same hits.
        """
        lookups = [self.type.facet_lookups[facet] for facet in facets]
        rows = (
            self.type.model.objects.filter(pk__in=hit_pks(self.results(exclude_facet=exclude_facet)))
            .order_by()
            .values_list("pk", *lookups)
            .distinct()
        )
        hits = {facet: {} for facet in facets}
        for pk, *values in rows:
            for facet, value in zip(facets, values, strict=True):
                if value is not None:
                    hits[facet].setdefault(str(value), set()).add(pk)
        return {facet: {value: len(pks) for value, pks in found.items()} for facet, found in hits.items()}


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


def run_search(query_text, filters, facet_labels):
    """Search every registered type; broaden to any word when all words together find nothing."""
    outcome = _search(build_search_query(query_text), filters, facet_labels)
    if not len(outcome.results) and len(WORD_RE.findall(query_text)) > 1:
        broadened = _search(build_search_query(query_text, operator="or"), filters, facet_labels)
        if len(broadened.results):
            broadened.broadened = True
            return broadened
    return outcome


def _search(query, filters, facet_labels):
    searches = [TypedSearch(searchable_type, query, filters) for searchable_type in registry]
    if query is None:
        return SearchOutcome(results=ChainedResults([]), facets=[])

    type_counts = {}
    parts = []
    for search in searches:
        if search.applicable(exclude_facet="type"):
            results = search.results()
            type_counts[search.type.slug] = results.count()
            if search.applicable():
                parts.append((search, results, type_counts[search.type.slug]))

    counts = {"type": Counter(type_counts)}
    for search in searches:
        # Facets without a selection share the hit set of all filters; a facet with a selection
        # is counted over the hits of the other filters only.
        shared = [
            facet
            for facet in FACETS
            if facet != "type" and search.type.supports(facet) and not filters.get(facet)
        ]
        if shared and search.applicable():
            for facet, found in search.facet_counts(shared).items():
                counts.setdefault(facet, Counter()).update(found)
        for facet in FACETS:
            if facet == "type" or facet in shared or not search.type.supports(facet):
                continue
            if search.applicable(exclude_facet=facet):
                found = search.facet_counts([facet], exclude_facet=facet)[facet]
                counts.setdefault(facet, Counter()).update(found)
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
    for searchable_type, pages in by_type.values():
        if searchable_type.prefetch:
            prefetch_related_objects(pages, *searchable_type.prefetch)
    counts = comment_counts([page for _type, page in hits])
    cards = []
    for searchable_type, page in hits:
        status = ""
        if "statut" in searchable_type.facet_lookups:
            status = getattr(page, f"get_{searchable_type.facet_lookups['statut']}_display")()
        cards.append(
            Result(
                page=page,
                searchable_type=searchable_type,
                url=page.get_url(request=request),
                date=getattr(page, searchable_type.date_attr) if searchable_type.date_attr else None,
                status=status,
                organisms=searchable_type.organisms(page),
                excerpt=make_excerpt(
                    [getattr(page, attr) for attr in searchable_type.excerpt_attrs], query_text
                ),
                comment_count=counts.get(page.pk),
            )
        )
    return cards


def broadened_message():
    return _("Aucun résultat ne contient tous vos mots : voici ceux qui en contiennent au moins un.")
