"""The taxonomy of organisms heard by the mission, and the hearing pages.

Dependencies point one way: page apps (questions, events) import the taxonomy from here; nothing
here imports a page app.
"""

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from discussion.models import CommentableMixin
from frontcache.routes import PurgedRoutesMixin
from hearings.blocks import HearingBodyBlock
from hearings.captions import Cue, parse_webvtt, read_caption_file, transcript_paragraphs, validate_webvtt
from home.clock import today as site_today

# --- Taxonomy ---------------------------------------------------------------------------------


class TaxonomyTerm(index.Indexed, models.Model):
    name = models.CharField(_("nom"), max_length=150, unique=True)
    slug = models.SlugField(
        _("identifiant d’URL"),
        max_length=150,
        unique=True,
        help_text=_("Utilisé dans les adresses des filtres, par exemple ?secteur=musique."),
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ordre d’affichage"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def usage(self):
        """The organisms classified under this term: a term in use cannot be deleted."""
        return self.organisms.all()


class OrganismNature(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("nature d’organisme")
        verbose_name_plural = _("natures d’organisme")


class ActorFamily(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("métier / famille d’acteurs")
        verbose_name_plural = _("métiers / familles d’acteurs")


class Sector(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("secteur")
        verbose_name_plural = _("secteurs")


class Organism(index.Indexed, models.Model):
    """An organism, company or personality heard by the mission, or met on a trip."""

    name = models.CharField(_("nom"), max_length=255, unique=True)
    acronym = models.CharField(_("sigle"), max_length=50, blank=True)
    slug = models.SlugField(_("identifiant d’URL"), max_length=255, unique=True)
    nature = models.ForeignKey(
        OrganismNature,
        verbose_name=_("nature d’organisme"),
        on_delete=models.PROTECT,
        related_name="organisms",
    )
    family = models.ForeignKey(
        ActorFamily,
        verbose_name=_("métier / famille d’acteurs"),
        on_delete=models.PROTECT,
        related_name="organisms",
    )
    sectors = models.ManyToManyField(Sector, verbose_name=_("secteurs"), related_name="organisms")
    website = models.URLField(_("site web"), blank=True)
    description = models.TextField(_("présentation courte"), blank=True, max_length=1000)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("acronym")]),
        FieldPanel("slug"),
        # A handful of terms each: a plain select beats a chooser modal.
        FieldRowPanel([FieldPanel("nature", widget=forms.Select), FieldPanel("family", widget=forms.Select)]),
        FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("logo"),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("acronym", boost=3),
        index.AutocompleteField("name"),
        index.AutocompleteField("acronym"),
        index.SearchField("description"),
        index.FilterField("nature"),
        index.FilterField("family"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisme")
        verbose_name_plural = _("organismes")

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def api_record(self):
        """The organism with its taxonomy, as the API and feeds give it to reusers."""
        return {
            "name": self.name,
            "acronym": self.acronym,
            "slug": self.slug,
            "nature": self.nature.name,
            "family": self.family.name,
            "sectors": [sector.name for sector in self.sectors.all()],
        }

    def usage(self):
        """The hearing pages (published or not) naming this organism: it cannot be deleted then."""
        named = models.Q(organisms_heard__organism=self) | models.Q(written_contributions__organism=self)
        return HearingPage.objects.filter(named).distinct().order_by("title")


# --- Hearing pages ----------------------------------------------------------------------------


class HearingIndexPage(PurgedRoutesMixin, RoutablePageMixin, Page):
    """« Auditions »: the list of hearings with filters, breakdowns, exports and feeds."""

    # A purge of the page also purges these (frontcache/routes.py).
    purged_routes = ("breakdown", "export_csv", "export_json", "feed", "calendar")

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["hearings.HearingPage"]
    max_count = 1

    class Meta:
        verbose_name = _("liste des auditions")
        verbose_name_plural = _("listes des auditions")

    # Wagtail's page URLs have no dots: mission_site/urls.py hands the .csv/.json/.ics addresses to
    # these routes. The views live in hearings/views.py, which imports the forms, which import these models.
    @path("")
    def hearing_list(self, request):
        from hearings import views

        return views.hearing_list(request, self)

    @path("repartition/", name="breakdown")
    def breakdown(self, request):
        from hearings import views

        return views.breakdown(request, self)

    @re_path(r"^export\.csv/?$", name="export_csv")
    def export_csv(self, request):
        from hearings import views

        return views.export_csv(request, self)

    @re_path(r"^export\.json/?$", name="export_json")
    def export_json(self, request):
        from hearings import views

        return views.export_json(request, self)

    @path("feed/", name="feed")
    def feed(self, request):
        from hearings.feeds import HearingFeed

        return HearingFeed(self)(request)

    @re_path(r"^calendar\.ics/?$", name="calendar")
    def calendar(self, request):
        from hearings import views

        return views.calendar(request, self)


class ContributionIndexPage(Page):
    """« Contributions écrites »: the organisms' written contributions attached to published
    hearings, filtered by the organism's nature, family, sector or by organism."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("liste des contributions écrites")
        verbose_name_plural = _("listes des contributions écrites")

    def get_context(self, request, *args, **kwargs):
        from hearings.forms import ContributionFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = ContributionFilterForm(request.GET)
        contributions = form.filter(published_contributions())
        page = Paginator(contributions, CONTRIBUTIONS_PER_PAGE).get_page(form.page_number())
        # For the site's DSFR pagination (dsfr/pagination.html): numbered pages, and links that
        # keep the valid filters only.
        page.pages_list = list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
        context.update(
            filter_form=form,
            contributions=page,
            base_query_string=urlencode({name: value.slug for name, value in form.valid_values().items()}),
        )
        return context


CONTRIBUTIONS_PER_PAGE = 30


def published_contributions():
    """The written contributions of live, public hearings, with what a listing shows, by hearing
    date then order on the hearing."""
    hearings = HearingPage.objects.live().public()
    return (
        HearingContribution.objects.filter(page__in=hearings, organism__isnull=False)
        .select_related("page", "document", "organism__nature", "organism__family")
        .prefetch_related("organism__sectors")
        .order_by("page__hearing_date", "page_id", "sort_order", "pk")
    )


class HearingPage(CommentableMixin, Page):
    class Kind(models.TextChoices):
        HEARING = "audition", _("Audition")
        INTERVIEW = "entretien", _("Entretien")

    class Status(models.TextChoices):
        PLANNED = "prevue", _("Prévue")
        HELD = "realisee", _("Réalisée")
        CANCELLED = "annulee", _("Annulée")
        DECLINED = "declinee", _("Invitation déclinée")

    # Statuses counted in « auditions réalisées ou prévues » (see PRODUCT.md, counting rules).
    COUNTED_STATUSES = (Status.PLANNED, Status.HELD)

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.HEARING)
    # Indexed: the list sorts and filters by it, and 10,000 hearings must not be read for a month.
    hearing_date = models.DateTimeField(_("date et heure"), db_index=True)
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    summary = models.TextField(_("résumé"), blank=True)
    body = StreamField(HearingBodyBlock(), verbose_name=_("contenu"), blank=True)
    video_url = models.URLField(
        _("vidéo (adresse d’intégration)"),
        blank=True,
        help_text=_("Adresse d’une vidéo hébergée (par exemple Dailymotion ou YouTube)."),
    )
    video_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("vidéo (fichier)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Un fichier vidéo déposé dans la médiathèque, à la place d’une adresse."),
    )
    video_duration = models.DurationField(
        _("durée de la vidéo"),
        null=True,
        blank=True,
        help_text=_("Affichée avant la lecture, par exemple 01:32:00 pour 1 h 32 min."),
    )
    video_poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image d’aperçu de la vidéo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Montrée avant la lecture d’une vidéo hébergée, depuis ce site : rien n’est demandé à la "
            "plateforme avant que le visiteur lance la vidéo."
        ),
    )
    transcript = RichTextField(
        _("transcription"),
        blank=True,
        features=["bold", "italic", "h3", "h4", "ol", "ul", "link"],
        help_text=_("La transcription de la vidéo, exigée par le RGAA."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
                FieldPanel("hearing_date"),
            ],
            heading=_("L’audition"),
        ),
        InlinePanel(
            "organisms_heard",
            heading=_("Organismes auditionnés"),
            label=_("organisme auditionné"),
            min_num=1,
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("video_url"),
                FieldPanel("video_file"),
                FieldRowPanel([FieldPanel("video_duration"), FieldPanel("video_poster")]),
                FieldPanel("transcript"),
            ],
            heading=_("Vidéo et transcription"),
        ),
        InlinePanel("captions", label=_("Sous-titres de la vidéo (un fichier WebVTT par langue)")),
        InlinePanel(
            "written_contributions", heading=_("Contributions écrites"), label=_("contribution écrite")
        ),
        InlinePanel("related_hearings", heading=_("Auditions liées"), label=_("audition liée")),
        *CommentableMixin.comment_panels,
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("transcript"),
        index.FilterField("kind"),
        index.FilterField("status"),
        index.FilterField("hearing_date"),
        index.RelatedFields(
            "organisms_heard",
            [
                index.RelatedFields(
                    "organism",
                    [
                        index.SearchField("name", boost=3),
                        index.SearchField("acronym", boost=3),
                    ],
                ),
                index.SearchField("speakers"),
            ],
        ),
    ]

    # The read-only API (/api/v2/pages/?type=hearings.HearingPage, opendata/api.py).
    api_fields = [
        APIField("kind"),
        APIField("status"),
        APIField("hearing_date"),
        APIField("summary"),
        APIField("video_url"),
        APIField("organisms_with_taxonomy"),
        APIField("published_comment_count"),
    ]

    parent_page_types = ["hearings.HearingIndexPage"]
    subpage_types = []

    @classmethod
    def get_indexed_objects(cls):
        # The index entry holds the organisms' names: fetch them with the hearings, not one
        # query per organism heard (a full reindex of 10,000 hearings made 20,000 queries).
        return super().get_indexed_objects().prefetch_related("organisms_heard__organism")

    class Meta:
        verbose_name = _("audition")
        verbose_name_plural = _("auditions")

    def get_context(self, request, *args, **kwargs):
        from hearings.video import video_embed

        context = super().get_context(request, *args, **kwargs)
        # The organisms and their terms in three queries, read by the list and by classification()
        # (which read the organisms heard again, then each organism, nature, family, sectors).
        prefetch_related_objects(
            [self],
            Prefetch(
                "organisms_heard",
                queryset=HearingOrganism.objects.select_related(
                    "organism__nature", "organism__family"
                ).prefetch_related("organism__sectors"),
            ),
        )
        context["organisms"] = list(self.organisms_heard.all())
        context["classification"] = self.classification()
        context["video"] = video_embed(self.video_url) if self.video_url else None
        context.update(self.caption_context(context["video"]))
        context["contributions"] = [
            item
            for item in self.written_contributions.select_related("document", "organism")
            if item.document_id
        ]
        context["related"] = [
            item.hearing
            for item in self.related_hearings.select_related("hearing")
            if item.hearing_id and item.hearing.live
        ]
        return context

    def caption_context(self, video):
        """The caption tracks, and the transcript read from the French ones (or the first), in
        timed paragraphs each with the provider's address at its time for a hosted video."""
        captions = list(self.captions.all())
        if not captions or not (self.video_file_id or video):
            return {"captions": [], "transcript": None}
        chosen = next((caption for caption in captions if caption.language == "fr"), captions[0])
        paragraphs = transcript_paragraphs(chosen.cue_list())
        if not self.video_file_id:
            for paragraph in paragraphs:
                paragraph["url"] = video.at(paragraph["start"])
        return {"captions": captions, "transcript": paragraphs, "transcript_caption": chosen}

    @property
    def is_counted(self):
        return self.status in self.COUNTED_STATUSES

    def is_overdue(self, today=None):
        """A planned hearing whose day is over (by the site's clock, home/clock.py): still
        « prévue » until the team updates it, shown as « Date passée — compte rendu à venir »."""
        if self.status != self.Status.PLANNED:
            return False
        return timezone.localtime(self.hearing_date).date() < (today or site_today())

    # get_status_display() and get_kind_display() hash every choice (lazy labels, translated each
    # time) on each call: listings show them for every hearing, so these read a plain mapping.
    @property
    def status_label(self):
        return str(_STATUS_LABELS.get(self.status, self.status))

    @property
    def kind_label(self):
        return str(_KIND_LABELS.get(self.kind, self.kind))

    def sectors_heard(self):
        """The sectors of the organisms heard, each once, in taxonomy order (a listing's tags):
        classification()["sectors"] without the natures and families."""
        sectors = {}
        for heard in self.organisms_heard.all():
            for sector in heard.organism.sectors.all():
                sectors[sector.pk] = sector
        return sorted(sectors.values(), key=lambda term: (term.sort_order, term.name))

    def classification(self):
        """Natures, families and sectors of the organisms heard, each once, in taxonomy order.

        Uses the prefetched organisms when the listing prefetched them (hearings.queries)."""
        natures, families, sectors = {}, {}, {}
        for heard in self.organisms_heard.all():
            organism = heard.organism
            natures[organism.nature_id] = organism.nature
            families[organism.family_id] = organism.family
            for sector in organism.sectors.all():
                sectors[sector.pk] = sector

        def ordered(terms):
            return sorted(terms.values(), key=lambda term: (term.sort_order, term.name))

        return {"natures": ordered(natures), "families": ordered(families), "sectors": ordered(sectors)}

    def organism_names(self):
        return [str(heard.organism) for heard in self.organisms_heard.all()]

    @property
    def organisms_with_taxonomy(self):
        heard = self.organisms_heard.select_related("organism__nature", "organism__family")
        return [item.organism.api_record() for item in heard.prefetch_related("organism__sectors")]


_STATUS_LABELS = dict(HearingPage.Status.choices)
_KIND_LABELS = dict(HearingPage.Kind.choices)


class HearingOrganism(Orderable):
    """An organism heard in a hearing, with the people who spoke for it."""

    page = ParentalKey(HearingPage, on_delete=models.CASCADE, related_name="organisms_heard")
    organism = models.ForeignKey(
        Organism, verbose_name=_("organisme"), on_delete=models.PROTECT, related_name="hearings"
    )
    speakers = models.TextField(
        _("intervenants"),
        blank=True,
        help_text=_("Une personne par ligne, avec sa fonction : « Prénom Nom, fonction »."),
    )

    panels = [FieldPanel("organism"), FieldPanel("speakers")]

    class Meta(Orderable.Meta):
        verbose_name = _("organisme auditionné")
        verbose_name_plural = _("organismes auditionnés")
        constraints = [
            models.UniqueConstraint(fields=["page", "organism"], name="unique_organism_per_hearing"),
        ]

    def speaker_lines(self):
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]


class HearingContribution(Orderable):
    """An organism's written contribution handed in for its hearing (a document of the media
    library), attached by the team; listed on the hearing and in « Contributions écrites »."""

    page = ParentalKey(HearingPage, on_delete=models.CASCADE, related_name="written_contributions")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    # Null in the database for the contributions attached before organisms were named; the
    # editor asks for one.
    organism = models.ForeignKey(
        Organism,
        verbose_name=_("organisme"),
        null=True,
        on_delete=models.PROTECT,
        related_name="written_contributions",
        help_text=_("L’organisme auditionné qui a remis cette contribution."),
    )
    title = models.CharField(_("intitulé"), max_length=255, blank=True)

    panels = [FieldPanel("organism"), FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("contribution écrite")
        verbose_name_plural = _("contributions écrites")

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return self.title or self.document.title

    @property
    def anchor(self):
        """The contribution's anchor on its hearing's page."""
        return f"contribution-{self.pk}"


class RelatedHearing(Orderable):
    page = ParentalKey(HearingPage, on_delete=models.CASCADE, related_name="related_hearings")
    hearing = models.ForeignKey(
        HearingPage, verbose_name=_("audition"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("hearing")]

    class Meta(Orderable.Meta):
        verbose_name = _("audition liée")
        verbose_name_plural = _("auditions liées")


class HearingCaption(Orderable):
    """A WebVTT caption file of the hearing's video, one per language (RGAA 4.3).

    Checked on upload (hearings.captions.validate_webvtt); its cues are kept with it, read once,
    for the timed transcript shown beside the player."""

    class Language(models.TextChoices):
        FRENCH = "fr", "Français"
        ENGLISH = "en", "English"
        GERMAN = "de", "Deutsch"
        SPANISH = "es", "Español"
        ITALIAN = "it", "Italiano"

    page = ParentalKey(HearingPage, on_delete=models.CASCADE, related_name="captions")
    language = models.CharField(_("langue"), max_length=8, choices=Language.choices, default=Language.FRENCH)
    file = models.FileField(
        _("fichier de sous-titres (WebVTT)"),
        upload_to="sous-titres/",
        validators=[FileExtensionValidator(["vtt"]), validate_webvtt],
        help_text=_("Un fichier .vtt en UTF-8, commençant par « WEBVTT »."),
    )
    cues = models.JSONField(default=list, editable=False)

    panels = [FieldRowPanel([FieldPanel("language"), FieldPanel("file")])]

    class Meta(Orderable.Meta):
        verbose_name = _("sous-titres")
        verbose_name_plural = _("sous-titres")
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="one_caption_file_per_language"),
        ]

    def __str__(self):
        return self.get_language_display()

    def save(self, *args, **kwargs):
        self.cues = [
            {"start": cue.start, "end": cue.end, "text": cue.text, "voice": cue.voice}
            for cue in parse_webvtt(read_caption_file(self.file))
        ]
        super().save(*args, **kwargs)

    @property
    def url(self):
        return reverse("hearing_caption", args=[self.pk])

    def cue_list(self):
        return [Cue(**cue) for cue in self.cues]
