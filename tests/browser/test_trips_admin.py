import datetime

from icalendar import Calendar

from events.demo import load_demo_trips
from events.models import TripEventPage, TripIndexPage, paris_today
from home.demo import load_mission_pages


def test_editor_creates_a_trip_with_a_programme_and_it_shows_while_upcoming(
    live_server, page, transactional_db, django_user_model, settings
):
    # Autosave posts the half-filled form while the test types and gets a 400 (as designed), which
    # would show up as a console error here: the test saves explicitly instead.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    home, _ = load_mission_pages()
    load_demo_trips(home)
    index = TripIndexPage.objects.get()
    django_user_model.objects.create_superuser("editrice", "editrice@example.org", "mot-de-passe-2012")
    start = paris_today() + datetime.timedelta(days=10)
    end = start + datetime.timedelta(days=1)

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editrice")
    page.fill("#id_password", "mot-de-passe-2012")
    page.locator("#id_password").press("Enter")
    page.wait_for_url(live_server.url + "/admin/")

    page.goto(f"{live_server.url}/admin/pages/add/events/tripeventpage/{index.pk}/")
    page.fill("#id_title", "Déplacement à Lille")
    page.fill("#id_city", "Lille")
    page.fill("#id_region", "Nord-Pas-de-Calais")
    page.fill("#id_start_date", start.isoformat())
    page.fill("#id_end_date", end.isoformat())
    page.fill("#id_summary", "Une journée avec les acteurs du Nord.")
    page.keyboard.press("Escape")

    page.locator("[data-contentpath='programme'] button.c-sf-add-button").first.click()
    page.fill("#programme-0-value-starts_at", f"{start.isoformat()} 18:30")
    page.keyboard.press("Escape")
    page.fill("#programme-0-value-title", "Débat public à Lille")
    page.fill("#programme-0-value-venue-name", "Gare Saint-Sauveur")
    page.fill("#programme-0-value-venue-address", "17 boulevard Jean-Baptiste Lebas\n59000 Lille")
    page.select_option("#programme-0-value-audience", "grand-public")
    page.fill("#programme-0-value-capacity", "300")

    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.get_by_role("button", name="Publier").click()
    page.wait_for_url(f"{live_server.url}/admin/pages/{index.pk}/")

    trip = TripEventPage.objects.get(city="Lille")
    assert trip.live and trip.url == "/deplacements/deplacement-a-lille/"
    [session] = [block.value for block in trip.session_blocks()]
    assert session["title"] == "Débat public à Lille" and session["capacity"] == 300

    page.goto(live_server.url + "/deplacements/")
    upcoming = page.locator("section[aria-labelledby='trips-upcoming']")
    assert upcoming.get_by_role("link", name="Déplacement à Lille").is_visible()
    assert "À venir" in upcoming.inner_text()
    assert "Déplacement à Rennes" in page.locator("section[aria-labelledby='trips-past']").inner_text()

    page.goto(live_server.url + "/")
    home_block = page.locator("section[aria-labelledby='upcoming-trips-title']")
    assert home_block.get_by_role("link", name="Déplacement à Lille").is_visible()
    home_block.get_by_role("link", name="Déplacement à Lille").click()
    page.wait_for_url(live_server.url + trip.url)
    assert "Débat public à Lille" in page.locator("main").inner_text()
    assert "18 h 30 – 20 h 30" in page.locator("main").inner_text()

    response = page.request.get(live_server.url + "/deplacements/calendar.ics")
    assert response.status == 200
    summaries = [str(event["SUMMARY"]) for event in Calendar.from_ical(response.body()).walk("VEVENT")]
    assert "Déplacement de la mission culture-acte 2 à Lille" in summaries
    assert "Débat public à Lille (Lille)" in summaries
    assert page.problems == []
