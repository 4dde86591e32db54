import datetime
import hashlib

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from events.models import ListingPageForm, upcoming_trips
from frontcache.fragments import cached as editorial_cached
from frontcache.routes import PurgedRoutesMixin
from home.blocks import BodyBlock
from home.clock import today as site_today


class HomePage(Page):
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Le chapeau affiché sous le titre de la page d’accueil."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "hearings.HearingIndexPage",
        "questions.QuestionIndexPage",
        "events.TripIndexPage",
        "stats.KeyFiguresPage",
        "proposals.ReportPage",
        "proposals.ConsultationTextPage",
        "discussion.ParticipationCharterPage",
        "hearings.ContributionIndexPage",
        "home.NewsIndexPage",
        "accessibility.AccessibilityStatementPage",
    ]
    max_count = 1

    def route(self, request, path_components):
        """Wagtail's `Page.route`, with the child found (the site's sections: a few pages) read
        from the editorial cache rather than queried on every request below it. An unknown slug
        is looked up every time, and nothing is stored for it."""
        if not path_components:
            return super().route(request, path_components)
        slug = path_components[0]
        digest = hashlib.sha256(slug.encode()).hexdigest()[:32]
        subpage = editorial_cached(f"home-child:{self.pk}:{digest}", lambda: self._child(slug))
        subpage._cached_parent_obj = self  # as Page.route does, for get_parent()
        return subpage.route(request, path_components[1:])

    def _child(self, slug):
        try:
            return self.get_children().get(slug=slug).specific
        except Page.DoesNotExist as error:
            raise Http404 from error

    def get_context(self, request, *args, **kwargs):
        """The blocks of the home page: what they list is the team's (pages, their order, dates,
        statuses), cached until the next edit and for the day; the comment counts they show are
        counted on every request, in one query."""
        from discussion.counts import comment_counts

        context = super().get_context(request, *args, **kwargs)
        today = site_today()
        blocks = editorial_cached(f"home-blocks:{self.pk}:{today.isoformat()}", lambda: self.blocks(today))
        context.update(blocks)
        hearings = [*blocks.get("latest_hearings", ()), *blocks.get("next_hearings", ())]
        counts = comment_counts([*blocks["open_questions"], *hearings])
        for question in blocks["open_questions"]:
            question.comment_count = counts[question.pk]
        context["hearing_counts"] = {hearing.pk: counts[hearing.pk] for hearing in hearings}
        return context

    def blocks(self, today):
        """Mission pages, latest and next hearings, open questions and upcoming trips, as lists
        (each with the parent page its « see all » link names)."""
        from hearings.queries import home_page_hearings
        from questions.models import newest_open_questions

        blocks = {
            "mission_pages": list(
                self.get_children().live().public().in_menu().type(StandardPage).specific()
            ),
            **home_page_hearings(today),
            "open_questions": newest_open_questions(today),
            "upcoming_trips": list(upcoming_trips(today)),
        }
        for listing in (blocks["open_questions"], blocks["upcoming_trips"]):
            if listing:
                listing[0].get_parent()  # kept with the page (treebeard caches it) for the template
        return blocks

    class Meta:
        verbose_name = _("page d’accueil")
        verbose_name_plural = _("pages d’accueil")


class StandardPage(Page):
    """A page of plain editorial content: the mission, its letter, legal notices..."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage", "proposals.ConsultationTextPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subpages"] = self.section_pages()
        return context

    def section_pages(self):
        """The pages of this page's section: its children, or its siblings when it has none."""
        children = self.get_children().live().public()
        if children.exists():
            return children
        parent = self.get_parent()
        if parent.specific_class is StandardPage:
            return parent.get_children().live().public()
        return Page.objects.none()

    class Meta:
        verbose_name = _("page de contenu")
        verbose_name_plural = _("pages de contenu")


DEFAULT_MISSION_SIGNATURE = "La mission culture-acte 2"


@register_setting(icon="calendar")
class MissionSettings(BaseSiteSetting):
    """What the team sets once for the site: the date the site is read at (an archived
    consultation, the demo) and the name the mission signs its answers with."""

    reference_date = models.DateField(
        _("date de référence"),
        null=True,
        blank=True,
        help_text=_(
            "Laisser vide pour suivre la date du jour. Pour une consultation archivée ou la "
            "démonstration, la date à laquelle le site se lit : statuts, listes « à venir » et "
            "« passé », chiffres clés. Les pages publiques l’indiquent."
        ),
    )
    mission_signature = models.CharField(
        _("signature de la mission"),
        max_length=120,
        default=DEFAULT_MISSION_SIGNATURE,
        help_text=_("Le nom sous lequel la mission signe ses réponses aux contributions."),
    )

    panels = [FieldPanel("reference_date"), FieldPanel("mission_signature")]

    @classmethod
    def current(cls):
        """The settings of the default site (the site has one), read from the editorial cache:
        saving them renews it (frontcache/signals.py). Unsaved defaults when there is no site."""
        return editorial_cached("mission-settings", cls._for_default_site)

    @classmethod
    def _for_default_site(cls):
        site = Site.objects.filter(is_default_site=True).first()
        return cls.for_site(site) if site else cls()

    class Meta:
        verbose_name = _("réglages de la mission")
        verbose_name_plural = _("réglages de la mission")


# --- Press and news -------------------------------------------------------------------------------

NEWS_PER_PAGE = 10


class NewsIndexPage(PurgedRoutesMixin, RoutablePageMixin, Page):
    """« Presse et actualités »: the mission's news and press releases, newest first, and their feed."""

    # A purge of the page also purges these (frontcache/routes.py).
    purged_routes = ("feed",)

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("presse et actualités")
        verbose_name_plural = _("presse et actualités")

    def news(self):
        return NewsPage.objects.live().public().descendant_of(self).order_by("-published_on", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = ListingPageForm(request.GET)
        number = form.cleaned_data["page"] if form.is_valid() else None
        context["news_page"] = Paginator(self.news(), NEWS_PER_PAGE).get_page(number)
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        from home.feeds import NewsFeed

        return NewsFeed(self)(request)


class NewsPage(Page):
    """A news item or press release of the mission: date, summary, body and attached files."""

    published_on = models.DateField(_("date"), default=datetime.date.today)
    summary = models.TextField(
        _("résumé"),
        help_text=_("Deux ou trois phrases, affichées dans les listes, sur l’accueil et dans le flux."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("published_on"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Pièces jointes")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("published_on"),
    ]
    api_fields = [APIField("published_on"), APIField("summary")]

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("actualité")
        verbose_name_plural = _("actualités")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = [
            item for item in self.attachments.select_related("document") if item.document_id
        ]
        return context


class NewsAttachment(Orderable):
    """A file attached to a news item (press kit, report, photo)."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("intitulé"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")

    @property
    def display_title(self):
        return self.title or self.document.title
