import logging
from time import monotonic

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

logger = logging.getLogger(__name__)

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
)


class SecurityHeadersMiddleware:
    """Headers Django does not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


DATABASE_ERRORS = (OperationalError, InterfaceError)


def database_unavailable():
    """The French 503 page, rendered without a request, context processors or queries."""
    logger.error("Database unavailable: answering 503", exc_info=True)
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "30"
    return response


def is_admin(request):
    return request.path_info.startswith(reverse("wagtailadmin_home"))


_unavailable_until = 0.0  # monotonic time before which this process does not try the database


def database_failed(started):
    """The database failed during a request begun at `started` (monotonic). If it made the request
    wait (a database that does not answer, rather than one that refuses connections), this
    process answers the 503 page at once for DATABASE_RETRY_SECONDS instead of waiting for each
    request's connection attempt to time out."""
    global _unavailable_until
    if monotonic() - started >= 1:
        _unavailable_until = monotonic() + float(getattr(settings, "DATABASE_RETRY_SECONDS", 5))
    return database_unavailable()


class DatabaseUnavailableMiddleware:
    """While the database is unreachable, answer a French 503 page instead of a traceback.

    Not in the admin: the page editor answers a failed save itself, with the form as it was posted
    (hardening/admin_pages.py), and an editor trying again is never refused at once because the
    public pages met an error. This covers the public views; `hardening.views.server_error`
    (handler500) covers the errors raised elsewhere, e.g. while rendering the 404 page. Django
    reconnects by itself on the next request once the database is back (`CONN_HEALTH_CHECKS`), so
    no restart is needed. A database that does not answer at all costs a request the connection
    timeout (DATABASE_CONNECT_TIMEOUT, at least 2 s in libpq and psycopg); the requests that follow
    in the next DATABASE_RETRY_SECONDS get the 503 page at once (database_failed), and pages stored
    by Varnish keep being served.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_admin(request):
            return self.get_response(request)
        if monotonic() < _unavailable_until:
            return database_unavailable()
        request.started_at = monotonic()
        try:
            return self.get_response(request)
        except DATABASE_ERRORS:
            return database_failed(request.started_at)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS) and not is_admin(request):
            return database_failed(getattr(request, "started_at", monotonic()))
        return None
