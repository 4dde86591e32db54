"""The query string of the proposals list, read by a form: nothing is parsed by hand."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hearings.models import Sector
from proposals.models import ProposalStatus


class ProposalFilterForm(forms.Form):
    """Theme (a sector's slug) and status; an unknown value is ignored with a message."""

    theme = forms.ChoiceField(label=_("Thème"), required=False)
    statut = forms.ChoiceField(
        label=_("État"), required=False, choices=[("", _("Tous les états")), *ProposalStatus.choices]
    )
    page = forms.IntegerField(min_value=1, required=False)

    def __init__(self, data=None, *, proposals):
        super().__init__(data)
        used = proposals.values("theme_id")
        self.themes = list(Sector.objects.filter(pk__in=used))
        self.fields["theme"].choices = [
            ("", _("Tous les thèmes")),
            *((term.slug, term.name) for term in self.themes),
        ]
        self.is_valid()

    def filter(self, proposals):
        data = self.cleaned_data
        if data.get("theme"):
            proposals = proposals.filter(theme__slug=data["theme"])
        if data.get("statut"):
            proposals = proposals.filter(status=data["statut"])
        return proposals

    def page_number(self):
        return self.cleaned_data.get("page") or 1

    def active(self):
        """(label, value label) of each filter applied."""
        data = self.cleaned_data
        active = []
        for name in ("theme", "statut"):
            if data.get(name):
                choices = dict(self.fields[name].choices)
                active.append((self.fields[name].label, choices[data[name]]))
        return active

    def messages(self):
        return [f"{self.fields[name].label} : {' '.join(errors)}" for name, errors in self.errors.items()]

    def filter_fields(self):
        return [self["theme"], self["statut"]]


class FollowForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse électronique"),
        max_length=254,
        help_text=_("Un lien de confirmation vous sera envoyé. Format attendu : nom@domaine.fr"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": "fr-input"}),
    )


class ParagraphChoiceForm(forms.Form):
    """`?paragraphe=<key>`: the paragraph whose thread is open on a text in consultation."""

    paragraphe = forms.ChoiceField(
        required=False,
        error_messages={"invalid_choice": _("Ce paragraphe n’existe pas (ou plus) dans ce texte.")},
    )

    def __init__(self, data=None, *, keys):
        super().__init__(data)
        self.fields["paragraphe"].choices = [("", ""), *((key, key) for key in keys)]
