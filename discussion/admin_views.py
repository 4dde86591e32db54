"""Moderation views added to the modeladmin queue: approve, remove with a reason, bulk, RGPD, and
the rapporteurs' export of the contributions (discussion/export.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from discussion import export, services
from discussion.forms import BulkForm, ExportForm, PersonalDataForm, RemovalForm, comment_id
from discussion.models import DiscussionComment

INDEX_URL_NAME = "discussion_discussioncomment_modeladmin_index"


def require_moderator(user):
    if not user.has_perm("discussion.moderate_comment"):
        raise PermissionDenied


def back_to_queue(request):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(reverse(INDEX_URL_NAME))


@require_POST
def approve(request, pk):
    require_moderator(request.user)
    comment = get_object_or_404(DiscussionComment, pk=pk)
    if services.approve(comment):
        messages.success(request, _("Commentaire publié."))
    else:
        messages.error(
            request, _("L’adresse de ce commentaire n’a pas été confirmée : il ne peut être publié.")
        )
    return back_to_queue(request)


def remove(request, pk):
    require_moderator(request.user)
    comment = get_object_or_404(DiscussionComment, pk=pk)
    form = RemovalForm(request.POST or None, initial={"reason": comment.removal_reason or None})
    if request.method == "POST" and form.is_valid():
        services.remove(comment, form.cleaned_data["reason"])
        messages.success(
            request, _("Commentaire retiré : %(reason)s.") % {"reason": comment.get_removal_reason_display()}
        )
        return back_to_queue(request)
    return TemplateResponse(
        request,
        "discussion/admin/remove.html",
        {"comment": comment, "form": form, "next": request.GET.get("next", "")},
        status=400 if form.errors else 200,
    )


@require_POST
def bulk(request):
    require_moderator(request.user)
    ids = [value for value in request.POST.getlist("selected") if comment_id(value) is not None]
    form = BulkForm(request.POST, choices=ids)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return back_to_queue(request)
    comments = DiscussionComment.objects.filter(pk__in=form.cleaned_data["selected"])
    done = 0
    with transaction.atomic():
        for comment in comments:
            if form.cleaned_data["action"] == "approve":
                done += services.approve(comment)
            else:
                services.remove(comment, form.cleaned_data["reason"])
                done += 1
    messages.success(request, _("%(count)s commentaire(s) traité(s).") % {"count": done})
    return back_to_queue(request)


def personal_data(request):
    if not request.user.has_perm("discussion.add_personaldatarequest"):
        raise PermissionDenied
    form = PersonalDataForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = services.erase_personal_data(
            form.cleaned_data["email"], form.cleaned_data["action"], done_by=request.user.get_username()
        )
        messages.success(
            request, _("%(count)s commentaire(s) traité(s) pour cette adresse.") % {"count": count}
        )
        return redirect(reverse("discussion_admin_personal_data"))
    return TemplateResponse(request, "discussion/admin/personal_data.html", {"form": form})


def export_contributions(request):
    require_moderator(request.user)
    form = ExportForm(request.GET or None)
    if not request.GET or not form.is_valid():
        return TemplateResponse(
            request,
            "discussion/admin/export_form.html",
            {"form": form},
            status=400 if form.errors else 200,
        )
    items = export.contributions(**form.filters())
    stem = form.file_stem()
    if form.cleaned_data["format"] == "csv":
        response = HttpResponse(export.export_csv(items), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
        return response
    query = request.GET.copy()
    query["telecharger"] = "1"
    response = TemplateResponse(
        request,
        "discussion/admin/export_document.html",
        {
            "items": items,
            "form": form,
            "count": sum(len(item.comments) for item in items),
            "generated_at": timezone.localtime(),
            "download_query": query.urlencode(),
        },
    )
    if form.cleaned_data["telecharger"]:
        response["Content-Disposition"] = f'attachment; filename="{stem}.html"'
    return response
