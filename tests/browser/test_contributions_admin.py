"""The team's admin screens for the contributions, as a moderator uses them at 1280 and 390 px:
the export of every commentable page type. Set SCREENSHOTS=<dir> to keep a PNG of each screen."""

import csv
import io
import os
import re

from playwright.sync_api import expect

from discussion.demo import create_comment
from tests.discussion.conftest import make_hearing
from tests.discussion.test_export import make_question

PASSWORD = "mot-de-passe-test"


def log_in(page, live_server, django_user_model, name="moderatrice"):
    django_user_model.objects.create_superuser(name, f"{name}@example.org", PASSWORD)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", name)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))


def screenshot(page, name):
    """Both widths of the current screen, when SCREENSHOTS names a folder."""
    folder = os.environ.get("SCREENSHOTS")
    if not folder:
        return
    os.makedirs(folder, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(400)  # the admin's layout settles after a resize
        page.screenshot(path=os.path.join(folder, f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_moderator_exports_the_comments_of_a_hearing(live_server, page, transactional_db, django_user_model):
    hearing = make_hearing(title="Audition de l’Observatoire de la musique")
    question = make_question("remuneration", "Comment rémunérer les créateurs ?")
    root = create_comment(
        hearing, "Un avis sur l’audition, argumenté.", name="Anne", email="anne@example.org"
    )
    create_comment(hearing, "Une réponse à Anne.", name="Paul", email="paul@example.org", parent=root)
    create_comment(question, "Sur la question seulement.", name="Chloé", email="chloe@example.org")
    log_in(page, live_server, django_user_model)

    page.get_by_role("link", name="Export des contributions").click()
    expect(page.get_by_role("heading", name="Export des contributions")).to_be_visible()
    page.select_option("#id_section", label="Auditions")
    # The page comes from Wagtail's searchable page chooser.
    page.locator("#id_page-chooser [data-chooser-action-choose]").click()
    modal = page.locator(".modal")
    modal.locator("input[name=q]").fill("Observatoire")
    modal.get_by_role("link", name=re.compile("Audition de l’Observatoire")).first.click()
    expect(page.locator("#id_page")).to_have_value(str(hearing.pk))
    expect(modal).to_be_hidden()
    page.fill("#id_du", "2000-01-01")
    screenshot(page, "export-form")
    page.get_by_label("Document HTML lisible").check()
    page.get_by_role("button", name="Exporter").click()

    expect(
        page.get_by_role("heading", level=2, name="Audition de l’Observatoire de la musique")
    ).to_be_visible()
    reply = page.locator("ol.replies li.comment")
    expect(reply).to_contain_text("Une réponse à Anne.")
    expect(reply.locator(".position")).to_have_text("1.1")
    expect(page.locator("body")).not_to_contain_text("Sur la question seulement.")
    expect(page.locator("body")).not_to_contain_text("@example.org")
    screenshot(page, "export-document")

    csv_url = page.url.replace("format=html", "format=csv")
    response = page.request.get(csv_url)
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text().lstrip("\ufeff")), delimiter=";"))
    assert [(row["position"], row["auteur"], row["section"]) for row in rows] == [
        ("1", "Anne", "Auditions"),
        ("1.1", "Paul", "Auditions"),
    ]
