"""A visitor comments on a hearing, another replies, a moderator removes the reply with a reason."""

import re

from django.core import mail

from discussion.models import DiscussionComment
from tests.discussion.conftest import CONFIRM_LINK, make_hearing


def confirm_from_last_mail(page, live_server):
    """Follow the mailed link (which changes nothing by itself), then press its page's button."""
    link = CONFIRM_LINK.search(mail.outbox[-1].body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    page.goto(live_server.url + path)
    assert page.locator("h1").inner_text() == "Confirmer votre commentaire"
    assert DiscussionComment.objects.filter(confirmed_at__isnull=True).exists()
    page.get_by_role("button", name="Confirmer la publication de mon commentaire").click()
    page.wait_for_url(re.compile(r".*#c\d+$"))


def test_comment_confirm_reply_and_moderate(live_server, page, browser, transactional_db, django_user_model):
    hearing = make_hearing()
    url = live_server.url + hearing.url

    # An anonymous visitor comments; nothing shows until the mailed link is followed.
    page.goto(url)
    # The comment form, not the footer's subscribe form (which also asks for an email).
    form = page.locator("form.discussion-form")
    form.get_by_label("Nom ou pseudonyme").fill("Claire")
    form.get_by_label("Adresse électronique").fill("claire@example.org")
    form.get_by_label("Commentaire (obligatoire)").fill("La chronologie des médias doit évoluer.")
    form.get_by_role("button", name="Publier le commentaire").click()
    assert page.locator("h1").inner_text() == "Confirmez votre commentaire"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["claire@example.org"]
    confirm_from_last_mail(page, live_server)
    assert re.search(r"#c\d+$", page.url)
    first_id = page.url.rsplit("#", 1)[1]
    assert page.locator(f"#{first_id}").get_by_text("La chronologie des médias doit évoluer.").is_visible()
    assert "claire@example.org" not in page.content()

    # A second visitor replies through the reply page, without any script of ours.
    other = browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 844})
    visitor = other.new_page()
    visitor.goto(url)
    visitor.locator(f"#{first_id}").get_by_role("link", name="Répondre").click()
    assert visitor.locator("h1").inner_text() == "Répondre à Claire"
    assert visitor.locator("blockquote").inner_text().strip() == "La chronologie des médias doit évoluer."
    reply_form = visitor.locator("form.discussion-form")
    reply_form.get_by_label("Nom ou pseudonyme").fill("Paul")
    reply_form.get_by_label("Adresse électronique").fill("paul@example.org")
    reply_form.get_by_label("Commentaire (obligatoire)").fill("Hors sujet : achetez mes disques !")
    reply_form.get_by_role("button", name="Publier la réponse").click()
    assert visitor.locator("h1").inner_text() == "Confirmez votre commentaire"
    confirm_from_last_mail(visitor, live_server)
    reply_id = visitor.url.rsplit("#", 1)[1]
    nested = visitor.locator(f"li:has(> #{first_id}) > ol.discussion-replies > li > #{reply_id}")
    assert nested.get_by_text("achetez mes disques").is_visible()
    other.close()

    # A moderator removes the reply in the admin, with a reason. (Its own context: leaving an admin
    # page aborts the admin's background requests, which are not the public site's problems.)
    django_user_model.objects.create_superuser("moderateur", "mod@example.org", "mot-de-passe-long")
    moderation = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    admin = moderation.new_page()
    admin.goto(live_server.url + "/admin/login/")
    admin.fill("#id_username", "moderateur")
    admin.fill("#id_password", "mot-de-passe-long")
    admin.locator("button[type=submit]").click()
    admin.wait_for_url(live_server.url + "/admin/")
    admin.goto(live_server.url + "/admin/discussion/discussioncomment/?q=disques")
    admin.get_by_role("link", name="Retirer").first.click()
    admin.get_by_label("hors sujet").check()
    admin.get_by_role("button", name="Retirer").click()
    admin.wait_for_url(live_server.url + "/admin/discussion/discussioncomment/")
    assert DiscussionComment.objects.get(comment__contains="disques").removal_reason == "hors-sujet"
    moderation.close()

    page.goto(url)
    assert (
        page.locator(f"#{reply_id}")
        .get_by_text("Commentaire retiré par la modération : hors sujet")
        .is_visible()
    )
    assert "achetez mes disques" not in page.content()
    assert page.locator(f"#{first_id}").get_by_text("La chronologie des médias doit évoluer.").is_visible()
    assert page.problems == [], page.problems
