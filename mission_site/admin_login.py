"""The admin's login form with a French label on the password field: Wagtail's LoginForm leaves
it without a label, so Django shows the field's name, « Password »."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    password = forms.CharField(
        label=_("Mot de passe"),
        widget=forms.PasswordInput(attrs={"placeholder": _("Saisissez votre mot de passe")}),
        strip=False,
    )
