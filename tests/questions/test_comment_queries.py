"""A question page with thousands of comments: one page of threads, a fixed number of queries."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from discussion.demo import create_threads
from tests.questions.conftest import make_question


def render(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_question_page_query_count_does_not_grow_with_comments(client, blog):
    small = make_question(blog, "petite", "Une question peu commentée ?")
    large = make_question(blog, "grande", "Une question très commentée ?")
    create_threads(small, threads=4, replies=1)
    create_threads(large, threads=300, replies=3)  # 1,200 comments
    client.get(small.url)
    client.get(large.url)  # warm the per-process caches (site root paths, content types)
    small_count, _ = render(client, small.url)
    large_count, html = render(client, large.url)
    assert large_count == small_count
    assert "Commentaires (1200)" in html and "1200 commentaires" in html
    assert html.count('class="discussion-comment ') == 30 * 4  # the first 30 threads only
    last_count, last = render(client, large.url + "?commentaires=10")
    assert last_count == small_count
    assert len(re.findall(r'<article id="c\d+"', last)) == 30 * 4
