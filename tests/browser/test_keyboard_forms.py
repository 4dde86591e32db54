"""The comment reply form and the hearing filters, used with the keyboard alone on the demo content:
focus is visible at each step and lands on the result or on the error after each submission."""

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.core import mail

from discussion.models import DiscussionComment
from tests.accessibility.pages import load_demo_site
from tests.browser.keyboard import assert_focus_visible, focused, is_focused, tab_to
from tests.discussion.conftest import CONFIRM_LINK

QUESTION_URL = "/questions/modes-de-consommation-culturelle-en-ligne/"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "keyboard"


def type_into(page, locator, text):
    tab_to(page, locator)
    assert_focus_visible(page)
    page.keyboard.type(text)


def described_by(page, field):
    """The texts of the elements that a field's aria-describedby names."""
    ids = (field.get_attribute("aria-describedby") or "").split()
    return [page.locator(f"#{element_id}").inner_text().strip() for element_id in ids]


def in_viewport(locator):
    """The element's top is on screen (scrolling to a fragment may leave it half a pixel above)."""
    return locator.evaluate(
        "el => el.getBoundingClientRect().top > -2 && el.getBoundingClientRect().top < innerHeight"
    )


def test_a_reply_is_posted_with_the_keyboard_alone(live_server, page, transactional_db):
    load_demo_site()
    page.goto(live_server.url + QUESTION_URL)

    reply_link = (
        page.locator(".discussion-comment__actions").get_by_role("link", name=re.compile("^Répondre")).first
    )
    tab_to(page, reply_link, limit=300)
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/commentaires/\d+/repondre/$"))
    parent_id = int(re.search(r"/commentaires/(\d+)/", page.url)[1])
    assert page.locator("h1").inner_text().startswith("Répondre à ")

    # A first try without any text: the form comes back with the error tied to the field.
    form = page.locator("form.discussion-form")
    type_into(page, form.get_by_label("Nom ou pseudonyme"), "Léa")
    type_into(page, form.get_by_label("Adresse électronique"), "lea@example.org")
    tab_to(page, form.get_by_role("button", name="Publier la réponse"))
    assert_focus_visible(page)
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    assert navigation.value.status == 400
    assert page.locator("h1").inner_text().startswith("Répondre à ")

    summary = page.locator("#erreurs")
    text_field = page.locator("form.discussion-form").get_by_label("Commentaire (obligatoire)")
    assert is_focused(summary) or is_focused(text_field), focused(page)
    assert_focus_visible(page)
    assert "n’a pas été enregistré" in summary.inner_text()
    assert text_field.get_attribute("aria-invalid") == "true"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "reponse-erreur.png")
    assert "Champ requis." in described_by(page, text_field)
    # The summary leads to the field in error.
    tab_to(page, summary.get_by_role("link", name=re.compile("Commentaire")))
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    assert is_focused(text_field), focused(page)
    assert_focus_visible(page)

    # The name and address were kept; the text is typed and the reply sent with the keyboard.
    form = page.locator("form.discussion-form")
    assert form.get_by_label("Nom ou pseudonyme").input_value() == "Léa"
    page.keyboard.type("Le streaming légal doit mieux rémunérer les artistes.")
    tab_to(page, form.get_by_role("button", name="Publier la réponse"))
    assert_focus_visible(page)
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    assert navigation.value.status == 200

    heading = page.locator("h1")
    assert heading.inner_text() == "Confirmez votre commentaire"
    assert is_focused(heading), focused(page)
    assert_focus_visible(page)
    page.screenshot(path=SCREENSHOTS / "reponse-envoyee.png")
    reply = DiscussionComment.objects.get(user_email="lea@example.org")
    assert reply.parent_id == parent_id
    assert reply.comment == "Le streaming légal doit mieux rémunérer les artistes."
    assert mail.outbox[-1].to == ["lea@example.org"]

    # The mailed link shows the reply and a button (the link alone publishes nothing); the button,
    # pressed with the keyboard, publishes the reply and leads to it, focused.
    link = CONFIRM_LINK.search(mail.outbox[-1].body).group(0)
    page.goto(live_server.url + "/" + link.split("://", 1)[1].split("/", 1)[1])
    assert page.locator("h1").inner_text() == "Confirmer votre commentaire"
    reply.refresh_from_db()
    assert reply.confirmed_at is None
    tab_to(page, page.get_by_role("button", name="Confirmer la publication de mon commentaire"))
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf".*#c{reply.pk}$"))
    assert page.url.endswith(f"#c{reply.pk}")
    anchor = page.locator(f"#c{reply.pk}")
    assert anchor.get_by_text("Le streaming légal doit mieux rémunérer les artistes.").is_visible()
    assert is_focused(anchor), focused(page)
    assert_focus_visible(page)
    assert in_viewport(anchor)
    # The failed post's 400 status is the one problem expected.
    assert [problem for problem in page.problems if "status of 400" not in problem] == [], page.problems


def test_hearings_are_filtered_with_the_keyboard_alone(live_server, page, transactional_db):
    load_demo_site()
    page.goto(live_server.url + "/auditions/")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    sector = page.get_by_label("Secteur", exact=True)
    tab_to(page, sector, limit=150)
    assert_focus_visible(page)
    # A closed select changes its value with the arrow keys, without opening.
    page.keyboard.type("Musique")
    assert sector.input_value() == "musique"
    tab_to(page, page.get_by_role("button", name="Filtrer"))
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    query = parse_qs(urlsplit(page.url).query)
    assert query["secteur"] == ["musique"]
    results = page.locator("#resultats")
    assert "correspondant aux filtres" in results.inner_text()
    assert is_focused(results), focused(page)
    assert_focus_visible(page)
    assert in_viewport(results)
    page.screenshot(path=SCREENSHOTS / "auditions-filtrees.png")
    assert page.locator(".fr-tags-group").get_by_text("Secteur : Musique").is_visible()

    # From the results, Shift+Tab goes back to the filters.
    tab_to(page, page.get_by_role("link", name="Tout afficher"), backwards=True)
    assert_focus_visible(page)
    assert page.problems == [], page.problems


def test_an_invalid_filter_value_shows_a_french_error_tied_to_its_field(live_server, page, transactional_db):
    load_demo_site()
    page.goto(live_server.url + "/auditions/?secteur=bande-dessinee-martienne")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    sector = page.get_by_label("Secteur", exact=True)
    message = "La valeur « bande-dessinee-martienne » n’existe pas pour ce filtre."
    assert described_by(page, sector) == [message]
    summary = page.locator("#filtres-erreurs")
    assert message in summary.inner_text()
    assert is_focused(summary) or is_focused(sector), focused(page)
    assert_focus_visible(page)
    page.screenshot(path=SCREENSHOTS / "auditions-filtre-invalide.png")
    # The invalid value is ignored: every hearing is listed, and the sector can be chosen again.
    assert "correspondant aux filtres" not in page.locator("#resultats").inner_text()
    tab_to(page, sector)
    assert_focus_visible(page)
    assert page.problems == [], page.problems


def test_question_thread_screenshots_at_320px_and_200_percent_zoom(live_server, browser, transactional_db):
    load_demo_site()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, viewport, scale in [
        ("320px", {"width": 320, "height": 720}, 1),
        ("zoom-200", {"width": 640, "height": 720}, 2),
    ]:
        context = browser.new_context(locale="fr-FR", viewport=viewport, device_scale_factor=scale)
        page = context.new_page()
        try:
            page.goto(live_server.url + QUESTION_URL + "#commentaires")
            page.screenshot(path=SCREENSHOTS / f"question-fil-{label}.png", full_page=True)
            width = page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
            assert width <= viewport["width"], label
        finally:
            context.close()
