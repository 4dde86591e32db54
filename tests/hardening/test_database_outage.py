"""A real PostgreSQL outage while a real server of the site serves.

The test makes a throw-away PostgreSQL cluster of its own (initdb into a temporary directory, a
free port), migrates it, loads the mission pages, and starts gunicorn on it with the production
database settings (persistent connections, `CONN_MAX_AGE=60`, and health checks). It then stops
the cluster: every page, the admin login and the comment form must answer the French 503 page,
never a traceback; it starts the cluster again: the same server processes must serve again.

It needs PostgreSQL's server programs (initdb, pg_ctl), not the database the suite runs on, so it
runs on SQLite too. Without them it is skipped, unless CI=true or REQUIRE_BROWSER_TESTS is set
(as in .ci/run), where it fails.
"""

from tests.live_servers import get, post_with_csrf, worker_pids

UNAVAILABLE = "Service momentanément indisponible"


# An unknown page (Wagtail looks it up) and an unknown file (no route: Django renders the 404 page).
PAGES = [
    "/",
    "/la-mission/",
    "/page-inconnue/",
    "/fichier-inconnu.txt",
    "/admin/login/",
    "/recherche/?q=musique",
]
# Pages this site can serve without the database from the editorial cache, and their status.
READ_FROM_CACHE = {"/": 200, "/page-inconnue/": 404, "/fichier-inconnu.txt": 404}


def test_postgresql_stopped_then_restarted_while_the_site_serves(throwaway_cluster, site_server):
    url = site_server.url
    status, _, body = get(url + "/la-mission/")
    assert status == 200 and "La mission" in body
    workers = worker_pids(site_server)

    throwaway_cluster.stop("fast")
    # Twice each, so that both workers (each holding a broken persistent connection) answer.
    for path in PAGES * 2:
        status, headers, body = get(url + path)
        if path in READ_FROM_CACHE and status == READ_FROM_CACHE[path]:
            # Here the home page (no hearing nor question to count comments for) and the 404 page
            # need only the site, menu and sections, which a worker that served a page before the
            # outage keeps in the fragment cache (frontcache/fragments.py): served whole.
            assert "Traceback" not in body and "OperationalError" not in body, path
            continue
        assert status == 503, f"{path}: {status}\n{body[:2000]}"
        assert UNAVAILABLE in body and "Le site est momentanément indisponible" in body, path
        assert "Traceback" not in body and "OperationalError" not in body, path
        assert headers["Retry-After"] == "30", path
        assert headers["Content-Type"].startswith("text/html"), path
    login = post_with_csrf(url + "/admin/login/", {"username": "admin", "password": "mot-de-passe"})
    comment = post_with_csrf(
        url + "/commentaires/publier/",
        {"content_type": "home.standardpage", "object_pk": "3", "name": "Anne", "comment": "Bonjour"},
    )
    for name, (status, _, body) in {"admin login": login, "comment": comment}.items():
        assert status == 503, f"{name}: {status}\n{body[:2000]}"
        assert UNAVAILABLE in body and "Traceback" not in body, name

    throwaway_cluster.start()
    for path in ["/", "/la-mission/", "/admin/login/", "/recherche/?q=musique"] * 2:
        status, _, body = get(url + path)
        assert status == 200, f"{path} after the restart: {status}\n{body[:2000]}"
        assert UNAVAILABLE not in body
    assert get(url + "/page-inconnue/")[0] == 404
    assert get(url + "/fichier-inconnu.txt")[0] == 404
    # Served by the very same processes: nothing was restarted.
    assert site_server.poll() is None
    assert worker_pids(site_server) == workers
