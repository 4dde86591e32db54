import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailPageTestCase

from discussion.demo import create_comment
from hearings.models import HearingPage, Organism, Sector
from home.models import HomePage
from questions.models import QuestionPage
from stats.figures import breakdowns, hearing_figures, key_figures, top_pages, visits_per_month
from stats.models import DailyPageViews, DailySiteVisits, KeyFiguresPage
from tests.stats.conftest import make_hearing, make_organism

HELD = HearingPage.Status.HELD
PLANNED = HearingPage.Status.PLANNED


@pytest.fixture
def small_hearings(stats_site):
    """Three counted hearings, one cancelled, one unpublished, over five organisms."""
    index = stats_site["hearings"]
    sacem = make_organism("Sacem", "societe-de-gestion-collective", "auteurs-artistes", ["musique"])
    adami = make_organism("Adami", "societe-de-gestion-collective", "auteurs-artistes", ["musique", "cinema"])
    deezer = make_organism("Deezer", "entreprise", "plateformes-services-en-ligne", ["musique"])
    arp = make_organism("ARP", "organisation-professionnelle-syndicat", "auteurs-artistes", ["cinema"])
    orange = make_organism("Orange", "entreprise", "operateurs-fai", ["transversal"])
    # Two organisms of the same nature, family and sector: the hearing counts once there.
    make_hearing(index, "Sacem et Adami", HELD, [sacem, adami])
    make_hearing(index, "Deezer", HELD, [deezer, sacem], day=datetime.date(2012, 11, 5))
    make_hearing(index, "ARP", PLANNED, [arp], day=datetime.date(2012, 12, 10))
    make_hearing(index, "Orange", HearingPage.Status.CANCELLED, [orange])
    make_hearing(index, "Brouillon", HELD, [orange], live=False)
    return stats_site


def rows_by_slug(result):
    return {row.slug: (row.held, row.planned, row.total) for row in result.rows}


def test_hearing_figures_follow_the_counting_rules(small_hearings):
    figures = hearing_figures()
    assert (figures.held, figures.planned, figures.total) == (2, 1, 3)
    # Distinct organisms of held hearings: Sacem (heard twice), Adami, Deezer.
    assert figures.organisms_heard == 3
    assert figures.urls["held"] == "/auditions/?statut=realisee"
    assert figures.urls["planned"] == "/auditions/?statut=prevue"


def test_a_hearing_counts_once_per_category_touched(small_hearings):
    by_dimension = {table.key: table for table in breakdowns()}
    # Keyed by the parameters of the hearings list's URLs (hearings.dimensions), in their order.
    assert list(by_dimension) == ["nature", "famille", "secteur"]
    natures = rows_by_slug(by_dimension["nature"])
    assert natures["societe-de-gestion-collective"] == (2, 0, 2)
    assert natures["entreprise"] == (1, 0, 1)  # Deezer; Orange's hearings are not counted
    assert natures["organisation-professionnelle-syndicat"] == (0, 1, 1)
    assert natures["association"] == (0, 0, 0)
    families = rows_by_slug(by_dimension["famille"])
    assert families["auteurs-artistes"] == (2, 1, 3)
    assert families["operateurs-fai"] == (0, 0, 0)
    assert by_dimension["famille"].rows[0].url.startswith("/auditions/?famille=")
    sectors = by_dimension["secteur"]
    assert rows_by_slug(sectors)["musique"] == (2, 0, 2)
    assert rows_by_slug(sectors)["cinema"] == (1, 1, 2)
    assert rows_by_slug(sectors)["transversal"] == (0, 0, 0)
    assert next(row.url for row in sectors.rows if row.slug == "cinema") == "/auditions/?secteur=cinema"


def test_figures_over_a_period(small_hearings):
    figures = hearing_figures(start=datetime.date(2012, 11, 1), end=datetime.date(2012, 11, 30))
    assert (figures.held, figures.planned, figures.organisms_heard) == (1, 0, 2)


def test_visits_per_month_fill_gaps_and_mark_the_peak(stats_site):
    DailySiteVisits.objects.bulk_create(
        [
            DailySiteVisits(date=datetime.date(2012, 9, 30), visits=10, views=20),
            DailySiteVisits(date=datetime.date(2012, 10, 1), visits=30, views=50),
            DailySiteVisits(date=datetime.date(2012, 10, 31), visits=5, views=5),
            DailySiteVisits(date=datetime.date(2012, 12, 1), visits=40, views=41),
        ]
    )
    visits = visits_per_month()
    assert [(month.month, month.visits, month.views) for month in visits.months] == [
        (datetime.date(2012, 9, 1), 10, 20),
        (datetime.date(2012, 10, 1), 35, 55),
        (datetime.date(2012, 11, 1), 0, 0),
        (datetime.date(2012, 12, 1), 40, 41),
    ]
    assert (visits.visits, visits.views) == (85, 116)
    assert visits.peak.label == "décembre 2012"
    assert [month.is_peak for month in visits.months] == [False, False, False, True]
    october = visits_per_month(start=datetime.date(2012, 10, 1), end=datetime.date(2012, 10, 31))
    assert [(month.label, month.visits) for month in october.months] == [("octobre 2012", 35)]


def test_top_pages_are_ranked_by_visits(stats_site):
    home, mission = stats_site["home"], stats_site["pages"]["la-mission"]
    DailyPageViews.objects.bulk_create(
        [
            DailyPageViews(date=datetime.date(2012, 10, 1), page=mission, visits=3, views=4),
            DailyPageViews(date=datetime.date(2012, 10, 2), page=mission, visits=4, views=4),
            DailyPageViews(date=datetime.date(2012, 10, 1), page=home, visits=5, views=9),
        ]
    )
    assert [(page.title, page.url, page.visits, page.views) for page in top_pages()] == [
        ("La mission", "/la-mission/", 7, 8),
        ("Mission culture-acte 2", "/", 5, 9),
    ]
    assert [page.title for page in top_pages(limit=1)] == ["La mission"]


def test_trips_questions_comments_and_subscribers_start_at_zero(stats_site, client):
    figures = key_figures()
    assert (figures.trips, figures.questions, figures.comments, figures.subscribers) == (0, 0, 0, 0)
    assert figures.most_commented_question is None
    html = client.get("/chiffres-cles/").content.decode()
    assert "Déplacements et blog participatif" in html
    assert "sujet le plus commenté" not in html


def test_key_figures_page_shows_each_figure_with_a_link_to_what_it_counts(client, small_hearings):
    DailySiteVisits.objects.create(date=datetime.date(2012, 10, 1), visits=1234, views=2000)
    response = client.get("/chiffres-cles/")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S) == ["Chiffres clés"]
    tile = r'<a href="{}"><span class="stats-figure">{}</span> <span class="stats-figure__label">{}</span>'
    assert re.search(tile.format(re.escape("/auditions/?statut=realisee"), "2", "auditions réalisées"), html)
    assert re.search(tile.format(re.escape("/auditions/?statut=prevue"), "1", "auditions prévues"), html)
    assert re.search(tile.format("/auditions/", "3", "auditions réalisées ou prévues"), html)
    assert '<a href="/auditions/?nature=entreprise">Entreprise</a>' in html
    assert '<a href="/auditions/?famille=auteurs-artistes">Auteurs et artistes</a>' in html
    assert '<a href="/auditions/?secteur=musique">Musique</a>' in html
    assert "1\u00a0234" in html
    # The chart has a text alternative: the table of the same figures, with captions and headers.
    assert 'role="img"' in html and "<caption>Visites et pages vues par mois</caption>" in html
    assert '<th scope="col">Mois</th>' in html


def data_of_size(site, size):
    index = site["hearings"]
    organisms = [
        make_organism(f"Organisme {size} {n}", "entreprise", "producteurs-editeurs", ["musique", "livre"])
        for n in range(size)
    ]
    for n in range(size):
        make_hearing(index, f"Audition {size} {n}", HELD if n % 2 else PLANNED, organisms[n : n + 2])
    start = datetime.date(2000 + size, 1, 1)  # each size on its own days
    DailySiteVisits.objects.bulk_create(
        [
            DailySiteVisits(date=start + datetime.timedelta(days=7 * n), visits=n, views=2 * n)
            for n in range(size * 4)
        ]
    )
    DailyPageViews.objects.bulk_create(
        [
            DailyPageViews(date=start + datetime.timedelta(days=n), page=page, visits=n, views=n)
            for n in range(size)
            for page in [site["home"], *site["pages"].values()]
        ]
    )


def render_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/chiffres-cles/")
    assert response.status_code == 200
    return len(queries)


def test_the_page_query_count_does_not_grow_with_the_data(client, stats_site, django_assert_max_num_queries):
    render_queries(client)  # the first request also fills Wagtail's cache of site root paths
    data_of_size(stats_site, 2)
    small = render_queries(client)
    data_of_size(stats_site, 15)
    assert render_queries(client) == small
    # Publishing hearings renewed the figures kept until the team's next edit: these requests
    # counted hearings and breakdowns (two queries each: the counts, the terms), trips and
    # questions; the next ones read them from the cache. Visits, comments and subscribers are
    # counted on every request: a fixed number of queries each. Wagtail's own site lookup and
    # view-restriction checks run on every request too (no copy of them is cached). The proposals'
    # figures are the ids of the cited comments still published, then one aggregate and its two
    # view-restriction checks. The site's settings (its
    # reference date, home/clock.py) are read again after an edit: two queries.
    assert small <= 38
    with django_assert_max_num_queries(20):
        assert "Organisme 15 3" not in client.get("/chiffres-cles/").content.decode()


class TestKeyFiguresPageTree(WagtailPageTestCase):
    def test_key_figures_page_lives_once_under_home(self):
        self.assertAllowedParentPageTypes(KeyFiguresPage, {HomePage})
        self.assertAllowedSubpageTypes(KeyFiguresPage, set())
        assert KeyFiguresPage.max_count == 1


THEME = QuestionPage.Theme.values[0]


def add_question(home, slug="une-question", title="Une question ?"):
    question = QuestionPage(
        title=title,
        slug=slug,
        introduction="Votre avis.",
        theme=THEME,
        asked_on=datetime.date(2012, 10, 1),
    )
    home.add_child(instance=question)
    return question


def test_the_key_figures_page_shows_a_new_comment_at_once(client, stats_site):
    question = add_question(stats_site["home"])
    create_comment(question, "Un avis.")

    def tiles():
        html = client.get("/chiffres-cles/").content.decode()
        tile = r'<span class="stats-figure">(\d+)</span> <span class="stats-figure__label">{}</span>'
        return [
            int(re.search(tile.format(label), html).group(1))
            for label in ("commentaires publiés", "commentaires sur le sujet le plus commenté")
        ]

    assert tiles() == [1, 1]
    create_comment(question, "Un autre avis.")
    assert tiles() == [2, 2]
    other = add_question(stats_site["home"], "une-autre-question", "Une autre question ?")
    for n in range(3):
        create_comment(other, f"Avis {n}.")
    assert tiles() == [5, 3]
    # A comment on an unpublished page is not counted.
    other.unpublish()
    assert tiles() == [2, 2]


def test_key_figures_follow_a_hearing_status_change(client, small_hearings):
    figures = key_figures()
    assert (figures.hearings.held, figures.hearings.planned) == (2, 1)
    planned = HearingPage.objects.get(slug="arp")
    planned.status = HELD
    planned.save_revision().publish()
    figures = key_figures()
    assert (figures.hearings.held, figures.hearings.planned) == (3, 0)
    cinema = next(row for row in figures.breakdowns[2].rows if row.slug == "cinema")
    assert (cinema.held, cinema.planned) == (2, 0)
    html = client.get("/chiffres-cles/").content.decode()
    assert re.search(
        r'<span class="stats-figure">3</span> <span class="stats-figure__label">auditions réalisées<', html
    )


def test_key_figures_follow_an_organisms_sectors(small_hearings):
    def sector_rows():
        return {row.slug: (row.held, row.planned) for row in key_figures().breakdowns[2].rows}

    assert sector_rows()["livre"] == (0, 0)
    organism = Organism.objects.get(slug="arp")
    organism.sectors.add(Sector.objects.get(slug="livre"))
    assert sector_rows()["livre"] == (0, 1)
    organism.sectors.clear()
    assert sector_rows()["livre"] == (0, 0)
    assert sector_rows()["cinema"] == (1, 0)
