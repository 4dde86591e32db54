"""Writing the search documents: a page's own, its published comments', their facet values, the
vocabulary, and on PostgreSQL their text search vectors.

`rebuild_page` rewrites one page's documents (called on publication, unpublication and organism
edits, search/signals.py), `rebuild_comment` one comment's, `rebuild_all` every document in
batches (`manage.py rebuild_search_documents`).
"""

from collections import Counter
from itertools import islice

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models.manager import BaseManager
from wagtail.models import Page
from wagtail.search import index

from discussion.models import DiscussionComment
from hearings.dimensions import DIMENSIONS
from search import text
from search.models import SearchDocument, SearchFacet, SearchTerm
from search.registry import COMMENT_KIND, CONTRIBUTION_KIND, TYPES, type_of_model

BATCH_SIZE = 1000
# Terms kept for suggestions: words of at least this many letters, no numbers.
MIN_TERM_LENGTH = 3
VECTOR = SearchVector("title_folded", config="simple", weight="A") + SearchVector(
    "text_folded", config="simple", weight="B"
)


def searched_texts(obj, fields):
    """The texts of the `search_fields` of `obj` (SearchField and RelatedFields), title aside."""
    for field in fields:
        if isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            if isinstance(related, BaseManager):
                related = related.all()
            elif related is not None:
                related = [related]
            for item in related or []:
                yield from searched_texts(item, field.fields)
        elif isinstance(field, index.SearchField) and field.field_name != "title":
            value = field.get_value(obj)
            for part in value if isinstance(value, list | tuple) else [value]:
                found = text.plain_text(part)
                if found:
                    yield found


class PageFacts:
    """What the documents of one type's pages share: their facet values and organisms, read for
    a batch of pages in one query per dimension."""

    def __init__(self, searchable_type, page_ids):
        self.type = searchable_type
        self.values = {page_id: [("type", searchable_type.kind)] for page_id in page_ids}
        self.organisms = {}
        links = searchable_type.organisms_attr
        if not links:
            return
        model = searchable_type.model
        for dimension in DIMENSIONS:
            lookup = dimension.lookup(f"{links}__organism") + "__slug"
            rows = model.objects.filter(pk__in=page_ids).values_list("pk", lookup).distinct()
            for page_id, slug in rows:
                if slug:
                    self.values[page_id].append((dimension.param, slug))
        relation = model._meta.get_field(links)
        page_field = relation.field.name
        rows = (
            relation.related_model._default_manager.filter(**{f"{page_field}__in": page_ids})
            .order_by(page_field, "sort_order", "pk")
            .values_list(f"{page_field}_id", "organism__name", "organism__acronym")
        )
        for page_id, name, acronym in rows:
            self.organisms.setdefault(page_id, []).append(f"{name} ({acronym})" if acronym else name)

    def taxonomy(self, page_id):
        return [(dimension, value) for dimension, value in self.values[page_id] if dimension != "type"]


def prefetch_searched(queryset, fields, prefix=""):
    """The queryset with the relations of its `search_fields` prefetched, nested ones included."""
    for field in fields:
        if isinstance(field, index.RelatedFields):
            name = f"{prefix}{field.field_name}"
            queryset = prefetch_searched(queryset.prefetch_related(name), field.fields, f"{name}__")
    return queryset


def _date(value):
    return value.date() if hasattr(value, "date") else value


def page_document(page, facts):
    """(document, facet values) of a live page (its most specific instance)."""
    searchable_type = facts.type
    body = " ".join(searched_texts(page, type(page).get_search_fields()))
    date = _date(getattr(page, searchable_type.date_attr)) if searchable_type.date_attr else None
    status = str(getattr(page, searchable_type.status_attr)) if searchable_type.status_attr else ""
    values = list(facts.values[page.pk])
    if status:
        values.append(("statut", status))
    if date:
        values.append(("annee", str(date.year)))
    document = SearchDocument(
        page_id=page.pk,
        kind=searchable_type.kind,
        title=page.title[:255],
        date=date,
        status=status,
        organisms="\n".join(facts.organisms.get(page.pk, [])),
        text=body,
        title_folded=text.folded(page.title),
        text_folded=text.folded(body),
    )
    return document, values


def comment_document(comment, page, facts):
    """(document, facet values) of a published comment on `page`: found by its text alone,
    narrowed by its page's taxonomy and its own year."""
    date = _date(comment.submit_date)
    document = SearchDocument(
        page_id=page.pk,
        comment_id=comment.pk,
        kind=COMMENT_KIND,
        title=page.title[:255],
        author=(comment.public_name or "")[:100],
        date=date,
        anchor=f"c{comment.pk}",
        text=comment.comment,
        text_folded=text.folded(comment.comment),
    )
    values = [("type", COMMENT_KIND), *facts.taxonomy(page.pk), ("annee", str(date.year))]
    return document, values


def contribution_document(contribution, page, facts):
    """(document, facet values) of a written contribution on `page`: found by its title, its
    organism and its file's title, narrowed by its organism's taxonomy and its hearing's year."""
    organism = contribution.organism
    body = " ".join(part for part in (str(organism), contribution.document.title) if part)
    date = _date(getattr(page, facts.type.date_attr)) if facts.type.date_attr else None
    title = contribution.display_title[:255]
    document = SearchDocument(
        page_id=page.pk,
        kind=CONTRIBUTION_KIND,
        title=title,
        date=date,
        organisms=str(organism),
        anchor=contribution.anchor,
        text=body,
        title_folded=text.folded(title),
        text_folded=text.folded(body),
    )
    values = [("type", CONTRIBUTION_KIND)]
    for dimension in DIMENSIONS:
        terms = getattr(organism, dimension.organism_field)
        for term in terms.all() if isinstance(terms, BaseManager) else [terms]:
            values.append((dimension.param, term.slug))
    if date:
        values.append(("annee", str(date.year)))
    return document, values


def page_contributions(searchable_type, page_ids):
    """The written contributions (with an organism) of these pages, in their order."""
    if not searchable_type.contributions_attr:
        return []
    relation = searchable_type.model._meta.get_field(searchable_type.contributions_attr)
    page_field = relation.field.name
    return (
        relation.related_model._default_manager.filter(
            **{f"{page_field}__in": page_ids}, organism__isnull=False
        )
        .select_related("document", "organism__nature", "organism__family")
        .prefetch_related("organism__sectors")
        .order_by(page_field, "sort_order", "pk")
    )


def published_comments(searchable_type, page_ids):
    """The published comments of these pages (discussion's own definition), oldest first."""
    content_type = ContentType.objects.get_for_model(searchable_type.model)
    return (
        DiscussionComment.objects.published()
        .filter(content_type=content_type, object_pk__in=[str(pk) for pk in page_ids])
        .select_related("user")
        .order_by("pk")
    )


def facet_lines(values):
    """The (facet, value) pairs as SearchDocument.facet_values: sorted « facet=value » lines."""
    return "\n".join(sorted(f"{dimension}={value}" for dimension, value in values))


def _write(pairs, vocabulary=None):
    """Save (document, facet values) pairs, their facets, vectors and new terms."""
    pairs = [
        (document, [(dimension, value[:255]) for dimension, value in dict.fromkeys(values)])
        for document, values in pairs
    ]
    for document, values in pairs:
        document.facet_values = facet_lines(values)
    documents = SearchDocument.objects.bulk_create([document for document, _values in pairs])
    SearchFacet.objects.bulk_create(
        [
            SearchFacet(document_id=document.pk, dimension=dimension, value=value)
            for document, values in zip(documents, (values for _d, values in pairs), strict=True)
            for dimension, value in values
        ],
        batch_size=BATCH_SIZE,
    )
    if connection.vendor == "postgresql" and documents:
        SearchDocument.objects.filter(pk__in=[document.pk for document in documents]).update(vector=VECTOR)
    if vocabulary is None:
        _add_terms(count_terms(document for document in documents))
        # An outside engine (OpenSearch, Elasticsearch) learns of the documents one by one here;
        # a full rebuild is followed by `manage.py update_index`.
        for document in documents:
            index.insert_or_update_object(document)
    else:
        vocabulary.update(count_terms(documents))


def count_terms(documents):
    """Counter of term -> (documents holding it, first spelling met)."""
    counts = Counter()
    spellings = {}
    for document in documents:
        seen = set()
        words = document.text if document.comment_id else f"{document.title} {document.text}"
        for word in text.WORD_RE.findall(words):
            if len(word) < MIN_TERM_LENGTH or not word.isalpha():
                continue
            found = text.term(word)
            if found in seen or len(found) > 100:
                continue
            seen.add(found)
            counts[found] += 1
            spellings.setdefault(found, word.lower())
    return TermCounts(counts, spellings)


class TermCounts:
    def __init__(self, counts=None, spellings=None):
        self.counts = counts or Counter()
        self.spellings = spellings or {}

    def update(self, other):
        self.counts.update(other.counts)
        for word, spelling in other.spellings.items():
            self.spellings.setdefault(word, spelling)


def _add_terms(found):
    """New terms join the vocabulary; known ones keep their count until the next full rebuild."""
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(word=word, spelling=found.spellings[word], document_count=count)
            for word, count in found.counts.items()
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )


def forget(documents):
    """Remove documents from an outside engine's index before they are deleted."""
    if settings.PUBLIC_SEARCH_OUTSIDE_ENGINE:
        for document in documents.only("pk"):
            index.remove_object(document)


@transaction.atomic
def rebuild_page(page_id):
    """Rewrite the documents of one page: none unless it is live and of a searchable type."""
    forget(SearchDocument.objects.filter(page_id=page_id))
    SearchFacet.objects.filter(document__page_id=page_id).delete()
    SearchDocument.objects.filter(page_id=page_id).only("pk").delete()
    page = Page.objects.filter(pk=page_id, live=True).first()
    if page is None:
        return
    page = page.specific
    searchable_type = type_of_model(type(page))
    if searchable_type is None:
        return
    facts = PageFacts(searchable_type, [page.pk])
    pairs = [page_document(page, facts)]
    pairs.extend(
        contribution_document(contribution, page, facts)
        for contribution in page_contributions(searchable_type, [page.pk])
    )
    pairs.extend(
        comment_document(comment, page, facts) for comment in published_comments(searchable_type, [page.pk])
    )
    _write(pairs)


@transaction.atomic
def rebuild_comment(comment_id):
    """Rewrite one comment's document: none unless it is published on a live searchable page."""
    forget(SearchDocument.objects.filter(comment_id=comment_id))
    SearchDocument.objects.filter(comment_id=comment_id).delete()
    comment = DiscussionComment.objects.published().filter(pk=comment_id).first()
    if comment is None:
        return
    page = Page.objects.filter(pk=comment.object_pk, live=True).first()
    searchable_type = type_of_model(page.specific_class) if page else None
    if searchable_type is None or page.content_type_id != comment.content_type_id:
        return
    facts = PageFacts(searchable_type, [page.pk])
    _write([comment_document(comment, page, facts)])


def _batches(iterable, size=BATCH_SIZE):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


@transaction.atomic
def rebuild_all(progress=None):
    """Rewrite every document and the vocabulary; returns {kind: documents written}."""
    # Facets first (one DELETE); then the documents, read as their ids alone.
    SearchFacet.objects.all().delete()
    SearchDocument.objects.only("pk").delete()
    SearchTerm.objects.all().delete()
    vocabulary = TermCounts()
    written = Counter()
    for searchable_type in TYPES:
        model = searchable_type.model
        pages = prefetch_searched(model.objects.live().order_by("pk"), model.get_search_fields())
        for batch in _batches(pages.iterator(chunk_size=BATCH_SIZE)):
            facts = PageFacts(searchable_type, [page.pk for page in batch])
            _write([page_document(page, facts) for page in batch], vocabulary)
            written[searchable_type.kind] += len(batch)
            by_pk = {page.pk: page for page in batch}
            contributions = list(page_contributions(searchable_type, list(by_pk)))
            _write([contribution_document(c, by_pk[c.page_id], facts) for c in contributions], vocabulary)
            written[CONTRIBUTION_KIND] += len(contributions)
            comments = published_comments(searchable_type, list(by_pk))
            for comments_batch in _batches(comments.iterator(chunk_size=BATCH_SIZE)):
                _write(
                    [comment_document(c, by_pk[int(c.object_pk)], facts) for c in comments_batch], vocabulary
                )
                written[COMMENT_KIND] += len(comments_batch)
            if progress:
                progress(written)
    _add_terms(vocabulary)
    return written
