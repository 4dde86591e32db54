from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from hardening.admin_saves import SafeSnippetViewSet

# admin_listing registers the editors' list of hearings and its dashboard panel.
from hearings import admin_listing, admin_views  # noqa: F401
from hearings.admin_views import ProtectedDeleteView, usage_message
from hearings.models import ActorFamily, HearingIndexPage, Organism, OrganismNature, Sector

TAXONOMY_MODELS = (Organism, OrganismNature, ActorFamily, Sector)


class OrganismViewSet(SafeSnippetViewSet):
    model = Organism
    delete_view_class = ProtectedDeleteView
    icon = "group"
    menu_label = _("Organismes")
    list_display = ["name", "acronym", "nature", "family"]
    list_filter = ["nature", "family", "sectors"]
    search_fields = ["name", "acronym"]
    # Plain database lookups: the search backend's field restriction fails on SQLite's index.
    search_backend_name = None
    ordering = ["name"]


class TermViewSet(SafeSnippetViewSet):
    delete_view_class = ProtectedDeleteView
    icon = "tag"
    search_fields = ["name"]
    search_backend_name = None
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]


class OrganismNatureViewSet(TermViewSet):
    model = OrganismNature
    menu_label = _("Natures d’organisme")


class ActorFamilyViewSet(TermViewSet):
    model = ActorFamily
    menu_label = _("Familles d’acteurs")


class SectorViewSet(TermViewSet):
    model = Sector
    menu_label = _("Secteurs")


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomie")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (OrganismViewSet, OrganismNatureViewSet, ActorFamilyViewSet, SectorViewSet)


register_snippet(TaxonomyViewSetGroup)


@hooks.register("before_bulk_action")
def refuse_bulk_delete_of_taxonomy_in_use(request, action_type, objects, action_class_instance):
    """The listing's bulk delete goes around the delete view: refuse it the same way."""
    if action_type != "delete":
        return None
    refusals = [usage_message(obj) for obj in objects if isinstance(obj, TAXONOMY_MODELS)]
    refusals = [message for message in refusals if message]
    if not refusals:
        return None
    for message in refusals:
        messages.error(request, message)
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("wagtailadmin_home")
    return redirect(next_url)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        index = HearingIndexPage.objects.first()
        return index is not None and index.permissions_for_user(request.user).can_publish_subpage()


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("auditions/import/", admin_views.import_screen, name="hearings_admin_import"),
        path("auditions/import/appliquer/", admin_views.import_apply, name="hearings_admin_import_apply"),
        path(
            "auditions/import/modele.csv", admin_views.import_template, name="hearings_admin_import_template"
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import des auditions"), reverse("hearings_admin_import"), icon_name="upload", order=210
    )
