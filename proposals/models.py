"""The mission's report and its proposals.

A proposal's theme is a term of the hearings' sector taxonomy (`hearings.Sector`): the same
sectors classify what the mission heard and what it proposes.
"""

import hashlib
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from discussion.models import PUBLISHED, CommentableMixin, DiscussionComment
from frontcache.routes import PurgedRoutesMixin
from hearings.models import Sector
from home.blocks import BodyBlock
from home.clock import reference_date
from optin.addresses import DoubleOptIn
from proposals.admin_forms import ProposalPageForm

PROPOSALS_PER_PAGE = 20
TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class ReportPage(PurgedRoutesMixin, RoutablePageMixin, Page):
    """The mission's report (« Propositions »): its summary, its document, and its proposals."""

    # A purge of the page also purges these (frontcache/routes.py).
    purged_routes = ("feed",)

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
            report=self,
            reference_date_before_report=self.reference_date_before_report(),
        )
        return context

    def reference_date_before_report(self):
        """The site's reference date (home/clock.py) when it falls before the report was handed
        in: the site is read as on a day the report, its statuses and its follow-up did not exist."""
        day = reference_date()
        return day if day and day < self.published_on else None

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
        report = ReportPage.objects.ancestor_of(self).first()
        if report is not None:
            context.update(report=report, reference_date_before_report=report.reference_date_before_report())
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


class ProposalFollower(DoubleOptIn, models.Model):
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


class UpdateMail(models.Model):
    """One follower's mail about one update, recorded once sent: a task run again mails nobody twice."""

    update = models.ForeignKey(ProposalUpdate, on_delete=models.CASCADE, related_name="mails")
    follower = models.ForeignKey(ProposalFollower, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["update", "follower"], name="one_mail_per_update")]

    def __str__(self):
        return f"{self.update_id} → {self.follower_id}"


# --- Texts in consultation, commented paragraph by paragraph -----------------------------------


@dataclass
class Paragraph:
    """A paragraph of a text in consultation: its stable key (the StreamField block's id), its
    number on the page, the version of its text now (a digest of it) and its text."""

    key: str
    number: int
    version: str
    text: object
    count: int = 0
    selected: bool = False

    @property
    def comment_key(self):
        return f"{self.key}:{self.version}"


def text_version(source):
    return hashlib.sha256(source.encode()).hexdigest()[:12]


class ConsultationTextPage(CommentableMixin, Page):
    """« Texte en consultation »: a text whose paragraphs the public comments one by one.

    Each paragraph is a block of `body`; a comment records the paragraph's key and the version of
    its text (`DiscussionComment.paragraph`, « <key>:<version> »). When the team edits a
    paragraph, its comments stay with the version they were written on (`ParagraphVersion`
    keeps every published version's text, and the thread quotes it above those comments)."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(
        [
            ("heading", blocks.CharBlock(label=_("Intertitre"), form_classname="title")),
            ("paragraph", blocks.RichTextBlock(label=_("Paragraphe"), features=TEXT_FEATURES)),
        ],
        verbose_name=_("texte"),
        help_text=_("Chaque paragraphe est commenté à part ; les intertitres ne se commentent pas."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
        *CommentableMixin.comment_panels,
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction", boost=2),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("texte en consultation")
        verbose_name_plural = _("textes en consultation")

    def text_items(self):
        """The body in order: intertitles (strings) and paragraphs (`Paragraph`)."""
        items = []
        number = 0
        for block in self.body:
            if block.block_type == "paragraph":
                number += 1
                items.append(Paragraph(block.id, number, text_version(block.value.source), block.value))
            else:
                items.append(str(block.value))
        return items

    def paragraphs(self):
        return [item for item in self.text_items() if isinstance(item, Paragraph)]

    def commentable_paragraphs(self):
        """The values a comment's `paragraph` may take: each paragraph's current version."""
        return {paragraph.comment_key for paragraph in self.paragraphs()}

    def record_versions(self):
        """Keep the text of each paragraph's current version (called when the page is published)."""
        for paragraph in self.paragraphs():
            ParagraphVersion.objects.get_or_create(
                page=self,
                key=paragraph.key,
                version=paragraph.version,
                defaults={"text": paragraph.text.source},
            )

    def get_context(self, request, *args, **kwargs):
        from proposals.forms import ParagraphChoiceForm

        context = super().get_context(request, *args, **kwargs)
        items = self.text_items()
        paragraphs = [item for item in items if isinstance(item, Paragraph)]
        counts = {}
        rows = (
            DiscussionComment.objects.published()
            .filter(object_pk=str(self.pk))
            .exclude(paragraph="")
            .values_list("paragraph")
            .annotate(total=Count("pk"))
            .order_by()
        )
        for value, total in rows:
            key = value.split(":", 1)[0]
            counts[key] = counts.get(key, 0) + total
        form = ParagraphChoiceForm(request.GET, keys=[paragraph.key for paragraph in paragraphs])
        selected = form.cleaned_data.get("paragraphe") if form.is_valid() else None
        for paragraph in paragraphs:
            paragraph.count = counts.get(paragraph.key, 0)
            paragraph.selected = paragraph.key == selected
        context.update(
            text_items=items,
            paragraphs=paragraphs,
            selected_paragraph=next((paragraph for paragraph in paragraphs if paragraph.selected), None),
            paragraph_errors=form.errors.get("paragraphe"),
            has_edited_paragraphs=ParagraphVersion.objects.filter(page=self)
            .values("key")
            .annotate(versions=Count("pk"))
            .filter(versions__gt=1)
            .exists(),
        )
        return context


class ParagraphVersion(models.Model):
    """The text of one published version of one paragraph of a text in consultation."""

    page = models.ForeignKey(
        ConsultationTextPage, on_delete=models.CASCADE, related_name="paragraph_versions"
    )
    key = models.CharField(_("paragraphe"), max_length=40)
    version = models.CharField(_("version"), max_length=12)
    text = models.TextField(_("texte"))
    published_at = models.DateTimeField(_("publiée le"), default=timezone.now)

    class Meta:
        verbose_name = _("version d’un paragraphe")
        verbose_name_plural = _("versions des paragraphes")
        constraints = [models.UniqueConstraint(fields=["page", "key", "version"], name="one_row_per_version")]

    def __str__(self):
        return f"{self.key}:{self.version}"
