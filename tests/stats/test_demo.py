import re

from django.core.management import call_command
from django.db.models import Sum

from stats.demo import MONTHLY_VISITS, OPENING, REPORT_DAY, demo_daily_visits, split
from stats.models import DailyPageViews, DailySiteVisits


def figure(text):
    """A figure as printed on the page (« 11 492 ») as an int."""
    return int(re.sub(r"\D", "", text))


def test_the_key_figures_page_shows_the_seeds_visits(client, db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    response = client.get("/chiffres-cles/")
    assert response.status_code == 200
    html = response.content.decode()
    total_tile = re.search(
        r'<span class="stats-figure">([\d\s\u00a0]+)</span> <span class="stats-figure__label">visites</span>',
        html,
    )
    assert figure(total_tile.group(1)) == 11_492
    total_row = re.search(
        r"<tfoot>\s*<tr><th scope=\"row\">Total</th><td[^>]*><strong>([^<]+)</strong>", html
    )
    assert figure(total_row.group(1)) == 11_492
    peak_row = re.search(
        r'<tr id="mois-pic"[^>]*>\s*<th scope="row">([^<]+)<span[^>]*>Pic</span></th>'
        r"\s*<td[^>]*><strong>([^<]+)</strong>",
        html,
    )
    assert peak_row.group(1).strip() == "Octobre 2012"
    assert figure(peak_row.group(2)) == 5_317
    # The peak is shown in words, not only by colour: in the table and on the chart.
    assert "▲ pic" in html and "Octobre 2012 : 5\u00a0317 visites (pic)" in html.replace("octobre", "Octobre")
    months = re.findall(r'<tr(?: id="mois-pic"[^>]*)?>\s*<th scope="row">(\w+ 2012)', html)
    assert months == ["Septembre 2012", "Octobre 2012", "Novembre 2012", "Décembre 2012"]


def test_demo_visits_are_exact_deterministic_and_idempotent(db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = list(DailySiteVisits.objects.values_list("date", "visits", "views"))
    pages = list(DailyPageViews.objects.values_list("date", "page_id", "visits", "views"))
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(DailySiteVisits.objects.values_list("date", "visits", "views")) == first
    assert list(DailyPageViews.objects.values_list("date", "page_id", "visits", "views")) == pages
    assert DailySiteVisits.objects.aggregate(total=Sum("visits"))["total"] == 11_492
    assert (first[0][0], first[-1][0]) == (OPENING, REPORT_DAY)
    assert len(first) == (REPORT_DAY - OPENING).days + 1


def test_split_keeps_the_total_exactly():
    import random

    rng = random.Random(1)
    for total in [0, 1, 775, 5_317]:
        weights = [rng.uniform(0.1, 2) for _ in range(31)]
        assert sum(split(total, weights)) == total
    visits = demo_daily_visits(random.Random(2012))
    for (year, month), expected in MONTHLY_VISITS.items():
        assert sum(v for day, v in visits.items() if (day.year, day.month) == (year, month)) == expected


def tile_values(html):
    """{label: value} of the figure tiles, read off the rendered page."""
    tiles = re.findall(
        r'<span class="stats-figure">([\d\s\u00a0]+)</span> <span class="stats-figure__label">([^<]+)</span>',
        html,
    )
    return {label.strip(): figure(value) for value, label in tiles}


def test_the_key_figures_page_shows_every_figure_of_the_progress_report(client, db):
    """The bilan d'étape of 6 December 2012, line by line, off the page the public reads."""
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    html = client.get("/chiffres-cles/").content.decode()
    tiles = tile_values(html)
    assert tiles["auditions réalisées ou prévues"] == 99
    assert tiles["auditions réalisées"] == 60
    assert tiles["organismes, entreprises ou personnalités auditionnés"] == 60
    assert tiles["déplacements en région"] == 3
    assert tiles["questions posées au public"] == 10
    assert tiles["commentaires publiés"] == 248
    assert tiles["commentaires sur le sujet le plus commenté"] == 56
    assert "modes de consommation culturelle en ligne" in html
    assert tiles["abonnés"] == 295
    assert tiles["visites"] == 11_492
    assert tiles["visites au mois le plus fréquenté"] == 5_317
