"""The read-only API: Wagtail's API v2 (`/api/v2/pages/`, `/images/`, `/documents/`).

Wagtail answers GET only, lists live and public pages only, and leaves out documents of private
collections; each page type says what it exposes in its `api_fields` (hearings, questions, trips:
dates, statuses, organisms with their taxonomy, comment counts; never an email). These subclasses
add what the rest of the site does: a rate limit per client (hardening.ratelimit), French error
messages, and a 400 (not a 500) for a filter value the database cannot compare.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from rest_framework import status
from rest_framework.exceptions import Throttled
from rest_framework.response import Response
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from hardening import ratelimit

# The largest value an integer column holds on every backend: a larger offset or page id would
# reach the database as a number it cannot compare (a 500 on SQLite).
MAX_INTEGER = 2**31 - 1


class NumbersForm(forms.Form):
    """The numeric parameters, bounded before Wagtail reads them (its own checks come after)."""

    offset = forms.IntegerField(min_value=0, max_value=MAX_INTEGER, required=False)
    limit = forms.IntegerField(min_value=0, max_value=MAX_INTEGER, required=False)
    child_of = forms.IntegerField(min_value=1, max_value=MAX_INTEGER, required=False)
    descendant_of = forms.IntegerField(min_value=1, max_value=MAX_INTEGER, required=False)
    ancestor_of = forms.IntegerField(min_value=1, max_value=MAX_INTEGER, required=False)


class PublicAPIMixin:
    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if ratelimit.hit(request, "api", [settings.API_RATE_LIMIT]):
            raise Throttled(wait=60, detail="Trop de requêtes en peu de temps : réessayez dans une minute.")
        numbers = NumbersForm(request.GET)
        if not numbers.is_valid():
            names = ", ".join(sorted(numbers.errors))
            raise BadRequestError(f"Paramètre invalide ({names}) : un nombre entier positif est attendu.")

    def handle_exception(self, exc):
        if isinstance(exc, (ValidationError, ValueError, OverflowError)):
            # A filter such as ?hearing_date=demain reaches the database's conversion.
            return Response({"message": "Valeur de filtre invalide."}, status=status.HTTP_400_BAD_REQUEST)
        response = super().handle_exception(exc)
        if isinstance(exc, Throttled):
            response.data = {"message": str(exc.detail)}
        return response


# No `search` parameter: Wagtail's search backend serves the admin, and on SQLite a query with
# FTS5 syntax (`a > b`) is a database error; the public search is /recherche/ (docs/search.md).
SEARCH_PARAMETERS = frozenset(["search", "search_operator"])


def without_search(viewset):
    return [backend for backend in viewset.filter_backends if backend is not SearchFilter]


class PublicPagesAPIViewSet(PublicAPIMixin, PagesAPIViewSet):
    filter_backends = without_search(PagesAPIViewSet)
    known_query_parameters = PagesAPIViewSet.known_query_parameters - SEARCH_PARAMETERS


class PublicImagesAPIViewSet(PublicAPIMixin, ImagesAPIViewSet):
    filter_backends = without_search(ImagesAPIViewSet)
    known_query_parameters = ImagesAPIViewSet.known_query_parameters - SEARCH_PARAMETERS


class PublicDocumentsAPIViewSet(PublicAPIMixin, DocumentsAPIViewSet):
    filter_backends = without_search(DocumentsAPIViewSet)
    known_query_parameters = DocumentsAPIViewSet.known_query_parameters - SEARCH_PARAMETERS


# The examples the « Données ouvertes » page documents (and tests/opendata/test_api.py calls).
EXAMPLES = [
    (
        "pages/?type=hearings.HearingPage&fields=hearing_date,status,organisms_with_taxonomy,published_comment_count",
        "Les auditions avec leur date, leur statut, les organismes entendus et leur classement, "
        "et le nombre de commentaires publiés",
    ),
    (
        "pages/?type=hearings.HearingPage&status=prevue&order=hearing_date&fields=hearing_date",
        "Les auditions prévues, de la plus proche à la plus lointaine",
    ),
    (
        "pages/?type=hearings.HearingPage&kind=entretien&fields=hearing_date,organisms_with_taxonomy",
        "Les entretiens et les personnes entendues",
    ),
    (
        "pages/?type=questions.QuestionPage&theme=acces&fields=asked_on,closes_on,published_comment_count",
        "Les questions du thème « Accès aux œuvres et offre légale »",
    ),
    (
        "pages/?type=events.TripEventPage&fields=city,start_date,end_date,organisms_with_taxonomy",
        "Les déplacements, leurs dates et les organismes rencontrés",
    ),
    ("documents/", "Les documents publiés (contributions écrites)"),
    ("images/?limit=5&offset=5", "Les images, cinq par cinq à partir de la sixième"),
]

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
