import csv
import datetime
import io

import pytest
from django.contrib.auth.models import User

from hearings.models import HearingPage, Sector
from stats.models import DailySiteVisits
from tests.stats.conftest import make_hearing, make_organism


@pytest.fixture
def admin_client(client, stats_site):
    index = stats_site["hearings"]
    sacem = make_organism("Sacem", "societe-de-gestion-collective", "auteurs-artistes", ["musique"])
    make_hearing(index, "Sacem", HearingPage.Status.HELD, [sacem])
    make_hearing(index, "Sacem bis", HearingPage.Status.PLANNED, [sacem], day=datetime.date(2012, 12, 12))
    DailySiteVisits.objects.bulk_create(
        [
            DailySiteVisits(date=datetime.date(2012, 9, 10), visits=2_100, views=4_000),
            DailySiteVisits(date=datetime.date(2012, 10, 10), visits=5_317, views=9_000),
            DailySiteVisits(date=datetime.date(2012, 11, 10), visits=3_300, views=6_000),
        ]
    )
    client.force_login(User.objects.create_superuser("equipe", "equipe@example.org", "motdepasse"))
    return client


def test_dashboard_panel_shows_the_key_figures(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert 'id="chiffres-cles-content"' in html
    panel = html[html.index('id="chiffres-cles-content"') :]
    assert '<a href="/auditions/?statut=realisee">Auditions réalisées</a></th><td><strong>1</strong>' in panel
    assert "Auditions réalisées ou prévues</a></th><td><strong>2</strong>" in panel
    assert "Visites depuis l’ouverture</th><td><strong>10\u00a0717</strong>" in panel
    assert "Mois le plus fréquenté : octobre 2012</th><td><strong>5\u00a0317</strong>" in panel
    assert 'href="/admin/bilan-d-etape/"' in panel


def test_report_is_in_the_admin_menu(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "Bilan d’étape" in html and "/admin/bilan-d-etape/" in html


def test_report_shows_every_figure_over_a_period(admin_client):
    response = admin_client.get("/admin/bilan-d-etape/", {"start": "2012-10-01", "end": "2012-11-30"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Octobre 2012 <strong>(pic)</strong>" in html
    assert "Septembre 2012" not in html  # outside the period
    assert '<th scope="row">Auditions réalisées</th><td>1</td>' in html
    assert '<th scope="row">Auditions prévues</th><td>0</td>' in html  # the planned one is in December
    assert 'href="?start=2012-10-01&amp;end=2012-11-30&amp;format=csv"' in html


@pytest.mark.parametrize(
    "query, message",
    [
        ({"start": "2012-12-01", "end": "2012-10-01"}, "La date de fin doit être postérieure"),
        ({"start": "2012-13-45"}, "Saisissez une date valide"),
        ({"format": "pdf"}, "Sélectionnez un choix valide"),
    ],
)
def test_a_bad_period_gets_a_clear_message(admin_client, query, message):
    response = admin_client.get("/admin/bilan-d-etape/", query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_report_downloads_as_csv(admin_client):
    response = admin_client.get("/admin/bilan-d-etape/", {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="bilan-d-etape-')
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Rubrique", "Indicateur", "Réalisées", "Prévues", "Total"]
    assert ["Auditions", "Auditions réalisées ou prévues", "1", "1", "2"] in rows
    assert ["Par secteur", "Musique", "1", "1", "2"] in rows
    assert ["Visites par mois", "octobre 2012 (pic)", "", "", "5317"] in rows
    assert ["Visites", "Total des visites", "", "", "10717"] in rows


def test_report_has_a_printable_page(admin_client):
    response = admin_client.get("/admin/bilan-d-etape/", {"format": "print", "start": "2012-09-01"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Mission culture-acte 2 — bilan d’étape</h1>" in html
    assert "Période du 1 septembre 2012" in html
    assert "wagtail" not in html.lower()  # no admin furniture on paper


def test_report_needs_an_admin_login(client, stats_site):
    response = client.get("/admin/bilan-d-etape/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_report_csv_cells_cannot_run_as_formulas(admin_client):
    Sector.objects.filter(slug="musique").update(name="=Musique")
    response = admin_client.get("/admin/bilan-d-etape/", {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert ["Par secteur", "'=Musique", "1", "1", "2"] in rows
