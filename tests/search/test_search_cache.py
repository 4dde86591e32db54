"""Search pages in the anonymous page cache: served from it, still counted in the search terms
report, and renewed when what they show changes."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests.search.helpers import make_hearing


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def search(client, **params):
    response = client.get("/recherche/", params)
    assert response.status_code == 200
    return response


def test_a_search_is_served_from_the_cache_and_still_counted(client, hearings):
    first = search(client, q="copie privée")
    second = search(client, q="Copie  privée")  # normalised like Query.get: the same search
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "MISS")
    third = search(client, q="copie privée")
    assert third["X-Cache"] == "HIT"
    assert third.content == first.content
    assert Query.get("copie privée").hits == 3


def test_facets_and_later_pages_are_cached_but_not_counted(client, hearings):
    search(client, q="copie privée", secteur="musique")
    assert search(client, q="copie privée", secteur="musique")["X-Cache"] == "HIT"
    assert Query.get("copie privée").hits == 0


def test_q_on_another_page_is_not_cached(client, hearings):
    assert client.get("/auditions/")["X-Cache"] == "MISS"
    assert client.get("/auditions/")["X-Cache"] == "HIT"
    assert "X-Cache" not in client.get("/auditions/", {"q": "copie"})


def test_a_new_hearing_and_a_promotion_show_at_once(client, hearings):
    assert "Audition du kiosque" not in search(client, q="kiosque").content.decode()
    make_hearing("Audition du kiosque", [], summary="Le kiosque numérique de la presse.")
    response = search(client, q="kiosque")
    assert response["X-Cache"] == "MISS"
    assert "Audition du kiosque" in response.content.decode()

    SearchPromotion.objects.create(
        query=Query.get("kiosque"), page=hearings["snjv"], sort_order=0, description="À lire d’abord."
    )
    response = search(client, q="kiosque")
    assert response["X-Cache"] == "MISS"
    assert "À lire d’abord." in response.content.decode()
