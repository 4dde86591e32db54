"""Facet counts, ranking and pages of the search, checked against plain computations.

search/engine.py counts the hits and every facet (in one SQL statement, or on bitmaps of the
facet rows: see the `counting` fixture) and, on PostgreSQL, ranks
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


@pytest.fixture(autouse=True, params=["bitmaps", "sql"])
def counting(request, settings):
    """Both ways of counting on PostgreSQL: on this process's bitmaps of the facet rows, read
    once per editorial generation (search/bitmaps.py), and in SQL when the editorial cache is
    off. (SQLite counts through the ORM lookups either way.)"""
    settings.FRAGMENT_CACHE_ENABLED = request.param == "bitmaps"
    return request.param


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


def facet_counts(client, **filters):
    return shown_counts(client.get("/recherche/", {"q": "cinéma", **filters}))


def test_facet_counts_follow_edits_of_hearings_and_organisms(client, corpus):
    """The facet values of each hearing are kept with the search (search/facts.py on
    PostgreSQL): editing a hearing or an organism changes the counts and the filtered hits."""
    from hearings.models import HearingOrganism, OrganismNature, Sector

    before = facet_counts(client)
    assert before["statut"] == expected_counts(corpus, {})["statut"]

    # A hearing's status, saved by publishing a revision.
    hearing = HearingPage.objects.get(pk=corpus[0].pk)
    old_status = hearing.status
    hearing.status = "annulee" if old_status != "annulee" else "prevue"
    hearing.save_revision().publish()
    after = facet_counts(client)
    assert after["statut"].get(old_status, 0) == before["statut"][old_status] - 1
    assert after["statut"][hearing.status] == before["statut"].get(hearing.status, 0) + 1

    # An organism's sectors (the admin form sets the many-to-many), and its nature.
    organism = corpus[0].organisms_heard.first().organism
    heard_by = {link.page_id for link in HearingOrganism.objects.filter(organism=organism)}
    hits_heard = [h for h in corpus if h.pk in heard_by and "cinéma" in h.summary]
    organism.sectors.set(Sector.objects.filter(slug="photographie"))
    after = facet_counts(client)
    assert after["secteur"]["photographie"] == len(hits_heard)
    response = client.get("/recherche/", {"q": "cinéma", "secteur": "photographie"})
    assert response.context["total"] == len(hits_heard)
    Sector.objects.get(slug="photographie").organisms.remove(organism)
    assert "photographie" not in facet_counts(client)["secteur"]

    organism.nature = OrganismNature.objects.get(slug="association")
    organism.save()
    assert facet_counts(client)["nature"]["association"] == len(hits_heard)

    # A hearing's organisms.
    hearing = HearingPage.objects.get(pk=corpus[1].pk)
    hearing.organisms_heard = [HearingOrganism(organism=organism)]
    hearing.save_revision().publish()
    heard_by = {link.page_id for link in HearingOrganism.objects.filter(organism=organism)}
    assert facet_counts(client)["nature"]["association"] == len(
        [h for h in corpus if h.pk in heard_by and "cinéma" in h.summary]
    )
    counts = facet_counts(client, nature="association")
    assert sum(counts["statut"].values()) == facet_counts(client)["nature"]["association"]


def test_a_full_reindex_writes_the_facet_values_again(client, corpus):
    before = facet_counts(client)
    if connection.vendor == "postgresql":
        from search import facts

        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {facts.TABLE}")  # noqa: S608
    call_command("update_index", verbosity=0)
    assert facet_counts(client) == before
