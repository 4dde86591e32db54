"""One clock (home/clock.py): every status and « à venir / passé » list follows the site's today,
the real date or the team's reference date; planned hearings whose date has passed are flagged;
the key figures read « au <date> » and follow an editor's changes at once."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from discussion.demo import create_comment
from events.models import TripEventPage, TripStatus
from hearings.demo import create_hearing
from hearings.models import HearingIndexPage, HearingPage, Organism
from home import clock, typography
from questions.models import QuestionPage
from tests.stats.test_demo import tile_values

REPORT_DAY = datetime.date(2012, 12, 6)


@pytest.fixture
def demo(db, settings):
    settings.FRAGMENT_CACHE_ENABLED = True  # as in production: the figures' cache must be renewed
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_demo_is_read_on_6_december_2012(demo, client):
    assert clock.today() == REPORT_DAY
    html = client.get("/").text
    assert "Le site est présenté à la date du jeudi 6 décembre 2012" in html
    # « Prochaines auditions »: planned hearings from the reference date on, none before it.
    upcoming = html[html.index("Prochaines auditions") :]
    assert "lundi 10 décembre 2012" in upcoming or "décembre 2012" in upcoming
    # Bordeaux, 12–13 December 2012, is still to come on 6 December, on its page and the list.
    bordeaux = TripEventPage.objects.get(city="Bordeaux")
    assert bordeaux.status() == TripStatus.UPCOMING
    assert "À venir" in client.get(bordeaux.url).text
    # Questions closing after the reference date are open.
    for question in QuestionPage.objects.all():
        assert question.is_open() == (question.closes_on is None or question.closes_on >= REPORT_DAY)


def test_without_reference_date_the_site_follows_the_real_date(demo, client, reference_date):
    reference_date(None)
    assert clock.today() == clock.paris_today()
    html = client.get("/").text
    assert "date de référence" not in html
    assert "Prochaines auditions" not in html  # every demo hearing is in 2012–2013
    bordeaux = TripEventPage.objects.get(city="Bordeaux")
    assert "Passé" in client.get(bordeaux.url).text


def test_a_planned_hearing_whose_date_has_passed_is_flagged(demo, client, admin_client, reference_date):
    reference_date(datetime.date(2012, 12, 20))
    overdue = HearingPage.objects.filter(
        status=HearingPage.Status.PLANNED,
        hearing_date__lt=timezone.make_aware(datetime.datetime(2012, 12, 20)),
    ).order_by("hearing_date")
    count = overdue.count()
    assert count > 0
    first = overdue.first()
    page = client.get(first.url).text
    assert "Date passée — compte rendu à venir" in page
    listings = [client.get(f"/auditions/?statut=prevue&page={number}").text for number in (1, 2)]
    assert sum(listing.count("Date passée — compte rendu à venir") for listing in listings) == count
    assert "Date passée — compte rendu à venir" not in client.get("/").text  # not « prochaine »
    # The editors' list: date and status columns, the « à mettre à jour » filter.
    admin_list = admin_client.get("/admin/auditions/?to_update=oui")
    assert admin_list.status_code == 200
    text = admin_list.text
    assert "Date de l’audition" in text and "Statut de l’audition" in text
    assert typography.datetime_text(first.hearing_date, weekday=False) in text
    assert text.count("Prévue — date passée, à mettre à jour") == count
    assert first.title in text
    all_hearings = admin_client.get("/admin/auditions/").text
    assert "Réalisée" in all_hearings
    # The dashboard counts them and links to the filtered list.
    dashboard = admin_client.get("/admin/").text
    assert f"{count} auditions prévues dont la date est passée" in dashboard
    assert "/admin/auditions/?to_update=oui" in dashboard


def figures_of(client, query=""):
    response = client.get("/chiffres-cles/" + query)
    return response, tile_values(response.text)


def test_key_figures_as_of_a_date(demo, client):
    _response, live = figures_of(client)
    response, report = figures_of(client, "?au=2012-12-06")
    assert response.status_code == 200
    assert "Chiffres au jeudi 6 décembre 2012" in response.text
    for label in ("auditions réalisées ou prévues", "auditions réalisées", "auditions prévues"):
        assert report[label] == live[label]
    assert report["auditions réalisées ou prévues"] == 99 and report["auditions réalisées"] == 60
    assert report["organismes, entreprises ou personnalités auditionnés"] == 60
    _response, november = figures_of(client, "?au=2012-11-01")
    assert november["auditions réalisées ou prévues"] == 99  # every later hearing counted as planned
    assert 0 < november["auditions réalisées"] < 60
    assert november["auditions prévues"] == 99 - november["auditions réalisées"]
    assert november["organismes, entreprises ou personnalités auditionnés"] < 60
    assert november["visites"] < live["visites"]
    # The breakdown tables follow the same date: the held column adds up differently.
    assert re.findall(r"<td[^>]*>(\d+)</td>", response.text) != re.findall(
        r"<td[^>]*>(\d+)</td>", client.get("/chiffres-cles/?au=2012-11-01").text
    )


@pytest.mark.parametrize("bad", ["hier", "2012-13-01", "06/12/2012", "1900-01-01", "2012-12-06T00:00"])
def test_a_bad_date_is_a_400_with_a_message(demo, client, bad):
    response = client.get("/chiffres-cles/", {"au": bad})
    assert response.status_code == 400
    assert "fr-error-text" in response.text
    assert "Chiffres au" not in response.text


def test_an_editor_s_new_hearing_or_comment_shows_in_the_live_figures_at_once(demo, client):
    _response, before = figures_of(client)
    index = HearingIndexPage.objects.get()
    hearing = create_hearing(
        index,
        "Audition de l’Observatoire de test",
        timezone.make_aware(datetime.datetime(2012, 11, 20, 10)),
        [Organism.objects.order_by("pk").first()],
        status=HearingPage.Status.HELD,
    )
    hearing.save_revision().publish()
    question = QuestionPage.objects.live().first()
    create_comment(question, "Un nouveau commentaire, publié à l’instant.")
    _response, after = figures_of(client)
    assert after["auditions réalisées"] == before["auditions réalisées"] + 1
    assert after["auditions réalisées ou prévues"] == before["auditions réalisées ou prévues"] + 1
    assert after["commentaires publiés"] == before["commentaires publiés"] + 1
