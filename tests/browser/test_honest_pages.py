"""Honest pages: a « publié » message after confirming a comment; likes and flags change in place,
without reloading the page (discussion/reactions.js), and still work as plain forms."""

import re

from django.core import mail
from playwright.sync_api import expect

from discussion.demo import create_comment
from discussion.models import DiscussionComment, VisitorReaction
from tests.browser.test_comments import confirm_from_last_mail
from tests.discussion.conftest import make_hearing


def test_confirming_a_comment_says_it_is_published(live_server, page, transactional_db):
    hearing = make_hearing()
    page.goto(live_server.url + hearing.url)
    form = page.locator("form.discussion-form")
    form.get_by_label("Nom ou pseudonyme").fill("Claire")
    form.get_by_label("Adresse électronique").fill("claire@example.org")
    form.get_by_label("Commentaire (obligatoire)").fill("La chronologie des médias doit évoluer.")
    form.get_by_role("button", name="Publier le commentaire").click()
    assert len(mail.outbox) == 1
    confirm_from_last_mail(page, live_server)
    assert page.locator(".fr-alert--success").get_by_text("Votre commentaire est publié").is_visible()
    # The message is said once: the next visit of the page no longer shows it.
    page.goto(live_server.url + hearing.url)
    assert page.locator(".fr-alert--success").count() == 0


def test_like_and_flag_in_place_without_reloading(live_server, page, transactional_db):
    hearing = make_hearing()
    comment = create_comment(hearing, "Le prix unique du livre numérique a fait ses preuves.", name="Anne")
    token_requests = []
    page.on("request", lambda req: "/commentaires/jeton/" in req.url and token_requests.append(req))
    page.goto(live_server.url + hearing.url)
    page.evaluate("window.pasRechargee = true")  # lost if the page reloads
    article = page.locator(f"#c{comment.pk}")
    article.get_by_role("button", name=re.compile("J’aime")).click()
    expect(article.locator("[data-like-count]")).to_have_text("1")
    # Focusing the button (csrf.js) and sending it (reactions.js) share one token request: two,
    # without a cookie yet, set two secrets, and the later cookie refuses the other's token.
    assert len(token_requests) == 1
    assert DiscussionComment.objects.get(pk=comment.pk).like_count == 1
    assert page.evaluate("window.pasRechargee") is True
    expect(page.locator("[data-reactions-status]")).to_contain_text("« j’aime » est compté")

    article.get_by_role("link", name=re.compile("Signaler")).click()
    article.locator("label", has_text="propos injurieux ou haineux").click()
    article.get_by_role("button", name="Envoyer le signalement").click()
    thanks = page.locator(".discussion-flag-thanks")
    thanks.wait_for()
    assert "modérateurs examineront" in thanks.inner_text()
    assert page.evaluate("window.pasRechargee") is True
    assert VisitorReaction.objects.filter(comment=comment, kind=VisitorReaction.Kind.FLAG).count() == 1
    assert page.problems == []


def test_without_javascript_the_like_form_still_posts(live_server, browser, transactional_db):
    hearing = make_hearing()
    comment = create_comment(hearing, "Les exceptions pédagogiques doivent suivre.", name="Paul")
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + hearing.url)
    page.locator(f"#c{comment.pk}").get_by_role("button", name=re.compile("J’aime")).click()
    # A page from the cache carries no token: the server asks to confirm the like, with one.
    page.locator("main").get_by_role("button", name=re.compile("J’aime")).click()
    page.wait_for_url(re.compile(rf".*#c{comment.pk}$"))
    assert page.locator(f"#c{comment.pk} [data-like-count]").inner_text() == "1"
    page.locator(f"#c{comment.pk}").get_by_role("link", name=re.compile("Signaler")).click()
    assert "signaler" in page.url
    context.close()
