import sys
from time import monotonic

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views import defaults
from django.views.decorators.http import require_POST

from hardening.middleware import DATABASE_ERRORS, database_failed, database_unavailable, is_admin


def _require_superuser(request):
    if not request.user.is_superuser:
        raise PermissionDenied


def lockouts(request):
    """Login lockouts, for administrators: who is locked out, from where, until when."""
    _require_superuser(request)
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).order_by(
        "-attempt_time"
    )
    return TemplateResponse(
        request,
        "hardening/lockouts.html",
        {
            "attempts": attempts,
            "cooloff": settings.AXES_COOLOFF_TIME,
            "limit": settings.AXES_FAILURE_LIMIT,
            "page_title": "Connexions bloquées",
            "header_icon": "lock",
        },
    )


@require_POST
def unlock(request, attempt_id):
    _require_superuser(request)
    attempt = get_object_or_404(AccessAttempt, pk=attempt_id)
    attempt.delete()
    messages.success(request, f"Accès débloqué pour « {attempt.username} » depuis {attempt.ip_address}.")
    return redirect("hardening_lockouts")


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: the French 503 page when the error is the database being unreachable.

    Django calls it inside its exception handler, so the exception is still in `sys.exc_info()`.
    It catches what the middleware cannot see: a database error raised by a middleware below it
    or while rendering the 404 page (a mistyped address during an outage).
    """
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        if is_admin(request):  # an admin error outside the page editor: no refusal window for others
            return database_unavailable()
        return database_failed(getattr(request, "started_at", monotonic()))
    return defaults.server_error(request, template_name)
