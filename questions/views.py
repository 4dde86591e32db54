"""Subscribe, confirm and unsubscribe: plain views, so that the footer form works on every page."""

from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from questions.forms import SubscribeForm
from questions.models import QuestionIndexPage, Subscriber
from questions.subscriptions import (
    CONFIRM_SALT,
    UNSUBSCRIBE_SALT,
    LinkExpired,
    LinkInvalid,
    allow_subscribe_attempt,
    confirm_max_age,
    read_token,
    request_subscription,
)


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
    if not allow_subscribe_attempt(request):
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
        return read_token(token, salt, max_age=max_age), None
    except LinkExpired:
        return None, link_error(request, "expired")
    except LinkInvalid:
        return None, link_error(request, "invalid")
    except Subscriber.DoesNotExist:
        return None, link_error(request, "unknown")


@require_GET
def confirm_subscription(request, token):
    subscriber, error = _subscriber_from_link(request, token, CONFIRM_SALT, max_age=confirm_max_age())
    if error:
        return error
    subscriber.confirm()
    return render(
        request, "questions/subscription_confirmed.html", {"subscriber": subscriber, "trail": blog_trail()}
    )


# The link itself is the credential (signed), and mail clients send RFC 8058 one-click POSTs
# without a CSRF token. Following the link unsubscribes at once: « in one click from every mail ».
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber, error = _subscriber_from_link(request, token, UNSUBSCRIBE_SALT)
    if error:
        return error
    subscriber.unsubscribe()
    return render(request, "questions/unsubscribed.html", {"trail": blog_trail()})
