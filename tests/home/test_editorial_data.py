"""What every page reads from the editorial cache (home/editorial_data.py): an edit by the team
shows at once, and the cache never serves what the database would refuse."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from frontcache.fragments import cached_many as editorial_cached_many


@pytest.fixture
def page_cache_on(settings):
    """View restrictions are kept in the editorial cache only when the page cache is on (a cache
    shared by every process in production)."""
    settings.PAGE_CACHE_ENABLED = True


def nav(html):
    nav = html[html.index('id="fr-navigation"') :]
    return nav[: nav.index("</nav>")]


@pytest.mark.usefixtures("page_cache_on")
def test_a_view_restriction_applies_at_once_to_serving_menus_and_listings(client, mission_site):
    _, pages = mission_site
    mission = pages["la-mission"]
    assert 'href="/la-mission/"' in nav(client.get("/").content.decode())
    assert client.get("/la-mission/lettre-de-mission/").status_code == 200
    assert Page.objects.live().public().filter(pk=mission.pk).exists()

    restriction = PageViewRestriction.objects.create(page=mission, restriction_type=PageViewRestriction.LOGIN)
    assert 'href="/la-mission/"' not in nav(Client().get("/").content.decode())
    # The section below it is private too, and serving it asks to log in.
    response = Client().get("/la-mission/lettre-de-mission/")
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Page.objects.live().public().filter(pk=mission.pk).exists()

    restriction.delete()
    assert 'href="/la-mission/"' in nav(Client().get("/").content.decode())
    assert Client().get("/la-mission/lettre-de-mission/").status_code == 200


def test_a_group_restriction_still_checks_the_group(client, mission_site, admin_user, page_cache_on):
    _, pages = mission_site
    restriction = PageViewRestriction.objects.create(
        page=pages["la-mission"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Équipe"))
    assert Client().get("/la-mission/").status_code == 302
    client.force_login(admin_user)
    assert client.get("/la-mission/").status_code == 200


def test_an_alias_of_a_restricted_page_is_restricted_too(client, mission_site, page_cache_on):
    _, pages = mission_site
    legal = pages["mentions-legales"]
    alias = legal.create_alias(update_slug="mentions-legales-bis")
    assert client.get("/mentions-legales-bis/").status_code == 200
    PageViewRestriction.objects.create(page=legal, restriction_type=PageViewRestriction.LOGIN)
    assert Client().get("/mentions-legales-bis/").status_code == 302
    assert alias.pk


def test_pages_read_the_site_and_restrictions_from_the_cache(client, mission_site, page_cache_on):
    client.get("/la-mission/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/la-mission/?x=1").status_code == 200
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "wagtailcore_pageviewrestriction" not in sql
    assert "wagtailcore_site" not in sql


def test_a_site_or_home_page_edit_shows_at_once(client, mission_site):
    home, _ = mission_site
    client.get("/")
    home.title = "Accueil publié"
    home.save_revision().publish()
    assert "Accueil publié" in client.get("/?x=1").content.decode()
    site = Site.objects.get(is_default_site=True)
    site.is_default_site = False
    site.save()
    assert client.get("/?x=2").status_code == 404


def test_editorial_cached_many_computes_only_what_is_missing_and_follows_edits(mission_site):
    _, pages = mission_site
    legal, mission = pages["mentions-legales"], pages["la-mission"]
    computed = []

    def titles(keys):
        computed.append(sorted(keys))
        return {pk: Page.objects.get(pk=pk).title for pk in keys}

    assert editorial_cached_many("test-title:", [legal.pk], titles) == {legal.pk: legal.title}
    assert editorial_cached_many("test-title:", [legal.pk, mission.pk], titles) == {
        legal.pk: legal.title,
        mission.pk: mission.title,
    }
    assert computed == [[legal.pk], [mission.pk]]
    mission.title = "La mission, publiée"
    mission.save_revision().publish()
    found = editorial_cached_many("test-title:", [legal.pk, mission.pk], titles)
    assert found[mission.pk] == "La mission, publiée"
    assert computed[-1] == sorted([legal.pk, mission.pk])
