"""bench/scale_data.py: counts, threads as django-comments-xtd builds them, counts shown on pages."""

import random
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from bench.generate_scale_data import main as generate_scale_data
from bench.scale_data import (
    BIG_HEARING_COMMENTS,
    BIG_QUESTION_COMMENTS,
    BIG_QUESTION_SLUG,
    ScaleDataError,
    generate,
    scale_comments,
    scale_hearings,
    thread_fields,
)
from discussion.demo import create_comment
from discussion.models import PUBLISHED, DiscussionComment
from hearings.models import HearingIndexPage, HearingPage
from questions.models import QuestionPage

HEARINGS, COMMENTS = 40, 4000


@pytest.fixture(scope="class")
def scale_data(django_db_setup, django_db_blocker):
    """The demo content and the scale data (half a minute to build), built once for the tests of
    TestOnTheScaleData: in a transaction rolled back after the last of them. Each test runs in a
    savepoint of its own inside it (the `db` fixture), so none sees another's changes."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", stdout=StringIO())
        log = []
        result = generate(hearings=HEARINGS, comments=COMMENTS, log=log.append)
        yield result, "\n".join(log)
        transaction.set_rollback(True)


@pytest.fixture
def scale_site(scale_data, db):
    return scale_data


def published_on(page):
    return DiscussionComment.objects.filter(PUBLISHED, object_pk=str(page.pk)).count()


def test_thread_fields_match_what_xtd_computes(db):
    """The same threads written one comment at a time through XtdComment.save()."""
    from tests.discussion.conftest import make_hearing

    hearing = make_hearing()
    rng = random.Random(7)
    parents, levels = [], []
    for position in range(60):
        candidates = [p for p in range(max(0, position - 6), position) if levels[p] < 2]
        parent = rng.choice(candidates) if candidates and rng.random() < 0.6 else None
        parents.append(parent)
        levels.append(0 if parent is None else levels[parent] + 1)
    saved = []
    for parent in parents:
        saved.append(create_comment(hearing, "Texte", parent=None if parent is None else saved[parent]))
    for comment, (root, level, order, nested) in zip(saved, thread_fields(parents), strict=True):
        comment.refresh_from_db()
        assert (comment.thread_id, comment.level, comment.order, comment.nested_count) == (
            saved[root].pk,
            level,
            order,
            nested,
        )


def test_demo_content_is_required(db):
    with pytest.raises(ScaleDataError, match="load_demo_content"):
        generate(hearings=10, comments=3000, log=print)
    # The script says why and exits with an error status.
    with pytest.raises(SystemExit, match="2,500|500"):
        generate_scale_data(["--hearings", "10", "--comments", "100"])


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_scale_data(db, client):
    """The pages bench/load measures: as many queries on the demo content as with the scale data."""
    from questions.demo import MOST_COMMENTED_SLUG

    call_command("load_demo_content", stdout=StringIO())
    listings = [
        "/",
        "/auditions/",
        "/auditions/?secteur=musique&statut=realisee&mois=2012-11",
        "/questions/",
        "/recherche/?q=audition",
        "/chiffres-cles/",
    ]
    commented_hearing = max(HearingPage.objects.all(), key=published_on)
    demo_question = QuestionPage.objects.get(slug=MOST_COMMENTED_SLUG)
    before = {url: count_queries(client, url) for url in listings}
    before_hearing = count_queries(client, commented_hearing.url)
    before_question = count_queries(client, demo_question.url)
    generate(hearings=HEARINGS, comments=COMMENTS, log=print)
    # Never more queries; fewer when the newest cards no longer have an image (no rendition read).
    after = {url: count_queries(client, url) for url in listings}
    assert {url: min(after[url], before[url]) for url in listings} == after, (before, after)
    # The demo's most recent hearing may show more (video, captions, contributions, citations).
    assert count_queries(client, HearingPage.objects.get(slug="echelle-00001").url) <= before_hearing
    # The demo question also has related hearings to show: one more query than the big one.
    assert count_queries(client, QuestionPage.objects.get(slug=BIG_QUESTION_SLUG).url) <= before_question


@pytest.mark.xdist_group("scale_data")  # under xdist, one worker builds the data for all four
class TestOnTheScaleData:
    def test_counts_and_the_two_large_pages(self, scale_site):
        result, log = scale_site
        assert (result["hearings"], result["comments"]) == (HEARINGS, COMMENTS)
        assert re.search(r"Comments: \d+ created \(\d+\.\d s\)", log)  # timings are printed
        assert scale_hearings().count() == HEARINGS
        assert scale_hearings().live().count() == HEARINGS
        assert scale_comments().count() == COMMENTS
        big_hearing = HearingPage.objects.get(slug="echelle-00001")
        big_question = QuestionPage.objects.get(slug=BIG_QUESTION_SLUG)
        assert published_on(big_hearing) == BIG_HEARING_COMMENTS
        assert published_on(big_question) == BIG_QUESTION_COMMENTS
        # The tail: spread over many pages, some unpublished (unconfirmed or removed), none larger
        # than the 500-comment hearing among the hearings.
        tail = scale_comments().exclude(object_pk__in=[str(big_hearing.pk), str(big_question.pk)])
        per_page = {}
        for object_pk in tail.values_list("object_pk", flat=True):
            per_page[object_pk] = per_page.get(object_pk, 0) + 1
        assert len(per_page) > 10
        assert tail.filter(is_public=False, confirmed_at__isnull=True).exists()
        assert tail.filter(is_removed=True).exists()
        # The tree stays consistent: every new hearing is a child of the index, numchild is right.
        index = HearingIndexPage.objects.get()
        assert index.get_children().count() == index.numchild
        assert set(scale_hearings().values_list("pk", flat=True)) <= set(
            index.get_children().values_list("pk", flat=True)
        )
        assert HearingPage.objects.filter(organisms_heard__isnull=True).count() == 0

    def test_threads_are_consistent(self, scale_site):
        comments = {comment.pk: comment for comment in scale_comments()}
        levels = {0: 0, 1: 0, 2: 0}
        for comment in comments.values():
            levels[comment.level] += 1
            if comment.parent_id == comment.pk:
                assert comment.level == 0 and comment.thread_id == comment.pk and comment.order == 1
            else:
                parent = comments[comment.parent_id]
                assert comment.level == parent.level + 1
                assert comment.thread_id == parent.thread_id
                assert comment.object_pk == parent.object_pk
                assert comment.submit_date >= parent.submit_date
                assert comment.order > parent.order
        assert levels[1] and levels[2]  # replies, and replies to replies
        threads = {}
        for comment in sorted(comments.values(), key=lambda c: (c.thread_id, c.order)):
            threads.setdefault(comment.thread_id, []).append(comment)
        for thread in threads.values():
            assert [comment.order for comment in thread] == list(range(1, len(thread) + 1))
            for position, comment in enumerate(thread):  # pre-order: the subtree follows its root
                below = thread[position + 1 : position + 1 + comment.nested_count]
                assert all(other.level > comment.level for other in below)
                after = thread[position + 1 + comment.nested_count : position + 2 + comment.nested_count]
                assert all(other.level <= comment.level for other in after)

    def test_pages_show_the_counts(self, scale_site, client):
        big_hearing = HearingPage.objects.get(slug="echelle-00001")
        html = client.get(big_hearing.url).content.decode()
        assert f"Commentaires ({BIG_HEARING_COMMENTS})" in html
        big_question = QuestionPage.objects.get(slug=BIG_QUESTION_SLUG)
        html = client.get(big_question.url).content.decode()
        assert f"Commentaires ({BIG_QUESTION_COMMENTS})" in html
        assert f"{BIG_QUESTION_COMMENTS} commentaires" in html
        questions = client.get("/questions/").content.decode()
        assert f"{BIG_QUESTION_COMMENTS} commentaires" in questions
        # Each card of the hearing list shows the published comments of its hearing.
        html = client.get("/auditions/?page=2").content.decode()
        cards = re.findall(
            r'<a href="/auditions/([\w-]+)/">.*?fr-icon-chat-3-line">(\d+) commentaires?</p>', html, re.S
        )
        assert len(cards) == 20
        shown = {slug: int(count) for slug, count in cards}
        expected = {slug: published_on(HearingPage.objects.get(slug=slug)) for slug in shown}
        assert shown == expected
        assert any(shown.values())

    def test_running_again_does_nothing_and_another_size_is_refused(self, scale_site):
        log = []
        generate(hearings=HEARINGS, comments=COMMENTS, log=log.append)
        assert any("already there" in line for line in log)
        assert scale_comments().count() == COMMENTS
        with pytest.raises(ScaleDataError, match="Another scale data set"):
            generate(hearings=HEARINGS + 1, comments=COMMENTS, log=print)
