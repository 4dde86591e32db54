"""A PostgreSQL that accepts connections and never answers, behind a real gunicorn: pages that
need the database answer the French 503 page, the first after the connection timeout (2 s, the
least libpq and psycopg accept), the next ones at once (hardening/middleware.py). Pages stored by
Varnish keep being served meanwhile: tests/frontcache/test_varnish.py (grace)."""

import os
import time

from tests.live_servers import get, gunicorn

UNAVAILABLE = "Service momentanément indisponible"


def test_a_silent_database_gets_the_french_503_page_quickly(silent_redis, tmp_path):
    # silent_redis is a listener that never answers: it serves as the silent PostgreSQL here.
    silent_port = silent_redis.split(":")[2].split("/")[0]
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mission_site.settings.test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{silent_port}/muette",
        "CONN_MAX_AGE": "60",
    }
    with gunicorn(environment, tmp_path / "gunicorn.log", workers=1, ready_path="/robots.txt") as server:
        url = server.url
        timings = []
        for path in ["/la-mission/", "/auditions/", "/", "/chiffres-cles/", "/page-inconnue/"]:
            started = time.monotonic()
            status, headers, body = get(url + path)
            timings.append(time.monotonic() - started)
            assert status == 503, f"{path}: {status}\n{body[:2000]}"
            assert UNAVAILABLE in body and "Traceback" not in body, path
            assert headers["Retry-After"] == "30"
            assert "public" not in headers["Cache-Control"]  # never stored by Varnish
        assert timings[0] < 3, timings  # the connection timeout, once
        assert max(timings[1:]) < 0.5, timings
