"""Phones (320 and 390 px): every figures table fits the screen, its numbers in view; on every
listing with filters the results come first, under a « Filtrer » button that opens the filters,
with or without JavaScript; wide screens show the filters beside the results, without the button."""

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.keyboard import assert_focus_visible, focused, is_focused, tab_to

TABLE_PAGES = ["/chiffres-cles/", "/chiffres-cles/?au=2012-11-01", "/auditions/repartition/"]
SCREENSHOTS = Path(
    os.environ.get("FILTER_SCREENSHOTS", Path(__file__).resolve().parents[2] / "test-artifacts" / "filters")
)


@dataclass
class Listing:
    name: str
    path: str  # with the filters already applied, if any
    button: str  # the accessible name of « Filtrer » there
    first_result: str
    title: str  # the results heading, which gives their number
    field: str  # the filter to apply, by its label
    value: str
    parameter: str


# Every listing with filters (the questions are only sorted; trips and news have no filters).
LISTINGS = [
    Listing(
        "auditions",
        "/auditions/?statut=realisee",
        "Filtrer (1 filtre actif)",
        ".hearing-list .fr-card",
        "#resultats",
        "Type",
        "entretien",
        "type=entretien",
    ),
    Listing(
        "propositions",
        "/propositions/",
        "Filtrer",
        ".proposal-list > li",
        "#resultats",
        "Thème",
        "musique",
        "theme=musique",
    ),
    Listing(
        "contributions",
        "/contributions/",
        "Filtrer",
        "#resultats + ul > li",
        "#resultats",
        "Secteur",
        "musique",
        "secteur=musique",
    ),
    Listing(
        "recherche",
        "/recherche/?q=musique&type=audition",
        "Filtrer (1 filtre actif)",
        ".search-results > li",
        "#search-results-title",
        "Association (4)",
        "",
        "nature=association",
    ),
]


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


def apply_filter(page, listing):
    """Chooses the listing's filter in the opened panel and submits it, as a visitor would."""
    panel = page.locator("#filtres .mission-filters__panel")
    if listing.value:
        panel.get_by_label(listing.field, exact=True).select_option(listing.value)
    else:
        panel.get_by_text(listing.field, exact=True).click()  # DSFR draws the box on the label
    with page.expect_navigation():
        panel.locator("[type=submit]").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "sans-js"])
def test_listings_put_results_first_under_a_filter_button_on_phones(live_server, browser, demo, javascript):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        locale="fr-FR", viewport={"width": 390, "height": 800}, java_script_enabled=javascript
    )
    page = context.new_page()
    suffix = "" if javascript else "-sans-js"
    for listing in LISTINGS:
        page.goto(live_server.url + listing.path)
        button = page.locator("#filtres > summary")
        panel = page.locator("#filtres .mission-filters__panel")
        first_result = page.locator(listing.first_result).first
        assert button.inner_text() == listing.button, listing.name
        assert button.is_visible() and not panel.is_visible(), listing.name
        # The results come right under the button: only their heading (and applied filters) between.
        button_bottom = button.bounding_box()["y"] + button.bounding_box()["height"]
        assert 0 < first_result.bounding_box()["y"] - button_bottom < 250, listing.name
        page.evaluate(
            "y => window.scrollTo(0, y - 160)", button.bounding_box()["y"] + page.evaluate("scrollY")
        )
        page.screenshot(path=SCREENSHOTS / f"{listing.name}-390-ferme{suffix}.png")

        # The button is reached with Tab, Enter opens the filters, Space closes and opens them again,
        # focus stays on it.
        page.locator("#content").focus()
        tab_to(page, button, limit=150)
        assert_focus_visible(page)
        page.keyboard.press("Enter")
        assert panel.is_visible(), listing.name
        assert button.get_attribute("aria-expanded") is None  # a native <summary>: no ARIA to keep in sync
        assert page.locator("#filtres").evaluate("details => details.open")
        page.keyboard.press("Space")
        assert not panel.is_visible(), listing.name
        page.keyboard.press("Space")
        assert panel.is_visible() and is_focused(button), focused(page)
        # Open, the filters come between the button and the results, in the reading order.
        assert panel.bounding_box()["y"] < first_result.bounding_box()["y"], listing.name
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, listing.name  # fits the phone
        page.evaluate(
            "y => window.scrollTo(0, y - 160)", button.bounding_box()["y"] + page.evaluate("scrollY")
        )
        page.screenshot(path=SCREENSHOTS / f"{listing.name}-390-ouvert{suffix}.png")

        before = page.locator(listing.title).inner_text()
        apply_filter(page, listing)
        assert listing.parameter in page.url, listing.name
        assert page.locator(listing.title).inner_text() != before, listing.name
        assert page.locator("#filtres > summary").inner_text().startswith("Filtrer ("), listing.name
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "sans-js"])
def test_listings_show_their_filters_beside_the_results_on_wide_screens(
    live_server, browser, demo, javascript
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        locale="fr-FR", viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
    )
    page = context.new_page()
    for listing in LISTINGS:
        page.goto(live_server.url + listing.path)
        panel = page.locator("#filtres .mission-filters__panel")
        assert not page.locator("#filtres > summary").is_visible(), listing.name
        assert panel.is_visible(), listing.name
        panel_box, results_box = panel.bounding_box(), page.locator(listing.title).bounding_box()
        assert panel_box["x"] + panel_box["width"] <= results_box["x"], listing.name  # a column on the left
        if javascript:
            page.evaluate("y => window.scrollTo(0, y - 160)", panel_box["y"] + page.evaluate("scrollY"))
            page.screenshot(path=SCREENSHOTS / f"{listing.name}-1280.png")
        apply_filter(page, listing)
        assert listing.parameter in page.url, listing.name
    context.close()
