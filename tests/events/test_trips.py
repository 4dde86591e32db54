import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time
from icalendar import Calendar
from wagtail.blocks import StructBlockValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import querydict_from_html

from events.blocks import PARIS, Audience, SessionBlock
from events.demo import load_demo_trips
from events.models import TripEventPage, TripIndexPage, TripStatus, trip_status
from home.demo import load_mission_pages
from home.models import HomePage, StandardPage
from tests.events.conftest import paris, session

D = datetime.date


# --- Status ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "today, expected",
    [
        (D(2012, 11, 7), TripStatus.UPCOMING),
        (D(2012, 11, 8), TripStatus.ONGOING),
        (D(2012, 11, 9), TripStatus.ONGOING),
        (D(2012, 11, 10), TripStatus.PAST),
    ],
)
def test_status_follows_the_dates(today, expected):
    assert trip_status(D(2012, 11, 8), D(2012, 11, 9), today) == expected


@pytest.mark.parametrize(
    "utc_moment, expected",
    [
        # Paris is UTC+1 in November: the trip starts at 23:00 UTC the day before.
        ("2012-11-07 22:59:59", TripStatus.UPCOMING),
        ("2012-11-07 23:00:00", TripStatus.ONGOING),
        ("2012-11-09 22:59:59", TripStatus.ONGOING),
        ("2012-11-09 23:00:00", TripStatus.PAST),
    ],
)
def test_status_changes_at_midnight_in_paris_not_in_utc(db, utc_moment, expected):
    # db: the site's clock (home/clock.py) reads the team's reference date, none here.
    with freeze_time(utc_moment):
        assert trip_status(D(2012, 11, 8), D(2012, 11, 9)) == expected


def test_status_labels_are_french():
    assert [str(status.label) for status in TripStatus] == ["À venir", "En cours", "Passé"]


# --- Validation --------------------------------------------------------------------------------


def test_end_before_start_is_refused_with_a_message_on_the_end_date(trip_index):
    trip = TripEventPage(
        title="Déplacement à Lille",
        slug="lille",
        city="Lille",
        region="Nord-Pas-de-Calais",
        start_date=D(2012, 12, 12),
        end_date=D(2012, 12, 10),
    )
    with pytest.raises(ValidationError) as error:
        trip.full_clean()
    messages = error.value.message_dict["end_date"]
    assert messages == [
        "La date de fin (10/12/2012) précède la date de début (12/12/2012) : "
        "un déplacement se termine le jour où il commence ou après."
    ]


def test_end_before_start_is_refused_in_the_admin_form(client, trip_index, django_user_model):
    admin = django_user_model.objects.create_superuser("editrice", "editrice@example.org", "motdepasse")
    client.force_login(admin)
    add_url = f"/admin/pages/add/events/tripeventpage/{trip_index.pk}/"
    form_page = client.get(add_url)
    assert form_page.status_code == 200
    data = querydict_from_html(form_page.content.decode(), form_id="page-edit-form")
    data.update(
        {
            "title": "Déplacement à Lille",
            "slug": "lille",
            "city": "Lille",
            "region": "Nord-Pas-de-Calais",
            "start_date": "2012-12-12",
            "end_date": "2012-12-10",
            "programme-count": "0",
        }
    )
    response = client.post(add_url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "La date de fin (10/12/2012) précède la date de début (12/12/2012)" in html
    assert not TripEventPage.objects.filter(slug="lille").exists()

    data.update({"end_date": "2012-12-13", "action-publish": "action-publish"})
    response = client.post(add_url, data)
    assert response.status_code == 302
    assert TripEventPage.objects.get(slug="lille").live


def test_session_end_time_must_follow_its_start():
    block = SessionBlock()
    value = block.to_python(
        {
            "starts_at": "2012-11-08T10:00:00+01:00",
            "ends_at": "09:00:00",
            "title": "Rencontre",
            "venue": {"name": "Mairie", "address": ""},
            "audience": Audience.LOCAL_ACTORS,
            "description": "",
            "registration_url": "",
            "capacity": None,
        }
    )
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "postérieure à l’heure de début" in str(error.value.block_errors["ends_at"])


# --- Page tree ---------------------------------------------------------------------------------


@pytest.mark.django_db
class TestTripPageTree(WagtailPageTestCase):
    def setUp(self):
        self.home, _ = load_mission_pages()

    def test_trip_pages_only_under_the_trip_index(self):
        self.assertAllowedParentPageTypes(TripEventPage, {TripIndexPage})
        self.assertAllowedSubpageTypes(TripEventPage, set())
        self.assertAllowedSubpageTypes(TripIndexPage, {TripEventPage})
        self.assertAllowedParentPageTypes(TripIndexPage, {HomePage})

    def test_one_trip_index_only(self):
        self.assertCanCreateAt(HomePage, TripIndexPage)
        self.assertCanNotCreateAt(StandardPage, TripEventPage)
        load_demo_trips(self.home)
        self.assertFalse(TripIndexPage.can_create_at(self.home))
        self.assertFalse(TripEventPage.can_create_at(Page.objects.get(slug="la-mission")))


# --- Listing -----------------------------------------------------------------------------------


def index_titles(html):
    return re.findall(r'class="fr-card__title"><a href="[^"]+">([^<]+)</a>', html)


@freeze_time("2012-11-20 10:00:00")
def test_index_lists_upcoming_soonest_first_then_past_latest_first(client, make_trip):
    make_trip("rennes", D(2012, 11, 8), D(2012, 11, 9))
    make_trip("bordeaux", D(2012, 12, 12), D(2012, 12, 13))
    make_trip("lyon", D(2012, 10, 2), D(2012, 10, 2))
    make_trip("aix-marseille", D(2012, 11, 27), D(2012, 11, 28))
    make_trip("nantes", D(2012, 11, 19), D(2012, 11, 21))  # ongoing on the 20th
    response = client.get("/deplacements/")
    assert response.status_code == 200
    html = response.content.decode()
    assert index_titles(html) == [
        "Déplacement à Nantes",
        "Déplacement à Aix-marseille",
        "Déplacement à Bordeaux",
        "Déplacement à Rennes",
        "Déplacement à Lyon",
    ]
    upcoming, past = html.split('id="trips-past"')
    assert "Bordeaux" in upcoming and "Rennes" not in upcoming
    assert "En cours" in upcoming and "À venir" in upcoming and "Passé" in past
    assert "19 au 21 novembre 2012" in upcoming
    assert "8 et 9 novembre 2012" in past


def test_index_ignores_a_bad_page_number(client, make_trip):
    make_trip("rennes", D(2012, 11, 8), D(2012, 11, 9))
    for query in ("?page=abc", "?page=-3", "?page=999"):
        response = client.get("/deplacements/" + query)
        assert response.status_code == 200
        assert "Déplacement à Rennes" in response.content.decode()


def test_unpublished_trips_are_not_listed(client, make_trip):
    make_trip("rennes", D(2012, 11, 8), D(2012, 11, 9))
    make_trip("brouillon", D(2012, 11, 8), D(2012, 11, 9)).unpublish()
    html = client.get("/deplacements/").content.decode()
    assert "Déplacement à Rennes" in html and "Brouillon" not in html
    ics = Calendar.from_ical(client.get("/deplacements/calendar.ics").content)
    assert "Brouillon" not in ics.to_ical().decode()


def test_index_query_count_does_not_grow_with_trips(client, make_trip, django_assert_max_num_queries):
    def render():
        response = client.get("/deplacements/")
        assert response.status_code == 200
        return response

    for number in range(3):
        make_trip(f"ville-{number}", D(2012, 11, 1 + number), D(2012, 11, 2 + number), picture=True)
    render()  # renditions are made on the first view
    with CaptureQueriesContext(connection) as few:
        render()
    few_count = len(few.captured_queries)  # read now: each request resets the query log
    assert few_count <= 14
    for number in range(3, 12):
        make_trip(f"ville-{number}", D(2012, 11, 1 + number), D(2012, 11, 2 + number), picture=True)
    render()
    with django_assert_max_num_queries(few_count):
        assert len(index_titles(render().content.decode())) == 12


# --- Trip page ---------------------------------------------------------------------------------


def test_trip_page_shows_its_programme_by_day_with_audience_and_venue(client, make_trip):
    make_trip(
        "rennes",
        D(2012, 11, 8),
        D(2012, 11, 9),
        programme=[
            session(paris(2012, 11, 9, 18, 30), "Débat public", Audience.GENERAL_PUBLIC, capacity=350),
            session(paris(2012, 11, 8, 10), "Rencontre des labels", ends_at=datetime.time(12, 30)),
            session(
                paris(2012, 11, 9, 10),
                "Échange avec les étudiants",
                Audience.STUDENTS,
                registration_url="https://example.org/inscription",
            ),
        ],
        summary="Deux jours en Bretagne.",
        people_met="Le maire de Rennes\n\nLa rectrice",
    )
    response = client.get("/deplacements/rennes/")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", html) == ["Déplacement à Rennes"]
    order = [
        html.index(text) for text in ("Jeudi 8 novembre 2012", "Rencontre des labels", "Vendredi 9 novembre")
    ]
    assert order == sorted(order)
    assert html.index("Échange avec les étudiants") < html.index("Débat public")
    assert "10 h – 12 h 30" in html
    assert "18 h 30 – 20 h 30" in html  # two hours when no end time is given
    assert "Public : Grand public" in html and "Public : Étudiants" in html
    assert "350 places." in html
    assert 'href="https://example.org/inscription"' in html
    assert "1 place de la Mairie<br>35000 Rennes" in html
    assert "<li>Le maire de Rennes</li>" in html and "<li>La rectrice</li>" in html
    assert 'href="/deplacements/rennes/calendar.ics"' in html


# --- Calendar ----------------------------------------------------------------------------------


def vevents(calendar):
    return list(calendar.walk("VEVENT"))


def test_calendar_holds_every_trip_and_every_session_in_paris_time(client, make_trip):
    make_trip(
        "rennes",
        D(2012, 11, 8),
        D(2012, 11, 9),
        programme=[
            session(paris(2012, 11, 8, 10), "Rencontre des labels", ends_at=datetime.time(12, 30)),
            session(paris(2012, 11, 9, 18, 30), "Débat public", Audience.GENERAL_PUBLIC),
        ],
    )
    make_trip(
        "bordeaux",
        D(2012, 12, 12),
        D(2012, 12, 13),
        programme=[session(paris(2012, 12, 13, 10), "Échange avec les étudiants", Audience.STUDENTS)],
    )
    response = client.get("/deplacements/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    events = {str(event["SUMMARY"]): event for event in vevents(calendar)}
    assert set(events) == {
        "Déplacement de la mission culture-acte 2 à Rennes",
        "Rencontre des labels (Rennes)",
        "Débat public (Rennes)",
        "Déplacement de la mission culture-acte 2 à Bordeaux",
        "Échange avec les étudiants (Bordeaux)",
    }
    rennes = events["Déplacement de la mission culture-acte 2 à Rennes"]
    assert rennes.decoded("DTSTART") == D(2012, 11, 8)
    assert rennes.decoded("DTEND") == D(2012, 11, 10)  # exclusive end of an all-day event
    labels = events["Rencontre des labels (Rennes)"]
    assert labels["DTSTART"].params["TZID"] == "Europe/Paris"
    assert labels.decoded("DTSTART") == paris(2012, 11, 8, 10)
    assert labels.decoded("DTSTART").astimezone(datetime.UTC).hour == 9
    assert labels.decoded("DTEND") == paris(2012, 11, 8, 12, 30)
    assert str(labels["LOCATION"]) == "Salle des fêtes, 1 place de la Mairie, 35000 Rennes"
    assert str(labels["DESCRIPTION"]).endswith("/deplacements/rennes/")
    uids = [str(event["UID"]) for event in vevents(calendar)]
    assert len(set(uids)) == len(uids) == 5
    assert all("DTSTAMP" in event for event in vevents(calendar))


def test_trip_calendar_holds_only_that_trip(client, make_trip):
    make_trip("rennes", D(2012, 11, 8), D(2012, 11, 9), programme=[session(paris(2012, 11, 8, 10))])
    make_trip("bordeaux", D(2012, 12, 12), D(2012, 12, 13), programme=[session(paris(2012, 12, 12, 10))])
    response = client.get("/deplacements/rennes/calendar.ics")
    assert response.status_code == 200
    assert 'filename="deplacement-rennes.ics"' in response["Content-Disposition"]
    summaries = [str(event["SUMMARY"]) for event in vevents(Calendar.from_ical(response.content))]
    assert summaries == ["Déplacement de la mission culture-acte 2 à Rennes", "Séance (Rennes)"]
    # The same event keeps the same UID in both files, so that calendars update instead of duplicating.
    all_uids = {
        str(e["UID"]) for e in vevents(Calendar.from_ical(client.get("/deplacements/calendar.ics").content))
    }
    assert {str(e["UID"]) for e in vevents(Calendar.from_ical(response.content))} <= all_uids


def test_unknown_calendar_paths_are_404(client, make_trip):
    make_trip("rennes", D(2012, 11, 8), D(2012, 11, 9))
    assert client.get("/deplacements/nulle-part/calendar.ics").status_code == 404
    assert client.get("/la-mission/calendar.ics").status_code == 404


# --- Home page ---------------------------------------------------------------------------------


def upcoming_block(html):
    start = html.index("Prochains déplacements")
    return html[start : html.index("Tous les déplacements", start)]


def test_home_page_shows_upcoming_trips_until_they_are_over(client, make_trip):
    make_trip("rennes", D(2012, 11, 8), D(2012, 11, 9), summary="Deux jours en Bretagne.", picture=True)
    make_trip("bordeaux", D(2012, 12, 12), D(2012, 12, 13))
    with freeze_time("2012-11-01 12:00:00"):
        html = client.get("/").content.decode()
        block = upcoming_block(html)
        assert index_titles(block) == ["Déplacement à Rennes", "Déplacement à Bordeaux"]
        assert "Deux jours en Bretagne." in block
        assert 'href="/deplacements/"' in html[html.index("Tous les déplacements") - 200 :]
    with freeze_time("2012-11-09 22:30:00"):  # 23:30 in Paris, last day in Rennes
        html = client.get("/").content.decode()
        assert index_titles(upcoming_block(html))[0] == "Déplacement à Rennes"
    with freeze_time("2012-11-10 12:00:00"):
        html = client.get("/").content.decode()
        assert index_titles(upcoming_block(html)) == ["Déplacement à Bordeaux"]
    with freeze_time("2013-01-01 12:00:00"):
        assert "Prochains déplacements" not in client.get("/").content.decode()


# --- Demo content ------------------------------------------------------------------------------


def test_demo_trips_are_the_seed_trips_and_loading_twice_creates_nothing(client, mission_site):
    home, _ = mission_site
    assert load_demo_trips(home) == "Trips: 3 (3 created)"
    assert load_demo_trips(home) == "Trips: 3 (0 created)"
    trips = {trip.city: trip for trip in TripEventPage.objects.live()}
    assert {city: (trip.start_date, trip.end_date) for city, trip in trips.items()} == {
        "Rennes": (D(2012, 11, 8), D(2012, 11, 9)),
        "Aix-Marseille": (D(2012, 11, 27), D(2012, 11, 28)),
        "Bordeaux": (D(2012, 12, 12), D(2012, 12, 13)),
    }
    for trip in trips.values():
        sessions = [block.value for block in trip.session_blocks()]
        assert 3 <= len(sessions) <= 6
        assert {session["audience"] for session in sessions} == set(dict(Audience.CHOICES))
        assert all(trip.start_date <= s.starts_at_paris().date() <= trip.end_date for s in sessions)
        assert trip.report and trip.picture and trip.gallery_photos.count() == 2
        assert trip.organisms_met.count() == 2
    html = client.get("/deplacements/rennes/").content.decode()
    assert "Débat public : la culture à l’ère du numérique" in html
    assert "Collectif des labels indépendants de Bretagne" in html
    assert 'alt="Illustration : les rangées du public lors d’un échange"' in html
    assert client.get("/deplacements/").status_code == 200
    assert PARIS.key == "Europe/Paris"
