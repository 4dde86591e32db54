import re

from django.core import mail

from home.demo import get_or_create_child_page, load_mission_pages
from questions.models import QuestionIndexPage, Subscriber

LINK = re.compile(r"https?://\S+")


def test_subscribe_confirm_be_counted_then_unsubscribe(live_server, page, transactional_db):
    home, _ = load_mission_pages()
    get_or_create_child_page(
        home, QuestionIndexPage, "questions", title="Le blog participatif", show_in_menus=True
    )

    page.goto(live_server.url + "/questions/")
    counter = page.locator("#blog-compteur")
    assert counter.inner_text() == "0 abonné"

    page.get_by_label("Votre adresse électronique (obligatoire)").fill("camille.martin@example.org")
    page.get_by_role("button", name="S’abonner").click()
    page.wait_for_url(live_server.url + "/abonnement/demande-envoyee/")
    assert page.locator("h1").inner_text() == "Vérifiez votre messagerie"

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["camille.martin@example.org"]
    confirm = next(link for link in LINK.findall(message.body) if "/confirmer/" in link)
    assert confirm.startswith(live_server.url)

    page.goto(confirm)
    # The link alone (a mail scanner's visit) confirms nothing: the page asks.
    assert page.locator("h1").inner_text() == "Confirmer votre abonnement"
    assert Subscriber.objects.get().state == Subscriber.State.PENDING
    page.get_by_role("button", name="Confirmer mon abonnement").click()
    assert page.locator("h1").inner_text() == "Abonnement confirmé"
    page.get_by_role("link", name="Voir les questions de la mission").click()
    page.wait_for_url(live_server.url + "/questions/")
    assert counter.inner_text() == "1 abonné"

    page.goto(message.extra_headers["List-Unsubscribe"].strip("<>"))
    assert page.locator("h1").inner_text() == "Se désabonner du blog participatif"
    assert Subscriber.objects.get().state == Subscriber.State.CONFIRMED
    page.get_by_role("button", name="Me désabonner").click()
    assert page.locator("h1").inner_text() == "Désabonnement effectué"
    page.goto(live_server.url + "/questions/")
    assert counter.inner_text() == "0 abonné"
    assert page.problems == []


def test_footer_form_explains_a_bad_address(live_server, page, transactional_db):
    load_mission_pages()
    page.goto(live_server.url + "/la-mission/")
    field = page.locator("#pied-email")
    field.fill("pas-une-adresse@")
    # Without the browser's own check, the server answers in French (works without JS too).
    page.locator("#pied-abonnement form").evaluate("form => form.noValidate = true")
    page.locator("#pied-abonnement").get_by_role("button", name="S’abonner").click()
    assert page.locator("h1").inner_text() == "S’abonner au blog participatif"
    error = page.locator("#abonnement-email-error")
    assert "adresse électronique valide" in error.inner_text()
    assert "abonnement-email-error" in page.locator("#abonnement-email").get_attribute("aria-describedby")
