from django.conf import settings
from django.core import signing
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from discussion import client, services
from discussion.forms import CommentForm, FlagForm, TargetForm
from discussion.models import DiscussionComment, VisitorReaction
from discussion.moderation import moderator_for
from home import page_cache


def trail(page):
    return [{"url": page.get_url(), "title": page.title}] if page else []


def message(request, title, text, status=200, page=None, level="info"):
    context = {"title": title, "text": text, "commented_page": page, "level": level, "trail": trail(page)}
    return render(request, "discussion/message.html", context, status=status)


def too_many_requests(request):
    return message(
        request,
        _("Trop de messages envoyés"),
        _(
            "Vous avez envoyé beaucoup de messages en peu de temps. Votre dernier envoi n’a pas été "
            "enregistré : réessayez dans quelques minutes."
        ),
        status=429,
        level="warning",
    )


def closed(request, page):
    return message(
        request,
        _("Les commentaires sont fermés"),
        _("Les commentaires de cette page sont fermés : votre commentaire n’a pas été enregistré."),
        status=403,
        page=page,
        level="warning",
    )


def form_page(request, page, form, parent=None, status=200, resubmit=False):
    context = {
        "commented_page": page,
        "form": form,
        "parent": parent,
        "trail": trail(page),
        "resubmit": resubmit,
    }
    return render(request, "discussion/comment_form_page.html", context, status=status)


@require_GET
@never_cache
def csrf_token(request):
    """The visitor's CSRF token, for the forms of cached pages, which carry none (csrf.js fetches
    it when a form is used). Private and never stored by any cache."""
    response = JsonResponse({"jeton": get_token(request)})
    patch_cache_control(response, private=True, no_store=True)
    return response


RESUBMITTED_FIELDS = ("name", "email", "comment")


def resubmit_comment(request):
    """A comment posted without a valid CSRF token (no JavaScript on a cached page, or an expired
    cookie): nothing is stored; the form comes back filled in, with a fresh token, to send again."""
    target = TargetForm(request.POST)
    if not target.is_valid():
        return None
    page = services.get_commentable_page(target.cleaned_data["object_pk"])
    initial = {name: request.POST[name] for name in RESUBMITTED_FIELDS if request.POST.get(name)}
    initial["followup"] = bool(request.POST.get("followup"))
    parent = None
    reply_to = request.POST.get("reply_to", "")
    if reply_to.isdigit() and int(reply_to):
        parent = DiscussionComment.objects.filter(
            services.SHOWN, pk=int(reply_to), object_pk=str(page.pk)
        ).first()
        if parent is not None:
            initial["reply_to"] = parent.pk
    # Unbound: the security hash and timestamp are fresh, and no error is shown before sending.
    form = CommentForm(page, initial=initial)
    return form_page(request, page, form, parent=parent, status=403, resubmit=True)


def resubmit_like(request, comment_id):
    comment = services.shown_comment_or_404(comment_id)
    page = services.page_of(comment)
    return render(
        request,
        "discussion/confirm_like.html",
        {"commented_page": page, "comment": comment, "trail": trail(page)},
        status=403,
    )


def prepare_data(request):
    data = request.POST.copy()
    if request.user.is_authenticated:
        # A logged-in author is known: the form's name and email come from the account.
        data["name"] = request.user.get_full_name() or request.user.get_username()
        data["email"] = request.user.email or f"{request.user.get_username()}@utilisateurs.invalid"
    return data


@require_POST
def post_comment(request):
    # Rate limit first, before anything is parsed or stored.
    if client.posting_rate_exceeded(request):
        return too_many_requests(request)
    target = TargetForm(request.POST)
    if not target.is_valid():
        return message(request, _("Page introuvable"), _("Ce commentaire ne vise aucune page."), status=404)
    page = services.get_commentable_page(target.cleaned_data["object_pk"])
    form = CommentForm(page, data=prepare_data(request))
    if form.security_errors():
        return message(
            request,
            _("Envoi refusé"),
            _(
                "Le formulaire a expiré ou n’a pas été rempli par une personne. "
                "Rechargez la page et réessayez."
            ),
            status=400,
            level="error",
        )
    if not moderator_for(page).allow(page):
        return closed(request, page)
    parent = None
    # Even when other fields are invalid, the form page shown again keeps the comment replied to.
    form.is_valid()
    if form.cleaned_data.get("reply_to"):
        parent = DiscussionComment.objects.filter(
            services.SHOWN, pk=form.cleaned_data["reply_to"], object_pk=str(page.pk)
        ).first()
        if parent is None or parent.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
            form.add_error(None, _("On ne peut pas répondre à ce commentaire."))
    if not form.is_valid():
        return form_page(request, page, form, parent=parent, status=400)
    anonymous = not request.user.is_authenticated
    if anonymous and client.confirmation_mails_exceeded(form.cleaned_data["email"]):
        return message(
            request,
            _("Trop de messages de confirmation"),
            _(
                "Plusieurs messages de confirmation ont déjà été envoyés à cette adresse dans l’heure. "
                "Votre commentaire n’a pas été enregistré : confirmez les précédents ou réessayez plus tard."
            ),
            status=429,
            level="warning",
        )
    comment = services.create_comment(page, form, request, parent=parent)
    if anonymous:
        services.send_confirmation_mail(comment, page, request)
        return message(
            request,
            _("Confirmez votre commentaire"),
            _(
                "Un message vient d’être envoyé à votre adresse électronique. Suivez le lien qu’il contient "
                "dans les 7 jours pour publier votre commentaire."
            ),
            page=page,
            level="success",
        )
    return after_confirmation(request, comment, page)


def after_confirmation(request, comment, page):
    if comment.is_published:
        return redirect(f"{page.get_url(request)}#c{comment.pk}")
    return message(
        request,
        _("Commentaire en attente de modération"),
        _("Votre commentaire est enregistré ; il sera publié après relecture par un modérateur."),
        page=page,
        level="info",
    )


@require_GET
def confirm(request, token):
    try:
        comment_id = services.comment_id_from_confirmation_token(token)
    except signing.SignatureExpired:
        return message(
            request,
            _("Lien expiré"),
            _("Ce lien de confirmation a expiré (il vaut 7 jours) : votre commentaire n’a pas été publié."),
            status=410,
            level="warning",
        )
    except (signing.BadSignature, ValueError):
        return message(
            request, _("Lien invalide"), _("Ce lien de confirmation n’est pas valide."), status=404
        )
    comment = DiscussionComment.objects.filter(pk=comment_id, is_removed=False).first()
    if comment is None:
        return message(request, _("Lien invalide"), _("Ce commentaire n’existe plus."), status=404)
    try:
        page = services.page_of(comment)
    except Http404:
        return message(request, _("Page introuvable"), _("La page commentée n’est plus publiée."), status=404)
    if comment.confirmed_at is None:
        if not moderator_for(page).allow(page):
            return closed(request, page)
        services.confirm_comment(comment, page, request)
    return after_confirmation(request, comment, page)


@require_GET
def reply(request, comment_id):
    parent = services.shown_comment_or_404(comment_id)
    if parent.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL or not parent.is_published:
        raise Http404("On ne peut pas répondre à ce commentaire.")
    page = services.page_of(parent)
    if not moderator_for(page).allow(page):
        return closed(request, page)
    form = CommentForm(page, initial={"reply_to": parent.pk})
    return form_page(request, page, form, parent=parent)


@require_POST
def like(request, comment_id):
    comment = services.shown_comment_or_404(comment_id)
    page = services.page_of(comment)
    if client.liking_rate_exceeded(request):
        return too_many_requests(request)
    if comment.is_published and services.react(
        comment, VisitorReaction.Kind.LIKE, client.visitor_key(request, comment.pk)
    ):
        # The visitor comes back to the page: show the new count (the rest of the cache stays).
        page_cache.forget_page(page, request)
    return redirect(f"{page.get_url(request)}#c{comment.pk}")


@require_http_methods(["GET", "POST"])
def flag(request, comment_id):
    comment = services.shown_comment_or_404(comment_id)
    if not comment.is_published:
        raise Http404("Ce commentaire n’est pas publié.")
    page = services.page_of(comment)
    form = FlagForm(request.POST or None)
    if request.method == "POST":
        if client.flagging_rate_exceeded(request):
            return too_many_requests(request)
        if form.is_valid():
            services.react(
                comment,
                VisitorReaction.Kind.FLAG,
                client.visitor_key(request, comment.pk),
                reason=form.cleaned_data["reason"],
            )
            return message(
                request,
                _("Merci pour votre signalement"),
                _("Les modérateurs examineront ce commentaire."),
                page=page,
                level="success",
            )
    return render(
        request,
        "discussion/flag.html",
        {"commented_page": page, "comment": comment, "form": form, "trail": trail(page)},
        status=400 if form.errors else 200,
    )


@require_GET
def unsubscribe(request, token):
    try:
        comment_id = services.comment_id_from_unsubscribe_token(token)
    except (signing.BadSignature, ValueError):
        return message(
            request, _("Lien invalide"), _("Ce lien de désabonnement n’est pas valide."), status=404
        )
    comment = DiscussionComment.objects.filter(pk=comment_id).first()
    if comment is not None:
        services.unsubscribe(comment)
    return message(
        request,
        _("Désabonnement enregistré"),
        _("Vous ne recevrez plus de message sur les nouveaux commentaires de cette page."),
        level="success",
    )
