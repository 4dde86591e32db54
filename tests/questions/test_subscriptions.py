import re
from urllib.parse import urlparse

import pytest
from django.core import mail, signing
from django.db import connection
from django.test import Client
from freezegun import freeze_time

from questions.models import Subscriber
from questions.subscriptions import SUBSCRIBERS
from questions.tasks import request_subscription
from tests.concurrency import run_at_once

LINK = re.compile(r"https?://\S+")
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CONFIRM_BUTTON = "Confirmer mon abonnement"
UNSUBSCRIBE_BUTTON = "Me désabonner"


def links_in(message):
    return LINK.findall(message.body)


def confirm_link(message):
    return next(link for link in links_in(message) if "/abonnement/confirmer/" in link)


def unsubscribe_link(message):
    return next(link for link in links_in(message) if "/abonnement/desabonnement/" in link)


def path_of(link):
    return urlparse(link).path


def subscribe(client, email):
    return client.post("/abonnement/", {"email": email})


def confirm(client, message):
    """The button of the page the confirmation link opens (the link's GET confirms nothing)."""
    return client.post(path_of(confirm_link(message)))


def unsubscribe(client, message):
    return client.post(path_of(unsubscribe_link(message)))


def test_subscribe_mails_a_confirmation_link_that_counts_the_subscriber(client, blog):
    response = subscribe(client, "  Anne.Lefebvre@Example.org ")
    assert response.status_code == 302
    assert response["Location"] == "/abonnement/demande-envoyee/"
    assert "Si cette adresse n’est pas déjà abonnée" in client.get(response["Location"]).content.decode()

    subscriber = Subscriber.objects.get()
    assert subscriber.email == "anne.lefebvre@example.org"
    assert subscriber.state == Subscriber.State.PENDING
    assert Subscriber.objects.counted().count() == 0

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anne.lefebvre@example.org"]
    assert "Confirmez votre abonnement" in message.subject
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe_link(message)}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The address never travels in a link.
    assert "anne" not in confirm_link(message).lower()
    assert f"puis cliquez sur « {CONFIRM_BUTTON} »" in message.body

    # Following the link (as a mail scanner does) shows a button and confirms nothing.
    person = Client(enforce_csrf_checks=True)
    page = person.get(path_of(confirm_link(message)))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Confirmer votre abonnement" in html
    assert '<form method="post">' in html and CONFIRM_BUTTON in html
    assert "anne.lefebvre" not in html.lower()  # nor is it shown to whoever holds the link
    assert "no-store" in page["Cache-Control"]
    assert Subscriber.objects.get().state == Subscriber.State.PENDING
    assert Subscriber.objects.counted().count() == 0

    confirmed = person.post(path_of(confirm_link(message)), {"csrfmiddlewaretoken": csrf_token_in(page)})
    assert confirmed.status_code == 200
    assert "Abonnement confirmé" in confirmed.content.decode()
    assert Subscriber.objects.counted().count() == 1
    # Pressing again changes nothing; the link now says it is done, without a button.
    confirmed_at = Subscriber.objects.get().confirmed_at
    assert (
        person.post(path_of(confirm_link(message)), {"csrfmiddlewaretoken": csrf_token_in(page)}).status_code
        == 200
    )
    assert Subscriber.objects.get().confirmed_at == confirmed_at
    done = person.get(path_of(confirm_link(message)))
    assert done.status_code == 200
    assert "Abonnement déjà confirmé" in done.content.decode()
    assert CONFIRM_BUTTON not in done.content.decode()


def csrf_token_in(response):
    return CSRF_INPUT.search(response.content.decode()).group(1)


def test_the_confirmation_button_without_a_csrf_token_shows_the_page_again(blog):
    subscribe(Client(), "jules@example.org")
    person = Client(enforce_csrf_checks=True)
    response = person.post(path_of(confirm_link(mail.outbox[0])))
    assert response.status_code == 403
    assert "Votre confirmation n’a pas été enregistrée" in response.content.decode()
    assert CONFIRM_BUTTON in response.content.decode()
    assert Subscriber.objects.get().state == Subscriber.State.PENDING
    token = csrf_token_in(response)
    assert (
        person.post(path_of(confirm_link(mail.outbox[0])), {"csrfmiddlewaretoken": token}).status_code == 200
    )
    assert Subscriber.objects.get().state == Subscriber.State.CONFIRMED


def test_asking_twice_leaves_one_subscription_and_says_the_same_thing(client, blog):
    first = subscribe(client, "paul@example.org")
    second = subscribe(client, "PAUL@example.org")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Subscriber.objects.count() == 1
    assert [message.to for message in mail.outbox] == [["paul@example.org"], ["paul@example.org"]]

    confirm(client, mail.outbox[0])
    mail.outbox.clear()
    # Already confirmed: the same answer, and no mail that could be used to pester someone.
    third = subscribe(client, "paul@example.org")
    assert third.status_code == 302 and third["Location"] == first["Location"]
    assert mail.outbox == []
    assert Subscriber.objects.count() == 1


def test_request_subscription_finds_the_row_another_request_created(db):
    request_subscription("lea@example.org", "http://testserver/")
    request_subscription(" Lea@Example.org", "http://testserver/")
    assert Subscriber.objects.filter(email="lea@example.org").count() == 1


def test_invalid_address_is_refused_in_french_and_nothing_is_saved(client, blog):
    response = subscribe(client, "pas-une-adresse")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Indiquez une adresse électronique valide" in html
    assert 'aria-describedby="abonnement-hint abonnement-email-error"' in html
    assert 'id="abonnement-email-error"' in html
    assert html.count("<h1") == 1
    # The page's own form replaces the footer's: one form, no duplicate ids.
    assert html.count('name="email"') == 1
    assert Subscriber.objects.count() == 0
    assert mail.outbox == []


def test_expired_confirmation_link_gets_a_clear_page_and_confirms_nothing(client, blog):
    with freeze_time("2012-10-01 10:00:00"):
        subscribe(client, "marie@example.org")
    link = path_of(confirm_link(mail.outbox[0]))
    with freeze_time("2012-10-05 10:00:00"):
        for response in (client.get(link), client.post(link)):
            assert response.status_code == 400
            assert "Lien expiré" in response.content.decode()
            assert "il fallait le suivre dans les trois jours" in response.content.decode()
            assert CONFIRM_BUTTON not in response.content.decode()
    assert Subscriber.objects.get().confirmed_at is None
    with freeze_time("2012-10-03 09:00:00"):
        assert client.get(link).status_code == 200
        assert Subscriber.objects.counted().count() == 0
        assert client.post(link).status_code == 200
    assert Subscriber.objects.counted().count() == 1


def test_forged_or_stale_links_are_refused(client, blog):
    subscribe(client, "hugo@example.org")
    link = path_of(confirm_link(mail.outbox[0]))
    token = link.rstrip("/").rsplit("/", 1)[1]
    forged_link = link.replace(token, token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    for method in (client.get, client.post):
        forged = method(forged_link)
        assert forged.status_code == 400
        assert "Lien non valide" in forged.content.decode()
        assert method("/abonnement/confirmer/n-importe-quoi/").status_code == 400
        assert method("/abonnement/desabonnement/n-importe-quoi/").status_code == 400

    # An unsubscribe token is no confirmation token, and the other way round.
    subscriber = Subscriber.objects.get()
    unsubscribe_token = SUBSCRIBERS.make_token(subscriber, SUBSCRIBERS.unsubscribe_salt)
    for method in (client.get, client.post):
        assert method(f"/abonnement/confirmer/{unsubscribe_token}/").status_code == 400
        assert method(f"/abonnement/desabonnement/{token}/").status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.PENDING

    # A well-signed link whose subscriber was deleted: 404, with a French page.
    subscriber.delete()
    for method in (client.get, client.post):
        response = method(link)
        assert response.status_code == 404
        assert "Abonnement introuvable" in response.content.decode()

    # Signed for an id that now belongs to someone else: refused too.
    other = Subscriber.objects.create(email="autre@example.org")
    token_for_old_address = signing.dumps([other.pk, "0" * 20], salt="questions.subscriber.confirm")
    assert client.get(f"/abonnement/confirmer/{token_for_old_address}/").status_code == 404
    assert client.post(f"/abonnement/confirmer/{token_for_old_address}/").status_code == 404
    assert Subscriber.objects.get().confirmed_at is None


def test_unsubscribe_link_shows_a_button_that_unsubscribes(blog):
    client = Client(enforce_csrf_checks=True)
    subscribe(client, "claire@example.org")
    message = mail.outbox[0]
    client.get(path_of(confirm_link(message)))
    confirm(Client(), message)
    assert Subscriber.objects.counted().count() == 1

    # Following the link (as a mail scanner does) unsubscribes no one.
    page = client.get(path_of(unsubscribe_link(message)))
    assert page.status_code == 200
    assert '<form method="post">' in page.content.decode() and UNSUBSCRIBE_BUTTON in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert Subscriber.objects.get().state == Subscriber.State.CONFIRMED
    assert Subscriber.objects.counted().count() == 1

    response = client.post(path_of(unsubscribe_link(message)), {"csrfmiddlewaretoken": csrf_token_in(page)})
    assert response.status_code == 200
    assert "Désabonnement effectué" in response.content.decode()
    assert Subscriber.objects.counted().count() == 0
    assert Subscriber.objects.get().state == Subscriber.State.UNSUBSCRIBED
    unsubscribed_at = Subscriber.objects.get().unsubscribed_at
    assert unsubscribe(client, message).status_code == 200
    assert Subscriber.objects.get().unsubscribed_at == unsubscribed_at
    # The link now says it is done, without a button.
    done = client.get(path_of(unsubscribe_link(message)))
    assert done.status_code == 200
    assert "Déjà désabonné" in done.content.decode()
    assert UNSUBSCRIBE_BUTTON not in done.content.decode()


def test_mail_clients_one_click_post_needs_no_csrf_token(blog):
    client = Client(enforce_csrf_checks=True)
    subscribe(client, "louis@example.org")
    message = mail.outbox[0]
    confirm(Client(), message)
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe_link(message)}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # RFC 8058: a POST of `List-Unsubscribe=One-Click` to the header's address, no cookie, no token.
    response = client.post(
        path_of(message.extra_headers["List-Unsubscribe"].strip("<>")),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert Subscriber.objects.counted().count() == 0


def test_subscribing_again_after_leaving_needs_a_new_confirmation(client, blog):
    subscribe(client, "emma@example.org")
    confirm(client, mail.outbox[0])
    unsubscribe(client, mail.outbox[0])
    mail.outbox.clear()
    subscribe(client, "emma@example.org")
    assert Subscriber.objects.counted().count() == 0
    assert client.get(path_of(confirm_link(mail.outbox[0]))).status_code == 200
    assert Subscriber.objects.counted().count() == 0
    confirm(client, mail.outbox[0])
    assert Subscriber.objects.counted().count() == 1
    assert Subscriber.objects.count() == 1


@pytest.mark.parametrize("method", ["get", "put"])
def test_subscribe_page_and_wrong_methods(client, blog, method):
    response = getattr(client, method)("/abonnement/")
    if method == "get":
        assert response.status_code == 200
        assert "S’abonner au blog participatif" in response.content.decode()
    else:
        assert response.status_code == 405


def test_too_many_attempts_from_one_address_get_a_french_429(client, blog, settings):
    settings.SUBSCRIBE_RATE_LIMIT = (3, 3600)
    for number in range(3):
        assert subscribe(client, f"essai{number}@example.org").status_code == 302
    response = subscribe(client, "essai9@example.org")
    assert response.status_code == 429
    assert "Trop de demandes" in response.content.decode()
    assert not Subscriber.objects.filter(email="essai9@example.org").exists()
    # Another address is not held back.
    assert Client(REMOTE_ADDR="192.0.2.7").post("/abonnement/", {"email": "x@example.org"}).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_for_one_address_leave_one_subscription():
    if connection.vendor != "postgresql":
        pytest.skip("needs a database that serves several threads at once (PostgreSQL)")
    errors = run_at_once([lambda: request_subscription("meme.adresse@example.org", "http://testserver/")] * 4)
    assert errors == []
    assert Subscriber.objects.filter(email="meme.adresse@example.org").count() == 1
