from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class ProposalPageForm(WagtailAdminPageForm):
    """The proposal's edit form: two proposals of one report never share a number."""

    def clean_number(self):
        number = self.cleaned_data["number"]
        parent = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        if parent is not None and number is not None:
            siblings = type(self.instance).objects.child_of(parent).filter(number=number)
            if siblings.exclude(pk=self.instance.pk).exists():
                raise ValidationError(
                    _("Une autre proposition de ce rapport porte déjà ce numéro."), code="taken"
                )
        return number
