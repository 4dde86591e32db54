"""Runs a site search on the search documents (search/models.py) with the ORM.

What is shown is decided at query time: documents of live, public pages
(`Page.objects.live().public()`) and, for comments, those published by the discussion's own
definition (`DiscussionComment.objects.published()`).

Matching: every word must be found, each "quoted phrase" as a sequence of words, on search terms
(search/text.py). On PostgreSQL through `django.contrib.postgres.search` (a `SearchQuery` on the
terms with the `simple` configuration against the stored vector, ranked by `SearchRank`); on
SQLite by `contains` on the folded texts (title matches first). When all the words together find
nothing, the search broadens to any of them.

Facets: values of one facet are alternatives (OR), facets narrow each other (AND); each facet's
counts are computed with the other facets applied and its own left out.
"""

import difflib
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.db import connection
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Length
from django_comments.models import Comment
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, Phrase, PlainText

from discussion.models import DiscussionComment
from search import text
from search.models import SearchDocument, SearchFacet, SearchTerm
from search.registry import FACETS

# Fewer results than this and the page offers a spelling suggestion, when one finds more.
FEW_RESULTS = 3
MAX_SUGGESTIONS_PER_WORD = 5
# With an outside engine, the facets and pages are those of its best hits.
MAX_OUTSIDE_HITS = 1000


def postgres():
    return connection.vendor == "postgresql"


def unpublished_comment():
    """Whether a document's comment is not public or is removed, now: one look-up of its row by
    primary key (django_comments' table, which this project does not own: no index of ours on it).

    A comment has a search document only if it was published when the document was written, so
    leaving out the few comments unpublished since (this, and the comments hidden by flags, read
    through our partial index `discussion_hidden_by_flags`) is the same check as keeping the
    published ones (the discussion's `PUBLISHED`), without reading the 200,000 published ones at
    every search. PostgreSQL looks up the hits' comments one by one, or hashes the unpublished
    ones when the hits are many."""
    return Exists(Comment.objects.filter(Q(is_public=False) | Q(is_removed=True), pk=OuterRef("comment_id")))


def visible_documents():
    """Documents of live public pages; comments only while published."""
    return (
        SearchDocument.objects.filter(page__in=Page.objects.live().public().values("pk"))
        .exclude(unpublished_comment())
        .exclude(comment__in=DiscussionComment.objects.filter(hidden_by_flags=True).values("pk"))
    )


def _postgres_query(query, operator):
    parts = [SearchQuery(word, config="simple", search_type="plain") for word in query.words]
    parts += [
        SearchQuery(" ".join(phrase), config="simple", search_type="phrase") for phrase in query.phrases
    ]
    return reduce(operator, parts)


def _contains(sequence):
    needle = f" {' '.join(sequence)} "
    return Q(title_folded__contains=needle) | Q(text_folded__contains=needle)


def outside_hits(query, any_word):
    """The ids of the best documents found by Wagtail's search backend (an outside engine), best
    first, through its query API on the folded texts."""
    operator = "or" if any_word else "and"
    parts = [PlainText(" ".join(query.words), operator=operator)] if query.words else []
    parts += [Phrase(" ".join(phrase)) for phrase in query.phrases]
    combined = parts[0] if len(parts) == 1 else (Or(parts) if any_word else And(parts))
    found = get_search_backend().search(combined, SearchDocument, fields=["title_folded", "text_folded"])
    return [document.pk for document in found[:MAX_OUTSIDE_HITS]]


def matching(documents, query, any_word=False):
    """The documents holding the query's terms (all of them, or any with `any_word`)."""
    if settings.PUBLIC_SEARCH_OUTSIDE_ENGINE:
        # The engine matches and ranks; privacy, facets and pages are the database's, as below.
        ids = outside_hits(query, any_word)
        rank = Case(
            *[When(pk=pk, then=Value(len(ids) - position)) for position, pk in enumerate(ids)],
            default=Value(0),
            output_field=IntegerField(),
        )
        return documents.filter(pk__in=ids).annotate(rank=rank)
    if postgres():
        return documents.filter(vector=_postgres_query(query, or_ if any_word else and_))
    conditions = [_contains([word]) for word in query.words] + [_contains(phrase) for phrase in query.phrases]
    return documents.filter(reduce(or_ if any_word else and_, conditions))


def ranked(documents, query, any_word=False):
    """Best first: PostgreSQL's rank of the vector; on SQLite, title matches first; with an
    outside engine, its order. Then newest."""
    if settings.PUBLIC_SEARCH_OUTSIDE_ENGINE:
        return documents.order_by("-rank", F("date").desc(nulls_last=True), "pk")
    if postgres():
        rank = SearchRank(F("vector"), _postgres_query(query, or_ if any_word else and_))
    else:
        in_title = reduce(or_, [Q(title_folded__contains=f" {term} ") for term in query.all_terms])
        rank = Case(When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField())
    return documents.annotate(rank=rank).order_by("-rank", F("date").desc(nulls_last=True), "pk")


def with_facet(documents, dimension, values):
    return documents.filter(
        Exists(SearchFacet.objects.filter(document=OuterRef("pk"), dimension=dimension, value__in=values))
    )


def narrowed(documents, filters):
    for dimension, values in filters.items():
        if values:
            documents = with_facet(documents, dimension, values)
    return documents


def facet_counts(matched, filters):
    """({facet: {value: documents}}, results): the facets without a selected value counted over
    the results, each facet with a selection over the results of the other filters; and the
    number of results (the documents passing every filter), from the same query.

    One query groups the matching documents by their facet values (`facet_values`: a few
    hundred distinct combinations where the facet rows are hundreds of thousands), and each
    combination is added to the facets whose counts it belongs to: all of them when it passes
    every filter, a selected facet's alone when that facet's filter is the only one it fails."""
    counts = {dimension: {} for dimension in FACETS}
    selected = {dimension: set(values) for dimension, values in filters.items() if values}
    rows = matched.values_list("facet_values").annotate(total=Count("pk")).order_by()
    results = 0
    for lines, total in rows:
        values = {}
        for line in lines.splitlines():
            dimension, _sep, value = line.partition("=")
            values.setdefault(dimension, []).append(value)
        failed = [
            dimension
            for dimension, wanted in selected.items()
            if wanted.isdisjoint(values.get(dimension, ()))
        ]
        if len(failed) > 1:
            continue
        if not failed:
            results += total
        for dimension, found in values.items():
            if dimension not in counts or (failed and failed[0] != dimension):
                continue
            for value in found:
                counts[dimension][value] = counts[dimension].get(value, 0) + total
    return counts, results


class RankedDocuments:
    """The results for a Paginator: their number known already (counted with the facets); a
    page of them ranked as ids alone (the sort then moves ids and ranks, not texts), its
    documents read afterwards by id."""

    def __init__(self, ranked, total):
        self.ranked = ranked
        self.total = total

    def count(self):
        return self.total

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        ranked_ids = self.ranked.values_list("pk", flat=True)
        ids = list(ranked_ids[index]) if isinstance(index, slice) else [ranked_ids[index]]
        # A page of results reads the original text (for its excerpt), not its folded copy nor
        # vector.
        found = (
            SearchDocument.objects.select_related("page")
            .defer("title_folded", "text_folded", "vector", "facet_values")
            .in_bulk(ids)
        )
        documents = [found[pk] for pk in ids if pk in found]
        return documents if isinstance(index, slice) else documents[0]


@dataclass
class SearchOutcome:
    results: object  # RankedDocuments, best first
    counts: dict = field(default_factory=dict)
    broadened: bool = False


def run_search(query, filters):
    """Search for a parsed query under the facet filters ({facet: [values]})."""
    visible = visible_documents()
    any_word = False
    if len(query.words) > 1 and not matching(visible, query).exists():
        # All the words together find nothing: any of them.
        any_word = matching(visible, query, any_word=True).exists()
    matched = matching(visible, query, any_word=any_word)
    counts, total = facet_counts(matched, filters)
    results = RankedDocuments(ranked(narrowed(matched, filters), query, any_word), total)
    return SearchOutcome(results=results, counts=counts, broadened=any_word)


# --- Spelling suggestions ---------------------------------------------------------------------


def closest_terms(word):
    """Known terms close to `word` (a term), best first."""
    if postgres():
        return list(
            SearchTerm.objects.filter(word__trigram_similar=word)
            .annotate(similarity=TrigramSimilarity("word", word))
            .order_by("-similarity", "-document_count", "word")
            .values_list("word", "spelling")[:MAX_SUGGESTIONS_PER_WORD]
        )
    # Words sharing the first letter and of a similar length, compared by difflib.
    candidates = dict(
        SearchTerm.objects.filter(word__startswith=word[0])
        .annotate(length=Length("word"))
        .filter(length__gte=len(word) - 2, length__lte=len(word) + 2)
        .order_by("-document_count", "word")
        .values_list("word", "spelling")[:5000]
    )
    close = difflib.get_close_matches(word, candidates, n=MAX_SUGGESTIONS_PER_WORD, cutoff=0.75)
    return [(found, candidates[found]) for found in close]


def suggestion(query_text):
    """A corrected query whose unknown words are replaced by close known ones, when it finds
    visible results; else None. The vocabulary may hold words of pages now private: a suggestion
    is offered only if it finds something the visitor may see."""
    words = text.WORD_RE.findall(query_text)[: text.MAX_QUERY_TERMS]
    terms = [text.term(word) for word in words]
    known = set(SearchTerm.objects.filter(word__in=terms).values_list("word", flat=True))
    visible = visible_documents()
    replaced = list(words)
    changed = False
    for position, term in enumerate(terms):
        if term in known or len(term) < 3 or not term.isalpha():
            continue
        for _word, spelling in closest_terms(term):
            trial = replaced[:position] + [spelling] + replaced[position + 1 :]
            if matching(visible, text.parse_query(" ".join(trial))).exists():
                replaced, changed = trial, True
                break
    return " ".join(replaced) if changed else None


# --- Autocomplete -----------------------------------------------------------------------------


def completions(typed, limit):
    """Visible pages whose title holds what is typed (as terms), titles first by length."""
    needle = " ".join(text.terms(typed))
    if not needle:
        return []
    return list(
        visible_documents()
        .filter(comment__isnull=True, title_folded__contains=f" {needle}")
        .select_related("page")
        .annotate(title_length=Length("title"))
        .order_by("title_length", "title")[:limit]
    )
