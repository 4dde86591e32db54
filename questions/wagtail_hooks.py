"""The subscriber list in the Wagtail admin: one wagtail-modeladmin registration, kept here alone
so that a later move to Wagtail's ModelViewSet stays local."""

from django.contrib.admin import SimpleListFilter
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import IndexView

from hardening import spreadsheet
from questions.models import NotificationSent, Subscriber


class SubscriberStateFilter(SimpleListFilter):
    title = _("état")
    parameter_name = "etat"

    def lookups(self, request, model_admin):
        return Subscriber.State.choices

    def queryset(self, request, queryset):
        value = self.value()
        if value == Subscriber.State.CONFIRMED:
            return queryset.counted()
        if value == Subscriber.State.PENDING:
            return queryset.pending()
        if value == Subscriber.State.UNSUBSCRIBED:
            return queryset.unsubscribed()
        return queryset


class SubscriberPermissionHelper(PermissionHelper):
    """Subscriptions come from their owners only (double opt-in): the team can read them, export
    them and delete one on request, but neither add nor edit an address."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False


class SubscriberIndexView(IndexView):
    """The subscriber list; its CSV export's cells cannot run as spreadsheet formulas (an address
    such as `=cmd|'/C calc'!A0@example.org` is valid)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return spreadsheet.safe_cell(value) if export_format == self.FORMAT_CSV else value


class SubscriberAdmin(ModelAdmin):
    model = Subscriber
    menu_label = _("Abonnés")
    menu_icon = "mail"
    menu_order = 300
    add_to_settings_menu = False
    permission_helper_class = SubscriberPermissionHelper
    index_view_class = SubscriberIndexView
    inspect_view_enabled = True
    list_display = ("email", "state_label", "requested_at", "confirmed_at", "unsubscribed_at")
    list_filter = (SubscriberStateFilter,)
    search_fields = ("email",)
    list_export = ("email", "state_label", "requested_at", "confirmed_at", "unsubscribed_at")
    export_filename = "abonnes"


modeladmin_register(SubscriberAdmin)


class FailedAnnouncementsPanel(Component):
    """On the admin dashboard, the announcements whose mails failed (retried by the task worker)."""

    name = "failed_announcements"
    order = 40

    def __init__(self, notifications):
        self.notifications = notifications

    def render_html(self, parent_context=None):
        return render_to_string(
            "questions/admin/failed_announcements.html", {"notifications": self.notifications}
        )


# The failures may name a subscriber's address: only for those allowed to see announcements (the
# page publishers' groups, questions/migrations/0004).
ANNOUNCEMENT_VIEW_PERMISSION = "questions.view_notificationsent"


@hooks.register("construct_homepage_panels")
def add_failed_announcements_panel(request, panels):
    if not request.user.has_perm(ANNOUNCEMENT_VIEW_PERMISSION):
        return
    failed = NotificationSent.objects.filter(completed_at__isnull=True, failed_attempts__gt=0)
    notifications = list(failed.select_related("page").order_by("-created_at")[:20])
    if notifications:
        panels.append(FailedAnnouncementsPanel(notifications))
