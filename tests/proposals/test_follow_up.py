import datetime
import re

import feedparser
import pytest
from django.core import mail, signing
from django.test import Client
from django.utils.crypto import salted_hmac

from proposals.models import ProposalFollower, ProposalUpdate

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s]+/suivi-des-propositions/(confirmer|desabonnement)/[^\s/]+/")


def links(message, kind):
    return [
        "/" + m.group(0).split("://", 1)[1].split("/", 1)[1]
        for m in LINK.finditer(message.body)
        if m.group(1) == kind
    ]


def follow(client, proposal, email="lea@example.org"):
    return client.post(f"/suivi-des-propositions/{proposal.pk}/suivre/", {"email": email})


@pytest.fixture
def post_update(admin_client, django_capture_on_commit_callbacks):
    """Posts an update through the admin; the mails leave once the transaction commits."""

    def post(proposal, text="Le décret est paru.", **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return _post_update(admin_client, proposal, text, **fields)

    return post


def _post_update(admin_client, proposal, text, **fields):
    data = {
        "proposal": proposal.pk,
        "date": "2013-09-01",
        "text": text,
        "link_url": "https://www.legifrance.gouv.fr/exemple",
        "link_label": "Décret n° 2013-1",
        **fields,
    }
    response = admin_client.post("/admin/propositions/suivi/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ProposalUpdate.objects.get(text=text)


def test_follow_confirm_update_and_one_click_unsubscribe(client, post_update, proposals):
    proposal = proposals["books"]
    response = follow(client, proposal, "Lea@Example.org")
    assert response.status_code == 302
    assert response["Location"] == "/suivi-des-propositions/demande-envoyee/"
    assert len(mail.outbox) == 1
    confirm_url = links(mail.outbox[0], "confirmer")[0]
    assert mail.outbox[0].to == ["lea@example.org"]
    assert "Lea@Example.org" not in confirm_url

    # Before confirming, an update mails no one (double opt-in).
    post_update(proposal, text="Première étape.")
    assert len(mail.outbox) == 1

    # The link's GET only shows a button; its POST confirms.
    assert "Confirmer" in client.get(confirm_url).content.decode()
    assert not ProposalFollower.objects.get().is_confirmed
    assert "Suivi confirmé" in Client(enforce_csrf_checks=False).post(confirm_url).content.decode()
    assert ProposalFollower.objects.get().is_confirmed

    update = post_update(proposal)
    assert len(mail.outbox) == 2
    message = mail.outbox[1]
    assert message.to == ["lea@example.org"]
    assert "Proposition n° 12" in message.subject or "proposition n° 12" in message.subject
    assert "Le décret est paru." in message.body and "https://www.legifrance.gouv.fr/exemple" in message.body
    assert f"#suivi-{update.pk}" in message.body
    unsubscribe_url = links(message, "desabonnement")[0]
    assert message.extra_headers[
        "List-Unsubscribe"
    ] == f"<http://localhost{unsubscribe_url}>" or message.extra_headers["List-Unsubscribe"].endswith(
        f"{unsubscribe_url}>"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # RFC 8058: the mail client's POST carries no CSRF token.
    response = Client(enforce_csrf_checks=True).post(unsubscribe_url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not ProposalFollower.objects.get().is_confirmed
    post_update(proposal, text="Troisième étape.")
    assert len(mail.outbox) == 2


def test_each_follower_is_mailed_once_per_update_even_if_the_task_runs_again(client, post_update, proposals):
    from proposals.tasks import announce_update

    proposal = proposals["books"]
    for email in ("a@example.org", "b@example.org"):
        follow(client, proposal, email)
    for message in list(mail.outbox):
        Client().post(links(message, "confirmer")[0])
    mail.outbox.clear()
    update = post_update(proposal)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    announce_update.enqueue(update.pk)
    assert len(mail.outbox) == 2


def test_timeline_feed_and_progress_are_shown(client, post_update, report, proposals):
    proposal = proposals["books"]
    post_update(proposal, text="Annonce du ministère.", date="2013-06-01")
    post_update(proposal, text="Le décret est paru.", date="2013-09-01")
    html = client.get(proposal.url).content.decode()
    assert html.index("1er juin 2013") < html.index("1er septembre 2013")
    assert "Décret n° 2013-1" in html
    feed = feedparser.parse(client.get("/propositions/feed/").content)
    assert [entry.title for entry in feed.entries] == [f"Proposition n° 12 : {proposal.title}"] * 2
    assert feed.feed.title == f"Suivi des propositions — {report.title} — Mission culture-acte 2"
    assert feed.feed.link.endswith(report.url)
    assert feed.entries[0].summary.startswith("01/09/2013 — Le décret est paru.")
    html = client.get("/propositions/").content.decode()
    assert "Avancement par thème" in html
    assert "Musique</a> :\n          1 retenue, 1 à l’étude <span" in html
    assert '<rect class="proposal-progress--mise-en-oeuvre" x="0" y="0" width="100.0"' in html
    assert '<rect class="proposal-progress--a-l-etude" x="50.0" y="0" width="50.0"' in html


@pytest.mark.parametrize("email", ["", "pas-une-adresse", "x" * 300 + "@example.org"])
def test_a_bad_address_gets_the_form_again_with_a_message(client, proposals, email):
    response = follow(client, proposals["books"], email)
    assert response.status_code == 400
    assert "fr-error-text" in response.content.decode()
    assert not mail.outbox


def test_follow_limits_unknown_proposals_and_bad_links(client, proposals, settings):
    settings.PROPOSAL_FOLLOW_RATE_LIMIT = (2, 3600)
    assert follow(client, proposals["books"], "a@example.org").status_code == 302
    assert follow(client, proposals["books"], "b@example.org").status_code == 302
    assert follow(client, proposals["books"], "c@example.org").status_code == 429
    assert (
        client.post("/suivi-des-propositions/999999/suivre/", {"email": "a@example.org"}).status_code == 404
    )
    assert client.get("/suivi-des-propositions/confirmer/abc/").status_code == 404
    assert client.post("/suivi-des-propositions/desabonnement/abc:def/").status_code == 404


def test_confirmation_mails_to_one_address_are_capped(client, proposals, settings):
    settings.PROPOSAL_FOLLOW_RATE_LIMIT = (100, 3600)
    for _ in range(5):
        follow(client, proposals["books"], "a@example.org")
    assert len(mail.outbox) == 3
    assert ProposalFollower.objects.count() == 1
    assert datetime.date.today()


def signed_link_of_the_first_release(row, kind, prefix):
    """A link as the blog and the proposals signed them before they shared optin.addresses: mails
    already sent must keep working."""
    digest = salted_hmac(f"{prefix}.email", row.email).hexdigest()[:20]
    return signing.dumps([row.pk, digest], salt=f"{prefix}.{kind}")


def test_links_mailed_before_the_shared_opt_in_module_still_work(client, proposals):
    from questions.models import Subscriber

    follower = ProposalFollower.objects.create(proposal=proposals["books"], email="lea@example.org")
    token = signed_link_of_the_first_release(follower, "confirm", "proposals.follower")
    client.post(f"/suivi-des-propositions/confirmer/{token}/")
    follower.refresh_from_db()
    assert follower.is_confirmed
    token = signed_link_of_the_first_release(follower, "unsubscribe", "proposals.follower")
    client.post(f"/suivi-des-propositions/desabonnement/{token}/")
    follower.refresh_from_db()
    assert follower.unsubscribed_at is not None

    subscriber = Subscriber.objects.create(email="lea@example.org")
    token = signed_link_of_the_first_release(subscriber, "confirm", "questions.subscriber")
    Client().post(f"/abonnement/confirmer/{token}/")
    subscriber.refresh_from_db()
    assert subscriber.is_confirmed
    token = signed_link_of_the_first_release(subscriber, "unsubscribe", "questions.subscriber")
    Client().post(f"/abonnement/desabonnement/{token}/")
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None
