import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory, override_settings

from frontcache import backends
from hardening.client import client_address
from hardening.ratelimit import hit
from mission_site.settings.base import cache_settings

# The production caches (mission_site/settings/base.py) on a Redis that refuses connections.
BROKEN_REDIS = {
    alias: cache_settings(alias, "redis://127.0.0.1:1/0") for alias in ("default", "fragments", "counters")
}


@pytest.fixture(autouse=True)
def empty_cache():
    for cache in caches.all():
        cache.clear()


def test_public_pages_carry_a_strict_content_security_policy(client, mission_site):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "object-src 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def test_the_admin_is_left_out_of_the_policy_and_works(admin_client, mission_site):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


def test_client_address_ignores_forwarded_for_unless_proxies_are_trusted():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_address(request) == "10.0.0.1"
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert client_address(request) == "203.0.113.9"  # the hop our proxy appended, not the forged one
    garbage = RequestFactory().get("/", REMOTE_ADDR="not-an-ip")
    assert client_address(garbage) == "0.0.0.0"  # noqa: S104


def test_rate_limit_counts_per_client_and_scope():
    factory = RequestFactory()
    first = factory.get("/", REMOTE_ADDR="192.0.2.1")
    other = factory.get("/", REMOTE_ADDR="192.0.2.2")
    assert [hit(first, "test", [(3, 60)]) for _ in range(4)] == [False, False, False, True]
    assert hit(other, "test", [(3, 60)]) is False
    assert hit(first, "another-scope", [(3, 60)]) is False


@override_settings(CACHES=BROKEN_REDIS)
def test_pages_and_rate_limits_survive_a_redis_outage(client, mission_site, monkeypatch):
    monkeypatch.setattr(backends, "_down_until", {})
    assert client.get("/").status_code == 200
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1")
    assert hit(request, "test", [(1, 60)]) is False


def _fail_login(client, username, address):
    return client.post("/admin/login/", {"username": username, "password": "mauvais"}, REMOTE_ADDR=address)


def test_admin_login_locks_out_after_five_failures_for_that_address_only(client, db):
    get_user_model().objects.create_user("redactrice", password="le-bon-mot-de-passe", is_staff=True)
    for _ in range(4):
        assert _fail_login(client, "redactrice", "198.51.100.7").status_code == 200
    assert _fail_login(client, "redactrice", "198.51.100.7").status_code == 429  # the fifth locks
    locked = client.post(
        "/admin/login/",
        {"username": "redactrice", "password": "le-bon-mot-de-passe"},
        REMOTE_ADDR="198.51.100.7",
    )
    assert locked.status_code == 429
    assert "Connexion temporairement bloquée" in locked.content.decode()
    # The editor, from her own address, is not locked out by the attacker.
    ok = client.post(
        "/admin/login/",
        {"username": "redactrice", "password": "le-bon-mot-de-passe"},
        REMOTE_ADDR="203.0.113.20",
    )
    assert ok.status_code == 302


def test_lockouts_are_visible_to_administrators_and_can_be_lifted(client, admin_client, db):
    for _ in range(5):
        _fail_login(client, "quelquun", "198.51.100.8")
    page = admin_client.get("/admin/securite/blocages/")
    assert page.status_code == 200
    assert "quelquun" in page.content.decode() and "198.51.100.8" in page.content.decode()
    attempt = AccessAttempt.objects.get(username="quelquun")
    admin_client.post(f"/admin/securite/blocages/{attempt.pk}/debloquer/")
    assert not AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_lockouts_are_hidden_from_editors(client, db):
    editor = get_user_model().objects.create_user("editeur", password="x", is_staff=True)
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get("/admin/securite/blocages/", follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert "Connexions bloquées" not in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a database server to cut off")
def test_database_outage_answers_a_french_503_then_recovers(client, transactional_db, mission_site):
    settings_dict = connection.settings_dict
    real_port = settings_dict["PORT"]
    connection.close()
    settings_dict["PORT"] = "1"  # nothing listens there: every query now fails to connect
    try:
        response = client.get("/la-mission/")
        assert response.status_code == 503
        assert "Service momentanément indisponible" in response.content.decode()
    finally:
        settings_dict["PORT"] = real_port
        connection.close()
    assert client.get("/la-mission/").status_code == 200


def test_search_is_rate_limited_per_client_with_a_french_429(client, mission_site, settings):
    settings.SEARCH_RATE_LIMIT = (3, 60)
    for _ in range(3):
        assert client.get("/recherche/", {"q": "musique"}, REMOTE_ADDR="192.0.2.50").status_code == 200
    refused = client.get("/recherche/", {"q": "musique"}, REMOTE_ADDR="192.0.2.50")
    assert refused.status_code == 429
    assert "trop de recherches" in refused.content.decode()
    assert refused["Retry-After"] == "60"
    # Another visitor is not affected.
    assert client.get("/recherche/", {"q": "musique"}, REMOTE_ADDR="192.0.2.51").status_code == 200
