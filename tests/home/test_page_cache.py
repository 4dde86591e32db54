"""The anonymous page cache (home/page_cache.py): what is served from it, what never is, and
what makes it forget a page."""

import pytest
from django.core import mail
from django.test import Client
from wagtail.models import Page

from discussion.demo import create_comment
from discussion.models import DiscussionComment
from frontcache.fragments import cached as editorial_cached
from hearings.models import HearingIndexPage, Organism
from home.demo import get_or_create_child_page
from stats.models import DailyPageViews
from tests.discussion.conftest import confirmation_link, form_data, make_hearing, path_of, post_comment
from tests.stats.conftest import browser_headers


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_TIMEOUT = 300


@pytest.fixture
def hearing(db):
    return make_hearing()


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response


def test_second_anonymous_request_is_served_from_the_cache_with_the_same_headers(client, mission_site):
    first = get(client, "/la-mission/")
    second = get(Client(), "/la-mission/")
    assert first["X-Cache"] == "MISS"
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert second[header] == first[header]
    # HEAD is answered from the same entry.
    assert Client().head("/la-mission/")["X-Cache"] == "HIT"


def test_cached_pages_are_still_counted_as_visits_of_that_page(client, mission_site):
    _, pages = mission_site
    mission = pages["la-mission"]
    get(client, "/la-mission/", **browser_headers())
    response = get(client, "/la-mission/", **browser_headers(address="198.51.100.20"))
    assert response["X-Cache"] == "HIT"
    row = DailyPageViews.objects.get(page=mission)
    assert (row.visits, row.views) == (2, 2)


def test_logged_in_users_and_visitors_with_a_session_are_never_served_from_the_cache(
    client, mission_site, admin_user
):
    get(client, "/la-mission/")
    assert get(Client(), "/la-mission/")["X-Cache"] == "HIT"
    client.force_login(admin_user)
    response = get(client, "/la-mission/")
    assert "X-Cache" not in response
    # What the logged-in user got (the Wagtail user bar) was not stored for the public.
    assert b"wagtail-userbar" not in get(Client(), "/la-mission/").content


def test_a_request_with_a_messages_cookie_is_neither_served_nor_stored(client, mission_site):
    client.cookies["messages"] = "anything"
    assert "X-Cache" not in get(client, "/la-mission/")
    assert get(Client(), "/la-mission/")["X-Cache"] == "MISS"


def test_unknown_query_parameters_are_not_cached_known_ones_are_normalised(client, db):
    make_hearing()
    assert "X-Cache" not in get(client, "/auditions/?utm_source=spam")
    assert "X-Cache" not in get(client, "/auditions/?utm_source=spam")
    assert get(client, "/auditions/?statut=realisee&type=audition")["X-Cache"] == "MISS"
    assert get(client, "/auditions/?type=audition&statut=realisee")["X-Cache"] == "HIT"


def test_storage_stops_at_the_entry_quota(client, db, settings):
    settings.PAGE_CACHE_MAX_ENTRIES = 2
    make_hearing()
    for number in (1, 2, 3):
        get(client, f"/auditions/?page={number}")
    assert get(client, "/auditions/?page=1")["X-Cache"] == "HIT"
    assert get(client, "/auditions/?page=3")["X-Cache"] == "MISS"


def test_error_pages_and_input_paths_are_not_cached(client, mission_site):
    assert client.get("/nulle-part/").status_code == 404
    assert client.get("/nulle-part/")["X-Cache"] == "MISS"
    assert "X-Cache" not in client.get("/recherche/suggestions/?q=audition")
    assert "X-Cache" not in client.get("/commentaires/jeton/")


def test_publishing_a_page_invalidates_the_cache(client, mission_site):
    _, pages = mission_site
    get(client, "/")
    assert get(client, "/la-mission/")["X-Cache"] == "MISS"
    mission = pages["la-mission"].specific
    mission.title = "La mission renommée"
    mission.save_revision().publish()
    response = get(client, "/la-mission/")
    assert response["X-Cache"] == "MISS"
    assert "La mission renommée" in response.content.decode()
    # Every page is forgotten: the menu of the home page shows the new title too.
    assert "La mission renommée" in get(client, "/").content.decode()


def test_unpublishing_a_page_invalidates_the_cache(client, hearing):
    assert hearing.title in get(client, "/auditions/").content.decode()
    assert get(client, "/auditions/")["X-Cache"] == "HIT"
    hearing.unpublish()
    response = get(client, "/auditions/")
    assert response["X-Cache"] == "MISS"
    assert hearing.title not in response.content.decode()


def test_moving_a_page_invalidates_the_cache(client, hearing, mission_site):
    home, _ = mission_site
    other_index, _ = get_or_create_child_page(home, HearingIndexPage, "autres-auditions", title="Autres")
    assert hearing.title in get(client, "/auditions/").content.decode()
    hearing.move(other_index, pos="last-child")
    response = get(client, "/auditions/")
    assert response["X-Cache"] == "MISS"
    assert hearing.title not in response.content.decode()


def test_deleting_a_page_invalidates_the_cache(client, hearing):
    get(client, "/auditions/")
    Page.objects.get(pk=hearing.pk).delete()
    assert hearing.title not in get(client, "/auditions/").content.decode()


def test_editing_a_snippet_invalidates_the_cache(client, hearing):
    organism = Organism.objects.get(slug="org-audition-sacd")
    assert organism.name in get(client, hearing.url).content.decode()
    organism.name = "Nom corrigé de l’organisme"
    organism.save()
    response = get(client, hearing.url)
    assert response["X-Cache"] == "MISS"
    assert "Nom corrigé de l’organisme" in response.content.decode()


def test_a_comment_published_through_the_mailed_link_shows_at_once(client, hearing):
    get(client, hearing.url)
    post_comment(client, hearing, comment="Un avis qui doit paraître.")
    assert get(client, hearing.url)["X-Cache"] == "HIT"  # an unconfirmed comment changes nothing shown
    assert client.get(path_of(confirmation_link())).status_code == 200  # the page with the button
    assert get(client, hearing.url)["X-Cache"] == "HIT"
    response = client.post(path_of(confirmation_link()))
    assert response.status_code == 302
    page = get(client, hearing.url)
    assert page["X-Cache"] == "MISS"
    assert "Un avis qui doit paraître." in page.content.decode()


@pytest.mark.parametrize("excluded", [True, False], ids=["paths-excluded", "paths-not-excluded"])
def test_pages_of_mailed_links_are_never_stored(hearing, settings, excluded):
    """What a mailed link shows is personal (the comment, a form with a token): never stored, even
    if their paths were left out of PAGE_CACHE_EXCLUDED_PREFIXES, and a visit changes nothing."""
    from discussion.services import unsubscribe_token
    from questions.models import Subscriber
    from questions.subscriptions import confirm_url, unsubscribe_url

    if not excluded:
        settings.PAGE_CACHE_EXCLUDED_PREFIXES = ["/admin/"]
    follower = create_comment(hearing, "Je suis", email="suit@example.org", followup=True)
    post_comment(Client(), hearing, comment="En attente.")
    subscriber = Subscriber.objects.create(email="abonne@example.org")
    links = [
        path_of(confirmation_link()),
        f"/commentaires/desabonner/{unsubscribe_token(follower)}/",
        confirm_url(subscriber, ""),
        unsubscribe_url(subscriber, ""),
    ]
    for link in links:
        for _ in range(2):
            response = get(Client(), link)
            # Looked up but never stored when its path is not excluded; not even looked up when it is.
            assert response.get("X-Cache") == (None if excluded else "MISS"), link
            assert '<form method="post">' in response.content.decode(), link
            assert "csrftoken" in response.cookies, link
            assert "no-store" in response["Cache-Control"], link
    assert DiscussionComment.objects.get(comment="En attente.").confirmed_at is None
    assert DiscussionComment.objects.get(pk=follower.pk).followup
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.PENDING


def test_a_like_refreshes_its_page_only_and_removing_a_comment_invalidates_the_cache(
    client, hearing, mission_site
):
    comment = create_comment(hearing, "Un commentaire publié.")
    assert "Un commentaire publié." in get(client, hearing.url).content.decode()
    assert "J’aime (0)" in get(client, hearing.url).content.decode()
    get(client, "/la-mission/")
    response = client.post(f"/commentaires/{comment.pk}/aimer/")
    assert response.status_code == 302
    page = get(client, hearing.url)
    assert page["X-Cache"] == "MISS"
    assert "J’aime (1)" in page.content.decode()
    # A like leaves the other pages in the cache.
    assert get(client, "/la-mission/")["X-Cache"] == "HIT"
    # A second like from the same visitor changes nothing, and drops nothing.
    client.post(f"/commentaires/{comment.pk}/aimer/")
    assert get(client, hearing.url)["X-Cache"] == "HIT"
    from discussion import services

    services.remove(DiscussionComment.objects.get(pk=comment.pk), "hors-sujet")
    html = get(client, hearing.url).content.decode()
    assert "Un commentaire publié." not in html


def test_a_comment_hidden_by_flags_leaves_the_cached_page_at_once(client, hearing):
    comment = create_comment(hearing, "Contenu douteux")
    get(client, hearing.url)
    assert get(client, hearing.url)["X-Cache"] == "HIT"
    url = f"/commentaires/{comment.pk}/signaler/"
    for address in ("192.0.2.1", "192.0.2.2"):
        client.post(url, {"reason": "publicite"}, REMOTE_ADDR=address)
    # Two flags: a count, not a change of what the page shows; the page stays cached.
    assert get(client, hearing.url)["X-Cache"] == "HIT"
    client.post(url, {"reason": "injurieux"}, REMOTE_ADDR="192.0.2.3")
    page = get(client, hearing.url)
    assert page["X-Cache"] == "MISS"
    assert "Contenu douteux" not in page.content.decode()


def test_preview_is_never_cached_and_never_reaches_the_public(client, mission_site, admin_user):
    _, pages = mission_site
    mission = pages["la-mission"].specific
    public_html = get(Client(), "/la-mission/").content.decode()
    mission.title = "Brouillon secret"
    mission.save_revision()
    editor = Client()
    editor.force_login(admin_user)
    preview = editor.get(f"/admin/pages/{mission.pk}/edit/preview/")
    assert "X-Cache" not in preview
    response = get(Client(), "/la-mission/")
    assert response["X-Cache"] == "HIT"
    assert "Brouillon secret" not in response.content.decode()
    assert response.content.decode() == public_html


def test_time_bound_when_nothing_is_signalled(client, mission_site, settings):
    """What no signal reports (counts, dates) is stale for PAGE_CACHE_TIMEOUT seconds at most."""
    from freezegun import freeze_time

    settings.PAGE_CACHE_TIMEOUT = 60
    # The frozen clock drives the local-memory cache's expiry (Redis would expire in real time).
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    settings.PAGE_CACHE_ALIAS = "pages"
    with freeze_time("2012-10-15 10:00:00"):
        get(client, "/la-mission/")
    with freeze_time("2012-10-15 10:00:59"):
        assert get(client, "/la-mission/")["X-Cache"] == "HIT"
    with freeze_time("2012-10-15 10:01:01"):
        assert get(client, "/la-mission/")["X-Cache"] == "MISS"


# CSRF: cached pages carry no token; the forms fetch one or fall back without JavaScript.


def test_two_visitors_get_the_same_commentable_page_and_neither_gets_a_token(hearing):
    create_comment(hearing, "Un commentaire à aimer.")
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    response_first = get(first, hearing.url)
    response_second = get(second, hearing.url)
    assert (response_first["X-Cache"], response_second["X-Cache"]) == ("MISS", "HIT")
    for response in (response_first, response_second):
        assert "csrftoken" not in response.cookies
        assert not response.cookies
        html = response.content.decode()
        assert 'name="csrfmiddlewaretoken" value="" data-jeton-csrf' in html
        assert html.count("data-jeton-csrf") == 2  # the comment form and the like button
        assert "discussion/csrf.js" in html
    assert response_first.content == response_second.content


def test_the_token_endpoint_is_private_and_its_token_lets_the_comment_through(hearing):
    visitor = Client(enforce_csrf_checks=True)
    get(visitor, hearing.url)
    response = get(visitor, "/commentaires/jeton/")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "X-Cache" not in response
    token = response.json()["jeton"]
    assert "csrftoken" in response.cookies
    posted = visitor.post(
        "/commentaires/publier/", {**form_data(hearing, comment="Avec jeton."), "csrfmiddlewaretoken": token}
    )
    assert posted.status_code == 200
    assert "Confirmez votre commentaire" in posted.content.decode()
    assert DiscussionComment.objects.get().comment == "Avec jeton."


def test_a_visitor_holding_a_token_still_gets_the_shared_page_without_it(hearing):
    visitor = Client(enforce_csrf_checks=True)
    token = get(visitor, "/commentaires/jeton/").json()["jeton"]
    first = get(visitor, hearing.url)
    second = get(Client(), hearing.url)
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    cookie = visitor.cookies["csrftoken"].value
    for response in (first, second):
        assert token not in response.content.decode() and cookie not in response.content.decode()
        assert not response.cookies


def test_a_comment_sent_without_token_comes_back_filled_in_with_a_fresh_token(hearing):
    visitor = Client(enforce_csrf_checks=True)
    get(visitor, hearing.url)
    data = form_data(hearing, comment="Écrit sans JavaScript.", name="Jeanne", email="jeanne@example.org")
    response = visitor.post("/commentaires/publier/", data)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Votre commentaire n’a pas encore été envoyé" in html
    assert "Écrit sans JavaScript." in html and "jeanne@example.org" in html
    assert "CSRF" not in html and "Forbidden" not in html
    assert not DiscussionComment.objects.exists() and not mail.outbox
    assert "csrftoken" in response.cookies
    token = response.context["csrf_token"]
    assert f'value="{token}"' in html
    # Sending again the form as shown (its fields, its fresh security hash) stores the comment.
    form = response.context["form"]
    resent = {**form.initial, "honeypot": "", "csrfmiddlewaretoken": str(token)}
    resent.update({"content_type": data["content_type"], "object_pk": data["object_pk"]})
    resent["reply_to"] = 0
    resent.pop("followup")
    again = visitor.post("/commentaires/publier/", resent)
    assert again.status_code == 200, again.content.decode()[:2000]
    assert "Confirmez votre commentaire" in again.content.decode()
    assert DiscussionComment.objects.get().comment == "Écrit sans JavaScript."


def test_a_like_without_token_asks_to_confirm_and_other_forms_get_a_french_page(hearing):
    comment = create_comment(hearing, "Un commentaire à aimer.")
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.post(f"/commentaires/{comment.pk}/aimer/")
    assert response.status_code == 403
    assert "Confirmer « J’aime »" in response.content.decode()
    assert DiscussionComment.objects.get(pk=comment.pk).like_count == 0
    token = response.context["csrf_token"]
    liked = visitor.post(f"/commentaires/{comment.pk}/aimer/", {"csrfmiddlewaretoken": str(token)})
    assert liked.status_code == 302
    assert DiscussionComment.objects.get(pk=comment.pk).like_count == 1

    flagged = Client(enforce_csrf_checks=True).post(
        f"/commentaires/{comment.pk}/signaler/", {"reason": "spam"}
    )
    assert flagged.status_code == 403
    assert "Formulaire à renvoyer" in flagged.content.decode()


def test_logged_in_users_keep_ordinary_tokens(hearing, admin_user):
    editor = Client(enforce_csrf_checks=True)
    editor.force_login(admin_user)
    html = get(editor, hearing.url).content.decode()
    assert "data-jeton-csrf" not in html
    assert 'name="csrfmiddlewaretoken" value=""' not in html


def test_no_question_page_is_left_uncacheable(client, hearing):
    """The commentable page is stored even though it holds two forms."""
    get(client, hearing.url)
    assert get(client, hearing.url)["X-Cache"] == "HIT"


def cached_title(page):
    """What `editorial_cached` holds for `page`, computed from the database on a miss."""
    return editorial_cached(f"test-title-{page.pk}", lambda: Page.objects.get(pk=page.pk).title)


def test_editorial_data_outlives_comments_but_not_edits(hearing):
    assert cached_title(hearing) == hearing.title
    Page.objects.filter(pk=hearing.pk).update(title="Changé sans signal")
    create_comment(hearing, "Un commentaire publié ne renouvelle pas les données éditoriales.")
    assert cached_title(hearing) == hearing.title

    hearing.title = "Titre publié"
    hearing.save_revision().publish()
    assert cached_title(hearing) == "Titre publié"

    Page.objects.filter(pk=hearing.pk).update(title="Changé sans signal")
    organism = Organism.objects.get(slug="org-audition-sacd")
    organism.save()  # a snippet edit renews them
    assert cached_title(hearing) == "Changé sans signal"

    Page.objects.filter(pk=hearing.pk).update(title="Encore changé")
    Page.objects.get(pk=hearing.pk).save()  # a live page saved without the publish signal too
    assert cached_title(hearing) == "Encore changé"


def test_editorial_data_is_read_from_the_database_when_the_editorial_cache_is_off(hearing, settings):
    settings.FRAGMENT_CACHE_ENABLED = False
    assert cached_title(hearing) == hearing.title
    Page.objects.filter(pk=hearing.pk).update(title="Changé sans signal")
    assert cached_title(hearing) == "Changé sans signal"
