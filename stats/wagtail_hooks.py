from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from stats import views
from stats.figures import key_figures


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("bilan-d-etape/", views.report, name="stats_report")]


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    return MenuItem(_("Bilan d’étape"), reverse("stats_report"), icon_name="table", order=900)


class KeyFiguresPanel(Component):
    name = "key_figures"
    order = 50

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        figures = key_figures(request=self.request, top_pages_limit=0)
        return render_to_string(
            "stats/admin/dashboard_panel.html",
            {"figures": figures, "report_url": reverse("stats_report")},
            request=self.request,
        )


@hooks.register("construct_homepage_panels")
def add_key_figures_panel(request, panels):
    panels.append(KeyFiguresPanel(request))
