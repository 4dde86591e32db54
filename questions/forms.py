from django import forms
from django.utils.translation import gettext_lazy as _


class QuestionSortForm(forms.Form):
    """The query string of the blog index: ?tri=recentes|commentees&page=N."""

    NEWEST = "recentes"
    MOST_COMMENTED = "commentees"

    tri = forms.ChoiceField(
        label=_("Trier les questions"),
        choices=[(NEWEST, _("Les plus récentes")), (MOST_COMMENTED, _("Les plus commentées"))],
        required=False,
    )
    page = forms.IntegerField(min_value=1, required=False)

    def cleaned_sort_and_page(self):
        """The sort and page asked for; a value that is not valid falls back to the default and is
        reported by the form's errors, which the template shows."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return data.get("tri") or self.NEWEST, data.get("page") or 1


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Votre adresse électronique (ex. : nom@domaine.fr)"),
        max_length=254,
        error_messages={
            "required": _("Indiquez votre adresse électronique."),
            "invalid": _("Indiquez une adresse électronique valide, par exemple nom@domaine.fr."),
        },
    )


class ExportForm(forms.Form):
    """The query string of the rapporteurs' export: ?question=<id or empty for all>&format=csv|html.

    The question is a plain id, not a choice among existing questions, so that an unknown one
    answers 404 (like any unknown object) rather than a form error."""

    question = forms.IntegerField(
        label=_("Question"),
        min_value=1,
        required=False,
        error_messages={"invalid": _("Choisissez une question dans la liste.")},
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("html", _("Document HTML lisible (threads)")), ("csv", _("Tableur CSV"))],
        initial="html",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez un format."),
            "invalid_choice": _("Choisissez le format HTML ou CSV."),
        },
    )
    telecharger = forms.BooleanField(required=False)
