"""Commenting on a page served by Varnish (deploy/varnish/default.vcl in front of the test server),
with and without JavaScript."""

from django.core import mail
from playwright.sync_api import expect

from discussion.demo import create_comment
from discussion.models import DiscussionComment
from tests.discussion.conftest import make_hearing


def fill_comment(form, name, email, text):
    form.get_by_label("Nom ou pseudonyme").fill(name)
    form.get_by_label("Adresse électronique").fill(email)
    form.get_by_label("Commentaire (obligatoire)").fill(text)


def test_a_visitor_comments_on_a_cached_page_with_the_token_fetched_by_script(
    varnish, page, browser, transactional_db
):
    hearing = make_hearing()
    url = varnish.url + hearing.url
    # Someone else's visit puts the page in Varnish.
    other = browser.new_context(locale="fr-FR")
    assert other.new_page().goto(url).headers["x-cache"] == "MISS"
    other.close()

    response = page.goto(url)
    assert response.headers["x-cache"] == "HIT"
    assert "set-cookie" not in response.headers
    assert page.context.cookies() == []
    form = page.locator("form.discussion-form")
    fill_comment(form, "Claire", "claire@example.org", "Publié depuis une page en cache.")
    # The token is fetched when the form gets focus, from an uncached, private address.
    # A locator wait, not wait_for_function: the site's CSP forbids the eval that the latter may use.
    expect(form.locator("input[name=csrfmiddlewaretoken]")).not_to_have_value("")
    form.get_by_role("button", name="Publier le commentaire").click()
    assert page.locator("h1").inner_text() == "Confirmez votre commentaire"
    assert DiscussionComment.objects.get().comment == "Publié depuis une page en cache."
    assert len(mail.outbox) == 1
    page.screenshot(path="test-artifacts/page-cache-comment-sent.png", full_page=True)
    assert page.problems == []


def test_without_javascript_the_form_comes_back_filled_in_and_is_sent_the_second_time(
    live_server, browser, transactional_db
):
    hearing = make_hearing()
    comment = create_comment(hearing, "Un commentaire à aimer.")
    url = live_server.url + hearing.url
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    visitor = context.new_page()
    visitor.goto(url)
    form = visitor.locator("form.discussion-form")
    fill_comment(form, "Jeanne", "jeanne@example.org", "Sans JavaScript.")
    form.get_by_role("button", name="Publier le commentaire").click()
    assert visitor.get_by_text("Votre commentaire n’a pas encore été envoyé").is_visible()
    assert not DiscussionComment.objects.filter(comment="Sans JavaScript.").exists()
    resent = visitor.locator("form.discussion-form")
    assert resent.get_by_label("Commentaire (obligatoire)").input_value() == "Sans JavaScript."
    visitor.screenshot(path="test-artifacts/page-cache-resubmit.png", full_page=True)
    resent.get_by_role("button", name="Publier le commentaire").click()
    assert visitor.locator("h1").inner_text() == "Confirmez votre commentaire"
    assert DiscussionComment.objects.filter(comment="Sans JavaScript.").exists()

    # The like button the same way: a confirmation page, then the like counts.
    visitor.goto(url)
    visitor.locator(f"#c{comment.pk}").get_by_role("button", name="J’aime").click()
    assert visitor.locator("h1").inner_text() == "Confirmer « J’aime »"
    visitor.get_by_role("button", name="J’aime ce commentaire").click()
    assert DiscussionComment.objects.get(pk=comment.pk).like_count == 1
    context.close()
