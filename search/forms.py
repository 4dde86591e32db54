"""Every parameter of the search page and of the suggestions endpoint goes through these forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frontcache.fragments import cached as editorial_cached
from hearings.dimensions import DIMENSIONS
from hearings.queries import taxonomy_terms
from search.registry import FACETS, KIND_LABELS, status_labels

MAX_QUERY_LENGTH = 200
YEARS = range(1990, 2101)
YEAR_LABELS = {str(year): str(year) for year in YEARS}


def taxonomy_labels():
    """Taxonomy facet -> {slug: name}, in the taxonomy's order: the names alone, kept in the
    editorial cache (snippets: an edit renews them) rather than the terms themselves, which
    every search would otherwise unpickle."""
    return editorial_cached("search-taxonomy-labels", _taxonomy_labels)


def _taxonomy_labels():
    terms = taxonomy_terms()
    return {
        dimension.param: {term.slug: term.name for term in terms[dimension.model._meta.label_lower]}
        for dimension in DIMENSIONS
    }


class FacetField(forms.MultipleChoiceField):
    """Several values of one facet; unknown values are dropped (and reported), never an error.

    The known values are the keys of `labels` ({value: label}), looked up in it: no choices to
    normalise for each form (a hundred years, every taxonomy term), none of them rendered by a
    widget (the page lists the facets itself)."""

    def __init__(self, *, labels, **kwargs):
        super().__init__(**kwargs)
        self.labels = labels

    def valid_value(self, value):
        return value in self.labels

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def clean(self, value):
        values = self.to_python(value)
        self.unknown_values = [item for item in values if not self.valid_value(item)]
        known = [item for item in values if self.valid_value(item)]
        self.validate(known)
        return list(dict.fromkeys(known))


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Rechercher"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _(
                "Votre recherche est trop longue (%(show_value)d caractères) : "
                "%(limit_value)d caractères au plus."
            )
        },
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.facet_labels = {"type": KIND_LABELS}
        self.facet_labels.update(taxonomy_labels())
        self.facet_labels["statut"] = status_labels()
        self.facet_labels["annee"] = YEAR_LABELS
        for facet, label in FACETS.items():
            self.fields[facet] = FacetField(label=label, required=False, labels=self.facet_labels[facet])

    def clean_q(self):
        # The search box is plain text: control characters and surrounding spaces go.
        return " ".join(self.cleaned_data["q"].split())

    def filters(self):
        """Facet -> selected known values, for the valid part of the form."""
        return {facet: self.cleaned_data.get(facet) or [] for facet in FACETS}

    def ignored_values(self):
        return [
            (self.fields[facet].label, value)
            for facet in FACETS
            for value in getattr(self.fields[facet], "unknown_values", [])
        ]


class SuggestionForm(forms.Form):
    q = forms.CharField(min_length=2, max_length=100)
