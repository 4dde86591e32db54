"""The rapporteurs' export in the Wagtail admin (see questions/export.py)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from questions import export
from questions.forms import ExportForm
from questions.models import QuestionPage

EXPORT_PERMISSION = "discussion.moderate_comment"


def export_contributions(request):
    if not request.user.has_perm(EXPORT_PERMISSION):
        raise PermissionDenied
    form = ExportForm(request.GET or None)
    if not request.GET or not form.is_valid():
        return TemplateResponse(
            request,
            "questions/admin/export_form.html",
            {"form": form, "questions": QuestionPage.objects.order_by("path")},
            status=400 if form.errors else 200,
        )
    question = None
    if form.cleaned_data["question"]:
        question = get_object_or_404(QuestionPage, pk=form.cleaned_data["question"])
    questions = export.questions_to_export(question)
    stem = f"contributions-{question.slug if question else 'toutes-les-questions'}"
    if form.cleaned_data["format"] == "csv":
        response = HttpResponse(export.export_csv(questions), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
        return response
    response = TemplateResponse(
        request,
        "questions/admin/export_document.html",
        {
            "threads": export.export_threads(questions),
            "question": question,
            "generated_at": timezone.localtime(),
            "download_query": request.GET.urlencode() + "&telecharger=1",
        },
    )
    if form.cleaned_data["telecharger"]:
        response["Content-Disposition"] = f'attachment; filename="{stem}.html"'
    return response
