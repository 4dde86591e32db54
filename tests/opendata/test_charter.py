"""The participation charter: its rules are the moderators' removal reasons, the comment form
states the licence and links it, a removed comment links its rule; an erasure request also ends
the address's subscription and follow-up notifications."""

import io
import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from discussion.demo import create_comment, load_participation_charter
from discussion.models import DiscussionComment, RemovalReason
from discussion.services import notify_followers
from questions.models import AnnouncementMail, NotificationSent, Subscriber

pytestmark = pytest.mark.django_db

CHARTER = "/charte-de-participation/"


@pytest.fixture
def charter(content):
    load_participation_charter(content["home"])
    return CHARTER


def test_charter_lists_every_removal_reason_with_an_anchor(client, charter):
    html = client.get(charter).content.decode()
    for value, label in RemovalReason.choices:
        assert f'id="motif-{value}"' in html
        assert f"Motif « {label} »" in html
    for section in ("Ce qui est bienvenu", "Ce qui est retiré, et pourquoi", "conservation et effacement"):
        assert section in html
    assert "donnees-personnelles@culture-acte2.fr" in html  # how to ask for erasure
    assert f'<a href="{settings.OPEN_LICENCE_URL}" rel="noopener external">Licence Ouverte' in html


def test_comment_form_states_the_licence_and_links_the_charter(client, content, charter):
    html = client.get(content["question"].url).content.decode()
    form = html[html.index('class="discussion-form"') :]
    assert f'<a href="{settings.OPEN_LICENCE_URL}" rel="noopener external">Licence Ouverte / Open' in form
    assert f'href="{charter}"' in form


def test_removed_comment_links_the_rule_of_its_reason(client, content, charter):
    html = client.get(content["question"].url).content.decode()
    link = re.search(r'Commentaire retiré par la modération : <a href="([^"]+)">([^<]+)</a>', html)
    assert link, "the removal reason is a link"
    assert link.group(1) == f"{charter}#motif-injurieux"
    assert link.group(2) == "injurieux"
    # The anchor it names exists on the charter.
    assert 'id="motif-injurieux"' in client.get(charter).content.decode()


def test_without_a_charter_the_form_still_states_the_licence(client, content):
    html = client.get(content["question"].url).content.decode()
    form = html[
        html.index('class="discussion-form"') : html.index("</form>", html.index('class="discussion-form"'))
    ]
    assert "Licence Ouverte" in form
    assert "charte de participation" not in form


def test_erasure_ends_subscription_and_follow_up_notifications(content, rf):
    question = content["question"]
    create_comment(question, "Je suis.", name="Claire", email="Claire@example.org", followup=True)
    since = question.first_published_at
    subscriber = Subscriber.objects.create(email="claire@example.org", confirmed_at=since)
    other = Subscriber.objects.create(email="paul@example.org", confirmed_at=since)
    notification, _ = NotificationSent.objects.get_or_create(page=question)
    AnnouncementMail.objects.create(notification=notification, subscriber=subscriber)

    def mailed_to_claire():
        mail.outbox.clear()
        newcomer = create_comment(question, "Nouveau.", name="Nadia", email="nadia@example.org")
        notify_followers(newcomer, question, rf.get("/"))
        return any("claire@example.org" in [to.lower() for to in message.to] for message in mail.outbox)

    assert mailed_to_claire()  # she follows the page before the request
    call_command("erase_commenter", "CLAIRE@example.org", "--by", "dpo", stdout=io.StringIO())
    assert not Subscriber.objects.filter(email="claire@example.org").exists()
    assert Subscriber.objects.filter(pk=other.pk).exists()
    assert not AnnouncementMail.objects.filter(subscriber_id=subscriber.pk).exists()
    assert not DiscussionComment.objects.filter(
        followup=True, user_email__iexact="claire@example.org"
    ).exists()
    assert not mailed_to_claire()
