import logging
from time import monotonic

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

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

    Not in the admin: its edit forms answer a failed save themselves, with the form as it was
    posted (hardening/admin_saves.py), its other writes get the admin's 503 page
    (AdminDatabaseErrorMiddleware), and an editor trying again is never refused at once because
    the public pages met an error. This covers the public views; `hardening.views.server_error`
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


ACTION_REFUSED = (
    "La base de données est momentanément occupée ou indisponible : vos modifications n’ont pas "
    "été enregistrées. Revenez à la page précédente, où vos saisies sont en général encore là, "
    "et validez à nouveau dans un instant."
)


def back_url(request):
    """The screen the refused form came from: most admin forms post to their own address."""
    referer = request.headers.get("Referer", "")
    if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        return referer
    return request.get_full_path()


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "") or (
        request.headers.get("X-Requested-With") == "XMLHttpRequest"
    )


class AdminDatabaseErrorMiddleware:
    """A database error during an admin POST that no view answered: the admin's 503 page (or,
    for the admin's scripts, a JSON error), never Django's 500 page nor the public site's 503.

    The views that keep their form (DatabaseErrorKeepsTheForm) never let the error get here. A
    database that refuses even the reads the admin's menu needs gets the public 503 page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_ERRORS) or request.method != "POST" or not is_admin(request):
            return None
        logger.warning("Admin write refused by the database: 503", exc_info=True)
        if wants_json(request):
            response = JsonResponse(
                {"success": False, "error_code": "database_unavailable", "error_message": ACTION_REFUSED},
                status=503,
            )
        else:
            try:
                html = render_to_string(
                    "hardening/admin_database_unavailable.html",
                    {"message": ACTION_REFUSED, "back_url": back_url(request)},
                    request=request,
                )
            except DATABASE_ERRORS:
                return database_unavailable()
            response = HttpResponse(html, status=503)
        response["Retry-After"] = "30"
        return response
