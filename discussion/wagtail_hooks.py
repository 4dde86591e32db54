"""The moderation queue « Commentaires » (wagtail-modeladmin), kept in this one registration."""

from django.contrib.admin import SimpleListFilter
from django.db.models import IntegerField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import InspectView

from discussion import admin_views
from discussion.models import STATE_FILTERS, STATES, DiscussionComment


class StateFilter(SimpleListFilter):
    title = _("état")
    parameter_name = "etat"

    def lookups(self, request, model_admin):
        return STATES

    def queryset(self, request, queryset):
        if self.value() in STATE_FILTERS:
            return queryset.filter(STATE_FILTERS[self.value()])
        return queryset


class PageFilter(SimpleListFilter):
    title = _("page")
    parameter_name = "page_commentee"

    def lookups(self, request, model_admin):
        ids = DiscussionComment.objects.order_by().values_list("object_pk", flat=True).distinct()
        pages = Page.objects.filter(pk__in=[int(pk) for pk in ids if pk.isdigit()]).order_by("title")
        return [(str(page.pk), page.title) for page in pages]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(object_pk=self.value())
        return queryset


class CommentPermissionHelper(PermissionHelper):
    def user_can_create(self, user):
        return False  # comments come from the public site only


class CommentButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if self.request.user.has_perm("discussion.moderate_comment"):
            buttons.append(
                {
                    "url": reverse("discussion_admin_remove", args=[obj.pk]),
                    "label": _("Retirer"),
                    "classname": "button button-small button-secondary",
                    "title": _("Retirer ce commentaire en indiquant un motif"),
                }
            )
        return buttons


class ThreadInspectView(InspectView):
    """The comment in its thread, so that a moderator reads it in context."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comment = self.instance
        context["comment"] = comment
        context["thread"] = DiscussionComment.objects.filter(thread_id=comment.thread_id).order_by("order")
        context["commented_page"] = Page.objects.filter(pk=comment.object_pk).first()
        return context


class CommentAdmin(ModelAdmin):
    model = DiscussionComment
    menu_label = _("Commentaires")
    menu_icon = "comment"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ("select_box", "excerpt", "page_title", "author", "state_label", "submit_date")
    index_view_extra_css = ["discussion/admin.css"]
    list_display_add_buttons = "excerpt"
    list_filter = (StateFilter, PageFilter, "submit_date", "is_remarkable", "is_mission_answer")
    search_fields = ("comment", "user_name", "user_email")
    ordering = ("-submit_date",)
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_class = ThreadInspectView
    inspect_template_name = "discussion/admin/inspect.html"
    index_template_name = "discussion/admin/index.html"
    permission_helper_class = CommentPermissionHelper
    button_helper_class = CommentButtonHelper
    panels = [FieldPanel("is_mission_answer"), FieldPanel("is_remarkable")]

    def get_queryset(self, request):
        # The page title comes with each row (a subquery), not one query per row.
        title = Page.objects.filter(pk=Cast(OuterRef("object_pk"), output_field=IntegerField())).values(
            "title"
        )[:1]
        return super().get_queryset(request).select_related(None).annotate(page_title_value=Subquery(title))

    def select_box(self, obj):
        return format_html(
            '<input type="checkbox" name="selected" value="{}" form="bulk-form" '
            'aria-label="Sélectionner le commentaire {}">',
            obj.pk,
            obj.pk,
        )

    select_box.short_description = _("Choix")

    def excerpt(self, obj):
        return Truncator(obj.comment).chars(160)

    excerpt.short_description = _("commentaire")

    def page_title(self, obj):
        return obj.page_title_value or "—"

    page_title.short_description = _("page")

    def author(self, obj):
        return format_html("{}<br><small>{}</small>", obj.user_name, obj.user_email or "—")

    author.short_description = _("auteur")

    def state_label(self, obj):
        return obj.get_state_display()

    state_label.short_description = _("état")

    def get_admin_urls_for_registration(self):
        return super().get_admin_urls_for_registration() + (
            path(
                "discussion/commentaires/<int:pk>/retirer/",
                admin_views.remove,
                name="discussion_admin_remove",
            ),
            path(
                "discussion/commentaires/<int:pk>/approuver/",
                admin_views.approve,
                name="discussion_admin_approve",
            ),
            path("discussion/commentaires/lot/", admin_views.bulk, name="discussion_admin_bulk"),
            path(
                "discussion/donnees-personnelles/",
                admin_views.personal_data,
                name="discussion_admin_personal_data",
            ),
        )


modeladmin_register(CommentAdmin)


class ExportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("discussion.moderate_comment")


@hooks.register("register_admin_urls")
def register_export_url():
    return [path("contributions/export/", admin_views.export_contributions, name="discussion_admin_export")]


@hooks.register("register_admin_menu_item")
def register_export_menu_item():
    return ExportMenuItem(
        _("Export des contributions"), reverse("discussion_admin_export"), icon_name="download", order=260
    )
