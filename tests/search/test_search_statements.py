"""The search statement built once per shape of query (search.postgres.ranked_hits_statement) is
the one the ORM builds for the words searched."""

import pytest

from events.models import TripEventPage
from hearings.models import HearingPage
from search.engine import build_search_query
from tests.search.conftest import postgresql_only

pytestmark = [pytest.mark.django_db, postgresql_only]

QUERIES = [
    ("copie", "and"),
    ("copie privée", "and"),
    ("ce qu'a dit la SACEM sur la copie privée", "or"),
    ('"copie privée"', "and"),
    ('"copie privée" SACEM 2012', "and"),
    ('"prix unique" "du livre" librairie', "or"),
    ("télévision television TÉLÉVISION", "and"),
    ("zzmot0zz zzmot1zz suite", "and"),  # words that look like the placeholders
    ("droit_voisin 42", "and"),
]


@pytest.mark.parametrize(("text", "operator"), QUERIES)
@pytest.mark.parametrize("model", [HearingPage, TripEventPage])
@pytest.mark.parametrize("few_entries", [200, -1])  # both plans: see search.postgres.FEW_ENTRIES
def test_the_statement_of_a_shape_is_the_one_built_for_the_words(
    taxonomy, monkeypatch, text, operator, model, few_entries
):
    from search import postgres

    monkeypatch.setattr(postgres, "FEW_ENTRIES", few_entries)
    postgres._statements.clear()
    base = model.objects.live()
    for _ in range(2):  # built for placeholders, then taken from the process's statements
        for query_text in (text, text.upper()):
            query = build_search_query(query_text, operator=operator)
            expected = postgres.ranked_hits_sql(base.search(query), model)
            assert postgres.ranked_hits_statement(base, model, query) == expected
    assert len(postgres._statements) == 1
