"""The search journey: header box, results, a facet, a hearing."""

import pytest
from django.apps import apps
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from hearings.taxonomy_terms import ensure_terms
from home.demo import load_mission_pages
from tests.search.helpers import make_hearing, make_organism


def hearing_template_exists():
    try:
        get_template("hearings/hearing_page.html")
    except TemplateDoesNotExist:
        return False
    return True


def test_search_from_the_header_narrow_by_sector_and_open_a_hearing(live_server, page, transactional_db):
    load_mission_pages()
    ensure_terms(lambda name: apps.get_model("hearings", name))
    sacem = make_organism("Société des auteurs et compositeurs", acronym="SACEM", sectors=("musique",))
    cnc = make_organism(
        "Centre national du cinéma",
        acronym="CNC",
        nature="administration-etablissement-public",
        sectors=("cinema",),
    )
    make_hearing("Audition de la SACEM", [sacem], summary="La copie privée et les auteurs.")
    make_hearing("Audition du CNC", [cnc], summary="La copie privée et le financement du cinéma.")

    page.goto(live_server.url + "/")
    page.locator("#header-search-input").fill("copie privée")
    page.locator("#header-search-input").press("Enter")
    page.wait_for_url("**/recherche/?q=copie+priv%C3%A9e")
    assert page.locator("h1").inner_text() == "Recherche"
    assert page.locator("#search-results-title").inner_text() == "2 résultats pour « copie privée »"

    page.locator("label[for=facet-secteur-cinema]").click()
    page.get_by_role("button", name="Appliquer les filtres").click()
    page.wait_for_url("**secteur=cinema**")
    assert page.locator("#search-results-title").inner_text() == "1 résultat pour « copie privée »"
    assert page.locator(".search-results h3").all_inner_texts() == ["Audition du CNC"]
    assert page.get_by_label("Cinéma (1)").is_checked()

    if not hearing_template_exists():
        pytest.skip("the hearing page template comes with the hearings branch")
    page.get_by_role("link", name="Audition du CNC").click()
    page.wait_for_url("**/auditions/audition-du-cnc/")
    assert page.locator("h1").inner_text() == "Audition du CNC"
    assert page.problems == []


def test_suggestions_are_offered_on_the_search_page(live_server, page, transactional_db):
    load_mission_pages()
    ensure_terms(lambda name: apps.get_model("hearings", name))
    organism = make_organism("Société civile des producteurs", acronym="SCPP")
    make_hearing("Audition de la SCPP", [organism], summary="Les producteurs phonographiques.")

    page.goto(live_server.url + "/recherche/")
    page.locator("#search-query").press_sequentially("Audition de la S", delay=20)
    # A locator wait, not wait_for_function: the site's CSP forbids the eval that the latter uses.
    page.locator("#search-query-suggestions option").first.wait_for(state="attached", timeout=5000)
    assert (
        page.locator("#search-query-suggestions option").first.get_attribute("value") == "Audition de la SCPP"
    )
    assert page.problems == []


def test_a_typo_offers_the_right_word_and_a_comment_is_found(live_server, page, transactional_db):
    from discussion.demo import create_comment

    load_mission_pages()
    ensure_terms(lambda name: apps.get_model("hearings", name))
    sacem = make_organism("Société des auteurs et compositeurs", acronym="SACEM", sectors=("musique",))
    hearing = make_hearing("Audition de la SACEM", [sacem], summary="La musique en ligne et les auteurs.")
    comment = create_comment(hearing, "La musique en ligne doit mieux payer les auteurs.", name="Nadia B.")

    page.goto(live_server.url + "/recherche/?q=musiqe")
    assert page.locator("#search-results-title").inner_text() == "Aucun résultat pour « musiqe »"
    page.locator("#search-suggestion a").click()
    page.wait_for_url("**/recherche/?q=musique")
    assert page.locator("#search-results-title").inner_text() == "2 résultats pour « musique »"
    page.get_by_role("link", name="Commentaire de Nadia B.").click()
    page.wait_for_url(f"**/auditions/audition-de-la-sacem/#c{comment.pk}")
    assert page.problems == []
