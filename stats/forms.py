import datetime

from django import forms
from django.utils.translation import gettext_lazy as _


class ReportPeriodForm(forms.Form):
    """The period of the « bilan d’étape » report and its output format (from the query string)."""

    FORMATS = [("html", _("Page")), ("csv", _("CSV")), ("print", _("Version imprimable"))]

    start = forms.DateField(
        label=_("Du"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Laisser vide pour partir de l’ouverture du site."),
    )
    end = forms.DateField(
        label=_("Au"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Laisser vide pour aller jusqu’à aujourd’hui."),
    )
    format = forms.ChoiceField(choices=FORMATS, required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("La date de fin doit être postérieure ou égale à la date de début."))
        return cleaned


class FiguresDateForm(forms.Form):
    """« Chiffres clés au <date> » (?au=2012-12-06): the figures as they stood that day."""

    FIRST = datetime.date(2000, 1, 1)
    LAST = datetime.date(2099, 12, 31)

    au = forms.DateField(
        label=_("Lire les chiffres au"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Format attendu : AAAA-MM-JJ, par exemple 2012-12-06."),
        error_messages={"invalid": _("Cette date ne se lit pas : format attendu AAAA-MM-JJ.")},
    )

    def clean_au(self):
        day = self.cleaned_data["au"]
        if day is not None and not self.FIRST <= day <= self.LAST:
            raise forms.ValidationError(_("La date doit être comprise entre 2000 et 2099."))
        return day


class VisitBeaconForm(forms.Form):
    """The body of a page-view beacon (stats/beacon.py): at most the id of the page read."""

    page = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)

    def clean(self):
        cleaned = super().clean()
        if set(self.data) - set(self.fields):
            raise forms.ValidationError(_("Champ inconnu."))
        return cleaned

    def clean_page(self):
        from wagtail.models import Page

        page_id = self.cleaned_data["page"]
        if page_id is not None and not Page.objects.live().filter(pk=page_id).exists():
            raise forms.ValidationError(_("Page inconnue."))
        return page_id
