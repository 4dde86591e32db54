"""French typography (home/typography.py): one helper for templates, the importer and the demo."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.utils import timezone

from hearings.demo import FEMININE_FIRST_NAMES, ROLES, load_demo_hearings
from hearings.models import HearingOrganism, HearingPage, Organism
from home import typography


@pytest.mark.parametrize(
    ("name", "complement"),
    [
        ("Observatoire national de la musique", "de l’Observatoire national de la musique"),
        ("Agence de développement du cinéma", "de l’Agence de développement du cinéma"),
        ("Syndicat des producteurs", "du Syndicat des producteurs"),
        ("Fédération nationale du livre", "de la Fédération nationale du livre"),
        ("Éditions Belleville", "des Éditions Belleville"),
        ("Haute Autorité du numérique", "de la Haute Autorité du numérique"),
        ("Anne Moreau", "d’Anne Moreau"),
        ("Hélène Dumas", "d’Hélène Dumas"),
        ("Belleville Médias", "de Belleville Médias"),
    ],
)
def test_de_elides_and_contracts(name, complement):
    assert typography.de(name) == complement


def test_hearing_titles_read_as_french():
    assert (
        typography.hearing_title(["Observatoire national de la musique", "Syndicat des producteurs"])
        == "Audition de l’Observatoire national de la musique et du Syndicat des producteurs"
    )
    assert typography.hearing_title(["Agence du livre"]) == "Audition de l’Agence du livre"
    assert typography.hearing_title(["Anne Moreau"], interview=True) == "Entretien avec Anne Moreau"


def test_singular_for_zero_and_one():
    assert typography.agree(0, "audition prévue") == "0 audition prévue"
    assert typography.agree(1, "audition prévue") == "1 audition prévue"
    assert typography.agree(2, "audition prévue") == "2 auditions prévues"


def test_one_date_and_time_format_with_first_of_month():
    moment = timezone.make_aware(datetime.datetime(2012, 10, 1, 14, 30))
    assert typography.datetime_text(moment) == "lundi 1er octobre 2012 à 14 h 30"
    assert typography.datetime_text(moment.replace(hour=9, minute=0)) == "lundi 1er octobre 2012 à 9 h"
    assert typography.date_text(datetime.date(2012, 12, 6), weekday=False) == "6 décembre 2012"
    rendered = Template('{% load typography %}{{ when|datetime_fr }} · {{ n|agree:"commentaire" }}').render(
        Context({"when": moment, "n": 0})
    )
    assert rendered == "lundi 1er octobre 2012 à 14 h 30 · 0 commentaire"


def test_demo_titles_summaries_and_people_agree(mission_site):
    home, _pages = mission_site
    load_demo_hearings(home)
    titles = list(HearingPage.objects.values_list("title", flat=True))
    assert not [title for title in titles if " de Observatoire" in title or " de Agence" in title]
    assert not [title for title in titles if " de Syndicat" in title or " de Union" in title]
    assert any(title.startswith("Audition de l’Observatoire") for title in titles)
    summaries = HearingPage.objects.filter(status=HearingPage.Status.PLANNED).values_list(
        "summary", flat=True
    )
    assert all(summary.startswith("Audition prévue ") for summary in summaries)
    assert not [summary for summary in summaries if re.search(r"\bde [AEIOUÉ]", summary)]
    for speakers in HearingOrganism.objects.exclude(speakers="").values_list("speakers", flat=True):
        for line in speakers.splitlines():
            name, role = line.split(", ", 1)
            forms = [pair[1] if name.split()[0] in FEMININE_FIRST_NAMES else pair[0] for pair in ROLES]
            assert role in forms, line
    for organism in Organism.objects.filter(nature__slug="personnalite-qualifiee"):
        if organism.name.split()[0] in FEMININE_FIRST_NAMES:
            assert not organism.description.startswith(("Ancien ", "Chercheur", "Réalisateur ")), organism
        else:
            assert not organism.description.startswith(("Ancienne", "Chercheuse", "Réalisatrice")), organism


def test_hearing_page_shows_the_site_date_format(mission_site, client):
    home, _pages = mission_site
    load_demo_hearings(home)
    hearing = HearingPage.objects.filter(slug__startswith="observatoire-national", status="realisee").first()
    html = client.get(hearing.url).text
    assert typography.datetime_text(hearing.hearing_date).capitalize() in html
    assert " h " in typography.datetime_text(hearing.hearing_date)
