import re

import pytest
from django.core.management import call_command

from hearings.demo import bulk_search_indexing, create_hearing
from hearings.models import HearingPage
from tests.hearings.conftest import at


def titles(response):
    return re.findall(r'class="fr-card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def option_label(response, name, value):
    html = response.content.decode()
    select = html[html.index(f'name="{name}"') :]
    select = select[: select.index("</select>")]
    match = re.search(rf'<option value="{re.escape(value)}"[^>]*>([^<]+)</option>', select)
    return match[1] if match else None


def test_index_lists_hearings_newest_first_with_status_and_sectors(client, hearings):
    response = client.get("/auditions/")
    assert response.status_code == 200
    assert titles(response) == [
        "Audition de la bibliothèque",
        "Invitation déclinée de la bibliothèque",
        "Entretien avec le label",
        "Table ronde musique",
    ]
    html = response.content.decode()
    assert "Invitation déclinée" in html and "Prévue" in html
    assert '<p class="fr-tag fr-tag--sm">Audiovisuel</p>' in html
    assert "Société des auteurs test (SAT)" in html
    # Only held or planned hearings are counted; the declined invitation is shown, not counted.
    assert "3 auditions réalisées ou prévues" in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize(
    "query, expected",
    [
        ("secteur=musique", {"Table ronde musique", "Entretien avec le label"}),
        ("secteur=audiovisuel&type=entretien", {"Entretien avec le label"}),
        ("nature=societe-de-gestion-collective", {"Table ronde musique"}),
        ("famille=pouvoirs-publics-regulateurs&statut=prevue", {"Audition de la bibliothèque"}),
        ("mois=2012-11", {"Entretien avec le label", "Invitation déclinée de la bibliothèque"}),
        ("mois=2012-11&statut=realisee&secteur=musique", {"Entretien avec le label"}),
        ("secteur=livre&statut=realisee", set()),
    ],
)
def test_filters_combine(client, hearings, query, expected):
    response = client.get(f"/auditions/?{query}")
    assert response.status_code == 200
    assert set(titles(response)) == expected
    if not expected:
        assert "Aucune audition ne correspond à ces filtres" in response.content.decode()


def test_counts_beside_filter_values_follow_the_other_filters(client, hearings):
    response = client.get("/auditions/")
    assert option_label(response, "secteur", "musique") == "Musique (2)"
    assert option_label(response, "secteur", "livre") == "Livre (2)"
    assert option_label(response, "statut", "realisee") == "Réalisée (2)"
    assert option_label(response, "mois", "2012-11") == "novembre 2012 (2)"
    filtered = client.get("/auditions/?statut=realisee")
    assert option_label(filtered, "secteur", "livre") == "Livre (0)"
    assert option_label(filtered, "secteur", "musique") == "Musique (2)"
    # The chosen value stays selected, so that the filters are kept in the URL and the form.
    assert 'value="realisee" selected' in filtered.content.decode()


@pytest.mark.parametrize(
    "query, message",
    [
        ("secteur=abc", "La valeur « abc » n’existe pas pour ce filtre."),
        ("mois=2012-13", "Le mois « 2012-13 » n’est pas valide"),
        ("statut=perdue", "La valeur « perdue » n’existe pas pour ce filtre."),
        ("page=999999", "La page 999999 n’existe pas : voici la dernière page (1)."),
        ("page=abc", "Le numéro de page doit être un nombre entier"),
        ("page=-3", "Le numéro de page doit être un nombre entier"),
    ],
)
def test_bad_filter_values_answer_200_with_a_clear_message(client, hearings, query, message):
    response = client.get(f"/auditions/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert len(titles(response)) == 4  # the bad filter is ignored


def test_bad_filter_error_is_tied_to_its_field(client, hearings):
    html = client.get("/auditions/?secteur=abc&nature=entreprise").content.decode()
    assert 'aria-describedby="filtre-secteur-erreur"' in html
    assert 'id="filtre-secteur-erreur"' in html
    assert 'value="entreprise" selected' in html  # the valid filter still applies


def test_pagination_keeps_the_filters(client, hearing_index, organisms):
    for day in range(1, 26):
        create_hearing(hearing_index, f"Audition {day}", at(day), [organisms["label"]])
    response = client.get("/auditions/?secteur=musique&page=2")
    assert response.status_code == 200
    assert len(titles(response)) == 5
    html = response.content.decode()
    assert "?secteur=musique&amp;page=1" in html
    assert re.search(r'aria-current="page"\s+title="Page 2"', html)  # numbered DSFR pagination


def make_hearings(index, organisms, count, start=0):
    with bulk_search_indexing(HearingPage):
        for number in range(start, start + count):
            create_hearing(
                index,
                f"Audition numéro {number}",
                at(1 + number % 28, month=10 + number % 3),
                [organisms["authors"], organisms["library"]] if number % 2 else [organisms["label"]],
                status=HearingPage.Status.HELD if number % 3 else HearingPage.Status.PLANNED,
                slug=f"audition-numero-{number}",
            )


def count_queries(client, url, cold=False):
    """Queries of one request; `cold`: with the cache emptied first (what the first request after
    an edit pays: the fragments, frontcache.fragments.cached, are computed again)."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if cold:
        for cache in caches.all():
            cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/auditions/",
        "/auditions/?secteur=musique&statut=realisee&page=2",
        "/auditions/?secteur=musique&statut=realisee&mois=2012-11",
        "/auditions/repartition/",
    ],
)
def test_query_counts_do_not_grow_with_the_number_of_hearings(
    client, hearing_index, organisms, django_assert_max_num_queries, url
):
    make_hearings(hearing_index, organisms, 10)
    client.get(url)  # warm the per-process caches (content types, site root paths)
    cold_10 = count_queries(client, url, cold=True)
    with_10 = count_queries(client, url)
    make_hearings(hearing_index, organisms, 190, start=10)
    assert count_queries(client, url, cold=True) <= cold_10
    with django_assert_max_num_queries(with_10):
        assert client.get(url).status_code == 200
    assert HearingPage.objects.count() == 200


def results_title(response):
    html = response.content.decode()
    match = re.search(r'<h2 class="fr-h4 hearing-results-title"[^>]*>(.*?)</h2>', html, re.S)
    return " ".join(match[1].split())


@pytest.mark.parametrize(
    "query, expected",
    [
        # The declined invitation is listed, not counted: the title says so beside the headline figure.
        ("", "4 auditions : 3 réalisées ou prévues, 1 invitation déclinée"),
        ("statut=declinee", "1 audition correspondant aux filtres : 1 invitation déclinée"),
        ("secteur=musique", "2 auditions correspondant aux filtres"),
        (
            "mois=2012-11",
            "2 auditions correspondant aux filtres : 1 réalisée ou prévue, 1 invitation déclinée",
        ),
    ],
)
def test_the_list_title_says_which_listed_hearings_are_not_counted(client, hearings, query, expected):
    assert results_title(client.get(f"/auditions/?{query}")) == expected


def test_the_list_title_counts_a_cancelled_hearing_apart(client, hearings, hearing_index, organisms):
    create_hearing(
        hearing_index, "Audition annulée", at(22), [organisms["label"]], status=HearingPage.Status.CANCELLED
    )
    assert results_title(client.get("/auditions/")) == (
        "5 auditions : 3 réalisées ou prévues, 1 invitation déclinée, 1 annulée"
    )


def test_with_the_demo_the_list_and_the_headline_figure_agree_on_the_seeds_99(client, db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    response = client.get("/auditions/")
    assert "<strong>99 auditions réalisées ou prévues</strong>" in response.content.decode()
    assert results_title(response) == "102 auditions : 99 réalisées ou prévues, 3 invitations déclinées"
