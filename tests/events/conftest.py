import datetime

import pytest

from events.blocks import PARIS, Audience
from events.demo import get_or_create_image
from events.models import TripEventPage, TripIndexPage
from home.demo import get_or_create_child_page


def session(starts_at, title="Séance", audience=Audience.LOCAL_ACTORS, ends_at=None, **extra):
    return (
        "session",
        {
            "starts_at": starts_at,
            "ends_at": ends_at,
            "title": title,
            "venue": {"name": "Salle des fêtes", "address": "1 place de la Mairie\n35000 Rennes"},
            "audience": audience,
            "description": extra.get("description", ""),
            "registration_url": extra.get("registration_url", ""),
            "capacity": extra.get("capacity"),
        },
    )


def paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


@pytest.fixture
def trip_index(mission_site):
    home, _ = mission_site
    index, _ = get_or_create_child_page(home, TripIndexPage, "deplacements", title="Déplacements")
    return index


@pytest.fixture
def make_trip(trip_index):
    """Creates and publishes a trip under the index; `picture=True` gives it a drawn picture."""

    def make(slug, start_date, end_date, city=None, programme=(), picture=False, **fields):
        city = city or slug.capitalize()
        if picture:
            fields["picture"] = get_or_create_image(
                f"Test {slug}", f"test-{slug}.png", "cover", (0, 0, 145), city
            )
        page, _ = get_or_create_child_page(
            trip_index,
            TripEventPage,
            slug,
            title=f"Déplacement à {city}",
            city=city,
            region=fields.pop("region", "Bretagne"),
            start_date=start_date,
            end_date=end_date,
            programme=list(programme),
            **fields,
        )
        return page

    return make
