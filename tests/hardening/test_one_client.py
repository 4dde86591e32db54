"""Issue 18, failure 1: every per-client limit keyed on the full IPv6 address, so that one /64
(which one person holds) acted as millions of clients."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from discussion.demo import create_comment
from tests.discussion.conftest import make_hearing

ONE_SLASH_64 = [f"2001:db8:77::{n:x}" for n in range(1, 11)]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def key_of(address, **meta):
    from hardening.client import client_key

    return client_key(RequestFactory().get("/", REMOTE_ADDR=address, **meta))


def test_ipv6_addresses_of_one_slash_64_are_one_client():
    assert {key_of(address) for address in ONE_SLASH_64} == {"2001:db8:77::"}
    assert key_of("2001:db8:77:1::1") != key_of("2001:db8:77::1")
    assert key_of("2001:0DB8:0077:0000:ffff:ffff:ffff:ffff") == "2001:db8:77::"


def test_ipv4_addresses_are_clients_of_their_own():
    assert key_of("192.0.2.1") == "192.0.2.1" and key_of("192.0.2.2") == "192.0.2.2"
    assert key_of("::ffff:192.0.2.1") == "192.0.2.1"
    assert key_of("garbage") == "0.0.0.0"  # noqa: S104


def test_the_key_reads_the_proxys_hop():
    meta = {"HTTP_X_FORWARDED_FOR": "2001:db8:99::5, 2001:db8:77::abcd"}
    assert key_of("10.0.0.1", **meta) == "10.0.0.1"
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert key_of("10.0.0.1", **meta) == "2001:db8:77::"


def test_three_flags_from_one_slash_64_count_as_one(client, db):
    hearing = make_hearing()
    comment = create_comment(hearing, "Un avis publié")
    for address in ONE_SLASH_64[:3]:
        client.post(f"/commentaires/{comment.pk}/signaler/", {"reason": "autre"}, REMOTE_ADDR=address)
    comment.refresh_from_db()
    assert not comment.hidden_by_flags
    assert comment.reactions.count() == 1
    assert "Un avis publié" in client.get(hearing.url).content.decode()


def test_forty_wrong_passwords_from_one_slash_64_lock_the_account(client, db):
    get_user_model().objects.create_user("redactrice", password="le-bon-mot-de-passe", is_staff=True)
    statuses = []
    for attempt in range(40):
        address = ONE_SLASH_64[attempt % 10]
        response = client.post(
            "/admin/login/", {"username": "redactrice", "password": "mauvais"}, REMOTE_ADDR=address
        )
        statuses.append(response.status_code)
    assert statuses[:4] == [200] * 4 and set(statuses[4:]) == {429}
    locked = client.post(
        "/admin/login/",
        {"username": "redactrice", "password": "le-bon-mot-de-passe"},
        REMOTE_ADDR="2001:db8:77::ffff",
    )
    assert locked.status_code == 429


def test_password_reset_mails_are_capped_per_account_and_per_client(client, db, settings):
    """Issue 18, failure 5: eight mails for one account from one address in a row."""
    settings.PASSWORD_RESET_MAILS_PER_ACCOUNT = (3, 24 * 3600)
    settings.PASSWORD_RESET_MAILS_PER_CLIENT = (5, 3600)
    users = get_user_model().objects
    users.create_user("redactrice", email="redactrice@example.org", password="x", is_staff=True)
    for address in ["192.0.2.1"] * 4 + ["192.0.2.2"] * 4:
        response = client.post(
            "/admin/password_reset/", {"email": "redactrice@example.org"}, REMOTE_ADDR=address
        )
        assert response.status_code == 302
    assert len(mail.outbox) == 3
    mail.outbox.clear()
    for number in range(8):
        email = f"editeur{number}@example.org"
        users.create_user(f"editeur{number}", email=email, password="x", is_staff=True)
        client.post("/admin/password_reset/", {"email": email}, REMOTE_ADDR=ONE_SLASH_64[number % 10])
    assert len(mail.outbox) == 5
