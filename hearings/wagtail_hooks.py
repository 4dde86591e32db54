from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from hearings.models import ActorFamily, Organism, OrganismNature, Sector


class OrganismViewSet(SnippetViewSet):
    model = Organism
    icon = "group"
    menu_label = _("Organismes")
    list_display = ["name", "acronym", "nature", "family"]
    list_filter = ["nature", "family", "sectors"]
    search_fields = ["name", "acronym"]
    ordering = ["name"]


class TermViewSet(SnippetViewSet):
    icon = "tag"
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
