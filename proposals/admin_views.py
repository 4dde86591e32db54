"""The admin's comment chooser: a published comment of a hearing, question or trip, found by its
page's title and its text or author."""

from django import forms
from django.db.models import IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.models import Page

from discussion.models import PUBLISHED, DiscussionComment
from proposals.citations import source_content_types


class CommentFilterForm(BaseFilterForm):
    page_title = forms.CharField(label=_("Page commentée (titre)"), required=False, max_length=255)
    q = forms.CharField(label=_("Texte ou auteur du commentaire"), required=False, max_length=255)

    def filter(self, objects):
        page_title = self.cleaned_data.get("page_title")
        if page_title:
            objects = objects.filter(page_title__icontains=page_title)
        query = self.cleaned_data.get("q")
        if query:
            objects = objects.filter(Q(comment__icontains=query) | Q(user_name__icontains=query))
            self.is_searching = True
            self.search_query = query
        return objects


class CommentChooseMixin:
    filter_form_class = CommentFilterForm
    ordering = ["-submit_date", "-pk"]

    def get_object_list(self):
        page = Page.objects.filter(pk=Cast(OuterRef("object_pk"), IntegerField()))
        return (
            DiscussionComment.objects.filter(PUBLISHED, content_type__in=source_content_types())
            .annotate(page_title=Subquery(page.values("title")[:1]))
            .only("pk", "user_name", "comment", "submit_date", "object_pk")
        )

    @property
    def columns(self):
        return [
            *super().columns,
            Column("page_title", label=_("Page")),
            DateColumn("submit_date", label=_("Date")),
        ]


class CommentChooseView(CommentChooseMixin, ChooseView):
    pass


class CommentChooseResultsView(CommentChooseMixin, ChooseResultsView):
    pass


class CommentChooserViewSet(ChooserViewSet):
    model = DiscussionComment
    icon = "comment"
    choose_one_text = _("Choisir un commentaire")
    choose_another_text = _("Choisir un autre commentaire")
    choose_view_class = CommentChooseView
    choose_results_view_class = CommentChooseResultsView
    per_page = 20


comment_chooser_viewset = CommentChooserViewSet(
    "proposals_comment_chooser", url_prefix="propositions/commentaires"
)
