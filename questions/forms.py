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
