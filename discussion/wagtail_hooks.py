"""The moderation queue « Commentaires » (wagtail-modeladmin), kept in this one registration."""

from django.contrib import messages
from django.contrib.admin import SimpleListFilter
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import InvalidPage
from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import EditView, IndexView, InspectView

from discussion import admin_views, export, moderation
from discussion.forms import QueuePageForm, comment_id
from discussion.models import PUBLISHED, STATE_FILTERS, STATES, DiscussionComment, VisitorReaction
from discussion.queue import SEARCH_COUNT_LIMIT, QueuePaginator
from hardening.admin_saves import SAVE_REFUSED
from hardening.middleware import DATABASE_ERRORS


class StateFilter(SimpleListFilter):
    title = _("état")
    parameter_name = "etat"

    def lookups(self, request, model_admin):
        return STATES

    def queryset(self, request, queryset):
        if self.value() in STATE_FILTERS:
            return queryset.filter(STATE_FILTERS[self.value()])
        return queryset


class SectionFilter(SimpleListFilter):
    """The commentable page type: « Auditions », « Déplacements », « Questions »."""

    title = _("section")
    parameter_name = "section"

    def lookups(self, request, model_admin):
        return [(key, label) for key, label, model in export.sections()]

    def queryset(self, request, queryset):
        models = {key: model for key, label, model in export.sections()}
        if self.value() in models:
            return queryset.filter(content_type=ContentType.objects.get_for_model(models[self.value()]))
        return queryset


class PageFilter(SimpleListFilter):
    """One commented page, chosen with the page chooser above the list (QueuePageForm): the
    sidebar names only the chosen page, never a link per commented page (thousands at scale)."""

    title = _("page commentée")
    parameter_name = "page_commentee"

    def page(self):
        if self.value() and comment_id(self.value()) is not None:
            return Page.objects.filter(pk=self.value()).first()
        return None

    def lookups(self, request, model_admin):
        page = self.page()
        return [(str(page.pk), page.title)] if page else []

    def queryset(self, request, queryset):
        if self.value():
            page_pk = comment_id(self.value())
            return queryset.filter(object_pk=str(page_pk)) if page_pk else queryset.none()
        return queryset


class PublicationFilter(SimpleListFilter):
    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("aujourdhui", _("publiés aujourd’hui"))]

    def queryset(self, request, queryset):
        if self.value() == "aujourdhui":
            return queryset.filter(PUBLISHED, published_at__gte=moderation.start_of_today())
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
        context["flags"] = comment.reactions.filter(kind=VisitorReaction.Kind.FLAG).order_by("created_at")
        context["flag_reasons"] = moderation.flag_reasons(context["flags"])
        return context


class CommentEditView(EditView):
    """The marks (« réponse de la mission », « remarquable ») saved with their log entry in one
    transaction; when the database refuses it, the form comes back as ticked, with the message the
    other admin forms give (hardening/admin_saves.py)."""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except DATABASE_ERRORS:
            messages.error(self.request, SAVE_REFUSED)
            return self.render_to_response(self.get_context_data(form=form))


class QueueIndexView(IndexView):
    """The queue, with the page chooser that sets the « page commentée » filter."""

    def get_context_data(self, **kwargs):
        # IndexView.get_context_data counts three times: every comment, then the filtered list
        # twice (its `result_count`, then its paginator). Here the filtered list is counted once
        # (a text search's count stops at SEARCH_COUNT_LIMIT, discussion/queue.py), and every
        # comment only when a filter or a search is applied (a count of our table alone).
        filtered = bool(self.get_filters_params()) or bool(self.query)
        paginator = QueuePaginator(
            self.queryset, self.items_per_page, count_limit=SEARCH_COUNT_LIMIT if self.query else None
        )
        try:
            page_obj = paginator.page(self.page_num)
        except InvalidPage:
            page_obj = paginator.page(1)
        context = {
            "view": self,
            "all_count": self.get_base_queryset().count() if filtered else paginator.count,
            "result_count": paginator.result_count_label,
            "paginator": paginator,
            "page_obj": page_obj,
            "elided_page_range": paginator.get_elided_page_range(self.page_num),
            "object_list": page_obj.object_list,
            "user_can_create": self.permission_helper.user_can_create(self.request.user),
            "show_search": self.search_handler.show_search_form,
            **kwargs,
        }
        context = super(IndexView, self).get_context_data(**context)
        # The page titles of the listed comments in one query, once the page of the list is known
        # (a subquery in the list's queryset would join the comment tables in its counts: three
        # counts of 200,000 comments a request at scale).
        comments = list(context["object_list"])
        titles = dict(
            Page.objects.filter(
                pk__in={int(c.object_pk) for c in comments if c.object_pk.isdigit()}
            ).values_list("pk", "title")
        )
        for comment in comments:
            comment.page_title_value = (
                titles.get(int(comment.object_pk)) if comment.object_pk.isdigit() else None
            )
        context["page_form"] = QueuePageForm(self.request.GET)
        context["page_form_keep"] = [
            (name, value)
            for name, value in self.request.GET.items()
            if name not in ("page_commentee", self.PAGE_VAR, self.ERROR_FLAG)
        ]
        return context


class CommentAdmin(ModelAdmin):
    model = DiscussionComment
    menu_label = _("Commentaires")
    menu_icon = "comment"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ("select_box", "excerpt", "page_title", "author", "state_label", "flags", "submit_date")
    index_view_extra_css = ["discussion/admin.css"]
    list_display_add_buttons = "excerpt"
    list_filter = (
        StateFilter,
        SectionFilter,
        PageFilter,
        PublicationFilter,
        "submit_date",
        "is_remarkable",
        "is_mission_answer",
    )
    index_view_class = QueueIndexView
    search_fields = ("comment", "user_name", "user_email")
    ordering = ("-submit_date",)
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_class = ThreadInspectView
    edit_view_class = CommentEditView
    inspect_template_name = "discussion/admin/inspect.html"
    index_template_name = "discussion/admin/index.html"
    permission_helper_class = CommentPermissionHelper
    button_helper_class = CommentButtonHelper
    panels = [FieldPanel("is_mission_answer"), FieldPanel("is_remarkable")]

    def get_queryset(self, request):
        flags = VisitorReaction.objects.filter(kind=VisitorReaction.Kind.FLAG).only("comment_id", "reason")
        return (
            super()
            .get_queryset(request)
            .select_related(None)
            .prefetch_related(Prefetch("reactions", queryset=flags, to_attr="flag_list"))
        )

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
        return getattr(obj, "page_title_value", None) or "—"

    page_title.short_description = _("page")

    def author(self, obj):
        return format_html("{}<br><small>{}</small>", obj.user_name, obj.user_email or "—")

    author.short_description = _("auteur")

    def flags(self, obj):
        """The number of flags and their reasons, « 3 : injurieux (2), hors sujet »."""
        reasons = moderation.flag_reasons(obj.flag_list)
        if not obj.flag_count and not reasons:
            return "—"
        details = ", ".join(f"{label} ({count})" if count > 1 else str(label) for label, count in reasons)
        return f"{obj.flag_count} : {details}" if details else str(obj.flag_count)

    flags.short_description = _("signalements")

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


class ModerationPanel(Component):
    """On the admin dashboard: the comments waiting, flagged and published today, each a link to
    the queue filtered on them."""

    name = "moderation"
    order = 30

    def __init__(self, counts):
        self.counts = counts

    def render_html(self, parent_context=None):
        return render_to_string("discussion/admin/moderation_panel.html", {"counts": self.counts})


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    if request.user.has_perm("discussion.moderate_comment"):
        panels.append(ModerationPanel(moderation.dashboard_counts(reverse(admin_views.INDEX_URL_NAME))))
