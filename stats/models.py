"""Aggregated audience counts and the « Chiffres clés » page.

Only daily totals are stored: no address, no user agent, no visitor identifier ever reaches the
database (see stats/counting.py for how visitors are told apart during one day).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class DailySiteVisits(models.Model):
    """Visits and page views of the whole public site on one day."""

    date = models.DateField(_("date"), unique=True)
    visits = models.PositiveIntegerField(_("visites"), default=0)
    views = models.PositiveIntegerField(_("pages vues"), default=0)

    class Meta:
        ordering = ["date"]
        verbose_name = _("fréquentation quotidienne du site")
        verbose_name_plural = _("fréquentations quotidiennes du site")

    def __str__(self):
        return f"{self.date}: {self.visits} / {self.views}"


class DailyPageViews(models.Model):
    """Visits and views of one Wagtail page on one day."""

    date = models.DateField(_("date"))
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    visits = models.PositiveIntegerField(_("visites"), default=0)
    views = models.PositiveIntegerField(_("pages vues"), default=0)

    class Meta:
        ordering = ["date", "page"]
        verbose_name = _("fréquentation quotidienne d’une page")
        verbose_name_plural = _("fréquentations quotidiennes des pages")
        constraints = [
            models.UniqueConstraint(fields=["date", "page"], name="unique_page_views_per_day"),
        ]

    def __str__(self):
        return f"{self.date} #{self.page_id}: {self.visits} / {self.views}"


class KeyFiguresPage(Page):
    """« Chiffres clés »: the mission's progress figures, computed live from the data."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("chiffres clés")
        verbose_name_plural = _("chiffres clés")

    def get_context(self, request, *args, **kwargs):
        # stats.figures imports this module's count models: importing it here avoids the cycle.
        from stats.figures import key_figures
        from stats.forms import FiguresDateForm

        context = super().get_context(request, *args, **kwargs)
        form = FiguresDateForm(request.GET)
        as_of = form.cleaned_data["au"] if form.is_valid() else None
        context["date_form"] = form
        context["figures"] = key_figures(request=request, as_of=as_of)
        return context

    def serve(self, request, *args, **kwargs):
        """A date that cannot be read (?au=hier) answers 400, with the message above the live figures."""
        response = super().serve(request, *args, **kwargs)
        form = getattr(response, "context_data", {}).get("date_form")
        if form is not None and form.errors:
            response.status_code = 400
        return response
