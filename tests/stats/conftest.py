import datetime

import pytest
from django.core.cache import caches
from django.utils import timezone

from hearings.models import (
    ActorFamily,
    HearingIndexPage,
    HearingOrganism,
    HearingPage,
    Organism,
    OrganismNature,
    Sector,
)
from home.demo import get_or_create_child_page, load_mission_pages
from stats.demo import load_key_figures_page

VISITOR_ADDRESS = "203.0.113.7"
BROWSER_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
)


def browser_headers(address=VISITOR_ADDRESS, user_agent=BROWSER_USER_AGENT, **extra):
    """What a person's browser sends when it asks for a page."""
    return {
        "REMOTE_ADDR": address,
        "HTTP_USER_AGENT": user_agent,
        "HTTP_ACCEPT": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        **extra,
    }


@pytest.fixture(autouse=True)
def forget_visitors():
    """The locmem cache outlives a test: without this, a visitor seen in one test is not new in
    the next one."""
    for cache in caches.all(initialized_only=True):
        cache.clear()
    yield


@pytest.fixture
def stats_site(db):
    """Home, mission pages, the hearings index at /auditions/ and the key figures page."""
    home, pages = load_mission_pages()
    hearings_index, _ = get_or_create_child_page(home, HearingIndexPage, "auditions", title="Auditions")
    key_figures_page = load_key_figures_page(home)
    return {"home": home, "pages": pages, "hearings": hearings_index, "key_figures": key_figures_page}


def make_organism(name, nature, family, sectors):
    organism = Organism.objects.create(
        name=name,
        slug=name.lower().replace(" ", "-"),
        nature=OrganismNature.objects.get(slug=nature),
        family=ActorFamily.objects.get(slug=family),
    )
    organism.sectors.set(Sector.objects.filter(slug__in=sectors))
    return organism


def make_hearing(index, title, status, organisms, day=datetime.date(2012, 10, 15), live=True):
    hearing = HearingPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        status=status,
        hearing_date=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))),
        organisms_heard=[HearingOrganism(organism=organism) for organism in organisms],
        live=live,
    )
    index.add_child(instance=hearing)
    return hearing
