import json

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from events.models import TripIndexPage
from hearings.models import HearingIndexPage
from home.models import NewsIndexPage
from opendata import formats
from opendata.api import EXAMPLES
from opendata.datasets import BY_NAME, DATASETS, LICENCE
from questions.models import QuestionIndexPage

FEEDS = [
    (HearingIndexPage, "Les auditions mises en ligne"),
    (QuestionIndexPage, "Les questions posées au public"),
    (TripIndexPage, "Les déplacements de la mission"),
    (NewsIndexPage, "Presse et actualités"),
]


def section_feeds():
    """The feeds of the sections that are published: (title, address)."""
    feeds = []
    for model, title in FEEDS:
        index = model.objects.live().public().first()
        if index is not None:
            feeds.append({"title": title, "url": index.url + index.reverse_subpage("feed")})
    return feeds


@require_GET
def index(request):
    """« Données ouvertes »: every dataset, its fields, formats and licence, the API and the feeds."""
    context = {
        "datasets": DATASETS,
        "licence": LICENCE,
        "api_base": request.build_absolute_uri("/api/v2/"),
        "api_examples": EXAMPLES,
        "api_rate_limit": settings.API_RATE_LIMIT,
        "feeds": section_feeds(),
    }
    return render(request, "opendata/index.html", context)


@require_GET
def dataset_file(request, name, fmt):
    dataset = BY_NAME.get(name)
    if dataset is None:
        raise Http404("Aucun jeu de données ne porte ce nom.")
    if fmt == "csv":
        return formats.csv_response(dataset, request)
    return formats.json_response(dataset, request)


@require_GET
def datapackage(request):
    text = json.dumps(formats.datapackage(request), ensure_ascii=False, indent=2)
    response = HttpResponse(text.encode("utf-8"), content_type="application/json; charset=utf-8")
    return formats.licence_link(response)
