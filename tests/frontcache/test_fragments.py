"""Fragments cached until the team's next edit (frontcache/fragments.py), and what a failing
cache does to them: nothing but slowness bounded by one socket timeout per process."""

import time

import pytest
from django.core.cache import caches
from wagtail.models import Page

from discussion.demo import create_comment
from frontcache import fragments
from tests.discussion.conftest import make_hearing


@pytest.fixture(autouse=True)
def cache_available(monkeypatch):
    # Each test starts with the cache in use, whatever a previous test's failures did.
    monkeypatch.setattr(fragments, "_unavailable_until", 0.0)


def title_of(page):
    return fragments.cached(f"test-title-{page.pk}", lambda: Page.objects.get(pk=page.pk).title)


def test_a_fragment_is_computed_once_then_renewed_by_a_publish(mission_site, django_assert_num_queries):
    home, _pages = mission_site
    assert title_of(home) == home.title
    with django_assert_num_queries(0):
        assert title_of(home) == home.title
    home.title = "Accueil renouvelé"
    home.save_revision().publish()
    assert title_of(home) == "Accueil renouvelé"


def test_a_comment_leaves_fragments_alone(mission_site):
    """Only the team's edits renew fragments: a comment never does (frontcache/signals.py)."""
    hearing = make_hearing()
    fragments.cached("test-constant", lambda: 1)
    generation = fragments.fragment_cache().get(fragments.GENERATION_KEY)
    create_comment(hearing, "Un avis.")
    assert fragments.fragment_cache().get(fragments.GENERATION_KEY) == generation


def test_snippets_renew_fragments_and_other_models_are_left_alone(mission_site):
    """Listeners sit on the models that may make a fragment stale only: a sector (a snippet)
    renews them; a session saves without them and is deleted in bulk (frontcache/signals.py)."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.db.models.deletion import Collector

    from hearings.models import Sector

    fragments.cached("test-constant", lambda: 1)
    generation = fragments.fragment_cache().get(fragments.GENERATION_KEY)
    Sector.objects.first().save()
    renewed = fragments.fragment_cache().get(fragments.GENERATION_KEY)
    assert renewed != generation
    SessionStore().save()
    assert fragments.fragment_cache().get(fragments.GENERATION_KEY) == renewed
    assert Collector(using="default").can_fast_delete(Session.objects.all())
    assert not Collector(using="default").can_fast_delete(Sector.objects.all())


def test_cached_many_computes_only_what_is_missing(db):
    asked = []

    def compute(keys):
        asked.append(sorted(keys))
        return {key: key * 2 for key in keys}

    assert fragments.cached_many("double:", [1, 2], compute) == {1: 2, 2: 4}
    assert fragments.cached_many("double:", [1, 2, 3], compute) == {1: 2, 2: 4, 3: 6}
    assert asked == [[1, 2], [3]]
    fragments.renew()
    assert fragments.cached_many("double:", [1], compute) == {1: 2}
    assert asked[-1] == [1]


def test_off_it_computes_every_time(db, settings):
    settings.FRAGMENT_CACHE_ENABLED = False
    calls = []
    for _ in range(2):
        fragments.cached("test-off", lambda: calls.append(1) or len(calls))
    assert len(calls) == 2


def test_a_silent_redis_costs_one_socket_timeout_then_none(db, settings, silent_redis):
    """A Redis that accepts connections and never answers: the value is computed, and this
    process leaves the cache alone for a while rather than waiting on every fragment."""
    settings.CACHES = {
        **settings.CACHES,
        "silent": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": silent_redis,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.3, "SOCKET_TIMEOUT": 0.3},
        },
    }
    settings.FRAGMENT_CACHE_ALIAS = "silent"
    try:
        started = time.monotonic()
        assert fragments.cached("test-silent", lambda: "computed") == "computed"
        assert time.monotonic() - started < 1
        started = time.monotonic()
        for index in range(20):
            assert fragments.cached(f"test-silent-{index}", lambda: "computed") == "computed"
        fragments.renew()
        assert time.monotonic() - started < 0.1
    finally:
        caches["silent"].close()
