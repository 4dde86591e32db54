"""The accessibility checks find their pages from the site (tests/accessibility/pages.py)."""

import re

import pytest

from tests.accessibility.pages import demo_page_of, load_demo_site, public_page_models, public_pages


@pytest.fixture
def demo_site(db):
    load_demo_site()


# Page types whose section has no demo content yet: the checks cannot see them. Each entry is a
# debt; the test fails as soon as the demo creates a page of the type, to take it off the list.
WITHOUT_DEMO_PAGE = set()


def test_every_page_type_has_a_demo_page_in_the_checks(demo_site):
    urls = {checked.url for checked in public_pages()}
    for model in public_page_models():
        page = demo_page_of(model)
        if model._meta.label in WITHOUT_DEMO_PAGE:
            assert page is None, f"{model._meta.label} has a demo page now: remove it from WITHOUT_DEMO_PAGE"
            continue
        assert page is not None, f"{model._meta.label}: no live demo page, the checks cannot see it"
        assert page.url in urls, model._meta.label


def test_listings_are_checked_on_their_first_and_a_middle_page_and_errors_on_each_status(demo_site):
    pages = {checked.url: checked for checked in public_pages()}

    assert "/auditions/" in pages
    middle = [url for url in pages if url.startswith("/auditions/?page=")]
    assert len(middle) == 1
    assert int(middle[0].removeprefix("/auditions/?page=")) > 1
    assert "/auditions/repartition/" in pages  # a routable sub-page, found from the model's routes
    assert "/plan-du-site/" in pages and "/abonnement/" in pages  # views of the URLconf
    assert {checked.status for checked in pages.values()} == {200, 400, 404, 429, 503}


def test_error_pages_answer_their_status(client, demo_site):
    for checked in public_pages():
        if checked.status != 200:
            with checked.settings_override():
                response = client.get(checked.url)
            assert response.status_code == checked.status, checked.name
            if checked.status in (429, 503):  # the pages of their own (404 and 400 keep the site's)
                assert f"Erreur {checked.status}".encode() in response.content, checked.name


def test_first_page_of_a_listing_marks_its_previous_links_disabled(client, demo_site):
    body = client.get("/auditions/").content.decode()
    pagination = re.search(r'<nav[^>]*class="fr-pagination".*?</nav>', body, re.S)[0]

    for label in ("Première page", "Page précédente"):
        link = re.search(rf"<a [^>]*>{label}</a>", pagination)[0]
        assert 'aria-disabled="true"' in link and 'role="link"' in link and "href" not in link, link
    next_link = re.search(r"<a [^>]*>Page suivante</a>", pagination)[0]
    assert 'href="?page=2"' in next_link and "aria-disabled" not in next_link
    assert '<a class="fr-pagination__link" aria-current="page" title="Page 1">1</a>' in pagination
