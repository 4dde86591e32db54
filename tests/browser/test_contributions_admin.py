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


def test_moderation_at_a_glance(live_server, page, transactional_db, django_user_model):
    from discussion.demo import create_threads
    from discussion.models import DiscussionComment, VisitorReaction

    hearing = make_hearing(title="Audition de l’Observatoire de la musique")
    other = make_hearing(slug="audition-sacem", title="Audition de la Sacem")
    create_threads(hearing, threads=6, replies=1)
    create_comment(other, "Sur la Sacem seulement.", name="Chloé", email="c@example.org")
    flagged = create_comment(
        hearing, "Un propos discuté, signalé deux fois.", name="Anne", email="a@example.org"
    )
    for number, reason in enumerate(["injurieux", "hors-sujet"]):
        VisitorReaction.objects.create(comment=flagged, kind="flag", visitor=f"v{number}", reason=reason)
    DiscussionComment.objects.filter(pk=flagged.pk).update(flag_count=2)
    waiting = create_comment(hearing, "Un avis en attente de relecture.", name="Paul", email="p@example.org")
    DiscussionComment.objects.filter(pk=waiting.pk).update(is_public=False, published_at=None)
    log_in(page, live_server, django_user_model)

    # The dashboard: each count is a link to the filtered queue.
    panel = page.locator("section#moderation-section")
    expect(panel).to_contain_text("1 signalé")
    screenshot(page, "dashboard")
    panel.get_by_role("link", name="1 à modérer").click()
    expect(page.locator("td.field-excerpt")).to_have_count(1)
    expect(page.locator("td.field-excerpt")).to_contain_text("en attente de relecture")

    # At 1280 px, no column of the queue lies under the filter sidebar.
    page.goto(live_server.url + "/admin/discussion/discussioncomment/")
    sidebar = page.locator(".changelist-filter").bounding_box()
    for header in page.locator("table.listing thead th").all():
        box = header.bounding_box()
        assert (
            box["x"] + box["width"] <= sidebar["x"] + 1 or box["x"] >= sidebar["x"] + sidebar["width"] - 1
        ), header.inner_text()
    expect(
        page.locator("td.field-flags", has_text="2 : propos injurieux ou haineux, hors sujet")
    ).to_have_count(1)
    expect(page.locator("#bulk-action")).to_have_value("")
    screenshot(page, "queue")

    # The « page commentée » filter is the searchable page chooser.
    page.locator("#id_page_commentee-chooser [data-chooser-action-choose]").click()
    modal = page.locator(".modal")
    modal.locator("input[name=q]").fill("Sacem")
    modal.get_by_role("link", name="Audition de la Sacem").first.click()
    expect(modal).to_be_hidden()
    page.get_by_role("button", name="Filtrer sur cette page").click()
    expect(page.locator("td.field-excerpt")).to_have_count(1)
    expect(page.locator("td.field-excerpt")).to_contain_text("Sur la Sacem seulement.")

    # The reasons on the comment's inspect page.
    page.goto(f"{live_server.url}/admin/discussion/discussioncomment/inspect/{flagged.pk}/")
    expect(page.get_by_role("heading", name="Signalements (2)")).to_be_visible()
    expect(page.locator("ul.flag-list li")).to_have_count(2)
    screenshot(page, "inspect")


def test_editor_imports_the_hearing_spreadsheet(live_server, page, transactional_db, django_user_model):
    from hearings.demo import get_or_create_hearing_index
    from hearings.models import ActorFamily, HearingPage, OrganismNature, Sector
    from hearings.taxonomy_terms import ensure_terms
    from home.demo import load_mission_pages
    from tests.hearings.test_import_and_admin import EXAMPLE

    ensure_terms({"OrganismNature": OrganismNature, "ActorFamily": ActorFamily, "Sector": Sector}.get)
    home, _ = load_mission_pages()
    get_or_create_hearing_index(home)
    log_in(page, live_server, django_user_model, name="redactrice")

    page.get_by_role("link", name="Import des auditions").click()
    expect(page.get_by_role("heading", name="Les colonnes")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Télécharger le modèle")).click()
    assert download.value.suggested_filename == "modele-import-auditions.csv"
    screenshot(page, "import-form")

    bad = EXAMPLE.read_text(encoding="utf-8").replace("realisee", "finie", 1)
    page.set_input_files(
        "#id_fichier", files=[{"name": "a.csv", "mimeType": "text/csv", "buffer": bad.encode()}]
    )
    page.get_by_role("button", name="Voir l’aperçu").click()
    expect(page.get_by_role("alert").first).to_contain_text("1 ligne en erreur : rien ne sera importé.")
    expect(page.locator("tr.hearing-import__error")).to_contain_text("statut « finie » inconnu")
    expect(page.get_by_role("button", name=re.compile("^Importer"))).to_have_count(0)
    screenshot(page, "import-preview-errors")

    page.set_input_files("#id_fichier", str(EXAMPLE))
    page.get_by_role("button", name="Voir l’aperçu").click()
    expect(page.locator("td strong", has_text="création")).to_have_count(5)
    assert not HearingPage.objects.filter(slug="exemple-fabricant-2012-11-22").exists()
    screenshot(page, "import-preview")
    page.get_by_role("button", name="Importer ces 5 lignes").click()
    expect(page.locator(".messages")).to_contain_text(
        "Import terminé : 5 auditions créées, 0 mise à jour, 0 inchangée"
    )
    assert HearingPage.objects.filter(slug="exemple-fabricant-2012-11-22").exists()


def test_a_mission_answer_is_signed_by_the_mission(live_server, page, transactional_db):
    from discussion.models import DiscussionComment

    make_hearing()  # the site's pages
    blog_question = make_question("copie-privee", "Que faire de la copie privée ?")
    question = create_comment(blog_question, "Quelle suite pour la copie privée ?", name="Anne")
    answer = create_comment(
        blog_question, "La mission reprendra cette proposition.", name="Julie Rédactrice", parent=question
    )
    DiscussionComment.objects.filter(pk=answer.pk).update(is_mission_answer=True)

    page.goto(live_server.url + blog_question.url)
    highlighted = page.locator("section.discussion-highlighted")
    expect(
        highlighted.get_by_role("heading", name=re.compile("^La mission culture-acte 2, le "))
    ).to_be_visible()
    expect(page.locator(f"#c{answer.pk}-auteur")).to_have_text("La mission culture-acte 2")
    expect(page.locator("body")).not_to_contain_text("Julie Rédactrice")
    screenshot(page, "mission-answer")


def test_hearing_edit_form_reads_french(live_server, page, transactional_db, django_user_model):
    hearing = make_hearing(title="Audition de l’Observatoire de la musique")
    page.goto(live_server.url + "/admin/login/")
    expect(page.get_by_label("Mot de passe")).to_be_visible()
    log_in(page, live_server, django_user_model, name="redactrice")
    page.goto(f"{live_server.url}/admin/pages/{hearing.pk}/edit/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Modification : Audition")
    expect(page.get_by_role("button", name="Ajouter : organisme auditionné").first).to_be_attached()
    expect(page.locator("body")).not_to_contain_text("Ajouter un(e)")
    screenshot(page, "hearing-edit")
    page.goto(f"{live_server.url}/admin/pages/search/?q=Observatoire")
    expect(page.locator("body")).not_to_contain_text("None")
    page.goto(f"{live_server.url}/admin/pages/")
    expect(page.locator("body")).to_contain_text("Racine")
