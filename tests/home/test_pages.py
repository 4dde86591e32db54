import re

import pytest
from django.template.loader import render_to_string
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from accessibility.models import AccessibilityStatementPage
from discussion.models import ParticipationCharterPage
from events.models import TripIndexPage
from hearings.models import ContributionIndexPage, HearingIndexPage
from home.demo import load_mission_pages
from home.models import HomePage, NewsIndexPage, StandardPage
from proposals.models import ConsultationTextPage, ReportPage
from questions.models import QuestionIndexPage
from stats.models import KeyFiguresPage


def test_home_page_shows_the_mission_and_its_navigation(client, mission_site):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "Mission culture-acte 2" in html
    nav = html[html.index('id="fr-navigation"') :]
    nav = nav[: nav.index("</nav>")]
    assert 'href="/la-mission/"' in nav and "La mission" in nav
    assert html.count("<h1") == 1
    assert 'href="#content"' in html  # skip link
    assert 'id="footer"' in html


@pytest.mark.parametrize(
    "url, heading",
    [
        ("/la-mission/", "La mission"),
        ("/la-mission/lettre-de-mission/", "Lettre de mission"),
        ("/la-mission/composition-de-la-mission/", "Composition de la mission"),
        ("/mentions-legales/", "Mentions légales"),
        ("/accessibilite/", "Accessibilité"),
    ],
)
def test_mission_pages_render_with_one_heading_and_a_breadcrumb(client, mission_site, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S) == [heading]
    assert 'class="fr-breadcrumb"' in html
    assert f'aria-current="page">{heading}</a>' in html


def test_mission_letter_quotes_the_seed(client, mission_site):
    html = client.get("/la-mission/lettre-de-mission/").content.decode()
    assert "6 août 2012" in html
    assert "lutter contre la contrefaçon commerciale" in html
    breadcrumb = html[html.index('class="fr-breadcrumb"') :]
    assert 'href="/la-mission/"' in breadcrumb[: breadcrumb.index("</nav>")]


def test_unknown_page_gets_the_dsfr_404(client, mission_site):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page non trouvée" in html
    assert "fr-header" in html and "fr-footer" in html


def test_500_page_renders_without_request_or_database():
    html = render_to_string("500.html")
    assert "Erreur inattendue" in html and "Erreur 500" in html
    assert 'lang="fr"' in html


def test_sitemap_robots_and_site_map(client, mission_site):
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert b"/la-mission/lettre-de-mission/</loc>" in sitemap.content
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert robots["Content-Type"].startswith("text/plain")
    assert b"Sitemap: http://testserver/sitemap.xml" in robots.content
    assert b"Disallow: /admin/" in robots.content
    site_map = client.get("/plan-du-site/").content.decode()
    assert 'href="/la-mission/composition-de-la-mission/"' in site_map


def test_robots_refuses_post(client, mission_site):
    assert client.post("/robots.txt").status_code == 405


def test_demo_content_is_idempotent(db):
    load_mission_pages()
    counts = Page.objects.count(), StandardPage.objects.count()
    load_mission_pages()
    assert (Page.objects.count(), StandardPage.objects.count()) == counts
    assert HomePage.objects.count() == 1
    assert StandardPage.objects.filter(slug="la-mission").count() == 1


def test_demo_content_keeps_the_teams_edits(db):
    _, pages = load_mission_pages()
    mission = pages["la-mission"]
    mission.introduction = "Texte modifié par l’équipe"
    mission.save_revision().publish()
    load_mission_pages()
    mission.refresh_from_db()
    assert mission.introduction == "Texte modifié par l’équipe"


def test_unpublished_pages_stay_out_of_the_menu_and_sitemap(client, mission_site):
    _, pages = mission_site
    pages["la-mission"].unpublish()
    html = client.get("/").content.decode()
    assert 'href="/la-mission/"' not in html
    assert b"/la-mission/</loc>" not in client.get("/sitemap.xml").content
    assert client.get("/la-mission/").status_code == 404


class TestPageTree(WagtailPageTestCase):
    def test_home_accepts_standard_pages_and_section_indexes(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                StandardPage,
                HearingIndexPage,
                QuestionIndexPage,
                TripIndexPage,
                KeyFiguresPage,
                ReportPage,
                ConsultationTextPage,
                ParticipationCharterPage,
                ContributionIndexPage,
                NewsIndexPage,
                AccessibilityStatementPage,
            },
        )

    def test_participation_charter_only_under_home_once(self):
        self.assertAllowedParentPageTypes(ParticipationCharterPage, {HomePage})
        self.assertAllowedSubpageTypes(ParticipationCharterPage, set())

    def test_standard_page_lives_under_home_or_another_standard_page(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})

    def test_home_page_only_under_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_an_editor_can_create_a_standard_page(self):
        home = HomePage.objects.get()
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        page = home.add_child(instance=StandardPage(title="Foire aux questions", slug="faq"))
        self.assertPageIsRenderable(page)
