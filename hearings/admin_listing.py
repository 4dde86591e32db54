"""The editors' list of hearings (« Auditions » in the admin menu): date and status columns, a
status filter and an « à mettre à jour » filter (planned hearings whose date has passed by the
site's clock), and the dashboard panel counting those hearings. Registered from wagtail_hooks.py."""

import django_filters
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from hearings.models import HearingPage
from hearings.queries import day_start
from home.clock import today as site_today
from home.typography import datetime_text


def overdue_hearings(queryset=None, today=None):
    """Planned hearings whose date is before the site's today: their report is awaited."""
    queryset = HearingPage.objects.all() if queryset is None else queryset
    return queryset.filter(
        status=HearingPage.Status.PLANNED, hearing_date__lt=day_start(today or site_today())
    )


class HearingFilterSet(PageFilterSet):
    hearing_status = django_filters.ChoiceFilter(
        field_name="status", label=_("Statut de l’audition"), choices=HearingPage.Status.choices
    )
    to_update = django_filters.ChoiceFilter(
        label=_("À mettre à jour"),
        method="filter_to_update",
        choices=[("oui", _("Oui : date passée")), ("non", _("Non"))],
        empty_label=_("Toutes"),
        help_text=_("Auditions prévues dont la date est passée : compte rendu à publier, statut à changer."),
    )

    class Meta:
        model = HearingPage
        fields = []

    def filter_to_update(self, queryset, name, value):
        if not value:
            return queryset
        overdue = overdue_hearings(queryset).values("pk")
        return queryset.filter(pk__in=overdue) if value == "oui" else queryset.exclude(pk__in=overdue)


def hearing_date_text(hearing):
    """« 10 décembre 2012 à 10 h »: the date itself, not « il y a 13 ans »."""
    return datetime_text(hearing.hearing_date, weekday=False)


def hearing_status_text(hearing):
    if hearing.is_overdue():
        return _("Prévue — date passée, à mettre à jour")
    return hearing.status_label


class HearingListingViewSet(PageListingViewSet):
    model = HearingPage
    icon = "group"
    menu_label = _("Auditions")
    menu_order = 150
    add_to_admin_menu = True
    name = "auditions"
    filterset_class = HearingFilterSet
    columns = [
        *PageListingViewSet.columns[:2],
        Column(
            "hearing_date",
            label=_("Date de l’audition"),
            accessor=hearing_date_text,
            sort_key="hearing_date",
            width="18%",
        ),
        Column("hearing_status", label=_("Statut de l’audition"), accessor=hearing_status_text, width="22%"),
        *[column for column in PageListingViewSet.columns if column.name == "status"],
    ]


hearing_listing_viewset = HearingListingViewSet("auditions")


class OverdueHearingsPanel(Component):
    """The dashboard's count of planned hearings whose date has passed, linking to their list."""

    name = "overdue_hearings"
    order = 40

    def render_html(self, parent_context=None):
        count = overdue_hearings().count()
        url = reverse(hearing_listing_viewset.get_url_name("index")) + "?to_update=oui"
        return render_to_string("hearings/admin/overdue_panel.html", {"count": count, "url": url})


@hooks.register("register_admin_viewset")
def register_hearing_listing():
    return hearing_listing_viewset


@hooks.register("construct_homepage_panels")
def add_overdue_hearings_panel(request, panels):
    panels.append(OverdueHearingsPanel())
