"""The site behind a real Varnish running deploy/varnish/default.vcl (tests/varnish.py): what it
stores, what it never stores, and Wagtail's purges reaching it."""

import http.server
import threading
import time

from django.contrib.auth import get_user_model

from discussion.demo import create_comment
from tests.discussion.conftest import make_hearing
from tests.live_servers import get
from tests.varnish import varnishd

# The default site's name: Wagtail purges its pages' full URLs, under this Host.
SITE = {"Host": "localhost"}


def through(varnish, path, headers=None, data=None):
    return get(varnish.url + path, data, {**SITE, **(headers or {})})


def until(predicate, seconds=1.0):
    """Whether `predicate()` holds within `seconds` (asked again every 50 ms)."""
    deadline = time.monotonic() + seconds
    while True:
        if predicate():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def test_a_published_edit_shows_through_varnish_within_a_second(varnish, transactional_db):
    hearing = make_hearing()
    assert through(varnish, hearing.url)[1]["X-Cache"] == "MISS"
    status, headers, body = through(varnish, hearing.url)
    assert (status, headers["X-Cache"]) == (200, "HIT")
    hearing.title = "Audition de la SACD, compte rendu publié"
    hearing.save_revision().publish()
    assert until(lambda: "compte rendu publié" in through(varnish, hearing.url)[2])
    # The hearing list names it too: Wagtail purged the page, the listing expires with its
    # s-maxage — but a new comment on it purges both at once.
    create_comment(hearing, "Un avis publié.")
    assert until(lambda: "Un avis publié." in through(varnish, hearing.url)[2])


def test_query_string_variants_are_purged_with_their_page(varnish, transactional_db):
    hearing = make_hearing()
    comment = create_comment(hearing, "Premier avis.")
    through(varnish, hearing.url + "?commentaires=1")
    assert through(varnish, hearing.url + "?commentaires=1")[1]["X-Cache"] == "HIT"
    comment.comment = "Premier avis, corrigé."
    comment.save()
    assert until(lambda: "corrigé" in through(varnish, hearing.url + "?commentaires=1")[2])


def test_a_draft_and_a_preview_are_never_served_from_varnish(varnish, transactional_db, client):
    hearing = make_hearing()
    public = through(varnish, hearing.url)[2]
    hearing.title = "Titre encore en brouillon"
    hearing.save_revision()
    user = get_user_model().objects.create_superuser("editrice", "editrice@example.org", "mot-de-passe-long")
    client.force_login(user)
    session = {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}
    status, headers, body = through(varnish, f"/admin/pages/{hearing.pk}/edit/preview/", session)
    assert headers["X-Cache"] == "PASS" and "private" in headers["Cache-Control"]
    for _ in range(2):
        status, headers, body = through(varnish, hearing.url)
        assert status == 200 and "Titre encore en brouillon" not in body
    assert body == public


def test_a_logged_in_page_is_never_served_from_varnish_nor_stored(varnish, transactional_db, client):
    hearing = make_hearing()
    user = get_user_model().objects.create_superuser("editeur", "editeur@example.org", "mot-de-passe-long")
    client.force_login(user)
    session = {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}
    for _ in range(2):
        status, headers, body = through(varnish, hearing.url, session)
        assert status == 200 and headers["X-Cache"] == "PASS"
        assert "private" in headers["Cache-Control"]
    # An anonymous visitor then gets the shared page, not the editor's.
    status, headers, _ = through(varnish, hearing.url)
    assert headers["X-Cache"] == "MISS"


def test_a_response_setting_a_cookie_is_never_stored(varnish, transactional_db):
    make_hearing()
    first = through(varnish, "/commentaires/jeton/")
    second = through(varnish, "/commentaires/jeton/")
    for status, headers, _ in (first, second):
        assert status == 200 and headers["X-Cache"] != "HIT"
        assert "csrftoken=" in headers["Set-Cookie"]
    assert first[2] != second[2]  # each visitor their own token


def test_other_cookies_are_dropped_and_the_shared_page_served(varnish, transactional_db):
    hearing = make_hearing()
    through(varnish, hearing.url)
    status, headers, _ = through(varnish, hearing.url, {"Cookie": "_pk_id=123; theme=sombre"})
    assert (status, headers["X-Cache"]) == (200, "HIT")
    status, headers, _ = through(varnish, hearing.url, {"Cookie": "csrftoken=abc"})
    assert headers["X-Cache"] == "PASS"


def test_purges_are_refused_to_others_and_a_post_always_reaches_the_site(varnish, transactional_db):
    hearing = make_hearing()
    status, headers, _ = through(varnish, hearing.url, data={"comment": "x"})
    assert status in (403, 405) and headers["X-Cache"] == "PASS"


class Backend(http.server.BaseHTTPRequestHandler):
    """A site that answers a public page, then stops answering (server.down)."""

    def do_GET(self):  # noqa: N802 - the HTTP method's name
        if self.server.down:
            self.close_connection = True  # no answer at all
            return
        body = f"page {self.path} servie".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Cache-Control", "public, max-age=0, s-maxage=1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_while_the_site_is_down_stored_pages_are_served_and_others_get_a_french_page(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Backend)
    server.down = False
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with varnishd(server.server_address[1], tmp_path / "varnish") as process:
            assert get(process.url + "/stockee/")[0] == 200
            server.down = True
            time.sleep(2.5)  # the stored copy is now past its s-maxage
            status, _, body = get(process.url + "/stockee/")
            assert (status, body) == (200, "page /stockee/ servie")
            started = time.monotonic()
            status, headers, body = get(process.url + "/jamais-vue/")
            assert status == 503 and time.monotonic() - started < 2
            assert "Service momentanément indisponible" in body and headers["Retry-After"] == "30"
    finally:
        server.shutdown()
        server.server_close()


def test_what_no_purge_reports_is_stale_for_s_maxage_at_most(varnish, transactional_db, settings):
    """A change that sends no signal (an UPDATE in SQL, a date passing) shows once the stored
    page is older than Django's s-maxage: served stale once while Varnish fetches it again."""
    from wagtail.models import Page

    settings.CACHE_CONTROL_S_MAXAGE = 1
    hearing = make_hearing()
    through(varnish, hearing.url)
    Page.objects.filter(pk=hearing.pk).update(title="Titre changé sans signal")
    assert "Titre changé sans signal" not in through(varnish, hearing.url)[2]
    time.sleep(1.2)
    assert until(lambda: "Titre changé sans signal" in through(varnish, hearing.url)[2])
