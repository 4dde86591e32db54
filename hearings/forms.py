"""Forms that read the query strings of the hearing views: nothing is parsed by hand."""

import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from hearings.models import ActorFamily, HearingPage, Organism, OrganismNature, Sector

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


class MonthField(forms.CharField):
    """A month written YYYY-MM, cleaned to the first day of that month."""

    default_error_messages = {
        "invalid": _(
            "Le mois « %(value)s » n’est pas valide : écrivez-le sous la forme AAAA-MM, par exemple 2012-11."
        ),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        match = MONTH_RE.match(value)
        if match:
            year, month = int(match[1]), int(match[2])
            if 1900 <= year <= 2100 and 1 <= month <= 12:
                return datetime.date(year, month, 1)
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid", params={"value": value})


class TermChoiceField(forms.ModelChoiceField):
    """A taxonomy term chosen by its slug, with a French message naming the unknown value."""

    def __init__(self, model, **kwargs):
        super().__init__(
            queryset=model.objects.all(),
            to_field_name="slug",
            required=False,
            empty_label=_("Toutes"),
            error_messages={"invalid_choice": _("La valeur « %(value)s » n’existe pas pour ce filtre.")},
            **kwargs,
        )

    def label_from_instance(self, obj):
        return obj.name

    def to_python(self, value):
        """The term of that slug, found in the cached terms (hearings.queries.taxonomy_terms)
        rather than by a query; the same answers as ModelChoiceField's."""
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        from hearings.queries import taxonomy_terms

        for term in taxonomy_terms()[self.queryset.model._meta.label_lower]:
            if term.slug == value:
                return term
        raise forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


def _choices(enum):
    return [("", _("Tous"))] + list(enum.choices)


class HearingFilterForm(forms.Form):
    """The filters of the hearing list, its exports and its calendar; names are the URL's."""

    nature = TermChoiceField(OrganismNature, label=_("Nature d’organisme"))
    famille = TermChoiceField(ActorFamily, label=_("Métier / famille d’acteurs"))
    secteur = TermChoiceField(Sector, label=_("Secteur"))
    statut = forms.ChoiceField(label=_("Statut"), choices=_choices(HearingPage.Status), required=False)
    type = forms.ChoiceField(label=_("Type"), choices=_choices(HearingPage.Kind), required=False)
    mois = MonthField(label=_("Mois"), required=False)

    choice_error = _("La valeur « %(value)s » n’existe pas pour ce filtre.")

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        for name in ("statut", "type"):
            self.fields[name].error_messages["invalid_choice"] = self.choice_error

    def valid_filters(self):
        """The filters whose values are valid, by name; an invalid one is left out (and reported)."""
        self.is_valid()
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if name not in self.errors and value not in (None, "")
        }


class PageNumberForm(forms.Form):
    page = forms.IntegerField(
        min_value=1,
        required=False,
        error_messages={
            "invalid": _("Le numéro de page doit être un nombre entier : voici la première page."),
            "min_value": _("Le numéro de page doit être un nombre entier : voici la première page."),
        },
    )


class ContributionFilterForm(forms.Form):
    """The filters of « Contributions écrites »: the contributing organism's terms, or the
    organism itself; an unknown value is left out with a message."""

    nature = TermChoiceField(OrganismNature, label=_("Nature d’organisme"))
    famille = TermChoiceField(ActorFamily, label=_("Métier / famille d’acteurs"))
    secteur = TermChoiceField(Sector, label=_("Secteur"))
    organisme = forms.ModelChoiceField(
        label=_("Organisme"),
        queryset=Organism.objects.filter(written_contributions__isnull=False).distinct().order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Tous"),
        error_messages={"invalid_choice": _("L’organisme « %(value)s » n’a pas remis de contribution.")},
    )
    page = forms.IntegerField(min_value=1, required=False)

    LOOKUPS = {"nature": "organism__nature", "famille": "organism__family", "secteur": "organism__sectors"}

    def valid_values(self):
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value and name != "page"}

    def filter(self, contributions):
        for name, value in self.valid_values().items():
            lookup = self.LOOKUPS.get(name, "organism")
            contributions = contributions.filter(**{lookup: value})
        return contributions.distinct()

    def page_number(self):
        self.is_valid()
        return self.cleaned_data.get("page") or 1

    def messages(self):
        return [f"{self.fields[name].label} : {' '.join(errors)}" for name, errors in self.errors.items()]
