"""Frontend cache purges (frontcache/purges.py and Wagtail's own), received by a real HTTP server
standing in for Varnish; the same through a real Varnish: tests/frontcache/test_varnish.py."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from discussion import services
from discussion.demo import create_comment
from discussion.models import DiscussionComment, VisitorReaction
from hearings.models import Organism
from home.models import StandardPage
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


HEARING_LISTING = {
    "/auditions/",
    "/auditions/repartition/",
    "/auditions/export.csv",
    "/auditions/export.json",
    "/auditions/feed/",
    "/auditions/calendar.ics",
}


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


def test_publishing_purges_the_listings_above_with_their_feeds_and_exports(
    proxy, db, django_capture_on_commit_callbacks
):
    hearing = make_hearing()
    proxy.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        hearing.title = "Audition renommée"
        hearing.save_revision().publish()
    # Wagtail purges the page; the index, its feed, calendar and exports list it, so does the home page.
    assert purged_paths(proxy) == {hearing.url, *HEARING_LISTING, "/"}

    proxy.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        hearing.unpublish()
    assert purged_paths(proxy) == {hearing.url, *HEARING_LISTING, "/"}


def test_a_published_or_removed_comment_purges_its_page_and_the_listings_above(
    proxy, db, django_capture_on_commit_callbacks
):
    hearing = make_hearing()
    proxy.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment = create_comment(hearing, "Un commentaire publié.")
    # The listings' first pages show the count; the page's comment feed lists the comment.
    feed = f"/flux/commentaires/{hearing.pk}/"
    assert purged_paths(proxy) == {hearing.url, "/auditions/", "/", feed}

    proxy.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.remove(DiscussionComment.objects.get(pk=comment.pk), "hors-sujet")
    assert purged_paths(proxy) == {hearing.url, "/auditions/", "/", feed}


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
    # The listing, its breakdown, exports and feed name the organism.
    assert purged_paths(proxy) == {hearing.url, *HEARING_LISTING, "/"}
    assert other.url not in purged_paths(proxy)

    # A term reaches the hearings through the organisms that use it.
    proxy.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        nature = organism.nature
        nature.name = "Nature corrigée"
        nature.save()
    assert {hearing.url, other.url} <= purged_paths(proxy)


def test_a_like_purges_its_page_only(proxy, db, django_capture_on_commit_callbacks):
    hearing = make_hearing()
    comment = create_comment(hearing, "Un commentaire à aimer.")
    proxy.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.react(comment, VisitorReaction.Kind.LIKE, "visiteur-1")
    assert purged_paths(proxy) == {hearing.url}


def test_moving_a_page_purges_its_old_and_new_addresses_and_both_listings(
    proxy, mission_site, django_capture_on_commit_callbacks
):
    home, pages = mission_site
    mission = pages["la-mission"]
    child = mission.add_child(instance=StandardPage(title="Sous-page", slug="sous-page"))
    target = home.get_children().exclude(pk=mission.pk).filter(live=True).first()
    proxy.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        mission.move(target, pos="last-child")
    new = target.specific.url + "la-mission/"
    assert {
        "/la-mission/",
        "/la-mission/sous-page/",
        new,
        new + "sous-page/",
        target.url,
        "/",
    } <= purged_paths(proxy)
    assert child.pk


def test_nothing_is_purged_for_a_draft(proxy, mission_site, django_capture_on_commit_callbacks):
    _, pages = mission_site
    mission = pages["la-mission"].specific
    proxy.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        mission.title = "Brouillon"
        mission.save_revision()
    assert proxy.purged == []
