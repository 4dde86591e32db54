"""File-like addresses of the hearing index (/auditions/export.csv...).

Wagtail's catch-all only serves paths made of slug-like segments ending with a slash, so these
addresses are routed here first and handed back to Wagtail, which finds the index page and its
RoutablePageMixin route.
"""

from django.urls import re_path
from wagtail.views import serve

HEARING_FILES = r"export\.csv|export\.json|calendar\.ics"


def serve_index_file(request, path, filename):
    return serve(request, f"{path}{filename}/")


urlpatterns = [
    re_path(rf"^(?P<path>(?:[\w\-]+/)+)(?P<filename>{HEARING_FILES})$", serve_index_file),
]
