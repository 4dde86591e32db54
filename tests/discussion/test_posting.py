"""Posting, confirming, replying: what gets stored, what gets mailed, what the page shows."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from discussion.models import DiscussionComment
from tests.concurrency import run_at_once
from tests.discussion.conftest import (
    confirm,
    confirmation_link,
    form_data,
    make_hearing,
    path_of,
    post_comment,
)

CONFIRM_BUTTON = "Confirmer la publication de mon commentaire"
UNSUBSCRIBE_BUTTON = "Me désabonner"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_token_in(response):
    return CSRF_INPUT.search(response.content.decode()).group(1)


def test_anonymous_comment_waits_for_the_email_link_then_is_published(client, hearing):
    response = post_comment(client, hearing, comment="Première contribution.\nSur deux lignes.")
    assert response.status_code == 200
    assert "Confirmez votre commentaire" in response.content.decode()
    comment = DiscussionComment.objects.get()
    assert comment.confirmed_at is None and not comment.is_public
    assert comment.ip_address is None
    assert "Première contribution" not in client.get(hearing.url).content.decode()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["claire@example.org"]
    assert f"puis cliquez sur « {CONFIRM_BUTTON} »" in mail.outbox[0].body
    link = path_of(confirmation_link())

    # Following the link (as a mail scanner does) shows the comment and a button, and changes nothing.
    author = Client(enforce_csrf_checks=True)
    page = author.get(link)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1" in html and "Confirmer votre commentaire" in html
    assert "Première contribution.<br>Sur deux lignes." in html
    assert '<form method="post">' in html and CONFIRM_BUTTON in html
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]
    comment.refresh_from_db()
    assert comment.confirmed_at is None and not comment.is_public
    assert "Première contribution" not in client.get(hearing.url).content.decode()

    # The button's POST, with the page's CSRF token, publishes.
    response = author.post(link, {"csrfmiddlewaretoken": csrf_token_in(page)})
    assert response.status_code == 302
    assert response["Location"] == f"{hearing.url}#c{comment.pk}"
    html = client.get(hearing.url).content.decode()
    assert "Première contribution.<br>Sur deux lignes." in html
    assert f'id="c{comment.pk}"' in html
    assert "claire@example.org" not in html  # emails are never shown

    # Pressing again changes nothing; the link now says it is done, with no button.
    confirmed_at = DiscussionComment.objects.get().confirmed_at
    again = author.post(link, {"csrfmiddlewaretoken": csrf_token_in(page)})
    assert again.status_code == 302 and again["Location"] == response["Location"]
    assert DiscussionComment.objects.get().confirmed_at == confirmed_at
    done = author.get(link)
    assert done.status_code == 200
    assert "Commentaire déjà publié" in done.content.decode()
    assert CONFIRM_BUTTON not in done.content.decode()
    assert f'href="{hearing.url}#c{comment.pk}"' in done.content.decode()


def test_the_confirmation_button_without_a_csrf_token_shows_the_page_again(hearing):
    post_comment(Client(), hearing)
    author = Client(enforce_csrf_checks=True)
    response = author.post(path_of(confirmation_link()))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Votre confirmation n’a pas été enregistrée" in html
    assert CONFIRM_BUTTON in html
    assert DiscussionComment.objects.get().confirmed_at is None
    # The fresh token of that page works.
    assert (
        author.post(
            path_of(confirmation_link()), {"csrfmiddlewaretoken": csrf_token_in(response)}
        ).status_code
        == 302
    )
    assert DiscussionComment.objects.get().is_published


def test_confirmation_link_carries_no_personal_data_and_is_not_the_pickled_comment(client, hearing):
    post_comment(client, hearing, email="secret.person@example.org", name="Secret Person")
    link = confirmation_link()
    token = link.rstrip("/").rsplit("/", 1)[1]
    decoded = token
    for _ in range(2):
        try:
            import base64

            decoded += base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("latin-1")
        except ValueError:
            pass
    for secret in ("secret", "example.org", "Secret Person", "127.0.0.1"):
        assert secret not in decoded
    assert len(token) < 60


def test_expired_confirmation_link_is_refused_with_a_clear_page(client, hearing):
    post_comment(client, hearing)
    link = confirmation_link()
    with freeze_time(timezone.now() + timedelta(days=8)):
        for response in (client.get(path_of(link)), confirm(client, link)):
            assert response.status_code == 410
            assert "Lien expiré" in response.content.decode()
            assert "Ce lien de confirmation a expiré (il vaut 7 jours)" in response.content.decode()
            assert CONFIRM_BUTTON not in response.content.decode()
    comment = DiscussionComment.objects.get()
    assert comment.confirmed_at is None and not comment.is_public


def test_confirming_after_the_page_closed_is_refused(client, hearing):
    post_comment(client, hearing)
    link = confirmation_link()
    hearing.comments_close_at = timezone.now() - timedelta(minutes=1)
    hearing.save_revision().publish()
    for response in (client.get(path_of(link)), confirm(client, link)):
        assert response.status_code == 403
        assert "Les commentaires sont fermés" in response.content.decode()
        assert CONFIRM_BUTTON not in response.content.decode()
    assert DiscussionComment.objects.get().confirmed_at is None


def test_tampered_confirmation_link_is_a_404(client, hearing):
    post_comment(client, hearing)
    link = path_of(confirmation_link())
    for response in (client.get(link.replace(":", ":x", 1)), client.post(link.replace(":", ":x", 1))):
        assert response.status_code == 404
        assert "Ce lien de confirmation n’est pas valide." in response.content.decode()
    comment = DiscussionComment.objects.get()
    assert comment.confirmed_at is None and not comment.is_public


def test_a_link_to_a_deleted_comment_is_a_404_on_post_too(client, hearing):
    post_comment(client, hearing)
    link = confirmation_link()
    DiscussionComment.objects.all().delete()
    response = confirm(client, link)
    assert response.status_code == 404
    assert "Ce commentaire n’existe plus." in response.content.decode()
    assert DiscussionComment.objects.count() == 0


def test_filled_honeypot_is_rejected_and_nothing_stored(client, hearing):
    response = post_comment(client, hearing, honeypot="http://spam.example")
    assert response.status_code == 400
    assert DiscussionComment.objects.count() == 0
    assert mail.outbox == []


def test_forged_security_hash_is_rejected(client, hearing):
    response = post_comment(client, hearing, security_hash="0" * 40)
    assert response.status_code == 400
    assert DiscussionComment.objects.count() == 0


def test_rate_limit_answers_429_in_french_and_stores_nothing(client, hearing):
    # The limit counts per clock minute: start at the top of one, so a slow run cannot cross
    # into the next minute between the fifth post and the sixth.
    with freeze_time(timezone.now().replace(second=0, microsecond=0), tick=True):
        for index in range(5):
            response = post_comment(client, hearing, email=f"v{index}@example.org")
            assert response.status_code == 200
        response = post_comment(client, hearing, email="v6@example.org")
    assert response.status_code == 429
    assert "Trop de messages envoyés" in response.content.decode()
    assert DiscussionComment.objects.count() == 5
    assert len(mail.outbox) == 5


def test_rate_limit_counts_remote_addr_not_a_forged_forwarded_header(client, hearing):
    for index in range(5):
        post_comment(client, hearing, email=f"v{index}@example.org", HTTP_X_FORWARDED_FOR=f"10.0.0.{index}")
    response = client.post(
        "/commentaires/publier/", form_data(hearing, email="z@example.org"), HTTP_X_FORWARDED_FOR="10.9.9.9"
    )
    assert response.status_code == 429


def test_trusted_proxy_header_is_used_when_configured(client, hearing, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for index in range(6):
        response = client.post(
            "/commentaires/publier/",
            form_data(hearing, email=f"v{index}@example.org"),
            HTTP_X_FORWARDED_FOR=f"forged, 10.0.0.{index}",
        )
        assert response.status_code == 200
    assert DiscussionComment.objects.count() == 6


def test_confirmation_mails_to_one_address_are_limited(client, hearing, settings):
    settings.DISCUSSION_RATE_LIMITS = {"per_minute": 100, "per_day": 100}
    for _ in range(3):
        assert post_comment(client, hearing, email="victim@example.org").status_code == 200
    response = post_comment(client, hearing, email="Victim@example.org")
    assert response.status_code == 429
    assert "Trop de messages de confirmation" in response.content.decode()
    assert len(mail.outbox) == 3
    assert DiscussionComment.objects.count() == 3


def test_confirmation_mails_to_one_address_are_capped_for_the_day_not_the_hour(client, hearing, settings):
    # Issue 18, failure 2: an hourly cap let anyone mail a third party 3 times an hour.
    settings.DISCUSSION_RATE_LIMITS = {"per_minute": 100, "per_day": 100}
    with freeze_time("2012-10-15 08:00:00") as clock:
        for _ in range(3):
            assert post_comment(client, hearing, email="victime@example.org").status_code == 200
        for hours in (2, 10):
            clock.tick(timedelta(hours=hours))
            assert post_comment(client, hearing, email="victime@example.org").status_code == 429
        assert len(mail.outbox) == 3
        clock.move_to("2012-10-16 08:00:01")
        assert post_comment(client, hearing, email="victime@example.org").status_code == 200
    assert len(mail.outbox) == 4


def test_closed_page_refuses_a_post_and_shows_no_form(client, hearing):
    hearing.comments_open = False
    hearing.save_revision().publish()
    html = client.get(hearing.url).content.decode()
    assert "Les commentaires sont fermés" in html
    assert 'action="/commentaires/publier/"' not in html
    response = post_comment(client, hearing)
    assert response.status_code == 403
    assert DiscussionComment.objects.count() == 0


def test_closing_date_closes_comments(client, hearing):
    hearing.comments_close_at = timezone.now() + timedelta(days=1)
    hearing.save_revision().publish()
    assert 'action="/commentaires/publier/"' in client.get(hearing.url).content.decode()
    with freeze_time(timezone.now() + timedelta(days=2)):
        assert "Les commentaires sont fermés" in client.get(hearing.url).content.decode()
        assert post_comment(client, hearing).status_code == 403


def test_comment_on_a_page_that_does_not_exist_is_a_404(client, hearing):
    data = form_data(hearing)
    data["object_pk"] = "999999"
    response = client.post("/commentaires/publier/", data)
    assert response.status_code == 404
    data["object_pk"] = "pas-un-nombre"
    assert client.post("/commentaires/publier/", data).status_code == 404
    assert DiscussionComment.objects.count() == 0


def test_comment_on_a_page_that_takes_no_comments_is_a_404(client, hearing):
    data = form_data(hearing)
    data["object_pk"] = str(hearing.get_parent().pk)  # the hearing index is not commentable
    assert client.post("/commentaires/publier/", data).status_code == 404


def test_comment_on_a_draft_page_is_a_404(client, hearing):
    hearing.unpublish()
    assert post_comment(client, hearing).status_code == 404


def test_invalid_form_shows_errors_tied_to_fields_and_stores_nothing(client, hearing):
    response = post_comment(client, hearing, name="", email="pas-une-adresse", comment="   ")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-describedby="id_email-hint id_email-error"' in html
    assert 'id="id_email-error"' in html
    assert html.count("<h1") == 1
    assert DiscussionComment.objects.count() == 0


def test_logged_in_user_publishes_at_once_with_focus_anchor(client, django_user_model, hearing):
    user = django_user_model.objects.create_user("anne", "anne@example.org", "x", first_name="Anne")
    client.force_login(user)
    response = post_comment(client, hearing, comment="Publié tout de suite.")
    comment = DiscussionComment.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#c{comment.pk}")
    assert comment.is_published and comment.user_name == "Anne"
    assert mail.outbox == []


def test_reply_page_quotes_the_parent_and_works_without_javascript(client, hearing):
    from discussion.demo import create_comment

    parent = create_comment(hearing, "Le texte du parent <b>cité</b>.", name="Paul")
    response = client.get(f"/commentaires/{parent.pk}/repondre/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Répondre à Paul" in html
    assert "Le texte du parent &lt;b&gt;cité&lt;/b&gt;." in html
    assert f'name="reply_to" value="{parent.pk}"' in html
    post_comment(client, hearing, reply_to=parent.pk, comment="Ma réponse.")
    confirm(client)
    reply = DiscussionComment.objects.get(comment="Ma réponse.")
    assert reply.parent_id == parent.pk and reply.level == 1 and reply.is_published


def test_threads_stop_at_depth_three(client, hearing):
    from discussion.demo import create_comment

    root = create_comment(hearing, "Niveau 0")
    child = create_comment(hearing, "Niveau 1", parent=root)
    grandchild = create_comment(hearing, "Niveau 2", parent=child)
    assert client.get(f"/commentaires/{child.pk}/repondre/").status_code == 200
    assert client.get(f"/commentaires/{grandchild.pk}/repondre/").status_code == 404
    response = post_comment(client, hearing, reply_to=grandchild.pk)
    assert response.status_code == 400
    assert DiscussionComment.objects.count() == 3
    html = client.get(hearing.url).content.decode()
    assert f'href="/commentaires/{grandchild.pk}/repondre/"' not in html
    assert f'href="/commentaires/{child.pk}/repondre/"' in html


def test_reply_to_a_comment_of_another_page_is_refused(client, hearing):
    from discussion.demo import create_comment

    other = make_hearing(slug="autre", title="Autre audition")
    foreign = create_comment(other, "Ailleurs")
    assert post_comment(client, hearing, reply_to=foreign.pk).status_code == 400


def test_comment_with_more_than_two_links_is_held_for_moderation(client, hearing):
    text = "https://a.example https://b.example https://c.example"
    post_comment(client, hearing, comment=text)
    response = confirm(client)
    assert response.status_code == 200
    assert "attente de modération" in response.content.decode()
    comment = DiscussionComment.objects.get()
    assert comment.confirmed_at is not None and not comment.is_public
    assert "a.example" not in client.get(hearing.url).content.decode()
    # The link, followed again, says so and asks nothing more.
    again = client.get(path_of(confirmation_link()))
    assert again.status_code == 200
    assert "attente de modération" in again.content.decode()
    assert CONFIRM_BUTTON not in again.content.decode()


def test_two_links_are_published(client, hearing):
    post_comment(client, hearing, comment="https://a.example et https://b.example")
    confirm(client)
    assert DiscussionComment.objects.get().is_published


def test_premoderated_page_holds_every_comment(client, django_user_model, hearing):
    hearing.comments_premoderated = True
    hearing.save_revision().publish()
    client.force_login(django_user_model.objects.create_user("anne", "anne@example.org", "x"))
    response = post_comment(client, hearing)
    assert response.status_code == 200
    assert not DiscussionComment.objects.get().is_public


def test_followers_are_notified_once_with_an_unsubscribe_link(
    client, hearing, django_capture_on_commit_callbacks
):
    from discussion.demo import create_comment

    create_comment(hearing, "Je suis", name="Suiveuse", email="suit@example.org", followup=True)
    create_comment(hearing, "Encore", name="Suiveuse", email="suit@example.org", followup=True)
    create_comment(hearing, "Pas moi", name="Autre", email="autre@example.org", followup=False)
    post_comment(client, hearing, comment="Nouveau point de vue.", email="new@example.org")
    confirmation = confirmation_link()
    with django_capture_on_commit_callbacks(execute=True):
        # A scanner fetching the link publishes nothing and mails no one.
        assert client.get(path_of(confirmation)).status_code == 200
    assert [message.to for message in mail.outbox] == [["new@example.org"]]
    assert not DiscussionComment.objects.get(user_email="new@example.org").is_public
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, confirmation)
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, confirmation)  # a second press mails no one again
    followups = [message for message in mail.outbox if message.to == ["suit@example.org"]]
    assert len(followups) == 1
    assert "Nouveau point de vue." in followups[0].body
    assert "new@example.org" not in followups[0].body
    unsubscribe = next(line for line in followups[0].body.splitlines() if "/commentaires/desabonner/" in line)
    link = path_of(unsubscribe.split(": ", 1)[1])

    # The link shows a button and unsubscribes no one by itself.
    page = client.get(link)
    assert page.status_code == 200
    assert '<form method="post">' in page.content.decode() and UNSUBSCRIBE_BUTTON in page.content.decode()
    assert f'« <a href="{hearing.url}#commentaires">{hearing.title}</a> »' in page.content.decode()
    assert DiscussionComment.objects.filter(user_email="suit@example.org", followup=True).count() == 2

    response = client.post(link)
    assert response.status_code == 200
    assert "Désabonnement enregistré" in response.content.decode()
    assert not DiscussionComment.objects.filter(user_email="suit@example.org", followup=True).exists()
    assert not any(message.to == ["autre@example.org"] for message in mail.outbox)
    # Idempotent, and the link now says it is done, without a button.
    assert client.post(link).status_code == 200
    done = client.get(link)
    assert done.status_code == 200
    assert "Déjà désabonné" in done.content.decode()
    assert UNSUBSCRIBE_BUTTON not in done.content.decode()


def test_a_scanner_fetching_the_unsubscribe_link_stops_no_mail(
    client, hearing, django_capture_on_commit_callbacks
):
    from discussion.demo import create_comment
    from discussion.services import unsubscribe_token

    follower = create_comment(hearing, "Je suis", email="suit@example.org", followup=True)
    assert client.get(f"/commentaires/desabonner/{unsubscribe_token(follower)}/").status_code == 200
    post_comment(client, hearing, comment="Après la visite du scanner.", email="new@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client)
    followups = [message for message in mail.outbox if message.to == ["suit@example.org"]]
    assert len(followups) == 1 and "Après la visite du scanner." in followups[0].body


def test_a_forged_unsubscribe_link_is_a_404_and_unsubscribes_no_one(client, hearing):
    from discussion.demo import create_comment
    from discussion.services import confirmation_token, unsubscribe_token

    follower = create_comment(hearing, "Je suis", email="suit@example.org", followup=True)
    token = unsubscribe_token(follower)
    forged = f"/commentaires/desabonner/{token[:-2]}xx/"
    for response in (client.get(forged), client.post(forged)):
        assert response.status_code == 404
        assert "Ce lien de désabonnement n’est pas valide." in response.content.decode()
    assert DiscussionComment.objects.get().followup
    # A confirmation token is no unsubscribe token.
    assert client.post(f"/commentaires/desabonner/{confirmation_token(follower)}/").status_code == 404
    assert DiscussionComment.objects.get().followup


def test_the_unsubscribe_button_without_a_csrf_token_shows_the_page_again(hearing):
    from discussion.demo import create_comment
    from discussion.services import unsubscribe_token

    follower = create_comment(hearing, "Je suis", email="suit@example.org", followup=True)
    link = f"/commentaires/desabonner/{unsubscribe_token(follower)}/"
    response = Client(enforce_csrf_checks=True).post(link)
    assert response.status_code == 403
    assert "Votre confirmation n’a pas été enregistrée" in response.content.decode()
    assert UNSUBSCRIBE_BUTTON in response.content.decode()
    assert DiscussionComment.objects.get().followup


@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_once_publish_once_and_mail_the_followers_once():
    if connection.vendor != "postgresql":
        pytest.skip("needs a database that serves several threads at once (PostgreSQL)")
    from django.core.cache import cache

    from discussion.demo import create_comment

    cache.clear()
    hearing = make_hearing()
    create_comment(hearing, "Je suis", email="suit@example.org", followup=True)
    post_comment(Client(), hearing, comment="Deux clics à la fois.", email="new@example.org")
    link = path_of(confirmation_link())
    statuses = []
    errors = run_at_once([lambda: statuses.append(Client().post(link).status_code)] * 3)
    assert errors == [] and statuses == [302, 302, 302]
    assert DiscussionComment.objects.get(comment="Deux clics à la fois.").is_published
    assert [message.to for message in mail.outbox].count(["suit@example.org"]) == 1


@pytest.mark.parametrize("url", ["/commentaires/publier/"])
def test_posting_needs_post(client, url):
    assert client.get(url).status_code == 405


def test_expired_unconfirmed_comments_are_purged(client, hearing):
    from django.core.management import call_command

    post_comment(client, hearing, email="old@example.org")
    with freeze_time(timezone.now() + timedelta(days=3)):
        call_command("purge_unconfirmed_comments")
    assert DiscussionComment.objects.count() == 1
    with freeze_time(timezone.now() + timedelta(days=8)):
        post_comment(client, hearing, email="new@example.org")
        call_command("purge_unconfirmed_comments")
    assert list(DiscussionComment.objects.values_list("user_email", flat=True)) == ["new@example.org"]


def test_logged_in_user_without_email_can_comment(client, django_user_model, hearing):
    client.force_login(django_user_model.objects.create_user("sansadresse"))
    assert post_comment(client, hearing, name="", email="").status_code == 302
    assert DiscussionComment.objects.get().is_published
