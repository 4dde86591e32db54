"""Frontend cache purges (home/frontend_cache.py, wagtail.contrib.frontend_cache), received by a
real HTTP server standing in for Varnish or nginx."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from discussion import services
from discussion.demo import create_comment
from discussion.models import DiscussionComment
from hearings.models import Organism
from tests.discussion.conftest import make_hearing


class PurgeRecorder(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.server.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield server
    server.shutdown()
    server.server_close()


def purged_paths(proxy):
    return {path for _, path in proxy.purged}


def test_nothing_is_purged_when_no_frontend_cache_is_configured(
    proxy, db, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {}
    hearing = make_hearing()
    with django_capture_on_commit_callbacks(execute=True):
        create_comment(hearing, "Sans cache frontal.")
        hearing.save_revision().publish()
    assert proxy.purged == []


def test_publishing_purges_the_page(proxy, db):
    hearing = make_hearing()
    proxy.purged.clear()
    hearing.title = "Audition renommée"
    hearing.save_revision().publish()
    assert purged_paths(proxy) == {hearing.url}
    assert {host for host, _ in proxy.purged} == {"localhost"}


def test_a_published_or_removed_comment_purges_its_page_and_the_listings_above(
    proxy, db, django_capture_on_commit_callbacks
):
    hearing = make_hearing()
    proxy.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment = create_comment(hearing, "Un commentaire publié.")
    assert purged_paths(proxy) == {hearing.url, "/auditions/", "/"}

    proxy.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.remove(DiscussionComment.objects.get(pk=comment.pk), "hors-sujet")
    assert purged_paths(proxy) == {hearing.url, "/auditions/", "/"}


def test_an_unconfirmed_comment_purges_nothing(proxy, db, django_capture_on_commit_callbacks):
    hearing = make_hearing()
    proxy.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        create_comment(hearing, "En attente.", is_public=False, confirmed_at=None, published_at=None)
    assert proxy.purged == []


def test_editing_a_snippet_purges_the_pages_that_reference_it(proxy, db, django_capture_on_commit_callbacks):
    hearing = make_hearing()
    other = make_hearing(slug="audition-autre", title="Une autre audition")
    organism = Organism.objects.get(slug="org-audition-sacd")
    proxy.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        organism.name = "Nom corrigé"
        organism.save()
    assert purged_paths(proxy) == {hearing.url, "/auditions/", "/"}
    assert other.url not in purged_paths(proxy)

    # A term reaches the hearings through the organisms that use it.
    proxy.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        nature = organism.nature
        nature.name = "Nature corrigée"
        nature.save()
    assert {hearing.url, other.url} <= purged_paths(proxy)
