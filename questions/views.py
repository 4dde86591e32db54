"""Subscribe, confirm and unsubscribe: plain views, so that the footer form works on every page."""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from optin.addresses import LinkExpired, LinkInvalid, confirm_max_age
from questions.forms import SubscribeForm
from questions.models import QuestionIndexPage, Subscriber
from questions.subscriptions import SUBSCRIBERS
from questions.tasks import request_subscription


def blog_trail():
    """The breadcrumb above these views: the blog index, when it is published."""
    index = QuestionIndexPage.objects.live().first()
    return [{"url": index.url, "title": index.title}] if index else []


# No CSRF token: the form sits in the footer of every page, which would otherwise all set a cookie
# and stop being cacheable; and a forged request could do no more than the double opt-in and the
# rate limit already allow anyone to do.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        return render(
            request,
            "questions/subscribe.html",
            {"form": SubscribeForm(), "trail": blog_trail(), "follow_block_shown": True},
        )
    if not SUBSCRIBERS.allow_attempt(request):
        return render(request, "questions/subscribe_too_many.html", {"trail": blog_trail()}, status=429)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "questions/subscribe.html",
            {"form": form, "trail": blog_trail(), "follow_block_shown": True},
            status=400,
        )
    request_subscription(form.cleaned_data["email"], request.build_absolute_uri("/"))
    return redirect("questions:subscription_requested")


@require_GET
def subscription_requested(request):
    return render(request, "questions/subscription_requested.html", {"trail": blog_trail()})


def link_error(request, reason):
    status = 404 if reason == "unknown" else 400
    return render(
        request,
        "questions/subscription_link_error.html",
        {"reason": reason, "trail": blog_trail()},
        status=status,
    )


def _subscriber_from_link(request, token, salt, max_age=None):
    try:
        return SUBSCRIBERS.read_token(token, salt, max_age=max_age), None
    except LinkExpired:
        return None, link_error(request, "expired")
    except LinkInvalid:
        return None, link_error(request, "invalid")
    except Subscriber.DoesNotExist:
        return None, link_error(request, "unknown")


# Mail security scanners (Safe Links and the like) fetch every link of a message before anyone
# reads it: following a mailed link only shows what it is for; the page's button (a POST) acts.


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_subscription(request, token):
    subscriber, error = _subscriber_from_link(
        request, token, SUBSCRIBERS.confirm_salt, max_age=confirm_max_age()
    )
    if error:
        return error
    if request.method == "POST":
        subscriber.confirm()
        return subscription_confirmed(request)
    return confirm_subscription_page(request, subscriber)


def subscription_confirmed(request, already=False):
    return render(
        request, "questions/subscription_confirmed.html", {"already": already, "trail": blog_trail()}
    )


def confirm_subscription_page(request, subscriber, resubmit=False):
    if subscriber.is_confirmed:
        return subscription_confirmed(request, already=True)
    return render(
        request,
        "questions/confirm_subscription.html",
        {"resubmit": resubmit, "trail": blog_trail()},
        status=403 if resubmit else 200,
    )


def resubmit_confirm_subscription(request, token):
    """The confirmation button sent without a valid CSRF token: the same page, with a fresh one."""
    subscriber, error = _subscriber_from_link(
        request, token, SUBSCRIBERS.confirm_salt, max_age=confirm_max_age()
    )
    return error or confirm_subscription_page(request, subscriber, resubmit=True)


# The link itself is the credential (signed), and mail clients send RFC 8058 one-click POSTs
# (the `List-Unsubscribe-Post` header) without a CSRF token: any POST unsubscribes at once. A GET,
# which scanners send too, shows the button that sends that POST.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber, error = _subscriber_from_link(request, token, SUBSCRIBERS.unsubscribe_salt)
    if error:
        return error
    if request.method == "POST":
        subscriber.unsubscribe()
        return render(request, "questions/unsubscribed.html", {"trail": blog_trail()})
    if subscriber.state == Subscriber.State.UNSUBSCRIBED:
        return render(request, "questions/unsubscribed.html", {"already": True, "trail": blog_trail()})
    return render(request, "questions/confirm_unsubscribe.html", {"trail": blog_trail()})
