"""The moderation queue's paging and counting (discussion/queue.py): the page's ids read first,
then its rows; the filtered list counted once; a text search's count stopped at a limit."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from discussion.demo import create_comment, create_threads
from discussion.models import DiscussionComment
from discussion.queue import QueuePaginator
from tests.discussion.test_export import make_question

QUEUE = "/admin/discussion/discussioncomment/"
SELECTED = re.compile(r'name="selected" value="(\d+)"')
RESULT_COUNT = re.compile(r'<span class="result-count">(.*?)</span>', re.S)


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderatrice", "mod@example.org", "x")
    user.groups.add(Group.objects.get(name="Modérateurs"))
    return user


def listed(client, **query):
    """The ids of the comments a queue page lists, in order, and its « N sur M »."""
    html = client.get(QUEUE, query).content.decode()
    return [int(pk) for pk in SELECTED.findall(html)], " ".join(RESULT_COUNT.search(html).group(1).split())


def test_pages_list_every_comment_once_newest_first(client, moderator, hearing):
    comments = create_threads(hearing, threads=60, replies=1)  # 120 comments, 50 a page
    client.force_login(moderator)
    pages = [listed(client, p=number) for number in (1, 2, 3)]
    assert [len(ids) for ids, _count in pages] == [50, 50, 20]
    newest_first = [c.pk for c in sorted(comments, key=lambda c: c.submit_date, reverse=True)]
    assert [pk for ids, _count in pages for pk in ids] == newest_first
    assert {count for _ids, count in pages} == {"120 sur 120"}


def test_filters_and_search_list_the_right_comments(client, moderator, hearing):
    create_threads(hearing, threads=30, replies=1)
    question = make_question("remuneration", "Rémunérer ?")
    on_question = create_comment(question, "La copie privée finance la création", name="Anne")
    held = create_comment(
        hearing,
        "Une copie en attente",
        name="Zoé",
        email="zoe@exemple.fr",
        is_public=False,
        published_at=None,
    )
    client.force_login(moderator)
    assert listed(client, section="questionpage") == ([on_question.pk], "1 sur 62")
    assert listed(client, etat="a-moderer") == ([held.pk], "1 sur 62")
    assert listed(client, q="copie") == ([held.pk, on_question.pk], "2 sur 62")
    assert listed(client, q="copie", etat="publie") == ([on_question.pk], "1 sur 62")
    assert listed(client, q="zoe@exemple") == ([held.pk], "1 sur 62")
    assert listed(client, q="introuvable") == ([], "0 sur 62")


@pytest.mark.parametrize(
    ("query", "counts"),
    [({}, 1), ({"etat": "publie"}, 2), ({"section": "hearingpage"}, 2), ({"q": "rémunération"}, 2)],
)
def test_the_list_is_counted_once(client, moderator, hearing, query, counts):
    """One count of the listed comments (the library counted them twice, and every comment a
    third time); a filter or a search adds the count of every comment (« N sur M »)."""
    create_threads(hearing, threads=30, replies=1)
    client.force_login(moderator)
    client.get(QUEUE, query)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(QUEUE, query).status_code == 200
    assert sum("COUNT(" in query["sql"] for query in queries.captured_queries) == counts
    assert len(queries) <= 20


def test_a_search_count_stops_at_its_limit(hearing):
    start = timezone.now() - timedelta(days=1)
    found = [create_comment(hearing, f"Copie {n}", when=start + timedelta(minutes=n)) for n in range(5)]
    create_comment(hearing, "Autre chose")
    matches = DiscussionComment.objects.filter(comment__icontains="copie").order_by("-submit_date")

    limited = QueuePaginator(matches, 2, count_limit=3)
    assert (limited.count, limited.count_is_limited, limited.num_pages) == (3, True, 2)
    assert str(limited.result_count_label) == "plus de 3"
    assert str(limited.items_count_label) == "plus de 3 commentaires"
    assert list(limited.page(1).object_list) == [found[4], found[3]]
    assert list(limited.page(2).object_list) == [found[2]]

    exact = QueuePaginator(matches, 2, count_limit=10)
    assert (exact.count, exact.count_is_limited, exact.result_count_label) == (5, False, 5)
    assert list(exact.page(3).object_list) == [found[0]]


def test_flagged_lists_the_comments_waiting_for_a_decision_on_their_flags(client, moderator, hearing):
    """« signalés » (discussion.models.FLAGGED, which the discussion_flagged index covers)."""
    start = timezone.now() - timedelta(days=1)

    def comment(text, minutes, **fields):
        created = create_comment(hearing, text, when=start + timedelta(minutes=minutes))
        DiscussionComment.objects.filter(pk=created.pk).update(**fields)
        return created

    hidden = comment("Masqué", 1, hidden_by_flags=True, flag_count=3, is_public=False)
    waiting = comment("Signalé, à examiner", 2, flag_count=1)
    comment("Signalé puis examiné", 3, flag_count=2, flags_reviewed=True)
    comment("Signalé puis retiré", 4, flag_count=1, is_removed=True)
    comment("Jamais signalé", 5)
    client.force_login(moderator)
    assert listed(client, etat="signale") == ([waiting.pk, hidden.pk], "2 sur 5")


@pytest.mark.parametrize("ordering", [("-submit_date", "-pk"), ("submit_date", "-pk"), ("-user_name", "-pk")])
def test_a_short_list_is_paged_in_the_database_order(hearing, ordering):
    """A short list (one page's comments) is sorted in Python on dates and ids (discussion/queue.py),
    a text column by the database: the same pages either way, ties on the date included."""
    comments = create_threads(hearing, threads=30, replies=1)
    same_time = timezone.now() - timedelta(days=3)
    DiscussionComment.objects.filter(pk__in=[c.pk for c in comments[:20]]).update(submit_date=same_time)
    queryset = DiscussionComment.objects.filter(object_pk=str(hearing.pk)).order_by(*ordering)
    paginator = QueuePaginator(queryset, 25)
    sorted_here = paginator._python_ordering() is not None
    assert sorted_here == (ordering[0] != "-user_name")
    with CaptureQueriesContext(connection) as queries:
        paged = [c.pk for number in paginator.page_range for c in paginator.page(number).object_list]
    assert paged == list(queryset.values_list("pk", flat=True))
    first = queries.captured_queries[1]["sql"]  # after the count: the ids of the first page
    assert ("ORDER BY" not in first) == sorted_here


def test_a_search_and_an_empty_list_are_not_read_whole(hearing):
    """A search's count stops at its limit: its page is read ordered, with a LIMIT, by the
    database (sorted here, all its matches would be read); an empty list reads no ids at all."""
    create_threads(hearing, threads=5, replies=1)
    queryset = DiscussionComment.objects.filter(object_pk=str(hearing.pk)).order_by("-submit_date", "-pk")
    search = QueuePaginator(queryset, 25, count_limit=1000)
    search.count  # noqa: B018 - counted before the page, as the queue does
    with CaptureQueriesContext(connection) as queries:
        search.page(1)
    assert "ORDER BY" in queries.captured_queries[0]["sql"]
    assert "LIMIT" in queries.captured_queries[0]["sql"]
    empty = QueuePaginator(queryset.none(), 25)
    with CaptureQueriesContext(connection) as queries:
        assert list(empty.page(1).object_list) == []
    assert len(queries) == 0
