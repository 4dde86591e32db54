"""Published comments are searched, with their author and anchor; no other comment is."""

import pytest
from django.db import connection
from wagtail.models import PageViewRestriction

from discussion import services
from discussion.demo import create_comment
from search.models import SearchDocument, SearchTerm
from tests.search.conftest import postgresql_only

pytestmark = pytest.mark.django_db


def cards(client, q, **params):
    response = client.get("/recherche/", {"q": q, **params})
    assert response.status_code == 200
    return response, response.context["results"]


def test_a_published_comment_is_found_with_author_excerpt_page_and_anchor(client, hearings):
    comment = create_comment(hearings["sacem"], "Le kiosque numérique oublie les créateurs.", name="Nadia B.")
    response, found = cards(client, "kiosque")
    assert [(card.kind, card.author, card.title) for card in found] == [
        ("commentaire", "Nadia B.", "Audition de la SACEM")
    ]
    assert found[0].url == f"{hearings['sacem'].url}#c{comment.pk}"
    html = response.content.decode()
    assert "Commentaire de Nadia B." in html
    assert "<mark>kiosque</mark>" in html
    assert "Sur « Audition de la SACEM »" in html
    assert f'href="/auditions/audition-de-la-sacem/#c{comment.pk}"' in html


def test_comments_and_pages_mix_and_the_type_facet_filters_comments(client, hearings):
    create_comment(hearings["snjv"], "La copie privée finance aussi les studios.")
    _response, found = cards(client, "copie privée")
    assert sorted(card.kind for card in found) == ["audition", "audition", "commentaire"]
    response, found = cards(client, "copie privée", type="commentaire")
    assert [card.kind for card in found] == ["commentaire"]
    facet = next(facet for facet in response.context["facets"] if facet["name"] == "type")
    assert {option["value"]: option["count"] for option in facet["options"]} == {
        "audition": 2,
        "commentaire": 1,
    }
    assert "Commentaire (1)" in response.content.decode()
    # A comment is narrowed by its page's sector.
    _response, found = cards(client, "copie privée", secteur="jeu-video")
    assert sorted(card.kind for card in found) == ["audition", "commentaire"]


@pytest.mark.parametrize(
    "fields",
    [
        {"confirmed_at": None, "is_public": False},  # unconfirmed
        {"is_public": False},  # awaiting moderation
        {"is_removed": True},
        {"hidden_by_flags": True},
    ],
)
def test_unpublished_comments_are_never_found(client, hearings, fields):
    create_comment(hearings["sacem"], "Un mot secret : zanzibar.", **fields)
    assert cards(client, "zanzibar")[1] == []


def test_a_comment_hidden_or_removed_later_leaves_the_results_at_once(client, hearings):
    comment = create_comment(hearings["sacem"], "Un mot rare : zanzibar.")
    assert len(cards(client, "zanzibar")[1]) == 1
    # Hidden by an UPDATE (flags), which sends no signal: the search reads the comment's state.
    type(comment).objects.filter(pk=comment.pk).update(hidden_by_flags=True)
    assert cards(client, "zanzibar")[1] == []
    type(comment).objects.filter(pk=comment.pk).update(hidden_by_flags=False)
    services.remove(comment, "publicite")
    assert cards(client, "zanzibar")[1] == []
    assert not SearchDocument.objects.filter(comment_id=comment.pk).exists()


def test_comments_under_a_private_or_unpublished_page_are_not_found(client, hearings):
    create_comment(hearings["sacem"], "Un mot rare : zanzibar.")
    restriction = PageViewRestriction.objects.create(
        page=hearings["sacem"], restriction_type=PageViewRestriction.LOGIN
    )
    assert cards(client, "zanzibar")[1] == []
    restriction.delete()
    assert len(cards(client, "zanzibar")[1]) == 1
    hearings["sacem"].unpublish()
    assert cards(client, "zanzibar")[1] == []


# --- « Vouliez-vous dire » ----------------------------------------------------------------------


def test_a_typo_gets_a_suggestion_that_runs_it(client, hearings):
    response, found = cards(client, "musiqe")
    assert found == []
    assert response.context["suggestion"] == "musique"
    html = response.content.decode()
    assert 'Vouliez-vous dire : <a class="fr-link" href="?q=musique">musique</a> ?' in html
    assert len(cards(client, "musique")[1]) == 1


def test_a_suggestion_keeps_the_known_words_and_the_filters(client, hearings):
    response, _found = cards(client, "copie privee remuneratoin", secteur="musique")
    assert response.context["suggestion"] == "copie privee rémunération"
    assert (
        response.context["suggestion_query_string"] == "q=copie+privee+r%C3%A9mun%C3%A9ration&secteur=musique"
    )


def test_no_suggestion_from_words_of_pages_the_visitor_cannot_see(client, hearings):
    PageViewRestriction.objects.create(page=hearings["csa"], restriction_type=PageViewRestriction.LOGIN)
    # « télévision » is only in the restricted hearing: the vocabulary knows it, the visitor does not.
    assert SearchTerm.objects.filter(word="television").exists()
    assert cards(client, "televisoin")[0].context["suggestion"] is None


def test_no_suggestion_when_enough_is_found(client, hearings):
    assert cards(client, "audition")[0].context["suggestion"] is None


def test_rebuilding_all_documents_gives_the_same_search(client, hearings):
    from django.core.management import call_command

    create_comment(hearings["sacem"], "Le kiosque numérique.")
    before = [(card.kind, card.title) for card in cards(client, "kiosque SACEM")[1]]
    call_command("rebuild_search_documents", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [(card.kind, card.title) for card in cards(client, "kiosque SACEM")[1]] == before
    assert SearchTerm.objects.get(word="kiosque").document_count == 1


@postgresql_only
def test_postgresql_has_the_vector_and_trigram_indexes(hearings):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'search_%%'")
        names = {row[0] for row in cursor.fetchall()}
        assert {"search_document_vector", "search_term_trigram"} <= names
        cursor.execute("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone()[0] == 1
    assert SearchDocument.objects.filter(vector__isnull=False).count() == SearchDocument.objects.count()


def test_imported_hearings_are_found_once_the_import_commits(
    client, taxonomy, django_capture_on_commit_callbacks
):
    """The import publishes without revisions (no page_published): the documents follow its commit."""
    from pathlib import Path

    from django.core.management import call_command

    from hearings.demo import get_or_create_hearing_index
    from home.demo import load_mission_pages

    home, _pages = load_mission_pages()
    get_or_create_hearing_index(home)
    example = Path(__file__).resolve().parents[2] / "hearings" / "fixtures" / "auditions_exemple.csv"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_hearings", str(example), stdout=open("/dev/null", "w"))  # noqa: SIM115
    titles = [card.title for card in cards(client, "musique en ligne")[1]]
    assert "Table ronde sur la musique en ligne" in titles


def test_wagtails_database_backend_does_not_copy_the_documents(hearings):
    """SearchDocument is indexed in Wagtail's backend only when it is an outside engine."""
    from django.core.management import call_command
    from wagtail.search.models import IndexEntry

    call_command("update_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert SearchDocument.objects.exists()
    assert not IndexEntry.objects.filter(content_type__model="searchdocument").exists()


def test_each_document_keeps_its_facet_values_in_one_column_for_the_counts(hearings):
    """The facet counts group documents by `facet_values`: it holds exactly their facet rows."""
    create_comment(hearings["sacem"], "Un avis sur la copie privée.")
    documents = SearchDocument.objects.prefetch_related("facets")
    assert {document.kind for document in documents} >= {"audition", "commentaire"}
    for document in documents:
        rows = sorted(f"{facet.dimension}={facet.value}" for facet in document.facets.all())
        assert document.facet_values.splitlines() == rows
        assert f"type={document.kind}" in rows
