"""The mission's report and its proposals.

A proposal's theme is a term of the hearings' sector taxonomy (`hearings.Sector`): the same
sectors classify what the mission heard and what it proposes.
"""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

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

    @property
    def label(self):
        return _("Proposition n° %(number)s") % {"number": self.number}
