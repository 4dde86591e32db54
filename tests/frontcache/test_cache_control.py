"""What Django tells a shared cache it may keep (frontcache/middleware.py)."""

import pytest
from django.test import Client

from discussion.demo import create_comment
from tests.discussion.conftest import make_hearing, post_comment


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.fixture
def hearing(db):
    return make_hearing()


def test_an_anonymous_page_is_public_for_shared_caches(client, mission_site, settings):
    settings.CACHE_CONTROL_S_MAXAGE = 120
    response = client.get("/la-mission/")
    assert response.status_code == 200
    assert directives(response) == {"public", "max-age=0", "s-maxage=120"}
    assert not response.cookies


def test_a_commentable_page_is_public_and_carries_no_token(client, hearing):
    create_comment(hearing, "Un avis.")
    response = client.get(hearing.url)
    assert "public" in directives(response)
    assert not response.cookies
    assert 'value="" data-jeton-csrf' in response.content.decode()


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_a_request_with_a_session_or_messages_cookie_is_private(client, mission_site, cookie):
    client.cookies[cookie] = "quelque-chose"
    response = client.get("/la-mission/")
    assert {"private", "no-store"} <= directives(response)


def test_a_logged_in_user_gets_private_pages(client, mission_site, admin_user):
    client.force_login(admin_user)
    assert {"private", "no-store"} <= directives(client.get("/la-mission/"))
    assert {"private", "no-store"} <= directives(client.get("/admin/"))


def test_the_admin_login_and_the_csrf_token_endpoint_are_private(client, db):
    assert {"private", "no-store"} <= directives(client.get("/admin/login/"))
    response = client.get("/commentaires/jeton/")
    assert {"private", "no-store"} <= directives(response)
    assert response.cookies  # the visitor's own CSRF cookie, never stored by a shared cache


def test_a_preview_is_private(client, mission_site, admin_user):
    _, pages = mission_site
    mission = pages["la-mission"].specific
    mission.title = "Brouillon secret"
    mission.save_revision()
    client.force_login(admin_user)
    preview = client.get(f"/admin/pages/{mission.pk}/edit/preview/")
    assert {"private", "no-store"} <= directives(preview)
    assert "Brouillon secret" not in Client().get("/la-mission/").content.decode()


def test_a_post_and_a_form_shown_again_with_errors_are_private(client, hearing):
    response = post_comment(client, hearing, comment="")
    assert response.status_code in (200, 400)
    assert {"private", "no-store"} <= directives(response)


def test_not_found_and_redirects_are_revalidated(client, mission_site):
    assert "no-cache" in directives(client.get("/page-inconnue/"))
    assert "no-cache" in directives(client.get("/la-mission"))  # APPEND_SLASH redirect


def test_a_page_under_a_view_restriction_is_private(client, mission_site):
    from wagtail.models import PageViewRestriction

    _, pages = mission_site
    PageViewRestriction.objects.create(page=pages["la-mission"], restriction_type="login")
    response = client.get("/la-mission/")
    assert response.status_code == 302
    assert "public" not in directives(response)
