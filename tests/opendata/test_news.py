"""« Presse et actualités »: the demo's 6 December 2012 announcement, its page and attachment,
its feed, the home page's block, the search and the API."""

import datetime
import json

import feedparser
import pytest
from wagtail.test.utils import WagtailPageTestCase

from home.demo import load_demo_news
from home.models import HomePage, NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db

URL = "/presse/bilan-d-etape-6-decembre-2012/"
TITLE = "Aurélie Filippetti présente le bilan d’étape de la mission culture-acte 2"


@pytest.fixture
def news(mission_site):
    home, _ = mission_site
    load_demo_news(home)
    return NewsPage.objects.get()


def test_demo_announcement_with_the_seed_figures_and_its_press_kit(client, news):
    assert news.published_on == datetime.date(2012, 12, 6)
    html = client.get(URL).content.decode()
    for fact in ("99 auditions", "11 492 visites", "295 abonnés", "248 commentaires", "15 janvier 2013"):
        assert fact in html, fact
    attachment = news.attachments.get()
    assert f'href="{attachment.document.url}"' in html
    assert 'Dossier de presse du bilan d’étape <span class="fr-link__detail">PDF – ' in html
    with attachment.document.file.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_listed_on_its_index_and_the_demo_is_idempotent(client, mission_site, news):
    html = client.get("/presse/").content.decode()
    assert f'href="{URL}"' in html and TITLE in html
    load_demo_news(mission_site[0])
    assert NewsPage.objects.count() == 1


def test_feed_parses_and_is_announced(client, news):
    response = client.get("/presse/feed/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == [TITLE]
    assert feed.entries[0].published_parsed[:3] == (2012, 12, 6)
    assert feed.entries[0].link.endswith(URL)
    assert 'href="/presse/feed/"' in client.get("/presse/").content.decode()
    assert 'href="/presse/feed/"' in client.get("/donnees/").content.decode()


def test_home_page_lists_the_latest_news(client, news):
    html = client.get("/").content.decode()
    block = html[html.index('id="actualites-titre"') :]
    assert f'href="{URL}"' in block and 'href="/presse/"' in block


def test_found_by_search_and_in_the_api(client, news):
    html = client.get("/recherche/", {"q": "bilan d’étape Filippetti"}).content.decode()
    assert f'href="{URL}"' in html and "Actualité" in html
    data = json.loads(client.get("/api/v2/pages/?type=home.NewsPage&fields=published_on,summary").content)
    assert data["items"][0]["published_on"] == "2012-12-06"
    assert "99 auditions" in data["items"][0]["summary"]


class TestNewsPageTree(WagtailPageTestCase):
    def test_news_lives_under_its_index_under_home(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
