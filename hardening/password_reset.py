"""The admin's password reset form (WAGTAILADMIN_USER_PASSWORD_RESET_FORM): Wagtail's, with a cap
on the mails per client and per account, so that nobody fills an editor's mailbox.

Over a cap the form answers exactly as when a mail is sent (Django's view always shows the same
page), so that the answer says nothing about an account or the limit.
"""

from django.conf import settings
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from hardening import ratelimit


class PasswordResetForm(WagtailPasswordResetForm):
    def save(self, *args, request=None, **kwargs):
        if request is not None and ratelimit.hit(
            request, "password-reset-client", [settings.PASSWORD_RESET_MAILS_PER_CLIENT]
        ):
            return
        super().save(*args, request=request, **kwargs)

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        account = f"user:{context['user'].pk}"
        if ratelimit.hit(
            None, "password-reset-account", [settings.PASSWORD_RESET_MAILS_PER_ACCOUNT], key=account
        ):
            return
        super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)
