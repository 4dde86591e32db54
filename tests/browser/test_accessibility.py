"""Accessibility of every public page (tests/accessibility/pages.py lists them): axe-core's WCAG 2.1
AA rules, the keyboard path to the content and the main navigation, and reflow at 320 px and at
200 % zoom. The pages checked and the minor findings are printed in the « accessibility report »
section at the end of the run."""

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.accessibility.pages import load_demo_site, public_pages
from tests.browser.axe import BLOCKING_IMPACTS, axe_or_skip, axe_version, describe_violation, run_axe
from tests.browser.keyboard import assert_focus_visible, focused, is_focused, tab_to

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "reflow"

# 320 CSS px is WCAG 1.4.10's reflow width; a 1280 px wide window zoomed to 200 % lays pages out
# in 640 CSS px, drawn with two device pixels per CSS pixel.
REFLOW_VIEWPORTS = [
    ("320px", {"width": 320, "height": 720}, 1),
    ("zoom-200", {"width": 640, "height": 720}, 2),
]

OVERFLOWING_ELEMENTS = """() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
        .filter(el => el.getBoundingClientRect().right > width + 1 && el.getClientRects().length)
        .slice(0, 8)
        .map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ` +
                   `(right ${Math.round(el.getBoundingClientRect().right)}px)`);
}"""


def slug(url):
    return re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "accueil"


def problems_on(page, checked):
    """The console errors and failed requests of the page just loaded; an error page's own status
    is the one expected problem."""
    problems = [
        problem
        for problem in page.problems
        if not (checked.status != 200 and f"status of {checked.status}" in problem)
    ]
    page.problems.clear()
    return problems


def test_public_pages_have_no_serious_axe_violation(
    live_server, page, transactional_db, subtests, accessibility_report
):
    axe_or_skip()
    load_demo_site()
    pages = public_pages()
    accessibility_report.append(f"axe-core {axe_version()} (WCAG 2.1 A et AA), {len(pages)} pages:")
    for checked in pages:
        url = checked.url
        # DSFR follows the system's colour scheme (data-fr-scheme="system"): check both themes.
        for scheme in ("light", "dark"):
            with subtests.test(msg=f"{checked.name} ({scheme})", url=url), checked.settings_override():
                page.emulate_media(color_scheme=scheme)
                response = page.goto(live_server.url + url)
                assert response.status == checked.status
                # A locator wait, not wait_for_function: the site's CSP forbids the eval it may use.
                # Pages rendered without the database have no DSFR script: their theme stays light.
                if checked.site_layout:
                    expect(page.locator("html")).to_have_attribute("data-fr-theme", scheme)
                violations = run_axe(page)
                blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
                accessibility_report.append(
                    f"  {url} ({checked.name}, thème {scheme}) : {len(blocking)} violation(s) "
                    f"grave(s) ou critique(s), {len(violations) - len(blocking)} autre(s)"
                )
                accessibility_report.extend(f"    {describe_violation(v)}" for v in violations)
                assert not blocking, "\n".join(describe_violation(v) for v in blocking)
                assert problems_on(page, checked) == []


def test_axe_reports_serious_violations(page):
    axe_or_skip()
    page.set_content(
        '<html><body><main><img src="data:,"><p style="color:#bbb;background:#fff">Gris pâle</p>'
        "<button></button></main></body></html>"
    )

    violations = {v["id"]: v["impact"] for v in run_axe(page)}

    assert violations["image-alt"] == "critical"
    assert violations["button-name"] == "critical"
    assert violations["color-contrast"] == "serious"
    assert violations["html-has-lang"] == "serious"


def test_skip_link_and_main_navigation_are_reached_by_keyboard(live_server, page, transactional_db, subtests):
    load_demo_site()
    for checked in public_pages():
        url = checked.url
        if not checked.site_layout:  # no menu to reach: the error page is a heading and a link home
            continue
        with subtests.test(msg=checked.name, url=url), checked.settings_override():
            page.goto(live_server.url + url)

            page.keyboard.press("Tab")
            assert is_focused(page.get_by_role("link", name="Contenu", exact=True)), focused(page)
            assert_focus_visible(page)
            page.keyboard.press("Enter")
            assert is_focused(page.locator("main#content")), focused(page)

            # The menu sits just above the content: Shift+Tab reaches it whatever the page's length.
            tab_to(
                page, page.locator("#fr-navigation").get_by_role("link", name="La mission"), backwards=True
            )
            assert_focus_visible(page)
            assert problems_on(page, checked) == []


def test_la_mission_is_opened_from_the_home_page_with_the_keyboard_alone(live_server, page, transactional_db):
    load_demo_site()
    page.goto(live_server.url + "/")

    tab_to(page, page.locator("#fr-navigation").get_by_role("link", name="La mission"))
    page.keyboard.press("Enter")

    page.wait_for_url(live_server.url + "/la-mission/")
    assert page.locator("h1").inner_text() == "La mission"
    tab_to(page, page.locator(".fr-sidemenu").get_by_role("link", name="Lettre de mission", exact=True))
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/la-mission/lettre-de-mission/")
    assert page.problems == []


def test_phone_menu_is_opened_and_followed_with_the_keyboard(live_server, page, transactional_db):
    load_demo_site()
    page.set_viewport_size({"width": 320, "height": 720})
    page.goto(live_server.url + "/")

    # The « Menu » skip link would lead into the closed menu dialog: phones do not get it.
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Contenu"
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Pied de page"

    tab_to(page, page.get_by_role("button", name="Menu"))
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    mission_link = page.locator("#fr-navigation").get_by_role("link", name="La mission")
    mission_link.wait_for(state="visible")
    tab_to(page, mission_link)
    assert_focus_visible(page)
    page.keyboard.press("Enter")

    page.wait_for_url(live_server.url + "/la-mission/")
    assert page.problems == []


def test_public_pages_reflow_without_horizontal_scrolling(
    live_server, browser, transactional_db, subtests, accessibility_report
):
    load_demo_site()
    pages = public_pages()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, viewport, scale in REFLOW_VIEWPORTS:
        context = browser.new_context(locale="fr-FR", viewport=viewport, device_scale_factor=scale)
        page = context.new_page()
        try:
            for checked in pages:
                url = checked.url
                with subtests.test(msg=f"{checked.name} ({label})", url=url), checked.settings_override():
                    page.goto(live_server.url + url)
                    page.screenshot(path=SCREENSHOTS / f"{slug(url)}-{label}.png", full_page=True)
                    scroll_width = page.evaluate(
                        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
                    )
                    assert scroll_width <= viewport["width"], page.evaluate(OVERFLOWING_ELEMENTS)
        finally:
            context.close()
    accessibility_report.append(
        f"Reflow (320 px, 640 px × 2 = zoom 200 %), {len(pages)} pages, captures dans {SCREENSHOTS}"
    )


def test_without_javascript_phones_get_the_navigation_and_the_breadcrumb_open(
    live_server, browser, transactional_db
):
    load_demo_site()
    context = browser.new_context(
        locale="fr-FR", viewport={"width": 320, "height": 720}, java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/la-mission/lettre-de-mission/")

        assert page.locator("#fr-navigation").get_by_role("link", name="La mission").is_visible()
        assert page.locator(".fr-breadcrumb").get_by_role("link", name="La mission").is_visible()
        # Their buttons need JavaScript: they are not offered.
        assert not page.get_by_role("button", name="Menu").is_visible()
        assert not page.get_by_role("button", name="Voir le fil d’Ariane").is_visible()
        assert not page.get_by_role("button", name="Paramètres d’affichage").is_visible()
        assert page.locator("main h1").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320

        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert focused(page)["text"] == "Menu"
        tab_to(page, page.locator("#fr-navigation").get_by_role("link", name="La mission"))
        page.keyboard.press("Enter")
        page.wait_for_url(live_server.url + "/la-mission/")
    finally:
        context.close()
