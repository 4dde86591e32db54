"""What the site search reads: one document per searchable page and per published comment, the
facet values of each document, and the vocabulary the typo suggestions come from.

Documents are written by search/documents.py when a page is published or a comment changes, and
all at once by `manage.py rebuild_search_documents`. They say nothing of who may see them:
whether a page is live and public, and whether a comment is published, is checked against
Wagtail's and the discussion's own tables at every search (search/engine.py), so a new view
restriction or a hidden comment needs no rewrite here.
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class SearchDocument(index.Indexed, models.Model):
    """A searchable page (comment empty) or one published comment on it (comment set).

    Indexed in Wagtail's search backend only when that is an outside engine (OpenSearch,
    Elasticsearch: settings.PUBLIC_SEARCH_OUTSIDE_ENGINE), which then does the matching; the
    builder (search/documents.py) tells the index of its writes, hence no automatic signals.
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    comment = models.ForeignKey(
        "discussion.DiscussionComment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("type"), max_length=20)
    title = models.CharField(_("titre"), max_length=255)
    author = models.CharField(_("auteur"), max_length=100, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    # The comment's anchor on its page (« c42 »), empty for a page.
    anchor = models.CharField(max_length=20, blank=True)
    status = models.CharField(_("statut"), max_length=20, blank=True)
    # The names (acronyms) of the organisms, one a line, in the page's order.
    organisms = models.TextField(_("organismes"), blank=True)
    # The plain text the excerpts are cut from, and both texts as search terms (search/text.py).
    text = models.TextField(blank=True)
    title_folded = models.TextField(blank=True)
    text_folded = models.TextField(blank=True)
    # The document's facet values (its SearchFacet rows) as sorted « facet=value » lines, written
    # with them: facet counts group the matching documents by it (search/engine.py).
    facet_values = models.TextField(blank=True, default="")
    # PostgreSQL only: the terms as a text search vector (title weight A, text weight B), written
    # from the folded texts by one UPDATE; unused (and empty) on SQLite.
    vector = SearchVectorField(null=True, blank=True)

    search_fields = [
        index.SearchField("title_folded", boost=2),
        index.SearchField("text_folded"),
        index.FilterField("kind"),
    ]
    search_auto_update = False

    class Meta:
        verbose_name = _("document de recherche")
        verbose_name_plural = _("documents de recherche")
        constraints = [
            # A page's own document; its written contributions have one each beside it.
            models.UniqueConstraint(
                fields=["page"],
                condition=Q(comment__isnull=True) & ~Q(kind="contribution"),
                name="search_one_document_per_page",
            ),
            models.UniqueConstraint(fields=["comment"], name="search_one_document_per_comment"),
        ]
        # Created on PostgreSQL only (search/migrations/0008).
        indexes = [GinIndex(fields=["vector"], name="search_document_vector")]

    def __str__(self):
        return self.title

    @classmethod
    def get_indexed_objects(cls):
        # With Wagtail's database backend, the documents are not copied into its index table.
        if not settings.PUBLIC_SEARCH_OUTSIDE_ENGINE:
            return cls.objects.none()
        return cls.objects.all()


class SearchFacet(models.Model):
    """One value of one facet of a document (facet « secteur », value « musique »)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facets")
    dimension = models.CharField(max_length=20)
    value = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "dimension", "value"], name="search_facet_unique")
        ]
        indexes = [models.Index(fields=["dimension", "value"], name="search_facet_value")]

    def __str__(self):
        return f"{self.dimension}={self.value}"


class SearchTerm(models.Model):
    """A term of the indexed texts, for « Vouliez-vous dire » suggestions."""

    word = models.CharField(max_length=100, unique=True)
    # How the word was written where it was first met (« télévision » for « television »).
    spelling = models.CharField(max_length=100)
    document_count = models.PositiveIntegerField(default=0)

    class Meta:
        # Created on PostgreSQL only (search/migrations/0008), with the pg_trgm extension.
        indexes = [GinIndex(OpClass("word", name="gin_trgm_ops"), name="search_term_trigram")]

    def __str__(self):
        return self.word
