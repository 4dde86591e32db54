"""The site's URLconf plus one address whose view finds the database unreachable: the accessibility
checks see the French 503 page exactly as a database outage serves it
(hardening.middleware.DatabaseUnavailableMiddleware)."""

from django.db import OperationalError
from django.urls import path

from mission_site.urls import handler500
from mission_site.urls import urlpatterns as site_urlpatterns

__all__ = ["handler500", "urlpatterns"]


def database_outage(request):
    raise OperationalError("connection to server failed (simulated by the accessibility checks)")


urlpatterns = [path("panne-de-base-de-donnees/", database_outage), *site_urlpatterns]
