"""Many clients at once against a live server: nothing lost, nothing doubled, threads intact.

Real HTTP requests (stdlib urllib) from threads, served by the live server's threaded WSGI
server, each request on its own PostgreSQL connection. SQLite serialises every write and the
test database lives in memory, so there the race would not be a race: these tests run on
PostgreSQL only.
"""

import secrets
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from discussion.counts import comment_counts
from discussion.models import DiscussionComment
from questions.models import Subscriber
from tests.concurrency import run_at_once
from tests.discussion.conftest import form_data, make_hearing

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent writes only race on PostgreSQL; SQLite serialises them (in-memory test database)",
)

CLIENTS = 20
COMMENTS_EACH = 10
ROOTS = 4


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post(url, fields, cookies=None):
    """POST a form; returns the status code (redirects are not followed)."""
    csrf = secrets.token_hex(16)  # 32 characters: a valid unmasked CSRF secret
    body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": csrf}).encode()
    cookie = "; ".join(f"{name}={value}" for name, value in {**(cookies or {}), "csrftoken": csrf}.items())
    # Only ever the live server's http:// URL.
    request = urllib.request.Request(url, data=body, headers={"Cookie": cookie}, method="POST")  # noqa: S310
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def session_cookie(user):
    client = Client()
    client.force_login(user)
    return {"sessionid": client.cookies["sessionid"].value}


def test_twenty_logged_in_clients_post_ten_comments_each_at_once(live_server, transactional_db, settings):
    # Every client comes from 127.0.0.1: the per-address limit would stop them after five.
    settings.DISCUSSION_RATE_LIMITS = {"per_minute": 10_000, "per_day": 10_000}
    hearing = make_hearing()
    url = live_server.url + "/commentaires/publier/"
    users = [
        get_user_model().objects.create_user(f"contributeur{n}", email=f"contributeur{n}@example.org")
        for n in range(CLIENTS)
    ]
    # A few threads exist before the burst; half of every client's comments reply to them.
    for n in range(ROOTS):
        assert post(url, form_data(hearing, comment=f"Fil {n}"), session_cookie(users[0])) == 302
    roots = list(DiscussionComment.objects.filter(object_pk=str(hearing.pk)).order_by("pk"))
    assert len(roots) == ROOTS

    statuses = Counter()
    lock = threading.Lock()

    def client_worker(n, cookies):
        def work():
            for k in range(COMMENTS_EACH):
                extra = {"reply_to": roots[(n + k) % ROOTS].pk} if k % 2 else {}
                status = post(url, form_data(hearing, comment=f"Avis {n}-{k}", **extra), cookies)
                with lock:
                    statuses[status] += 1

        return work

    errors = run_at_once([client_worker(n, session_cookie(user)) for n, user in enumerate(users)])
    assert errors == []
    assert statuses == {302: CLIENTS * COMMENTS_EACH}  # every one published at once

    comments = list(
        DiscussionComment.objects.filter(object_pk=str(hearing.pk)).order_by("thread_id", "order")
    )
    texts = Counter(comment.comment for comment in comments)
    expected = {f"Avis {n}-{k}" for n in range(CLIENTS) for k in range(COMMENTS_EACH)}
    assert {text for text in texts if text.startswith("Avis")} == expected
    assert max(texts.values()) == 1  # stored exactly once
    assert len(comments) == ROOTS + CLIENTS * COMMENTS_EACH
    assert all(comment.is_published for comment in comments)

    # Threads intact: a top-level comment is its own thread; a reply sits one level below its
    # parent, in its parent's thread; within a thread the order is 1..n, the root first.
    by_thread = defaultdict(list)
    for comment in comments:
        by_thread[comment.thread_id].append(comment)
        if comment.level == 0:
            assert comment.thread_id == comment.pk == comment.parent_id
    replies = {root.pk: [] for root in roots}
    for comment in comments:
        if comment.level:
            assert comment.level == 1
            assert comment.parent_id in replies
            assert comment.thread_id == comment.parent_id
            assert comment.comment.startswith("Avis ")
            n, k = map(int, comment.comment.split()[1].split("-"))
            assert k % 2 == 1 and roots[(n + k) % ROOTS].pk == comment.parent_id
            replies[comment.parent_id].append(comment)
    assert sum(len(thread) for thread in replies.values()) == CLIENTS * COMMENTS_EACH // 2
    for thread_id, thread in by_thread.items():
        assert [comment.order for comment in thread] == list(range(1, len(thread) + 1)), thread_id
        assert thread[0].pk == thread_id
    for root in roots:
        root.refresh_from_db()
        assert root.nested_count == len(replies[root.pk])

    assert comment_counts([hearing])[hearing.pk] == ROOTS + CLIENTS * COMMENTS_EACH
    response = Client().get(hearing.url)
    assert response.status_code == 200
    assert response.content.decode().count('id="c') >= ROOTS + 1


def test_ten_clients_subscribing_the_same_email_at_once_make_one_subscriber(
    live_server, transactional_db, settings
):
    settings.SUBSCRIBE_RATE_LIMIT = (1_000, 3600)
    url = live_server.url + "/abonnement/"
    statuses = Counter()
    lock = threading.Lock()

    def work(n):
        def subscribe():
            # The same address, written differently: the normalised form is what must be unique.
            email = "Lectrice@Example.org" if n % 2 else "lectrice@example.org"
            status = post(url, {"email": email})
            with lock:
                statuses[status] += 1

        return subscribe

    errors = run_at_once([work(n) for n in range(10)])
    assert errors == []
    assert statuses == {302: 10}
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["lectrice@example.org"]
