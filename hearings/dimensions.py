"""The three classifications of organisms, defined once for the hearing filters, the key figures
and the site search.

A hearing (or a trip) is classified through the organisms it names: it counts once in each
category touched by any of them (PRODUCT.md, « Counting rules »).
"""

from dataclasses import dataclass

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Dimension:
    # The key used everywhere: URL parameter of the hearing list and the search, key of the
    # breakdowns and of the facets.
    param: str
    # The taxonomy snippet holding the terms (app "hearings").
    model_name: str
    # The field of Organism leading to the term(s).
    organism_field: str
    label: Promise
    breakdown_title: Promise

    @property
    def model(self):
        return apps.get_model("hearings", self.model_name)

    def lookup(self, to_organism="organism"):
        """The ORM path to the term from a model whose `to_organism` leads to an Organism:
        `dimension.lookup()` from a HearingOrganism row, `dimension.lookup("organisms_heard__
        organism")` from a HearingPage."""
        return f"{to_organism}__{self.organism_field}"


DIMENSIONS = (
    Dimension(
        param="nature",
        model_name="OrganismNature",
        organism_field="nature",
        label=_("Nature d’organisme"),
        breakdown_title=_("Par nature d’organisme"),
    ),
    Dimension(
        param="famille",
        model_name="ActorFamily",
        organism_field="family",
        label=_("Métier / famille d’acteurs"),
        breakdown_title=_("Par métier / famille d’acteurs"),
    ),
    Dimension(
        param="secteur",
        model_name="Sector",
        organism_field="sectors",
        label=_("Secteur"),
        breakdown_title=_("Par secteur"),
    ),
)
DIMENSIONS_BY_PARAM = {dimension.param: dimension for dimension in DIMENSIONS}
