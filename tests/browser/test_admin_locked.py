"""An editor saving while the database refuses writes (a second connection holds the write lock):
the taxonomy form comes back filled in with the French message; the site settings answer the
admin's 503 page, whose « Revenir au formulaire » goes back to the form as it was typed. Set
SCREENSHOTS=<dir> to keep a PNG of each answer."""

from playwright.sync_api import expect
from wagtail.models import Collection, Site

from hearings.models import Sector
from home.demo import load_mission_pages
from home.models import MissionSettings
from tests.browser.test_contributions_admin import log_in, screenshot
from tests.hardening.locks import database_write_locked

TYPED = "Saisie faite pendant que la base était occupée"


def test_saves_the_database_refuses_keep_what_the_editor_typed(
    live_server, page, transactional_db, django_user_model, settings
):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # the test saves explicitly
    load_mission_pages()
    site = Site.objects.get(is_default_site=True)
    MissionSettings.for_site(site)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Racine")
    sector = Sector.objects.create(name="Secteur verrou", slug="secteur-verrou")
    log_in(page, live_server, django_user_model, name="editrice")

    page.goto(f"{live_server.url}/admin/snippets/hearings/sector/edit/{sector.pk}/")
    page.fill("#id_name", TYPED)
    with database_write_locked("hearings_sector"):
        page.get_by_role("button", name="Enregistrer").first.click()
        page.wait_for_load_state()
        expect(page.get_by_text("L’enregistrement n’a pas pu se faire")).to_be_visible()
        expect(page.locator("#id_name")).to_have_value(TYPED)
        screenshot(page, "snippet-refused")
    assert Sector.objects.get(pk=sector.pk).name == "Secteur verrou"

    page.goto(f"{live_server.url}/admin/settings/home/missionsettings/{site.pk}/")
    page.fill("#id_mission_signature", TYPED)
    with database_write_locked("home_missionsettings"):
        page.get_by_role("button", name="Enregistrer").first.click()
        expect(page.get_by_role("heading", name="Modifications non enregistrées")).to_be_visible()
        expect(page.get_by_text("vos modifications n’ont pas été enregistrées")).to_be_visible()
        screenshot(page, "settings-refused")
    page.get_by_role("link", name="Revenir au formulaire").click()
    expect(page.locator("#id_mission_signature")).to_have_value(TYPED)
    page.get_by_role("button", name="Enregistrer").first.click()
    expect(page.get_by_text("mis à jour")).to_be_visible()
    assert MissionSettings.for_site(site).mission_signature == TYPED
    # The browser notes the 503 answer itself; nothing else may go wrong.
    assert [problem for problem in page.problems if "status of 503" not in problem] == []
