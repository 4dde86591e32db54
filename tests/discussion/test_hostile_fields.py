"""Issue 18, failure 3: input that used to raise instead of being answered with a 4xx."""

import pytest
from django.test import Client

from discussion.models import DiscussionComment
from tests.discussion.conftest import confirm, form_data, post_comment


@pytest.fixture
def hostile_client():
    return Client(raise_request_exception=False)


@pytest.fixture
def published(client, hearing):
    post_comment(client, hearing)
    confirm(client)
    return DiscussionComment.objects.get()


@pytest.mark.parametrize("reply_to", ["²", "١٢", "9" * 10_000, "99999999999999999999", "-1", "1.5"])
def test_a_hostile_reply_to_is_a_form_error(hostile_client, hearing, reply_to):
    response = hostile_client.post("/commentaires/publier/", form_data(hearing, reply_to=reply_to))
    assert response.status_code == 400
    assert not DiscussionComment.objects.exists()


@pytest.mark.parametrize("reply_to", ["²", "9" * 10_000, "99999999999999999999"])
def test_a_hostile_reply_to_without_csrf_token_shows_the_form_again(hearing, reply_to):
    visitor = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = visitor.post("/commentaires/publier/", form_data(hearing, reply_to=reply_to))
    assert response.status_code == 403
    assert "Commentaire" in response.content.decode()


def test_an_email_longer_than_the_column_is_a_form_error(hostile_client, hearing):
    email = "a" * 300 + "@example.org"
    response = hostile_client.post("/commentaires/publier/", form_data(hearing, email=email))
    assert response.status_code == 400
    assert not DiscussionComment.objects.exists()


@pytest.mark.parametrize("action", ["repondre", "signaler", "aimer"])
@pytest.mark.parametrize("comment_id", ["99999999999999999999", "9223372036854775808", "2147483648"])
def test_ids_beyond_the_integer_range_are_not_found(hostile_client, published, action, comment_id):
    method = hostile_client.get if action == "repondre" else hostile_client.post
    response = method(f"/commentaires/{comment_id}/{action}/")
    assert response.status_code == 404
