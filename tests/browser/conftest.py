"""Playwright for Python driving Debian's Chromium against pytest-django's live server.

Never downloads a browser: it uses /usr/bin/chromium, which .ci/run installs. Without it the
browser tests are skipped, unless REQUIRE_BROWSER_TESTS is set (as in CI), where they fail.
"""

import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# there are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("REQUIRE_BROWSER_TESTS"):
            pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is missing: browser tests skipped (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser page that records console errors and failed requests in `page.problems`."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    browser_page = context.new_page()
    browser_page.problems = []
    browser_page.on(
        "console",
        lambda message: message.type == "error" and browser_page.problems.append(f"console: {message.text}"),
    )
    browser_page.on("pageerror", lambda error: browser_page.problems.append(f"page error: {error}"))
    browser_page.on(
        "requestfailed", lambda request: browser_page.problems.append(f"request failed: {request.url}")
    )
    yield browser_page
    context.close()
