"""The card queries compiled once (search/statements.py) give what their querysets give."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from discussion.counts import comment_count_rows, comment_counts
from discussion.demo import create_comment
from events.models import TripEventPage, TripIndexPage
from hearings.models import HearingOrganism
from home.demo import get_home_page, get_or_create_child_page
from questions.models import QuestionIndexPage, QuestionPage
from search.engine import COMMENT_COUNTS, describe
from search.html import result_cards
from search.registry import _organisms_query, registry
from search.statements import MAX_COMPILED_IDS, IdsQuery
from tests.search.helpers import make_hearing, make_organism

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard(taxonomy):
    organisms = [make_organism(f"Organisme {number}", acronym=f"O{number}") for number in range(4)]
    return [make_hearing(f"Audition {number}", organisms[number:]) for number in range(4)]


def test_organism_rows_are_the_queryset_s_for_any_ids(heard):
    query = _organisms_query("hearings.HearingPage", "organisms_heard")
    pks = [hearing.pk for hearing in heard]
    for ids in [pks, pks[:1], pks[1:3], [pks[2], pks[0], pks[2]], [pks[3], 999_999], [999_999]]:
        assert sorted(query.rows(ids)) == sorted(query.build(list(dict.fromkeys(ids))))
    assert query.rows([]) == []
    assert len(query.rows(pks)) == 4 + 3 + 2 + 1


def test_a_compiled_query_is_reused_and_only_its_ids_change(heard):
    query = _organisms_query("hearings.HearingPage", "organisms_heard")
    first, second = heard[0].pk, heard[3].pk
    with CaptureQueriesContext(connection) as queries:
        query.rows([first])
        rows = query.rows([second])
    assert [row[0] for row in rows] == [second]
    assert [row[1:] for row in rows] == [("Organisme 3", "O3")]
    assert queries.captured_queries[0]["sql"] == queries.captured_queries[1]["sql"].replace(
        str(second), str(first)
    )


def test_comment_counts_of_the_cards_are_the_published_ones(client, heard):
    published, removed, hidden = heard[0], heard[1], heard[2]
    for text in ["Un.", "Deux.", "Trois."]:
        create_comment(published, text)
    create_comment(removed, "Retiré.", is_removed=True)
    create_comment(removed, "Gardé.")
    create_comment(hidden, "Masqué.", hidden_by_flags=True)
    create_comment(hidden, "Non publié.", is_public=False)
    hearing_type = registry.get("audition")
    cards = describe([(hearing_type, page) for page in heard], "audition", None)
    assert {card.page.pk: card.comment_count for card in cards} == comment_counts(heard)
    assert [card.comment_count for card in cards] == [3, 1, 0, 0]
    assert sorted(COMMENT_COUNTS.rows([str(heard[0].pk), str(heard[1].pk)])) == sorted(
        comment_count_rows([str(heard[0].pk), str(heard[1].pk)])
    )


def test_without_telling_the_stand_ins_apart_or_with_many_ids_the_queryset_runs(heard):
    links = HearingOrganism.objects.order_by("pk")
    # A queryset that drops the ids: no stand-in among its parameters, nothing compiled.
    ignoring = IdsQuery(HearingOrganism, lambda ids: links.values_list("page_id"), lambda index: -1 - index)
    assert ignoring.rows([heard[0].pk]) == list(links.values_list("page_id"))
    assert ignoring._compiled == {("default", 1): None}
    query = IdsQuery(
        HearingOrganism,
        lambda ids: links.filter(page_id__in=ids).values_list("page_id"),
        lambda index: -1 - index,
    )
    many = [heard[0].pk, *range(10**6, 10**6 + MAX_COMPILED_IDS)]
    assert query.rows(many) == [(heard[0].pk,)] * 4
    assert query._compiled == {("default", MAX_COMPILED_IDS + 1): None}


def test_cards_read_nothing_but_their_fields_of_each_type_of_page(heard):
    home = get_home_page()
    questions, _created = get_or_create_child_page(home, QuestionIndexPage, "questions", title="Questions")
    trips, _created = get_or_create_child_page(home, TripIndexPage, "deplacements", title="Déplacements")
    question, _created = get_or_create_child_page(
        questions, QuestionPage, "une-question", title="Une question", introduction="Pourquoi ?",
        theme=QuestionPage.Theme.PRACTICES, asked_on=datetime.date(2012, 10, 1),
    )  # fmt: skip
    trip, _created = get_or_create_child_page(
        trips, TripEventPage, "rennes", title="Déplacement à Rennes", city="Rennes", region="Bretagne",
        start_date=datetime.date(2012, 11, 5), end_date=datetime.date(2012, 11, 6), summary="Visite.",
    )  # fmt: skip
    pages = {"audition": heard[0], "question": question, "deplacement": trip}
    for slug, page in pages.items():
        searchable_type = registry.get(slug)
        loaded = searchable_type.model.objects.only(*searchable_type.card_fields).get(pk=page.pk)
        with CaptureQueriesContext(connection) as queries:
            html = result_cards(describe([(searchable_type, loaded)], "question visite", None))
        tables = {searchable_type.model._meta.db_table, "wagtailcore_page"}
        assert not [query for query in queries if any(f'FROM "{table}"' in query["sql"] for table in tables)]
        assert f">{page.title}</a>" in html
