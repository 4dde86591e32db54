from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from discussion import client, services
from discussion.forms import CommentForm, FlagForm, TargetForm
from discussion.models import DiscussionComment, VisitorReaction
from discussion.moderation import moderator_for


def trail(page):
    return [{"url": page.get_url(), "title": page.title}] if page else []


def message(request, title, text, status=200, page=None, level="info", anchor="commentaires"):
    """A French result page; `anchor` is where on the commented page its return link leads."""
    context = {
        "title": title,
        "text": text,
        "commented_page": page,
        "level": level,
        "trail": trail(page),
        "anchor": anchor,
    }
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


RESUBMITTED_FIELDS = ("name", "email", "comment", "paragraph")


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
    # Parsed by the form's own bounded field: no value can reach the database it could not hold.
    try:
        parent_id = CommentForm.base_fields["reply_to"].clean(request.POST.get("reply_to", "0"))
    except ValidationError:
        parent_id = 0
    if parent_id:
        parent = DiscussionComment.objects.filter(
            services.SHOWN, pk=parent_id, object_pk=str(page.pk)
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
                "Plusieurs messages de confirmation ont déjà été envoyés à cette adresse aujourd’hui. "
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
                "dans les 7 jours et confirmez la publication de votre commentaire."
            ),
            page=page,
            level="success",
        )
    return after_confirmation(request, comment, page)


def after_confirmation(request, comment, page):
    if comment.is_published:
        # A message cookie makes the page private (frontcache/middleware.py): never cached.
        messages.success(request, _("Votre commentaire est publié. Merci pour votre contribution."))
        return redirect(f"{page.get_url(request)}#c{comment.pk}")
    return message(
        request,
        _("Commentaire en attente de modération"),
        _("Votre commentaire est enregistré ; il sera publié après relecture par un modérateur."),
        page=page,
        level="info",
    )


# Above the button of a mailed link's page, when its POST came back without a valid CSRF token.
RESUBMIT_NOTICE = gettext_lazy(
    "Votre confirmation n’a pas été enregistrée : le formulaire a expiré ou votre navigateur n’a pas "
    "renvoyé le cookie de sécurité du site. Cliquez de nouveau sur le bouton ; si cela ne suffit pas, "
    "vérifiez que votre navigateur accepte les cookies de ce site."
)


def comment_of_confirmation_link(request, token):
    """(comment, page, None) for a valid confirmation link, else (None, None, the French error
    page), the page closed to comments included while the comment awaits confirmation."""
    try:
        comment_id = services.comment_id_from_confirmation_token(token)
    except signing.SignatureExpired:
        error = message(
            request,
            _("Lien expiré"),
            _("Ce lien de confirmation a expiré (il vaut 7 jours) : votre commentaire n’a pas été publié."),
            status=410,
            level="warning",
        )
        return None, None, error
    except (signing.BadSignature, ValueError):
        error = message(
            request, _("Lien invalide"), _("Ce lien de confirmation n’est pas valide."), status=404
        )
        return None, None, error
    comment = DiscussionComment.objects.filter(pk=comment_id, is_removed=False).first()
    if comment is None:
        error = message(request, _("Lien invalide"), _("Ce commentaire n’existe plus."), status=404)
        return None, None, error
    try:
        page = services.page_of(comment)
    except Http404:
        error = message(
            request, _("Page introuvable"), _("La page commentée n’est plus publiée."), status=404
        )
        return None, None, error
    if comment.confirmed_at is None and not moderator_for(page).allow(page):
        return None, None, closed(request, page)
    return comment, page, None


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The link mailed to an anonymous author. Mail security scanners (Safe Links and the like)
    fetch every link of a message before anyone reads it, so a GET only shows the comment and a
    button; the button's POST confirms. Both check the link the same way."""
    comment, page, error = comment_of_confirmation_link(request, token)
    if error:
        return error
    if request.method == "POST":
        services.confirm_through_link(comment, page, request)
        return after_confirmation(request, comment, page)
    return confirm_page(request, comment, page)


def confirm_page(request, comment, page, resubmit=False):
    """What the confirmation link shows: the comment and the button, or that it is already done."""
    if comment.confirmed_at is not None:
        if not comment.is_published:
            return after_confirmation(request, comment, page)
        return message(
            request,
            _("Commentaire déjà publié"),
            _("Votre adresse est déjà confirmée : votre commentaire est publié."),
            page=page,
            level="success",
            anchor=f"c{comment.pk}",
        )
    context = {
        "commented_page": page,
        "comment": comment,
        "trail": trail(page),
        "notice": RESUBMIT_NOTICE if resubmit else "",
    }
    return render(request, "discussion/confirm_comment.html", context, status=403 if resubmit else 200)


def resubmit_confirm(request, token):
    """The confirmation button sent without a valid CSRF token: the same page, with a fresh one."""
    comment, page, error = comment_of_confirmation_link(request, token)
    return error or confirm_page(request, comment, page, resubmit=True)


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
    if comment.is_published:
        # The like purges its page from the frontend cache (frontcache/signals.py).
        services.react(comment, VisitorReaction.Kind.LIKE, client.visitor_key(request, comment.pk))
    if wants_json(request):
        # discussion/reactions.js: the count shown in place, without reloading the page.
        count = DiscussionComment.objects.filter(pk=comment.pk).values_list("like_count", flat=True).first()
        return JsonResponse({"count": count or 0})
    return redirect(f"{page.get_url(request)}#c{comment.pk}")


def wants_json(request):
    """Whether discussion/reactions.js sent the form (it asks for JSON); a plain form asks for HTML."""
    return request.headers.get("Accept", "").startswith("application/json")


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
            if wants_json(request):
                return JsonResponse({"message": _("Merci : les modérateurs examineront ce commentaire.")})
            return message(
                request,
                _("Merci pour votre signalement"),
                _("Les modérateurs examineront ce commentaire."),
                page=page,
                level="success",
            )
    if request.method == "POST" and wants_json(request):
        return JsonResponse({"message": _("Choisissez un motif de signalement.")}, status=400)
    return render(
        request,
        "discussion/flag.html",
        {"commented_page": page, "comment": comment, "form": form, "trail": trail(page)},
        status=400 if form.errors else 200,
    )


def comment_of_unsubscribe_link(request, token):
    """(comment or None if deleted since, None) for a valid link, else (None, the French error page)."""
    try:
        comment_id = services.comment_id_from_unsubscribe_token(token)
    except (signing.BadSignature, ValueError):
        error = message(
            request, _("Lien invalide"), _("Ce lien de désabonnement n’est pas valide."), status=404
        )
        return None, error
    return DiscussionComment.objects.filter(pk=comment_id).first(), None


def page_or_none(comment):
    try:
        return services.page_of(comment) if comment is not None else None
    except Http404:
        return None


@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """The link in the followers' mails: as for `confirm`, a GET shows a button, the POST acts."""
    comment, error = comment_of_unsubscribe_link(request, token)
    if error:
        return error
    if request.method == "POST":
        if comment is not None:
            services.unsubscribe(comment)
        return message(
            request,
            _("Désabonnement enregistré"),
            _("Vous ne recevrez plus de message sur les nouveaux commentaires de cette page."),
            page=page_or_none(comment),
            level="success",
        )
    return unsubscribe_page(request, comment)


def unsubscribe_page(request, comment, resubmit=False):
    page = page_or_none(comment)
    if comment is None or not services.followed_comments(comment).exists():
        return message(
            request,
            _("Déjà désabonné"),
            _("Vous ne recevez plus de message sur les nouveaux commentaires de cette page."),
            page=page,
        )
    context = {
        "commented_page": page,
        "trail": trail(page),
        "notice": RESUBMIT_NOTICE if resubmit else "",
    }
    return render(request, "discussion/confirm_unsubscribe.html", context, status=403 if resubmit else 200)


def resubmit_unsubscribe(request, token):
    comment, error = comment_of_unsubscribe_link(request, token)
    return error or unsubscribe_page(request, comment, resubmit=True)
