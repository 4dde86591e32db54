"""The mission's trips to the regions: a list page, one page per trip, and their calendar."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Case, Q, When
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from discussion.models import CommentableMixin
from events.blocks import ProgrammeBlock
from events.calendar import calendar_response
from frontcache.routes import PurgedRoutesMixin
from hearings.models import HearingPage, Organism
from home.clock import today as site_today

TRIPS_PER_PAGE = 12


def paris_today():
    """The site's « today » (home/clock.py): today's date in Paris, or the team's reference date."""
    return site_today()


class TripStatus(models.TextChoices):
    UPCOMING = "a-venir", _("À venir")
    ONGOING = "en-cours", _("En cours")
    PAST = "passe", _("Passé")


def trip_status(start_date, end_date, today=None):
    today = today or paris_today()
    if today < start_date:
        return TripStatus.UPCOMING
    if today <= end_date:
        return TripStatus.ONGOING
    return TripStatus.PAST


def live_trips():
    """Published, public trips with what a card shows, in a constant number of queries."""
    return (
        TripEventPage.objects.live()
        .public()
        .select_related("picture")
        .prefetch_related("picture__renditions")
    )


def upcoming_trips(today=None, limit=3):
    """Trips not yet over (upcoming or ongoing), soonest first: the home page's block."""
    today = today or paris_today()
    return live_trips().filter(end_date__gte=today).order_by("start_date", "end_date", "pk")[:limit]


class ListingPageForm(forms.Form):
    page = forms.IntegerField(min_value=1, required=False)


class TripIndexPage(PurgedRoutesMixin, RoutablePageMixin, Page):
    """« Déplacements »: upcoming trips first (soonest first), then past ones (latest first)."""

    # A purge of the page also purges these (frontcache/routes.py).
    purged_routes = ("calendar", "feed")

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.TripEventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("liste des déplacements")
        verbose_name_plural = _("listes des déplacements")

    def trips(self):
        return live_trips().descendant_of(self)

    def ordered_trips(self, today=None):
        """Trips not yet over by ascending start, then past trips by descending start."""
        today = today or paris_today()
        is_past = Q(end_date__lt=today)
        return self.trips().order_by(
            Case(When(is_past, then=1), default=0),
            Case(When(~is_past, then="start_date")).asc(),
            Case(When(is_past, then="start_date")).desc(),
            "pk",
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = paris_today()
        form = ListingPageForm(request.GET)
        number = form.cleaned_data["page"] if form.is_valid() else None
        trips_page = Paginator(self.ordered_trips(today), TRIPS_PER_PAGE).get_page(number)
        upcoming, past = [], []
        for trip in trips_page:
            trip.current_status = trip.status(today)
            (past if trip.current_status == TripStatus.PAST else upcoming).append(trip)
        context.update(trips_page=trips_page, upcoming=upcoming, past=past)
        return context

    # Wagtail hands routes a path ending in a slash; the link itself has none (see mission_site/urls.py).
    @re_path(r"^calendar\.ics/?$", name="calendar")
    def calendar(self, request):
        trips = self.trips().order_by("start_date", "pk")
        return calendar_response(request, trips, filename="deplacements-mission-culture-acte2.ics")

    @path("feed/", name="feed")
    def feed(self, request):
        from events.feeds import TripFeed

        return TripFeed(self)(request)


class TripEventPage(CommentableMixin, PurgedRoutesMixin, RoutablePageMixin, Page):
    """One trip of the mission to a region: where, when, its programme, and afterwards its report."""

    # A purge of the page also purges these (frontcache/routes.py).
    purged_routes = ("calendar",)

    city = models.CharField(_("ville"), max_length=100)
    region = models.CharField(_("région"), max_length=100)
    start_date = models.DateField(_("date de début"))
    end_date = models.DateField(_("date de fin"))
    summary = models.CharField(
        _("résumé en une ligne"),
        max_length=200,
        blank=True,
        help_text=_("Affiché dans la liste des déplacements et sur la page d’accueil."),
    )
    introduction = models.TextField(_("introduction"), blank=True)
    picture = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image de présentation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Affichée dans la liste des déplacements ; décorative, elle n’a pas besoin de texte."),
    )
    programme = StreamField(ProgrammeBlock(), verbose_name=_("programme"), blank=True)
    people_met = models.TextField(
        _("personnalités rencontrées"),
        blank=True,
        help_text=_("Une personne par ligne, avec sa fonction : « Prénom Nom, fonction »."),
    )
    report = RichTextField(
        _("compte rendu"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        help_text=_("Rédigé après le déplacement."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("city"), FieldPanel("region")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("summary"),
                FieldPanel("picture"),
            ],
            heading=_("Le déplacement"),
        ),
        FieldPanel("introduction"),
        FieldPanel("programme"),
        InlinePanel("organisms_met", heading=_("Organismes rencontrés"), label=_("organisme rencontré")),
        FieldPanel("people_met"),
        InlinePanel("gallery_photos", heading=_("Photos"), label=_("photo")),
        FieldPanel("report"),
        InlinePanel("related_hearings", heading=_("Auditions liées"), label=_("audition liée")),
        *CommentableMixin.comment_panels,
    ]
    search_fields = Page.search_fields + [
        index.SearchField("city", boost=3),
        index.SearchField("region", boost=2),
        index.SearchField("summary", boost=2),
        index.SearchField("introduction"),
        index.SearchField("programme"),
        index.SearchField("people_met"),
        index.SearchField("report"),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
        index.RelatedFields(
            "organisms_met",
            [index.RelatedFields("organism", [index.SearchField("name"), index.SearchField("acronym")])],
        ),
    ]

    api_fields = [
        APIField("city"),
        APIField("region"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("summary"),
        APIField("organisms_with_taxonomy"),
        APIField("published_comment_count"),
    ]

    parent_page_types = ["events.TripIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("déplacement")
        verbose_name_plural = _("déplacements")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="trip_ends_after_it_starts",
                violation_error_message=_("La date de fin ne peut pas précéder la date de début."),
            ),
        ]

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {
                    "end_date": _(
                        "La date de fin (%(end)s) précède la date de début (%(start)s) : "
                        "un déplacement se termine le jour où il commence ou après."
                    )
                    % {
                        "end": self.end_date.strftime("%d/%m/%Y"),
                        "start": self.start_date.strftime("%d/%m/%Y"),
                    }
                }
            )

    def status(self, today=None):
        return trip_status(self.start_date, self.end_date, today)

    def dates_label(self):
        """« 8 et 9 novembre 2012 », « du 30 novembre au 2 décembre 2012 »: as the seed words them."""
        start, end = self.start_date, self.end_date
        if start == end:
            return date_format(start, "j F Y")
        if (start.year, start.month) == (end.year, end.month):
            joiner = "{} et {}" if (end - start).days == 1 else "du {} au {}"
            return joiner.format(date_format(start, "j"), date_format(end, "j F Y"))
        if start.year == end.year:
            return f"du {date_format(start, 'j F')} au {date_format(end, 'j F Y')}"
        return f"du {date_format(start, 'j F Y')} au {date_format(end, 'j F Y')}"

    @property
    def organisms_with_taxonomy(self):
        met = self.organisms_met.select_related("organism__nature", "organism__family")
        return [item.organism.api_record() for item in met.prefetch_related("organism__sectors")]

    def people_met_lines(self):
        return [line.strip() for line in self.people_met.splitlines() if line.strip()]

    def session_blocks(self):
        """The programme's sessions (stream children, with their stable ids) in chronological order."""
        sessions = [block for block in self.programme if block.block_type == "session"]
        return sorted(sessions, key=lambda block: block.value.starts_at_paris())

    def session_days(self):
        """The programme grouped by day in Paris time: [(date, [session block, ...]), ...]."""
        days = {}
        for block in self.session_blocks():
            days.setdefault(block.value.starts_at_paris().date(), []).append(block)
        return list(days.items())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["organisms_met"] = self.organisms_met.select_related("organism")
        context["gallery_photos"] = self.gallery_photos.select_related("image").prefetch_related(
            "image__renditions"
        )
        # Only the hearings a visitor may open, in the editor's order, in two queries.
        hearing_ids = list(self.related_hearings.values_list("hearing_id", flat=True))
        visible = HearingPage.objects.live().public().in_bulk(hearing_ids)
        context["related_hearing_pages"] = [visible[pk] for pk in hearing_ids if pk in visible]
        context["session_days"] = self.session_days()
        return context

    # Wagtail hands routes a path ending in a slash; the link itself has none (see mission_site/urls.py).
    @re_path(r"^calendar\.ics/?$", name="calendar")
    def calendar(self, request):
        return calendar_response(request, [self], filename=f"deplacement-{self.slug}.ics")


class TripOrganism(Orderable):
    """An organism met during a trip, with the people who spoke for it."""

    page = ParentalKey(TripEventPage, on_delete=models.CASCADE, related_name="organisms_met")
    organism = models.ForeignKey(
        Organism, verbose_name=_("organisme"), on_delete=models.PROTECT, related_name="trips"
    )
    people = models.TextField(
        _("personnes rencontrées"),
        blank=True,
        help_text=_("Une personne par ligne, avec sa fonction : « Prénom Nom, fonction »."),
    )

    panels = [FieldPanel("organism"), FieldPanel("people")]

    class Meta(Orderable.Meta):
        verbose_name = _("organisme rencontré")
        verbose_name_plural = _("organismes rencontrés")
        constraints = [
            models.UniqueConstraint(fields=["page", "organism"], name="unique_organism_per_trip"),
        ]

    def people_lines(self):
        return [line.strip() for line in self.people.splitlines() if line.strip()]


class TripPhoto(Orderable):
    page = ParentalKey(TripEventPage, on_delete=models.CASCADE, related_name="gallery_photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("texte alternatif"),
        max_length=250,
        help_text=_("Ce que montre la photo, pour qui ne la voit pas."),
    )
    caption = models.CharField(_("légende"), max_length=300, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


class TripHearing(Orderable):
    page = ParentalKey(TripEventPage, on_delete=models.CASCADE, related_name="related_hearings")
    hearing = models.ForeignKey(
        HearingPage, verbose_name=_("audition"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("hearing")]

    class Meta(Orderable.Meta):
        verbose_name = _("audition liée")
        verbose_name_plural = _("auditions liées")
