from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST


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
