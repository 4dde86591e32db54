"""The mission's report and its proposals.

A proposal's theme is a term of the hearings' sector taxonomy (`hearings.Sector`): the same
sectors classify what the mission heard and what it proposes.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from discussion.models import PUBLISHED
from hearings.models import Sector
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
            progress=theme_progress(proposals),
        )
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        from proposals.feeds import ProposalUpdateFeed

        return ProposalUpdateFeed(self)(request)

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


# The progress bars, from the left: what is done, what is decided, what is studied, what was dropped.
PROGRESS_ORDER = [
    ProposalStatus.IMPLEMENTED,
    ProposalStatus.ADOPTED,
    ProposalStatus.STUDIED,
    ProposalStatus.DROPPED,
]


@dataclass
class ThemeProgress:
    """How far the proposals of one theme have gone: a count per status, in the statuses' order."""

    theme: object
    counts: dict

    @property
    def total(self):
        return sum(self.counts.values())

    def segments(self):
        """(status, label, count, x, width) of each status, widths in % of the bar."""
        x = 0
        found = []
        for status in PROGRESS_ORDER:
            count = self.counts.get(status.value, 0)
            width = 100 * count / self.total if self.total else 0
            found.append((status.value, status.label, count, round(x, 2) if x else 0, round(width, 2)))
            x += width
        return found

    def summary(self):
        """« 2 mise en œuvre, 1 retenue »: the statuses present, in the bar's order."""
        return ", ".join(f"{count} {label.lower()}" for _, label, count, _, _ in self.segments() if count)


def theme_progress(proposals):
    """ThemeProgress of each theme of `proposals`, in the sectors' order: one query."""
    rows = proposals.order_by().values_list("theme", "status").annotate(count=Count("pk"))
    counts = {}
    for theme_id, status, count in rows:
        counts.setdefault(theme_id, {})[status] = count
    themes = Sector.objects.filter(pk__in=counts)
    return [ThemeProgress(theme, counts[theme.pk]) for theme in themes]


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
        from proposals.forms import FollowForm

        context = super().get_context(request, *args, **kwargs)
        pages = source_pages(self)
        context.update(
            source_pages=pages,
            source_groups=[
                (label, [page for page in pages if page._meta.label == model_label])
                for model_label, label in SOURCE_GROUP_LABELS
            ],
            source_comments=source_comments(self),
            updates=list(self.updates.order_by("date", "pk")),
            follow_form=FollowForm(),
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


class ProposalUpdate(models.Model):
    """A dated step of a proposal's follow-up, written by the team; its followers are mailed."""

    proposal = models.ForeignKey(
        ProposalPage, verbose_name=_("proposition"), on_delete=models.CASCADE, related_name="updates"
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("ce qui s’est passé"))
    link_url = models.URLField(
        _("lien vers le texte"), blank=True, help_text=_("La loi, le décret ou l’annonce, s’il y en a un.")
    )
    link_label = models.CharField(
        _("intitulé du lien"), max_length=255, blank=True, help_text=_("Par exemple : Décret n° 2013-1234.")
    )
    created_at = models.DateTimeField(_("écrite le"), auto_now_add=True)

    panels = [
        FieldPanel("proposal"),
        FieldPanel("date"),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("link_url"), FieldPanel("link_label")]),
    ]

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("suivi de proposition")
        verbose_name_plural = _("suivi des propositions")

    def __str__(self):
        return f"{self.proposal.label} — {self.date:%d/%m/%Y}"

    def get_absolute_url(self):
        return f"{self.proposal.url}#suivi-{self.pk}"


class ProposalFollower(models.Model):
    """Someone mailed on each update of one proposal, after confirming their address (double
    opt-in, as the blog's subscribers). Only the address and the dates of the three steps."""

    proposal = models.ForeignKey(
        ProposalPage, verbose_name=_("proposition"), on_delete=models.CASCADE, related_name="followers"
    )
    email = models.EmailField(_("adresse électronique"), max_length=254)
    requested_at = models.DateTimeField(_("demande"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmation"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("désabonnement"), null=True, blank=True)

    class Meta:
        verbose_name = _("personne qui suit une proposition")
        verbose_name_plural = _("personnes qui suivent une proposition")
        constraints = [models.UniqueConstraint(fields=["proposal", "email"], name="one_follower_per_address")]

    def __str__(self):
        return self.email

    @property
    def is_following(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None

    def confirm(self):
        if self.is_following:
            return False
        self.confirmed_at = timezone.now()
        self.unsubscribed_at = None
        self.save(update_fields=["confirmed_at", "unsubscribed_at"])
        return True

    def unsubscribe(self):
        if self.unsubscribed_at:
            return False
        self.unsubscribed_at = timezone.now()
        self.save(update_fields=["unsubscribed_at"])
        return True


class UpdateMail(models.Model):
    """One follower's mail about one update, recorded once sent: a task run again mails nobody twice."""

    update = models.ForeignKey(ProposalUpdate, on_delete=models.CASCADE, related_name="mails")
    follower = models.ForeignKey(ProposalFollower, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["update", "follower"], name="one_mail_per_update")]

    def __str__(self):
        return f"{self.update_id} → {self.follower_id}"
