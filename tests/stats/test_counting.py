"""Page views counted by the beacon every public page sends (stats/beacon.py, stats/counting.py):
`read()` does what a browser does, fetching the page then posting what its script would."""

import datetime
import logging
import re
import threading
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import User
from django.core.cache.backends.base import BaseCache
from django.db import close_old_connections, connection
from django.test import override_settings
from freezegun import freeze_time

from stats import counting
from stats.models import DailyPageViews, DailySiteVisits
from tests.stats.conftest import BROWSER_USER_AGENT, VISITOR_ADDRESS, browser_headers

DAY = datetime.date(2012, 10, 15)


def site_counts(day=DAY):
    row = DailySiteVisits.objects.filter(date=day).first()
    return (row.visits, row.views) if row else (0, 0)


def page_counts(page, day=DAY):
    row = DailyPageViews.objects.filter(date=day, page=page).first()
    return (row.visits, row.views) if row else (0, 0)


BEACON_RE = re.compile(
    r'<script src="[^"]*/stats/visites\.js" data-url="([^"]+)"(?: data-page="(\d+)")? defer>'
)


def beacon(client, page_id=None, **headers):
    """The beacon's POST, as navigator.sendBeacon sends it."""
    return post_beacon(client, {} if page_id is None else {"page": page_id}, **headers)


def post_beacon(client, data, **headers):
    return client.post(
        "/mesure-d-audience/",
        urlencode(data),
        content_type="application/x-www-form-urlencoded;charset=UTF-8",
        **{"HTTP_SEC_FETCH_SITE": "same-origin", **headers},
    )


def read(client, url, method="get", **headers):
    """A browser reading `url`: the page, then its beacon if the page has one."""
    response = getattr(client, method)(url, **headers)
    found = (
        BEACON_RE.search(response.content.decode())
        if response.get("Content-Type", "").startswith("text/html")
        else None
    )
    if found:
        assert found.group(1) == "/mesure-d-audience/"
        assert beacon(client, found.group(2), **headers).status_code == 204
    return response


@freeze_time("2012-10-15 10:00:00")
def test_a_visitor_counts_one_visit_per_day_and_one_view_per_page_read(client, stats_site):
    home, mission = stats_site["home"], stats_site["pages"]["la-mission"]
    for url in ["/", "/la-mission/", "/"]:
        assert read(client, url, **browser_headers()).status_code == 200
    assert site_counts() == (1, 3)
    assert page_counts(home) == (1, 2)
    assert page_counts(mission) == (1, 1)
    # Another address is another visitor.
    read(client, "/", **browser_headers(address="198.51.100.20"))
    assert site_counts() == (2, 4)
    assert page_counts(home) == (2, 3)


@freeze_time("2012-10-15 10:00:00")
def test_rotating_user_agents_from_one_address_add_no_visit(client, stats_site):
    home = stats_site["home"]
    for version in range(100, 120):
        agent = BROWSER_USER_AGENT.replace("120.0", f"{version}.0")
        read(client, "/", **browser_headers(user_agent=agent))
    assert site_counts() == (1, 20)
    assert page_counts(home) == (1, 20)


@freeze_time("2012-10-15 10:00:00")
def test_rotating_addresses_of_one_ipv6_network_add_no_visit(client, stats_site):
    for host in range(1, 11):
        read(client, "/", **browser_headers(address=f"2001:db8:1:2::{host:x}"))
    assert site_counts() == (1, 10)


def test_the_same_visitor_counts_again_the_next_day(client, stats_site):
    home = stats_site["home"]
    with freeze_time("2012-10-15 21:59:00"):  # 23:59 in Paris
        read(client, "/", **browser_headers())
        read(client, "/", **browser_headers())
    with freeze_time("2012-10-15 22:01:00"):  # 00:01 the next day in Paris
        read(client, "/", **browser_headers())
    assert site_counts(DAY) == (1, 2)
    assert site_counts(DAY + datetime.timedelta(days=1)) == (1, 1)
    assert page_counts(home, DAY + datetime.timedelta(days=1)) == (1, 1)


@freeze_time("2012-10-15 10:00:00")
def test_sub_views_and_plain_views_count_for_the_site_only(client, stats_site):
    assert read(client, "/plan-du-site/", **browser_headers()).status_code == 200
    assert site_counts() == (1, 1)
    assert not DailyPageViews.objects.exists()


@pytest.mark.parametrize(
    "label, method, url, headers",
    [
        ("a crawler", "get", "/", {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1)"}),
        ("a command-line client", "get", "/", {"HTTP_USER_AGENT": "curl/8.5.0"}),
        ("no user agent", "get", "/", {"HTTP_USER_AGENT": ""}),
        ("a HEAD request", "head", "/", {}),
        ("a POST", "post", "/", {}),
        ("a missing page", "get", "/page-inconnue/", {}),
        ("the site map XML", "get", "/sitemap.xml", {}),
        ("robots.txt", "get", "/robots.txt", {}),
        ("the admin login", "get", "/admin/login/", {}),
        ("a static file", "get", "/static/css/mission.css", {}),
    ],
)
@freeze_time("2012-10-15 10:00:00")
def test_what_is_not_a_person_reading_a_page_is_not_counted(client, stats_site, label, method, url, headers):
    read(client, url, method, **browser_headers(**headers))
    assert site_counts() == (0, 0), label
    # The same client reading the home page as a person is counted: the exclusion above is real.
    read(client, "/", **browser_headers())
    assert site_counts() == (1, 1)


@freeze_time("2012-10-15 10:00:00")
def test_logged_in_staff_and_previews_are_not_counted(client, stats_site):
    home = stats_site["home"]
    editor = User.objects.create_superuser("equipe", "equipe@example.org", "motdepasse")
    client.force_login(editor)
    assert read(client, "/", **browser_headers()).status_code == 200
    assert read(client, f"/admin/pages/{home.pk}/", **browser_headers()).status_code == 200
    preview = read(client, f"/admin/pages/{home.pk}/view_draft/", **browser_headers())
    assert preview.status_code == 200 and b"Mission culture-acte 2" in preview.content
    assert b"visites.js" not in preview.content
    # A beacon sent anyway by a logged-in browser is not counted.
    assert beacon(client, home.pk, **browser_headers()).status_code == 204
    assert site_counts() == (0, 0)
    assert page_counts(home) == (0, 0)


@freeze_time("2012-10-15 10:00:00")
@pytest.mark.parametrize(
    ("label", "data", "headers"),
    [
        ("a page id that is not a number", {"page": "abc"}, {}),
        ("an unknown page", {"page": "999999"}, {}),
        ("a negative page id", {"page": "-3"}, {}),
        ("a huge page id", {"page": "9" * 40}, {}),
        ("an unknown field", {"page": "", "adresse": "203.0.113.7"}, {}),
        ("another site", {}, {"HTTP_SEC_FETCH_SITE": "cross-site"}),
    ],
)
def test_hostile_beacons_get_400_and_count_nothing(client, stats_site, label, data, headers):
    response = post_beacon(client, data, **browser_headers(**headers))
    assert response.status_code == 400, label
    assert site_counts() == (0, 0), label


@freeze_time("2012-10-15 10:00:00")
def test_a_long_or_foreign_body_gets_400(client, stats_site):
    long_body = "page=1&" + "x" * 2000
    assert (
        client.post(
            "/mesure-d-audience/", long_body, content_type="application/x-www-form-urlencoded"
        ).status_code
        == 400
    )
    assert client.post("/mesure-d-audience/", {"page": 1}, content_type="application/json").status_code == 400
    assert client.get("/mesure-d-audience/").status_code == 405
    assert site_counts() == (0, 0)


@freeze_time("2012-10-15 10:00:00")
def test_beacons_are_rate_limited_per_address(client, stats_site, settings):
    settings.VISIT_BEACON_RATE_LIMIT = (3, 60)
    answers = [beacon(client, **browser_headers()).status_code for _ in range(4)]
    assert answers == [204, 204, 204, 429]
    assert beacon(client, **browser_headers(address="198.51.100.20")).status_code == 204
    assert site_counts() == (2, 4)


def test_the_beacon_is_private_and_sets_no_cookie(client, stats_site):
    response = beacon(client, **browser_headers())
    assert response.status_code == 204
    assert "private" in response["Cache-Control"] and not response.cookies


@freeze_time("2012-10-15 10:00:00")
def test_no_cookie_is_set_and_no_address_is_stored(client, stats_site):
    for url in ["/", "/la-mission/", "/chiffres-cles/"]:
        response = read(client, url, **browser_headers())
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers
        assert not response.cookies
    assert site_counts() == (1, 3)
    with connection.cursor() as cursor:
        tables = [name for name in connection.introspection.table_names(cursor) if name.startswith("stats_")]
        assert {"stats_dailysitevisits", "stats_dailypageviews"} <= set(tables)
        stored = ""
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            stored += repr(cursor.fetchall())
    assert ", 1, 3)" in stored  # the counts are there (visits, views)...
    assert VISITOR_ADDRESS not in stored  # ...but neither the address
    assert "Chrome" not in stored and "Mozilla" not in stored  # nor the browser


class BrokenCache(BaseCache):
    """A cache backend whose server is down: reads and writes fail, as with a dead Redis."""

    def __init__(self, location, params):
        super().__init__(params)

    def unreachable(self, *args, **kwargs):
        raise ConnectionError("cache server unreachable")

    add = get = set = touch = delete = has_key = incr = unreachable

    def clear(self):
        pass


@freeze_time("2012-10-15 10:00:00")
def test_a_cache_outage_loses_the_count_not_the_page(client, stats_site, caplog):
    with (
        override_settings(
            CACHES={
                "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
                "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
                "counters": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
                "stats": {"BACKEND": "tests.stats.test_counting.BrokenCache"},
            },
            STATS_CACHE_ALIAS="stats",
        ),
        caplog.at_level(logging.ERROR, logger="stats.counting"),
    ):
        response = read(client, "/la-mission/", **browser_headers())
    assert response.status_code == 200
    assert "La mission" in response.content.decode()
    assert site_counts() == (0, 0)
    assert "Visit counting failed for /mesure-d-audience/" in caplog.text


@freeze_time("2012-10-15 10:00:00")
def test_a_database_error_loses_the_count_not_the_page(client, stats_site, caplog):
    # A real failure of the write: the table the counter writes to is gone (the test's
    # transaction puts it back).
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE stats_dailysitevisits RENAME TO stats_dailysitevisits_away")
    with caplog.at_level(logging.ERROR, logger="stats.counting"):
        response = read(client, "/la-mission/", **browser_headers())
    assert response.status_code == 200
    assert "La mission" in response.content.decode()
    assert "Visit counting failed" in caplog.text
    # The failed write left nothing half-done: no page count without its site count.
    assert not DailyPageViews.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE stats_dailysitevisits_away RENAME TO stats_dailysitevisits")
    # Once the table is back, counting resumes (the failed hit stays lost).
    read(client, "/la-mission/", **browser_headers(address="198.51.100.20"))
    assert site_counts() == (1, 1)


@freeze_time("2012-10-15 10:00:00")
def test_a_failing_counter_does_not_break_the_page(client, stats_site, monkeypatch):
    def broken_count_hit(request, page_id=None):
        raise RuntimeError("counter out of order")

    monkeypatch.setattr(counting, "count_hit", broken_count_hit)
    response = read(client, "/", **browser_headers())  # the beacon still answers 204
    assert response.status_code == 200
    assert "Mission culture-acte 2" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_lose_no_count():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: concurrency is tested on PostgreSQL")
    from home.demo import get_home_page

    home = get_home_page()
    barrier = threading.Barrier(8)

    def hit():
        try:
            barrier.wait()
            for _ in range(5):
                counting.record_counts(DAY, home.pk, 1, 1)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=hit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert site_counts() == (40, 40)
    assert page_counts(home) == (40, 40)
