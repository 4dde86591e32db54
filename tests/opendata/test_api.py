"""The read-only API (Wagtail API v2 at /api/v2/): the documented examples answer, hearings,
questions and trips expose what a reuser needs, nothing private or draft, no write, no email,
a rate limit per client and a 400 for bad parameters."""

import json
import re
from urllib.parse import urlencode

import pytest
from django.test import Client, override_settings
from wagtail.models import PageViewRestriction

from home.demo import load_demo_news
from opendata.api import EXAMPLES

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def api(client, path, status=200):
    response = client.get("/api/v2/" + path)
    assert response.status_code == status, (path, response.content[:300])
    return json.loads(response.content)


def test_every_documented_example_answers(client, content):
    html = client.get("/donnees/").content.decode()
    for path, description in EXAMPLES:
        assert f"/api/v2/{path}".replace("&", "&amp;") in html
        assert description in html
        api(client, path)


def test_hearings_expose_date_status_organisms_with_taxonomy_and_comment_count(client, content):
    data = api(client, "pages/?type=hearings.HearingPage&fields=*&order=hearing_date")
    assert data["meta"]["total_count"] == 2
    held = data["items"][0]
    assert held["title"] == "Table ronde musique"
    assert held["status"] == "realisee" and held["kind"] == "audition"
    assert held["hearing_date"].startswith("2012-10-04T10:00:00")
    assert held["organisms_with_taxonomy"] == [
        {
            "name": "Société des auteurs test",
            "acronym": "",
            "slug": content["organisms"][0].slug,
            "nature": content["organisms"][0].nature.name,
            "family": content["organisms"][0].family.name,
            "sectors": ["Musique"],
        }
    ]
    assert held["published_comment_count"] == 0
    planned = api(client, "pages/?type=hearings.HearingPage&status=prevue&fields=status")
    assert [item["title"] for item in planned["items"]] == ["Audition de la bibliothèque"]


def test_questions_and_trips_expose_their_fields_and_counts(client, content):
    question = api(client, "pages/?type=questions.QuestionPage&fields=*")["items"][0]
    assert question["asked_on"] == "2012-10-01" and question["theme"] == "acces"
    assert question["published_comment_count"] == 2  # the removed and the held-back are not counted
    trip = api(client, "pages/?type=events.TripEventPage&fields=*")["items"][0]
    assert trip["city"] == "Rennes" and trip["start_date"] == "2012-11-08"
    assert trip["published_comment_count"] == 0


def test_nothing_private_or_unpublished(client, content):
    PageViewRestriction.objects.create(page=content["held"], restriction_type="login")
    content["trip"].unpublish()
    titles = [item["title"] for item in api(client, "pages/?limit=20")["items"]]
    assert "Table ronde musique" not in titles and "Déplacement à Rennes" not in titles
    assert "Audition de la bibliothèque" in titles
    api(client, f"pages/{content['held'].pk}/", status=404)


def test_no_write_endpoint(client, content):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)("/api/v2/pages/", data={}, content_type="application/json")
        assert response.status_code == 405, method


def test_bad_parameters_are_400_not_500(client, content):
    for path in (
        "pages/?type=hearings.HearingPage&hearing_date=demain",
        "pages/?type=inconnu.Page",
        "pages/?limit=abc",
        "pages/?limit=1000",
        "pages/?order=inexistant",
        "pages/?type=hearings.HearingPage&hearing_date__gte=2012",
        "pages/?search=musique",
        "documents/?search=contribution",
    ):
        data = api(client, path, status=400)
        assert data["message"]


@override_settings(API_RATE_LIMIT=(3, 60))
def test_rate_limited_per_client(client, content):
    for _ in range(3):
        api(client, "pages/")
    data = api(client, "pages/", status=429)
    assert "Trop de requêtes" in data["message"]
    other = client.get("/api/v2/pages/", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_no_api_response_contains_an_email_address(client, content):
    load_demo_news(content["home"])
    paths = [path for path, _ in EXAMPLES] + [
        "pages/?fields=*",
        "pages/?type=hearings.HearingPage&fields=*",
        "pages/?type=questions.QuestionPage&fields=*",
        "pages/?type=events.TripEventPage&fields=*",
        "pages/?type=home.NewsPage&fields=*",
        f"pages/{content['question'].pk}/",
        f"pages/{content['held'].pk}/",
        "images/?fields=*",
        "documents/?fields=*",
    ]
    for path in paths:
        response = client.get("/api/v2/" + path)
        assert response.status_code == 200, path
        assert EMAIL.findall(response.content.decode()) == [], path


@override_settings(API_RATE_LIMIT=(100_000, 60))
def test_hostile_parameters_never_give_a_500(content):
    """The hostile corpus on every listing parameter (the site-wide suite meets the rate limit
    after 120 requests; here it is lifted)."""
    from tests.hardening.hostile import HOSTILE_VALUES

    client = Client(raise_request_exception=False)
    params = ["type", "fields", "order", "search", "limit", "offset", "child_of", "descendant_of", "status"]
    params += ["hearing_date", "asked_on", "theme"]
    for name in params:
        for value in HOSTILE_VALUES:
            for path in ("pages/", "pages/?type=hearings.HearingPage", "documents/"):
                separator = "&" if "?" in path else "?"
                response = client.get(f"/api/v2/{path}{separator}{urlencode({name: value})}")
                assert response.status_code < 500, (path, name, value)
