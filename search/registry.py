"""The page types the site search covers, and the facets each one can be narrowed by.

Hearings come first: results are listed type by type in registry order. Questions and trips
join by registering a `SearchableType` from their app's `ready()` (or here), naming how each
facet they support reaches their data; nothing else in the search app changes.
"""

import functools
from dataclasses import dataclass, field
from typing import NamedTuple

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from search.statements import IdsQuery

# Facet name (the URL parameter, in French) -> label. Order is the order of the sidebar.
FACETS = {
    "type": _("Type de contenu"),
    "secteur": _("Secteur"),
    "nature": _("Nature d’organisme"),
    "famille": _("Métier / famille d’acteurs"),
    "statut": _("Statut"),
    "annee": _("Année"),
}
# Taxonomy facets: their values are the slugs of these hearings models, labelled by their names.
TAXONOMY_FACETS = {
    "secteur": "hearings.Sector",
    "nature": "hearings.OrganismNature",
    "famille": "hearings.ActorFamily",
}


class OrganismName(NamedTuple):
    """What a result card shows of an organism."""

    name: str
    acronym: str


@functools.cache
def _choice_labels(model_label, field_name):
    """{value: label} of a model field's choices (the labels stay lazy: translated when shown)."""
    field = apps.get_model(model_label)._meta.get_field(field_name)
    return {str(value): label for value, label in field.flatchoices}


@functools.cache
def _organisms_query(model_label, organisms_attr):
    """(page pk, organism name, acronym) of the pages' links to their organisms, in their order."""
    relation = apps.get_model(model_label)._meta.get_field(organisms_attr)
    links, page_id = relation.related_model, relation.field.attname
    return IdsQuery(
        links,
        lambda pks: links._default_manager.filter(**{f"{page_id}__in": pks}).values_list(
            page_id, "organism__name", "organism__acronym"
        ),
        stand_in=lambda index: -1_000_000_000 - index,
    )


@dataclass(frozen=True)
class SearchableType:
    slug: str
    label: str
    label_plural: str
    model_label: str
    # Facet name -> ORM lookup from the page model to the facet's value (a slug, a code, a year).
    facet_lookups: dict = field(default_factory=dict)
    date_attr: str | None = None
    # The page's links to its organisms (an Orderable with an `organism` foreign key).
    organisms_attr: str | None = None
    # Text fields an excerpt is cut from, best first (rich text is stripped of its tags).
    excerpt_attrs: tuple = ()

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def card_fields(self):
        """The fields of the page a result card reads: its title, what its URL is made of (as
        Page.get_url reads it), date, status and the texts of its excerpt."""
        fields = ["title", "slug", "url_path", *self.excerpt_attrs]
        if self.date_attr:
            fields.append(self.date_attr)
        status = self.facet_lookups.get("statut", "")
        if status and "__" not in status:
            fields.append(status)
        return fields

    def supports(self, facet):
        return facet == "type" or facet in self.facet_lookups

    def choice_labels(self, facet):
        """Labels of a facet whose lookup is a model field with choices (a status), else {}."""
        lookup = self.facet_lookups.get(facet, "")
        if not lookup or "__" in lookup:
            return {}
        # Read once per process: flattening the choices costs more than a whole result card.
        return _choice_labels(self.model_label, lookup)

    def organisms(self, pages):
        """{page pk: [OrganismName…]} of the organisms linked to `pages`, in the links' order, in
        one query of the names alone (no link nor organism objects)."""
        if not self.organisms_attr or not pages:
            return {}
        found = {}
        for pk, name, acronym in _organisms_query(self.model_label, self.organisms_attr).rows(
            [page.pk for page in pages]
        ):
            found.setdefault(pk, []).append(OrganismName(name, acronym))
        return found


class Registry:
    def __init__(self):
        self._types = {}

    def register(self, searchable_type):
        self._types[searchable_type.slug] = searchable_type

    def __iter__(self):
        return iter(self._types.values())

    def get(self, slug):
        return self._types.get(slug)

    def of_model(self, model):
        """The type of these pages, or None."""
        return next((searchable_type for searchable_type in self if searchable_type.model is model), None)

    def slugs(self):
        return list(self._types)


registry = Registry()

registry.register(
    SearchableType(
        slug="audition",
        label=_("Audition"),
        label_plural=_("Auditions"),
        model_label="hearings.HearingPage",
        facet_lookups={
            "secteur": "organisms_heard__organism__sectors__slug",
            "nature": "organisms_heard__organism__nature__slug",
            "famille": "organisms_heard__organism__family__slug",
            "statut": "status",
            "annee": "hearing_date__year",
        },
        date_attr="hearing_date",
        organisms_attr="organisms_heard",
        excerpt_attrs=("summary", "transcript", "body"),
    )
)

registry.register(
    SearchableType(
        slug="question",
        label=_("Question"),
        label_plural=_("Questions au public"),
        model_label="questions.QuestionPage",
        facet_lookups={"annee": "asked_on__year"},
        date_attr="asked_on",
        excerpt_attrs=("introduction", "body"),
    )
)

registry.register(
    SearchableType(
        slug="deplacement",
        label=_("Déplacement"),
        label_plural=_("Déplacements"),
        model_label="events.TripEventPage",
        facet_lookups={
            "secteur": "organisms_met__organism__sectors__slug",
            "nature": "organisms_met__organism__nature__slug",
            "famille": "organisms_met__organism__family__slug",
            "annee": "start_date__year",
        },
        date_attr="start_date",
        organisms_attr="organisms_met",
        excerpt_attrs=("summary", "introduction", "report"),
    )
)
