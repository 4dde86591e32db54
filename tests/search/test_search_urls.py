"""The result cards' URLs (search.engine.page_urls) are those Wagtail gives each page."""

import pytest
from django.test import RequestFactory
from wagtail.models import Page, Site

from hearings.models import HearingPage
from home.demo import get_home_page, get_or_create_child_page
from home.models import StandardPage
from search.engine import page_urls
from tests.search.helpers import make_hearing

pytestmark = pytest.mark.django_db


def wagtail_urls(pages, request):
    return {page.pk: page.get_url(request=request) for page in pages}


def test_card_urls_are_wagtail_s_for_siblings_unicode_slugs_other_parents_and_site_roots(taxonomy):
    home = get_home_page()
    hearings = [make_hearing(f"Audition numéro {number}", []) for number in range(4)]
    accented = make_hearing("Écoute", [])
    accented.slug = "écoute-ü"
    accented.save_revision().publish()
    section, _created = get_or_create_child_page(home, StandardPage, "la-mission", title="La mission")
    child, _created = get_or_create_child_page(section, StandardPage, "calendrier", title="Calendrier")
    sibling, _created = get_or_create_child_page(section, StandardPage, "equipe", title="Équipe")
    # A hearing that is also the root of a second site: its URL is that site's root.
    Site.objects.create(hostname="autre.example", port=80, root_page=hearings[2])
    pages = [
        *HearingPage.objects.filter(pk__in=[page.pk for page in [*hearings, accented]]).order_by("pk"),
        *StandardPage.objects.filter(pk__in=[section.pk, child.pk, sibling.pk]).order_by("-pk"),
        Page.objects.get(pk=hearings[3].pk),  # a plain Page of the same parent
    ]
    expected = {}
    for hostname in ["localhost", "autre.example", "inconnu.example"]:
        request = RequestFactory().get("/recherche/", HTTP_HOST=hostname)
        expected[hostname] = wagtail_urls(pages, request)
        assert page_urls(pages, request) == expected[hostname]
    assert expected["localhost"][accented.pk] == "/auditions/%C3%A9coute-%C3%BC/"
    assert expected["localhost"][hearings[0].pk] == "/auditions/audition-numero-0/"
    assert expected["localhost"][child.pk] == "/la-mission/calendrier/"
    # On the second site, its root is "/" and the pages of the first one have their full URL.
    assert expected["autre.example"][hearings[2].pk] == "/"
    assert expected["autre.example"][hearings[1].pk].endswith("/auditions/audition-numero-1/")
    assert expected["autre.example"][hearings[1].pk].startswith("http")
