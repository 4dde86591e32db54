"""Follow a proposal, confirm, unsubscribe: plain views, since the proposal pages are cached."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from optin.addresses import LinkExpired, LinkInvalid, confirm_max_age
from proposals.following import FOLLOWERS
from proposals.forms import FollowForm
from proposals.models import ProposalFollower, ProposalPage
from proposals.tasks import request_follow


def trail(proposal=None):
    return [{"url": proposal.url, "title": proposal.label}] if proposal else []


def message(request, title, text, proposal=None, status=200, level="info", button=None):
    context = {"title": title, "text": text, "proposal": proposal, "level": level, "button": button}
    return render(
        request, "proposals/follow_message.html", {**context, "trail": trail(proposal)}, status=status
    )


# No CSRF token, as the blog's subscribe form: the form sits on cached pages, and a forged request
# can do no more than the double opt-in and the rate limits already allow anyone to do.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def follow(request, proposal_id):
    proposal = ProposalPage.objects.live().public().filter(pk=proposal_id).first()
    if proposal is None:
        raise Http404("Aucune proposition publiée ne porte ce numéro.")
    if request.method == "GET":
        return render(
            request,
            "proposals/follow.html",
            {"proposal": proposal, "form": FollowForm(), "trail": trail(proposal)},
        )
    if not FOLLOWERS.allow_attempt(request):
        return message(
            request,
            "Trop de demandes",
            "Vous avez envoyé beaucoup de demandes en peu de temps : réessayez dans une heure.",
            proposal,
            status=429,
            level="warning",
        )
    form = FollowForm(request.POST)
    if not form.is_valid():
        context = {"proposal": proposal, "form": form, "trail": trail(proposal)}
        return render(request, "proposals/follow.html", context, status=400)
    request_follow(proposal, form.cleaned_data["email"], request.build_absolute_uri("/"))
    return redirect("proposals:follow_requested")


@require_GET
def follow_requested(request):
    return message(
        request,
        "Vérifiez votre messagerie",
        "Si cette adresse ne suit pas déjà la proposition, un message vient de lui être envoyé : "
        "suivez le lien qu’il contient pour confirmer.",
        level="success",
    )


def follower_from_link(request, token, salt, max_age=None):
    try:
        return FOLLOWERS.read_token(token, salt, max_age=max_age), None
    except LinkExpired:
        text = "Ce lien de confirmation a expiré : demandez de nouveau à suivre la proposition."
        return None, message(request, "Lien expiré", text, status=400, level="warning")
    except (LinkInvalid, ProposalFollower.DoesNotExist):
        return None, message(request, "Lien invalide", "Ce lien n’est pas valide.", status=404, level="error")


# A mailed link's GET only shows a button (mail scanners fetch every link); the POST acts.
@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    follower, error = follower_from_link(request, token, FOLLOWERS.confirm_salt, max_age=confirm_max_age())
    if error:
        return error
    proposal = follower.proposal
    if request.method == "POST" or follower.is_confirmed:
        follower.confirm()
        return message(
            request,
            "Suivi confirmé",
            f"Vous recevrez un message à chaque étape de la proposition n° {proposal.number}.",
            proposal,
            level="success",
        )
    return message(
        request,
        "Confirmer le suivi",
        f"Recevoir un message à chaque étape de la proposition n° {proposal.number} : « {proposal.title} ».",
        proposal,
        button="Confirmer",
    )


# The signed link is the credential; mail clients send RFC 8058 one-click POSTs without a token.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    follower, error = follower_from_link(request, token, FOLLOWERS.unsubscribe_salt)
    if error:
        return error
    proposal = follower.proposal
    if request.method == "POST" or follower.unsubscribed_at:
        follower.unsubscribe()
        return message(
            request,
            "Désabonnement enregistré",
            f"Vous ne recevrez plus de message sur la proposition n° {proposal.number}.",
            proposal,
            level="success",
        )
    return message(
        request,
        "Ne plus suivre cette proposition",
        f"Ne plus recevoir de message sur la proposition n° {proposal.number} : « {proposal.title} ».",
        proposal,
        button="Me désabonner",
    )
