"""Phones (320 and 390 px): every figures table fits the screen, its numbers in view; on the
hearings list the results come first, and a « Filtrer » button leads to the filters without
JavaScript."""

import pytest
from django.core.management import call_command

TABLE_PAGES = ["/chiffres-cles/", "/chiffres-cles/?au=2012-11-01", "/auditions/repartition/"]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.parametrize("width", [320, 390])
def test_tables_fit_a_phone_screen(live_server, browser, demo, width):
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 800})
    page = context.new_page()
    for path in TABLE_PAGES:
        page.goto(live_server.url + path)
        tables = page.evaluate(
            """() => Array.from(document.querySelectorAll('main table')).map(table => {
                const wrapper = table.closest('.fr-table__wrapper') || table.parentElement;
                const lastCell = table.querySelector('tbody tr td:last-child');
                return {
                    caption: table.caption ? table.caption.textContent.trim() : '',
                    width: table.scrollWidth, room: wrapper.clientWidth,
                    lastRight: lastCell ? lastCell.getBoundingClientRect().right : 0,
                };
            })"""
        )
        assert tables, path
        for table in tables:
            assert table["width"] <= table["room"] + 1, (path, table)
            assert table["lastRight"] <= width, (path, table)  # the last figures are on screen
    context.close()


def test_hearings_list_puts_results_first_with_a_filter_button(live_server, browser, demo):
    for javascript in (True, False):
        context = browser.new_context(
            locale="fr-FR", viewport={"width": 390, "height": 800}, java_script_enabled=javascript
        )
        page = context.new_page()
        page.goto(live_server.url + "/auditions/?statut=realisee")
        first_card = page.locator(".hearing-list .fr-card").first
        filters = page.locator("form.hearing-filters")
        assert first_card.bounding_box()["y"] < filters.bounding_box()["y"]
        assert first_card.bounding_box()["y"] < 1600  # was ~1,800 px down, under the filters
        button = page.get_by_role("link", name="Filtrer (1 filtre actif)")
        assert button.is_visible()
        button.click()
        assert page.url.endswith("#filtres-titre")
        assert filters.bounding_box()["y"] < 100  # the filters scrolled into view
        page.get_by_label("Type").select_option("entretien")
        page.locator("form.hearing-filters").get_by_role("button", name="Filtrer").click()
        assert "type=entretien" in page.url
        context.close()
    wide = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = wide.new_page()
    page.goto(live_server.url + "/auditions/")
    assert not page.get_by_role("link", name="Filtrer").is_visible()  # the filters are beside the list
    wide.close()
