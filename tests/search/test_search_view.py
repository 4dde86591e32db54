"""The search page: results, facets, hostile input, promotions and the queries log."""

import json
import time

import pytest
from django.http import QueryDict
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from hearings.models import HearingOrganism
from search.forms import SearchForm
from search.text import parse_query
from tests.search.helpers import make_hearing, make_organism

pytestmark = pytest.mark.django_db


def result_titles(response):
    return [card.title for card in response.context["results"] if not card.is_comment]


def test_empty_search_page_shows_the_form(client):
    response = client.get("/recherche/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'id="search-query"' in html
    assert "résultat" not in html


def test_a_hearing_is_found_by_its_summary_with_type_date_organisms_and_excerpt(client, hearings):
    response = client.get("/recherche/", {"q": "rémunération"})
    assert response.status_code == 200
    assert result_titles(response) == ["Audition de la SACEM"]
    html = response.content.decode()
    assert "1 résultat pour « rémunération »" in html
    assert '<p class="fr-tag fr-tag--sm">Audition</p>' in html
    assert "3 octobre 2012" in html
    assert "Société des auteurs, compositeurs et éditeurs de musique (SACEM)" in html
    assert "<mark>rémunération</mark>" in html
    assert "Réalisée" in html


def test_a_card_lists_the_organisms_in_the_order_of_the_hearing(client, taxonomy):
    first, second, third = (
        make_organism(name, acronym=acronym)
        for name, acronym in [("Alpha", ""), ("Bêta & fils", "B<F>"), ("Gamma", "GAM")]
    )
    hearing = make_hearing("Audition ordonnée", [first, second, third], summary="Le xylographe.")
    # The order the team gave in the admin's inline panel.
    for position, organism in enumerate([third, first, second]):
        HearingOrganism.objects.filter(page=hearing, organism=organism).update(sort_order=position)
    other = make_hearing("Autre audition", [first], summary="Un xylographe encore.")
    # The order is read when the page is published (the admin saves the new order, then publishes).
    hearing.save_revision().publish()
    response = client.get("/recherche/", {"q": "xylographe"})
    cards = {card.title: card for card in response.context["results"]}
    assert cards["Audition ordonnée"].organisms == ["Gamma (GAM)", "Alpha", "Bêta & fils (B<F>)"]
    assert cards[other.title].organisms == ["Alpha"]
    html = response.content.decode()
    assert "Organismes : Gamma (GAM), Alpha, Bêta &amp; fils (B&lt;F&gt;)</p>" in html
    assert "Organisme : Alpha</p>" in html


def test_transcripts_are_searched(client, hearings):
    response = client.get("/recherche/", {"q": "studios indépendants"})
    assert result_titles(response) == ["Audition du syndicat du jeu vidéo"]
    assert "<mark>studios</mark> <mark>indépendants</mark>" in response.content.decode()


def test_organism_names_and_acronyms_are_found(client, hearings):
    assert result_titles(client.get("/recherche/", {"q": "CSA"})) == [
        "Audition du Conseil supérieur de l’audiovisuel"
    ]
    assert result_titles(client.get("/recherche/", {"q": "compositeurs"})) == ["Audition de la SACEM"]


def test_drafts_are_not_found(client, taxonomy):
    organism = make_organism("Organisme discret", acronym="ODI")
    make_hearing("Audition brouillon", [organism], summary="Secret xylophone.", live=False)
    response = client.get("/recherche/", {"q": "xylophone"})
    assert result_titles(response) == []
    assert "Aucun résultat pour « xylophone »" in response.content.decode()


def copie_privee_found(client):
    response = client.get("/recherche/", {"q": "copie privée"})
    return sorted(result_titles(response)), facet(response, "secteur").get("jeu-video", 0)


BOTH_FOUND = (["Audition de la SACEM", "Audition du syndicat du jeu vidéo"], 1)
SACEM_ONLY = (["Audition de la SACEM"], 0)


def test_an_unpublished_hearing_leaves_the_results_and_the_counts_at_once(client, hearings):
    assert copie_privee_found(client) == BOTH_FOUND
    hearings["snjv"].unpublish()
    assert copie_privee_found(client) == SACEM_ONLY
    hearings["snjv"].save_revision().publish()
    assert copie_privee_found(client) == BOTH_FOUND


def test_pages_unpublished_in_sql_leave_the_results_at_once(client, hearings):
    """An UPDATE of the page table sends no signal: liveness is read from Wagtail's table at
    every search."""
    from wagtail.models import Page

    Page.objects.filter(pk=hearings["snjv"].pk).update(live=False)
    assert copie_privee_found(client) == SACEM_ONLY
    Page.objects.filter(pk=hearings["snjv"].pk).update(live=True)
    assert copie_privee_found(client) == BOTH_FOUND


def test_all_words_must_match_and_the_search_broadens_when_none_do(client, hearings):
    assert result_titles(client.get("/recherche/", {"q": "copie privée SACEM"})) == ["Audition de la SACEM"]
    response = client.get("/recherche/", {"q": "SACEM zanzibar"})
    assert result_titles(response) == ["Audition de la SACEM"]
    assert "au moins un" in response.content.decode()


def test_grammatical_words_neither_narrow_nor_broaden_a_search(client, hearings):
    # « de » and « la » are in every hearing: broadened to any word, they would find all three.
    response = client.get("/recherche/", {"q": "la SACEM de zanzibar"})
    assert result_titles(response) == ["Audition de la SACEM"]
    with_article = result_titles(client.get("/recherche/", {"q": "la copie privée"}))
    assert with_article == result_titles(client.get("/recherche/", {"q": "copie privée"}))
    assert len(with_article) == 2
    assert parse_query("financement de la création").words == ("financement", "creation")
    assert parse_query("de la").words == ("de", "la")
    assert parse_query('"copie de la" privée').phrases == (("copie", "de", "la"),)


def test_quoted_words_search_the_exact_phrase(client, hearings):
    titles = result_titles(client.get("/recherche/", {"q": '"copie privée des auteurs"'}))
    assert titles == ["Audition de la SACEM"]


# --- Facets -----------------------------------------------------------------------------------


def facet(response, name):
    return {option["value"]: option["count"] for option in _facet(response, name)["options"]}


def _facet(response, name):
    return next(facet for facet in response.context["facets"] if facet["name"] == name)


def test_facets_show_counts_for_the_hits(client, hearings):
    response = client.get("/recherche/", {"q": "copie"})
    assert sorted(result_titles(response)) == ["Audition de la SACEM", "Audition du syndicat du jeu vidéo"]
    assert facet(response, "type") == {"audition": 2}
    assert facet(response, "secteur") == {"musique": 1, "jeu-video": 1}
    assert facet(response, "nature") == {
        "organisation-professionnelle-syndicat": 1,
        "societe-de-gestion-collective": 1,
    }
    assert facet(response, "famille") == {"auteurs-artistes": 1, "producteurs-editeurs": 1}
    assert facet(response, "statut") == {"realisee": 1, "annulee": 1}
    assert facet(response, "annee") == {"2012": 2}
    html = response.content.decode()
    assert 'name="secteur" value="musique"' in html
    assert "Musique (1)" in html


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        (
            "type",
            "audition",
            [
                "Audition de la SACEM",
                "Audition du Conseil supérieur de l’audiovisuel",
                "Audition du syndicat du jeu vidéo",
            ],
        ),
        ("secteur", "jeu-video", ["Audition du syndicat du jeu vidéo"]),
        ("nature", "societe-de-gestion-collective", ["Audition de la SACEM"]),
        ("famille", "producteurs-editeurs", ["Audition du syndicat du jeu vidéo"]),
        ("statut", "annulee", ["Audition du syndicat du jeu vidéo"]),
        ("annee", "2013", ["Audition du Conseil supérieur de l’audiovisuel"]),
    ],
)
def test_each_facet_narrows_the_results(client, hearings, name, value, expected):
    response = client.get("/recherche/", {"q": "audition", name: value})
    assert sorted(result_titles(response)) == expected
    selected = [option for option in _facet(response, name)["options"] if option["selected"]]
    assert [option["value"] for option in selected] == [value]
    assert f'value="{value}" checked' in response.content.decode()


def test_year_facet_excludes_other_years(client, hearings):
    response = client.get("/recherche/", {"q": "audition", "annee": "2013"})
    assert result_titles(response) == ["Audition du Conseil supérieur de l’audiovisuel"]
    # The year facet's own counts ignore its selection: 2012 stays offered with its count.
    assert facet(response, "annee") == {"2013": 1, "2012": 2}


def test_facets_combine_or_within_and_across(client, hearings):
    response = client.get("/recherche/", {"q": "audition", "secteur": ["musique", "audiovisuel"]})
    assert sorted(result_titles(response)) == [
        "Audition de la SACEM",
        "Audition du Conseil supérieur de l’audiovisuel",
    ]
    response = client.get(
        "/recherche/", {"q": "audition", "secteur": ["musique", "audiovisuel"], "statut": "prevue"}
    )
    assert result_titles(response) == ["Audition du Conseil supérieur de l’audiovisuel"]
    # Sector counts take the status filter into account, and not their own selection.
    assert facet(response, "secteur") == {"musique": 0, "audiovisuel": 1}
    assert facet(response, "statut") == {"realisee": 1, "prevue": 1}


def test_active_filters_are_kept_in_links(client, hearings):
    response = client.get("/recherche/", {"q": "audition", "secteur": "musique", "statut": "realisee"})
    active = response.context["active_filters"]
    assert [(item["facet"], item["label"]) for item in active] == [
        ("Secteur", "Musique"),
        ("Statut", "Réalisée"),
    ]
    # Removing the sector keeps the query and the status.
    assert active[0]["url"] == "?q=audition&statut=realisee"


def test_pages_keep_query_and_filters(client, taxonomy):
    organism = make_organism("Fédération des éditeurs", acronym="FEDED", sectors=("livre",))
    for number in range(12):
        make_hearing(f"Audition numéro {number}", [organism], summary="Le livre numérique.")
    response = client.get("/recherche/", {"q": "livre", "secteur": "livre"})
    assert len(response.context["results"]) == 10
    html = response.content.decode()
    assert "?q=livre&amp;secteur=livre&amp;page=2" in html
    response = client.get("/recherche/", {"q": "livre", "secteur": "livre", "page": 2})
    assert len(response.context["results"]) == 2


# --- Hostile input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"copie privée',
        "'; DROP TABLE wagtailcore_page; --",
        "1 OR 1=1",
        "%",
        "100%",
        "\\",
        "c:\\windows\\",
        "SACEM AND NOT OR NEAR(copie)",
        "copie* ^privée $ (a | b) & !c",
        "🎵🎬",
        "musique 🎵",
        "\x00",
        "<script>alert(1)</script>",
        "a",
    ],
)
def test_hostile_queries_answer_200(client, hearings, query):
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_query_of_2000_characters_is_refused_with_a_message(client, hearings):
    response = client.get("/recherche/", {"q": "copie " * 334})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Votre recherche est trop longue" in html
    assert "200 caractères au plus" in html
    assert 'aria-describedby="search-query-hint search-query-error"' in html
    assert not Query.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "copie " * 334,  # 2,000 characters: refused with a message
        '"a b" ' * 100,  # 100 quoted phrases: refused too (600 characters)
        '"copie privée" ' * 13,  # as many phrases as fit in 200 characters
        " ".join(f"mot{n}" for n in range(40)),  # 40 words: the first 12 are searched
    ],
)
def test_long_queries_answer_within_a_second(client, hearings, query):
    started = time.monotonic()
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    assert time.monotonic() - started < 1


def test_an_empty_query_asks_for_words(client, hearings):
    response = client.get("/recherche/", {"q": "   "})
    assert response.status_code == 200
    assert "Saisissez un ou plusieurs mots" in response.content.decode()


def test_unknown_facet_values_are_ignored_with_a_message(client, hearings):
    response = client.get("/recherche/", {"q": "copie", "secteur": ["inconnu", "musique"], "annee": "abc"})
    assert response.status_code == 200
    assert result_titles(response) == ["Audition de la SACEM"]
    html = response.content.decode()
    assert "n’a pas de valeur « inconnu » : il a été ignoré" in html
    assert "n’a pas de valeur « abc »" in html


@pytest.mark.parametrize("page", ["999", "abc", "-1", "0", "1e9", "99999999999999999999"])
def test_bad_or_past_the_end_pages_answer_200(client, hearings, page):
    response = client.get("/recherche/", {"q": "copie", "page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
    html = response.content.decode()
    assert "n’existe pas" in html or "n’est pas valide" in html


# --- Promotions and the queries log -------------------------------------------------------------


def test_searches_are_logged_once_per_typed_query(client, hearings):
    client.get("/recherche/", {"q": "Copie  privée"})
    client.get("/recherche/", {"q": "copie privée"})
    client.get("/recherche/", {"q": "copie privée", "secteur": "musique"})
    assert Query.get("copie privée").hits == 2
    assert list(Query.get_most_popular()) == [Query.get("copie privée")]


def test_promoted_results_come_first(client, hearings):
    SearchPromotion.objects.create(
        query=Query.get("copie privée"),
        page=hearings["snjv"],
        sort_order=0,
        description="Le point de vue des studios.",
    )
    html = client.get("/recherche/", {"q": "copie privée"}).content.decode()
    assert "Recommandé" in html
    assert html.index("Le point de vue des studios.") < html.index('class="fr-raw-list search-results"')


def test_promotions_follow_the_team_s_edits(client, hearings):
    """Promotions are cached until the team edits something (frontcache.fragments.cached):
    adding, changing or deleting one, or unpublishing its page, shows at once."""
    assert "Recommandé" not in client.get("/recherche/", {"q": "copie privée"}).content.decode()
    promotion = SearchPromotion.objects.create(
        query=Query.get("copie privée"), page=hearings["snjv"], sort_order=0, description="Premier texte."
    )
    assert "Premier texte." in client.get("/recherche/", {"q": "copie privée"}).content.decode()
    promotion.description = "Second texte."
    promotion.save()
    html = client.get("/recherche/", {"q": "copie privée"}).content.decode()
    assert "Second texte." in html and "Premier texte." not in html
    hearings["snjv"].unpublish()
    assert "Second texte." not in client.get("/recherche/", {"q": "copie privée"}).content.decode()
    hearings["snjv"].save_revision().publish()
    assert "Second texte." in client.get("/recherche/", {"q": "copie privée"}).content.decode()
    promotion.delete()
    assert "Recommandé" not in client.get("/recherche/", {"q": "copie privée"}).content.decode()


def test_a_renamed_sector_and_a_new_view_restriction_show_at_once(client, hearings):
    """Taxonomy labels and view restrictions are cached until the team's next edit."""
    from wagtail.models import PageViewRestriction

    from hearings.models import Sector

    def sector_labels():
        response = client.get("/recherche/", {"q": "SACEM"})
        facet = next(facet for facet in response.context["facets"] if facet["name"] == "secteur")
        return [option["label"] for option in facet["options"]], response.context["total"]

    labels, total = sector_labels()
    assert "Musique" in labels and total == 1
    sector = Sector.objects.get(slug="musique")
    sector.name = "Musique enregistrée"
    sector.save()
    assert "Musique enregistrée" in sector_labels()[0]

    PageViewRestriction.objects.create(page=hearings["sacem"], restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/recherche/", {"q": "SACEM"}).context["total"] == 0


def test_the_admin_lists_the_most_searched_queries(client, hearings, django_user_model):
    client.get("/recherche/", {"q": "télévision"})
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "pass")
    client.force_login(admin)
    response = client.get(reverse("wagtailsearchpromotions:search_terms"))
    assert response.status_code == 200
    assert "télévision" in response.content.decode()
    assert client.get(reverse("wagtailsearchpromotions:add")).status_code == 200


# --- Autocomplete -------------------------------------------------------------------------------


def test_suggestions_complete_titles(client, hearings):
    response = client.get("/recherche/suggestions/", {"q": "Audition de la S"})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert [item["title"] for item in data["suggestions"]] == ["Audition de la SACEM"]
    assert data["suggestions"][0]["url"].endswith("/auditions/audition-de-la-sacem/")


@pytest.mark.parametrize("query", ["", "a", "x" * 101])
def test_suggestions_validate_their_input(client, query):
    response = client.get("/recherche/suggestions/", {"q": query})
    assert response.status_code == 400
    assert "q" in json.loads(response.content)["errors"]


@pytest.mark.parametrize("query", ["%%", "\\\\", "'\"", "🎵🎵"])
def test_suggestions_survive_hostile_input(client, hearings, query):
    response = client.get("/recherche/suggestions/", {"q": query})
    assert response.status_code == 200
    assert json.loads(response.content)["suggestions"] == []


# --- The header box -------------------------------------------------------------------------------


def test_every_page_has_the_header_search_box(client, mission_site):
    for url in ["/", "/la-mission/", "/recherche/"]:
        html = client.get(url).content.decode()
        assert (
            '<form class="fr-search-bar" id="header-search" role="search" method="get" action="/recherche/">'
            in html
        )
        assert '<a class="fr-link" href="#header-search">Recherche</a>' in html


# --- Query counts ---------------------------------------------------------------------------------


def test_query_count_does_not_grow_with_hits(client, taxonomy, django_assert_max_num_queries):
    """The count is pinned once the results fill a page: a page of results is a fixed number of
    queries (search, facets, page of cards, comment counts)."""
    organisms = [make_organism(f"Organisme {n}", sectors=("musique", "livre")) for n in range(3)]
    for number in range(4):
        make_hearing(f"Audition {number}", organisms, summary="Les droits voisins.")
    with django_assert_max_num_queries(30) as few:
        client.get("/recherche/", {"q": "droits"})
    for number in range(4, 14):
        make_hearing(f"Audition {number}", organisms, summary="Les droits voisins.")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/recherche/", {"q": "droits"})
    assert len(response.context["results"]) == 10


# --- French matching (SQLite and PostgreSQL) -----------------------------------------------------


def test_accents_and_case_do_not_matter(client, hearings):
    assert result_titles(client.get("/recherche/", {"q": "television"})) == [
        "Audition du Conseil supérieur de l’audiovisuel"
    ]
    assert result_titles(client.get("/recherche/", {"q": "REGULATION"})) == [
        "Audition du Conseil supérieur de l’audiovisuel"
    ]


def test_plural_and_singular_find_each_other(client, hearings):
    assert len(result_titles(client.get("/recherche/", {"q": "auditions"}))) == 3
    assert result_titles(client.get("/recherche/", {"q": "chaîne"})) == [
        "Audition du Conseil supérieur de l’audiovisuel"
    ]
    assert result_titles(client.get("/recherche/", {"q": "independant"})) == [
        "Audition du syndicat du jeu vidéo"
    ]


def test_createur_finds_createurs_and_createur(client, taxonomy):
    organism = make_organism("Maison des artistes", acronym="MDA")
    make_hearing("Audition des créateurs", [organism], summary="Les créateurs et leurs droits.")
    make_hearing("Audition du Créateur", [organism], summary="Un seul auteur.")
    make_hearing("Audition de la création", [organism], summary="La création en ligne.")
    found = sorted(result_titles(client.get("/recherche/", {"q": "createur"})))
    assert found == ["Audition des créateurs", "Audition du Créateur"]
    assert sorted(result_titles(client.get("/recherche/", {"q": "CRÉATEURS"}))) == found


def test_autocomplete_ignores_accents(client, hearings):
    data = json.loads(client.get("/recherche/suggestions/", {"q": "Audition du Conseil superieur"}).content)
    assert [item["title"] for item in data["suggestions"]] == [
        "Audition du Conseil supérieur de l’audiovisuel"
    ]


# --- The form ----------------------------------------------------------------------------------


def test_the_form_keeps_the_known_values_of_each_facet_and_reports_the_others(taxonomy):
    form = SearchForm(
        QueryDict(
            "q=copie&type=audition&type=inconnu&secteur=musique&secteur=musique&secteur=Musique"
            "&statut=realisee&statut=Réalisée&annee=1990&annee=2100&annee=1989&annee=2101&page=2"
        )
    )
    assert form.is_valid()
    assert form.filters() == {
        "type": ["audition"],
        "secteur": ["musique"],
        "nature": [],
        "famille": [],
        "statut": ["realisee"],
        "annee": ["1990", "2100"],
    }
    assert [(str(facet), value) for facet, value in form.ignored_values()] == [
        ("Type de contenu", "inconnu"),
        ("Secteur", "Musique"),
        ("Statut", "Réalisée"),
        ("Année", "1989"),
        ("Année", "2101"),
    ]
    assert form.facet_labels["secteur"]["musique"] == "Musique"
    assert str(form.facet_labels["statut"]["realisee"]) == "Réalisée"


def test_pages_use_the_sites_pagination_with_numbers_and_only_the_valid_filters(client, taxonomy):
    organism = make_organism("Fédération des éditeurs", acronym="FEDED", sectors=("livre",))
    for number in range(12):
        make_hearing(f"Audition numéro {number}", [organism], summary="Le livre numérique.")
    response = client.get("/recherche/?q=livre&secteur=livre&secteur=inconnu&utm_source=lettre")
    html = response.content.decode()
    nav = html[html.index('<nav role="navigation" class="fr-pagination"') :]
    nav = nav[: nav.index("</nav>")]
    assert 'aria-label="Pages de résultats"' in nav
    # The numbered pages of mission_site/templates/dsfr/pagination.html, the current one marked.
    assert '<a class="fr-pagination__link" aria-current="page" title="Page 1">1</a>' in nav
    page_2 = 'title="Page 2" href="?q=livre&amp;secteur=livre&amp;page=2">2</a>'
    assert page_2 in nav
    # DSFR's disabled state on the first page; the ignored value and stray parameters are not carried on.
    assert 'fr-pagination__link--first" aria-disabled="true" role="link">Première page</a>' in nav
    assert "inconnu" not in nav and "utm_source" not in nav
