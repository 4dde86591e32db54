"""The page types the site search covers, the comments on them, and the facets.

Each type names its page model; what is searched in a page is the model's own `search_fields`
(the fields Wagtail's admin search reads too), so adding a field there adds it here.
"""

import functools
from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from hearings.dimensions import DIMENSIONS

COMMENT_KIND = "commentaire"
# An organism's written contribution to a hearing (hearings.HearingContribution): its own
# document, on its hearing's page, found by its title and organism.
CONTRIBUTION_KIND = "contribution"

# Facet name (the URL parameter, in French) -> label. Order is the order of the sidebar.
FACETS = {
    "type": _("Type de contenu"),
    **{dimension.param: dimension.label for dimension in DIMENSIONS},
    "statut": _("Statut"),
    "annee": _("Année"),
}


@dataclass(frozen=True)
class SearchableType:
    kind: str
    label: str
    label_plural: str
    model_label: str
    date_attr: str | None = None
    status_attr: str | None = None
    # The page's links to its organisms (an Orderable with an `organism` foreign key).
    organisms_attr: str | None = None
    # The page's written contributions (hearings.HearingContribution), each a document.
    contributions_attr: str | None = None

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def status_labels(self):
        if not self.status_attr:
            return {}
        return _choice_labels(self.model_label, self.status_attr)


@functools.cache
def _choice_labels(model_label, field_name):
    """{value: label} of a model field's choices (the labels stay lazy: translated when shown)."""
    field = apps.get_model(model_label)._meta.get_field(field_name)
    return {str(value): label for value, label in field.flatchoices}


TYPES = (
    SearchableType(
        kind="audition",
        label=_("Audition"),
        label_plural=_("Auditions"),
        model_label="hearings.HearingPage",
        date_attr="hearing_date",
        status_attr="status",
        organisms_attr="organisms_heard",
        contributions_attr="written_contributions",
    ),
    SearchableType(
        kind="question",
        label=_("Question"),
        label_plural=_("Questions au public"),
        model_label="questions.QuestionPage",
        date_attr="asked_on",
    ),
    SearchableType(
        kind="deplacement",
        label=_("Déplacement"),
        label_plural=_("Déplacements"),
        model_label="events.TripEventPage",
        date_attr="start_date",
        organisms_attr="organisms_met",
    ),
    SearchableType(
        kind="proposition",
        label=_("Proposition"),
        label_plural=_("Propositions"),
        model_label="proposals.ProposalPage",
        status_attr="status",
    ),
    SearchableType(
        kind="rapport",
        label=_("Rapport"),
        label_plural=_("Rapports"),
        model_label="proposals.ReportPage",
        date_attr="published_on",
    ),
    SearchableType(
        kind="texte",
        label=_("Texte en consultation"),
        label_plural=_("Textes en consultation"),
        model_label="proposals.ConsultationTextPage",
    ),
    SearchableType(
        kind="actualite",
        label=_("Actualité"),
        label_plural=_("Presse et actualités"),
        model_label="home.NewsPage",
        date_attr="published_on",
    ),
    SearchableType(
        kind="page",
        label=_("Page"),
        label_plural=_("Pages"),
        model_label="home.StandardPage",
    ),
)
TYPES_BY_KIND = {searchable_type.kind: searchable_type for searchable_type in TYPES}
# Every value of the type facet, comments last.
KIND_LABELS = {
    **{searchable_type.kind: searchable_type.label for searchable_type in TYPES},
    CONTRIBUTION_KIND: _("Contribution écrite"),
    COMMENT_KIND: _("Commentaire"),
}


def type_of_model(model):
    """The searchable type of a page model, or None."""
    return next((searchable_type for searchable_type in TYPES if searchable_type.model is model), None)


def status_labels():
    """Every status value of the statut facet -> its label."""
    labels = {}
    for searchable_type in TYPES:
        labels.update(searchable_type.status_labels())
    return labels
