"""The hearing list and the home page keep what only the team changes in the fragment cache
(frontcache.fragments): an edit shows at once, a comment's count too."""

import datetime

from discussion.demo import create_comment
from hearings.demo import create_hearing
from hearings.models import HearingPage, Sector
from home.models import StandardPage
from tests.hearings.conftest import at


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_hearing_list_counts_and_terms_follow_an_edit_at_once(client, hearings, hearing_index, organisms):
    page = html(client, "/auditions/")
    assert "Musique (2)" in page and "4 auditions" in page
    assert "3 auditions réalisées ou prévues" in page

    create_hearing(hearing_index, "Nouvelle audition musique", at(6), [organisms["authors"]])
    page = html(client, "/auditions/")
    assert "Musique (3)" in page and "5 auditions" in page and "Nouvelle audition musique" in page
    assert "4 auditions réalisées ou prévues" in page
    assert "Musique (3)" in html(client, "/auditions/?statut=realisee")

    sector = Sector.objects.get(slug="musique")
    sector.name = "Musique enregistrée"
    sector.save()
    page = html(client, "/auditions/")
    assert "Musique enregistrée (3)" in page
    assert '<p class="fr-tag fr-tag--sm">Musique enregistrée</p>' in page
    assert "Musique enregistrée" in html(client, "/auditions/?secteur=musique")

    organism = organisms["label"]
    organism.name = "Label indépendant renommé"
    organism.save()
    assert "Label indépendant renommé" in html(client, "/auditions/")

    hearings["joint"].unpublish()
    page = html(client, "/auditions/")
    assert "Musique enregistrée (2)" in page and "Table ronde musique" not in page


def test_a_renamed_or_removed_term_is_no_longer_a_valid_filter(client, hearings):
    assert "Secteur : Musique" in html(client, "/auditions/?secteur=musique")
    sector = Sector.objects.get(slug="musique")
    sector.slug = "musiques"
    sector.save()
    assert "La valeur « musique » n’existe pas pour ce filtre." in html(client, "/auditions/?secteur=musique")
    assert "Secteur : Musique" in html(client, "/auditions/?secteur=musiques")


def test_comment_counts_of_listings_are_never_cached(client, hearings):
    hearing = hearings["joint"]
    assert "1 commentaire" not in html(client, "/auditions/")
    create_comment(hearing, "Un premier avis sur cette table ronde.")
    assert "1 commentaire" in html(client, "/auditions/")
    assert "1 commentaire" in html(client, "/")
    create_comment(hearing, "Un second avis.")
    assert "2 commentaires" in html(client, "/auditions/")
    assert "2 commentaires" in html(client, "/")


def test_home_page_blocks_follow_publications_at_once(
    client, hearings, hearing_index, organisms, reference_date
):
    reference_date(datetime.date(2012, 12, 1))  # the planned hearings are still to come
    page = html(client, "/")
    assert "Table ronde musique" in page and "Audition de la bibliothèque" in page
    create_hearing(
        hearing_index, "Audition annoncée à l’instant", at(1, month=1, year=2013), [organisms["label"]],
        status=HearingPage.Status.PLANNED,
    )  # fmt: skip
    assert "Audition annoncée à l’instant" in html(client, "/")
    hearings["joint"].unpublish()
    assert "Table ronde musique" not in html(client, "/")


def test_menu_breadcrumb_and_sections_follow_an_edit_at_once(client, mission_site):
    home, pages = mission_site
    mission = pages["la-mission"]
    assert "La mission" in html(client, "/la-mission/lettre-de-mission/")
    mission.title = "La mission Lescure"
    mission.save_revision().publish()
    page = html(client, "/la-mission/lettre-de-mission/")
    breadcrumb = page[page.index('class="fr-breadcrumb"') :]
    assert '<a class="fr-breadcrumb__link" href="/la-mission/">La mission Lescure</a>' in breadcrumb
    nav = page[page.index('id="fr-navigation"') :]
    assert ">La mission Lescure</a>" in nav[: nav.index("</nav>")]

    # A section's address (routed from the home page's cached children) changes at once.
    mission.slug = "mission"
    mission.save_revision().publish()
    assert client.get("/la-mission/").status_code == 404
    assert "Lettre de mission" in html(client, "/mission/lettre-de-mission/")
    mission.unpublish()
    assert client.get("/mission/").status_code == 404
    new = home.add_child(
        instance=StandardPage(title="Nouvelle rubrique", slug="nouvelle-rubrique", live=False)
    )
    assert client.get("/nouvelle-rubrique/").status_code == 404
    new.save_revision().publish()
    assert client.get("/nouvelle-rubrique/").status_code == 200
