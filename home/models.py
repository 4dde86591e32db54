from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from events.models import upcoming_trips
from home.blocks import BodyBlock


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
    ]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["mission_pages"] = self.get_children().live().public().in_menu().type(StandardPage).specific()
        from hearings.queries import home_page_hearings

        context.update(home_page_hearings())
        from questions.models import open_questions_for_home

        context["open_questions"] = open_questions_for_home()
        context["upcoming_trips"] = upcoming_trips()
        return context

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
    subpage_types = ["home.StandardPage"]

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
