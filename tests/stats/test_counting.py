import datetime
import logging
import threading

import pytest
from django.contrib.auth.models import User
from django.core.cache.backends.base import BaseCache
from django.db import close_old_connections, connection
from django.test import RequestFactory, override_settings
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


@freeze_time("2012-10-15 10:00:00")
def test_a_visitor_counts_one_visit_per_day_and_one_view_per_page_read(client, stats_site):
    home, mission = stats_site["home"], stats_site["pages"]["la-mission"]
    for url in ["/", "/la-mission/", "/"]:
        assert client.get(url, **browser_headers()).status_code == 200
    assert site_counts() == (1, 3)
    assert page_counts(home) == (1, 2)
    assert page_counts(mission) == (1, 1)
    # Another browser from the same address is another visitor; so is the same browser elsewhere.
    client.get("/", **browser_headers(user_agent=BROWSER_USER_AGENT.replace("120.0", "121.0")))
    client.get("/", **browser_headers(address="198.51.100.20"))
    assert site_counts() == (3, 5)
    assert page_counts(home) == (3, 4)


def test_the_same_visitor_counts_again_the_next_day(client, stats_site):
    home = stats_site["home"]
    with freeze_time("2012-10-15 21:59:00"):  # 23:59 in Paris
        client.get("/", **browser_headers())
        client.get("/", **browser_headers())
    with freeze_time("2012-10-15 22:01:00"):  # 00:01 the next day in Paris
        client.get("/", **browser_headers())
    assert site_counts(DAY) == (1, 2)
    assert site_counts(DAY + datetime.timedelta(days=1)) == (1, 1)
    assert page_counts(home, DAY + datetime.timedelta(days=1)) == (1, 1)


@freeze_time("2012-10-15 10:00:00")
def test_sub_views_and_plain_views_count_for_the_site_only(client, stats_site):
    assert client.get("/plan-du-site/", **browser_headers()).status_code == 200
    assert site_counts() == (1, 1)
    assert not DailyPageViews.objects.exists()


@pytest.mark.parametrize(
    "label, method, url, headers",
    [
        ("a crawler", "get", "/", {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1)"}),
        ("a command-line client", "get", "/", {"HTTP_USER_AGENT": "curl/8.5.0"}),
        ("no user agent", "get", "/", {"HTTP_USER_AGENT": ""}),
        ("no Accept: text/html", "get", "/", {"HTTP_ACCEPT": "*/*"}),
        ("a prefetch", "get", "/", {"HTTP_SEC_PURPOSE": "prefetch"}),
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
    getattr(client, method)(url, **browser_headers(**headers))
    assert site_counts() == (0, 0), label
    # The same client reading the home page as a person is counted: the exclusion above is real.
    client.get("/", **browser_headers())
    assert site_counts() == (1, 1)


@freeze_time("2012-10-15 10:00:00")
def test_logged_in_staff_and_previews_are_not_counted(client, stats_site):
    home = stats_site["home"]
    editor = User.objects.create_superuser("equipe", "equipe@example.org", "motdepasse")
    client.force_login(editor)
    assert client.get("/", **browser_headers()).status_code == 200
    assert client.get(f"/admin/pages/{home.pk}/", **browser_headers()).status_code == 200
    preview = client.get(f"/admin/pages/{home.pk}/view_draft/", **browser_headers())
    assert preview.status_code == 200 and b"Mission culture-acte 2" in preview.content
    assert site_counts() == (0, 0)
    assert page_counts(home) == (0, 0)


def test_static_media_and_documents_are_never_countable(settings):
    factory = RequestFactory()

    def countable(path):
        request = factory.get(path, **browser_headers())
        request.user = type("Anonymous", (), {"is_authenticated": False})()
        return counting.is_countable_request(request)

    assert countable("/la-mission/")
    for path in [
        f"{settings.STATIC_URL}css/mission.css",
        f"{settings.MEDIA_URL}images/logo.png",
        "/documents/12/rapport.pdf",
        "/admin/",
        "/auditions/export.csv",
        "/auditions/flux.rss",
        "/auditions/calendrier.ics",
        "/api/chiffres.json",
    ]:
        assert not countable(path), path


@freeze_time("2012-10-15 10:00:00")
def test_no_cookie_is_set_and_no_address_is_stored(client, stats_site):
    for url in ["/", "/la-mission/", "/chiffres-cles/"]:
        response = client.get(url, **browser_headers())
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
                "stats": {"BACKEND": "tests.stats.test_counting.BrokenCache"},
            },
            STATS_CACHE_ALIAS="stats",
        ),
        caplog.at_level(logging.ERROR, logger="stats.counting"),
    ):
        response = client.get("/la-mission/", **browser_headers())
    assert response.status_code == 200
    assert "La mission" in response.content.decode()
    assert site_counts() == (0, 0)
    assert "Visit counting failed for /la-mission/" in caplog.text


@freeze_time("2012-10-15 10:00:00")
def test_a_database_error_loses_the_count_not_the_page(client, stats_site, caplog):
    # A real failure of the write: the table the counter writes to is gone (the test's
    # transaction puts it back).
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE stats_dailysitevisits RENAME TO stats_dailysitevisits_away")
    with caplog.at_level(logging.ERROR, logger="stats.counting"):
        response = client.get("/la-mission/", **browser_headers())
    assert response.status_code == 200
    assert "La mission" in response.content.decode()
    assert "Visit counting failed" in caplog.text
    # The failed write left nothing half-done: no page count without its site count.
    assert not DailyPageViews.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE stats_dailysitevisits_away RENAME TO stats_dailysitevisits")
    # Once the table is back, counting resumes (the failed hit stays lost).
    client.get("/la-mission/", **browser_headers(address="198.51.100.20"))
    assert site_counts() == (1, 1)


@freeze_time("2012-10-15 10:00:00")
def test_a_failing_counter_does_not_break_the_page(client, stats_site, monkeypatch):
    def broken_count_hit(request, page_id=None):
        raise RuntimeError("counter out of order")

    monkeypatch.setattr(counting, "count_hit", broken_count_hit)
    response = client.get("/", **browser_headers())
    assert response.status_code == 200
    assert "Mission culture-acte 2" in response.content.decode()


@freeze_time("2012-10-15 10:00:00")
def test_pages_served_from_django_cache_are_still_counted(client, stats_site, settings):
    mission = stats_site["pages"]["la-mission"]
    settings.MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *settings.MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    settings.CACHE_MIDDLEWARE_SECONDS = 300
    first = client.get("/la-mission/", **browser_headers())
    assert first.status_code == 200
    # Changed behind the cache's back: a fresh render would show the new title.
    type(mission).objects.filter(pk=mission.pk).update(title="Titre changé")
    second = client.get("/la-mission/", **browser_headers(address="198.51.100.20"))
    assert "Titre changé" not in second.content.decode()  # served from the cache
    assert site_counts() == (2, 2)
    assert page_counts(mission) == (2, 2)


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
