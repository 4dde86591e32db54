"""The mission's report and its proposals.

A proposal's theme is a term of the hearings' sector taxonomy (`hearings.Sector`): the same
sectors classify what the mission heard and what it proposes.
"""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from discussion.models import PUBLISHED
from home.blocks import BodyBlock
from proposals.admin_forms import ProposalPageForm

PROPOSALS_PER_PAGE = 20
TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class ReportPage(RoutablePageMixin, Page):
    """The mission's report (« Propositions »): its summary, its document, and its proposals."""

    published_on = models.DateField(_("date du rapport"))
    summary = models.TextField(_("résumé"), help_text=_("Quelques lignes affichées en tête de page."))
    body = StreamField(BodyBlock(), verbose_name=_("présentation"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("rapport complet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Le document intégral du rapport (PDF), proposé au téléchargement."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("published_on"),
        FieldPanel("summary"),
        FieldPanel("document"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("published_on"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["proposals.ProposalPage"]
    max_count = 1

    class Meta:
        verbose_name = _("rapport de la mission")
        verbose_name_plural = _("rapports de la mission")

    def get_context(self, request, *args, **kwargs):
        from proposals.forms import ProposalFilterForm

        context = super().get_context(request, *args, **kwargs)
        proposals = self.proposals()
        form = ProposalFilterForm(request.GET, proposals=proposals)
        filtered = form.filter(proposals)
        context.update(
            filter_form=form,
            filter_messages=form.messages(),
            proposals=Paginator(filtered, PROPOSALS_PER_PAGE).get_page(form.page_number()),
            proposal_total=proposals.count(),
        )
        return context

    def proposals(self):
        return (
            ProposalPage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("theme")
            .order_by("number", "pk")
        )


class ProposalStatus(models.TextChoices):
    STUDIED = "a-l-etude", _("À l’étude")
    ADOPTED = "retenue", _("Retenue")
    IMPLEMENTED = "mise-en-oeuvre", _("Mise en œuvre")
    DROPPED = "abandonnee", _("Abandonnée")


class ProposalPage(Page):
    """One proposal of the report: its number, text, theme, who is in charge and where it stands."""

    Status = ProposalStatus

    number = models.PositiveIntegerField(
        _("numéro"), help_text=_("Le numéro de la proposition dans le rapport.")
    )
    text = RichTextField(_("texte de la proposition"), features=TEXT_FEATURES)
    theme = models.ForeignKey(
        "hearings.Sector",
        verbose_name=_("thème"),
        on_delete=models.PROTECT,
        related_name="proposals",
        help_text=_("Un secteur de la taxonomie des auditions."),
    )
    lead_body = models.CharField(
        _("ministère ou organisme chargé"),
        max_length=255,
        help_text=_("Par exemple : ministère de la Culture et de la Communication."),
    )
    status = models.CharField(
        _("état"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.STUDIED
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("status")]),
                FieldPanel("theme"),
                FieldPanel("lead_body"),
            ],
            heading=_("La proposition"),
        ),
        FieldPanel("text"),
        InlinePanel(
            "sources", heading=_("Sources : auditions, questions, déplacements"), label=_("page citée")
        ),
        InlinePanel(
            "cited_comments", heading=_("Sources : commentaires du public"), label=_("commentaire cité")
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("text", boost=2),
        index.SearchField("lead_body"),
        index.RelatedFields("theme", [index.SearchField("name")]),
        index.FilterField("status"),
        index.FilterField("number"),
    ]

    parent_page_types = ["proposals.ReportPage"]
    subpage_types = []
    base_form_class = ProposalPageForm

    class Meta:
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")

    def get_context(self, request, *args, **kwargs):
        from proposals.citations import source_comments, source_pages

        context = super().get_context(request, *args, **kwargs)
        pages = source_pages(self)
        context.update(
            source_pages=pages,
            source_groups=[
                (label, [page for page in pages if page._meta.label == model_label])
                for model_label, label in SOURCE_GROUP_LABELS
            ],
            source_comments=source_comments(self),
        )
        return context

    @property
    def label(self):
        return _("Proposition n° %(number)s") % {"number": self.number}


# The pages a proposal may cite, as « app.Model » (the page chooser's types).
SOURCE_PAGE_TYPES = ["hearings.HearingPage", "questions.QuestionPage", "events.TripEventPage"]
SOURCE_GROUP_LABELS = [
    ("hearings.HearingPage", _("Auditions")),
    ("questions.QuestionPage", _("Questions au public")),
    ("events.TripEventPage", _("Déplacements")),
]


class ProposalSource(Orderable):
    """A hearing, question or trip that fed the proposal."""

    proposal = ParentalKey(ProposalPage, on_delete=models.CASCADE, related_name="sources")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page citée"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page", SOURCE_PAGE_TYPES)]

    class Meta(Orderable.Meta):
        verbose_name = _("page citée")
        verbose_name_plural = _("pages citées")


class CitedComment(Orderable):
    """A comment of the public that fed the proposal, chosen from its page's thread."""

    proposal = ParentalKey(ProposalPage, on_delete=models.CASCADE, related_name="cited_comments")
    comment = models.ForeignKey(
        "discussion.DiscussionComment",
        verbose_name=_("commentaire cité"),
        on_delete=models.CASCADE,
        related_name="citations",
        limit_choices_to=PUBLISHED,
    )

    panels = [FieldPanel("comment")]

    class Meta(Orderable.Meta):
        verbose_name = _("commentaire cité")
        verbose_name_plural = _("commentaires cités")
