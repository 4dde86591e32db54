"""What a failing Redis does to the site: nothing but a bounded delay (docs/caching.md).

A « Redis » that accepts connections and never answers serves as both caches (the fragments and
the counters): every public page still answers, within a second more than usual. A flood of junk
query strings adds nothing to Redis that could push out the rate-limit counters, and leaves the
pages cacheable for everyone else.
"""

import os
import time

import pytest
from django.core.cache import caches
from django.test import Client, RequestFactory

from discussion.demo import create_comment
from frontcache import backends, fragments
from hardening import ratelimit
from home.demo import get_home_page
from mission_site.settings.base import cache_settings
from stats.demo import load_key_figures_page
from tests.discussion.conftest import make_hearing, post_comment
from tests.live_servers import require

PUBLIC_PAGES = [
    "/",
    "/la-mission/",
    "/auditions/",
    "/chiffres-cles/",
    "/plan-du-site/",
    "/recherche/?q=musique",
]


def redis_caches(url):
    """The caches of production (mission_site/settings/base.py) on this Redis."""
    return {alias: cache_settings(alias, url) for alias in ("default", "fragments", "counters")}


@pytest.fixture
def site(db):
    hearing = make_hearing()
    create_comment(hearing, "Un avis publié.")
    load_key_figures_page(get_home_page())
    return hearing


@pytest.fixture(autouse=True)
def cache_in_use(monkeypatch):
    # Each test starts with Redis in use, whatever a previous test's failures did.
    monkeypatch.setattr(fragments, "_unavailable_until", 0.0)
    monkeypatch.setattr(backends, "_down_until", {})


def timed_get(client, url):
    started = time.monotonic()
    response = client.get(url)
    return response, time.monotonic() - started


def test_a_redis_that_never_answers_costs_every_page_under_a_second(site, settings, silent_redis):
    client = Client()
    pages = [*PUBLIC_PAGES, site.url]
    usual = {}
    for url in pages:
        client.get(url)  # warm the process (templates, imports)
        response, usual[url] = timed_get(client, url)
        assert response.status_code == 200, url
    settings.CACHES = redis_caches(silent_redis)
    try:
        for url in pages:
            response, elapsed = timed_get(client, url)
            assert response.status_code == 200, url
            assert elapsed < usual[url] + 1, f"{url}: {elapsed:.2f} s, {usual[url]:.2f} s usually"
        # Posting still works (the rate limits let it through), the beacon too.
        started = time.monotonic()
        posted = post_comment(client, site, comment="Envoyé pendant la panne.")
        assert posted.status_code == 200 and "Confirmez votre commentaire" in posted.content.decode()
        assert (
            client.post(
                "/mesure-d-audience/",
                "",
                content_type="application/x-www-form-urlencoded",
                HTTP_SEC_FETCH_SITE="same-origin",
            ).status_code
            == 204
        )
        assert time.monotonic() - started < 2
    finally:
        for cache in caches.all(initialized_only=True):
            cache.close()


def shared_redis_url():
    url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/14")
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        require(False, f"Redis is not reachable at {url}")
    return url, client


def test_junk_query_strings_leave_the_counters_and_caching_alone(site, settings):
    url, redis_client = shared_redis_url()
    redis_client.flushdb()
    settings.CACHES = redis_caches(url)
    try:
        assert Client(REMOTE_ADDR="192.0.2.50").get("/chiffres-cles/").status_code == 200
        ratelimit_request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.99")
        assert ratelimit.hit(ratelimit_request, "abonnement", [(2, 3600)]) is False
        attacker = Client(REMOTE_ADDR="198.51.100.66")
        for number in range(3):  # the fragments of these pages are stored once
            for path in (
                f"/chiffres-cles/?page={number}x",
                f"/robots.txt?page={number}",
                f"/auditions/?z={number}",
            ):
                attacker.get(path)
        keys_before = redis_client.dbsize()
        for number in range(300):
            for path in (
                f"/chiffres-cles/?page={number}x",
                f"/robots.txt?page={number}",
                f"/auditions/?z={number}",
            ):
                assert attacker.get(path).status_code in (200, 400, 404), path

        # Nothing was stored per address: the fragments stay as many as before.
        assert redis_client.dbsize() == keys_before, sorted(redis_client.keys())
        # The counter is still there: the next two attempts reach the limit.
        assert ratelimit.hit(ratelimit_request, "abonnement", [(2, 3600)]) is False
        assert ratelimit.hit(ratelimit_request, "abonnement", [(2, 3600)]) is True
        # Caching is on for everyone else.
        response = Client(REMOTE_ADDR="192.0.2.51").get("/chiffres-cles/")
        assert response.status_code == 200 and "public" in response["Cache-Control"]
    finally:
        redis_client.flushdb()
        for cache in caches.all(initialized_only=True):
            cache.close()
