"""Facet counts, ranking and pages of the one-statement search, checked against plain computations.

search/engine.py counts the hits and every facet in one SQL statement and, on PostgreSQL, ranks
from the index entries (the head vector only when there are many hits) and fetches the page's
hits with the counts: these tests compare what the page shows with a straightforward count over
the hearings themselves.
"""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection

from hearings.models import HearingPage
from search import backends
from tests.search.conftest import postgresql_only
from tests.search.helpers import make_hearing, make_organism

pytestmark = pytest.mark.django_db

STATUSES = ["realisee", "prevue", "annulee", "declinee"]


@pytest.fixture
def corpus(taxonomy):
    """Eleven hearings with the word « cinéma », three without; organisms share some values."""
    organisms = [
        make_organism("Organisme musique", acronym="OMU", sectors=("musique",)),
        make_organism(
            "Organisme image",
            acronym="OIM",
            nature="organisation-professionnelle-syndicat",
            family="producteurs-editeurs",
            sectors=("cinema", "audiovisuel"),
        ),
        make_organism(
            "Organisme public",
            acronym="OPU",
            nature="administration-etablissement-public",
            family="pouvoirs-publics-regulateurs",
            sectors=("cinema",),
        ),
    ]
    hearings = []
    for number in range(14):
        heard = [organisms[number % 3]] + ([organisms[(number + 1) % 3]] if number % 4 == 0 else [])
        hearings.append(
            make_hearing(
                f"Audition numéro {number}",
                heard,
                date=datetime.date(2012 + number % 2, 1 + number % 12, 5),
                status=STATUSES[number % 4],
                summary="Le cinéma en salle." if number < 11 else "Autre sujet.",
            )
        )
    return hearings


def expected_counts(hearings, filters):
    """Facet -> {value: hits}, each facet counted over the hits of the other filters."""

    def values(hearing, facet):
        organisms = [link.organism for link in HearingPage.objects.get(pk=hearing.pk).organisms_heard.all()]
        if facet == "secteur":
            return {sector.slug for organism in organisms for sector in organism.sectors.all()}
        if facet == "nature":
            return {organism.nature.slug for organism in organisms}
        if facet == "famille":
            return {organism.family.slug for organism in organisms}
        if facet == "statut":
            return {hearing.status}
        return {str(hearing.hearing_date.year)}

    hits = [hearing for hearing in hearings if "cinéma" in hearing.summary]
    counts = {}
    for facet in ("secteur", "nature", "famille", "statut", "annee"):
        counts[facet] = {}
        for hearing in hits:
            others = [(name, wanted) for name, wanted in filters.items() if name != facet]
            if all(values(hearing, name) & set(wanted) for name, wanted in others):
                for value in values(hearing, facet):
                    counts[facet][value] = counts[facet].get(value, 0) + 1
    return counts


def shown_counts(response):
    return {
        facet["name"]: {option["value"]: option["count"] for option in facet["options"] if option["count"]}
        for facet in response.context["facets"]
        if facet["name"] != "type"
    }


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"secteur": ["cinema"]},
        {"secteur": ["musique", "audiovisuel"], "statut": ["realisee", "annulee"]},
        {"nature": ["administration-etablissement-public"], "annee": ["2013"]},
        {"famille": ["producteurs-editeurs"], "secteur": ["cinema"], "statut": ["prevue"]},
    ],
)
def test_facet_counts_match_a_plain_count_of_the_hearings(client, corpus, filters):
    response = client.get("/recherche/", {"q": "cinéma", **filters})
    expected = expected_counts(corpus, filters)
    shown = shown_counts(response)
    for facet, counts in expected.items():
        assert shown.get(facet, {}) == counts, facet
    hits = [
        hearing
        for hearing in corpus
        if "cinéma" in hearing.summary
        and all(
            any(value in expected_counts([hearing], {})[name] for value in wanted)
            for name, wanted in filters.items()
        )
    ]
    assert response.context["total"] == len(hits)
    assert {option["value"]: option["count"] for option in response.context["facets"][0]["options"]} == {
        "audition": len(hits)
    }


def test_pages_list_every_hit_once(client, corpus):
    first = client.get("/recherche/", {"q": "cinéma"})
    second = client.get("/recherche/", {"q": "cinéma", "page": 2})
    titles = [result.page.title for result in first.context["results"] + second.context["results"]]
    assert len(titles) == 11 == first.context["total"]
    assert sorted(titles) == sorted(f"Audition numéro {number}" for number in range(11))
    # A page past the end shows the last page, found without the counts.
    last = client.get("/recherche/", {"q": "cinéma", "page": 5})
    assert [result.page.title for result in last.context["results"]] == titles[10:]


@postgresql_only
@pytest.mark.parametrize("limit", [1000, 3])
def test_hits_in_titles_and_summaries_rank_first_on_postgresql(client, taxonomy, monkeypatch, limit):
    """With few hits the whole text is ranked; with many (a lower limit here) only the head,
    the title and boosted fields: either way those come before hits in a transcript only."""
    monkeypatch.setattr(backends, "RANK_BODY_LIMIT", limit)
    monkeypatch.setattr("search.postgres.RANK_BODY_LIMIT", limit)
    organism = make_organism("Organisme quelconque", acronym="OQU")
    for number in range(9):
        make_hearing(f"Audition {number}", [organism], transcript="<p>Il fut question de vinyle.</p>")
    make_hearing("Audition sur le vinyle", [organism])
    make_hearing("Audition du disque", [organism], summary="Le marché du vinyle.")
    make_hearing("Audition du disquaire", [make_organism("Vinyle et compagnie", acronym="VEC")])
    first = client.get("/recherche/", {"q": "vinyles"})
    assert first.context["total"] == 12
    titles = [result.page.title for result in first.context["results"]]
    assert set(titles[:3]) == {"Audition sur le vinyle", "Audition du disque", "Audition du disquaire"}
    second = client.get("/recherche/", {"q": "vinyles", "page": 2})
    rest = [result.page.title for result in second.context["results"]]
    assert sorted(titles + rest) == sorted(
        [f"Audition {n}" for n in range(9)]
        + ["Audition sur le vinyle", "Audition du disque", "Audition du disquaire"]
    )


@postgresql_only
def test_the_index_entry_head_holds_the_title_and_boosted_fields(taxonomy):
    """Title, summary and organisms go to the small `title` vector, the transcript to the body;
    a full reindex writes each entry once, with its title norm."""
    hearing = make_hearing(
        "Audition du cinéma",
        [make_organism("Fédération des diffuseurs", acronym="FEDI")],
        summary="Les salles obscures.",
        transcript="<p>Le projectionniste parle.</p>",
    )
    call_command("update_index", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT title::text, body::text, title_norm FROM wagtailsearch_indexentry "
            "WHERE object_id = %s AND content_type_id = "
            "(SELECT id FROM django_content_type WHERE app_label = 'hearings' AND model = 'hearingpage')",
            [str(hearing.pk)],
        )
        title, body, norm = cursor.fetchone()
    for word in ("cinem", "sall", "obscur", "feder", "diffuseur", "fed"):
        assert f"'{word}'" in title, word
    assert "'projection'" in body
    assert "'sall'" not in body
    assert norm > 0
