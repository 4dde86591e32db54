import datetime

from home.demo import get_home_page
from stats.demo import load_demo_visits
from stats.models import DailyPageViews, DailySiteVisits

DESKTOP_CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
)


def test_key_figures_page_reads_well_on_a_phone(live_server, page, transactional_db):
    load_demo_visits(get_home_page())
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/chiffres-cles/")
    assert page.locator("h1").inner_text() == "Chiffres clés"
    chart = page.locator("svg.stats-chart__svg")
    assert chart.get_attribute("role") == "img"
    assert chart.bounding_box()["width"] <= 390
    peak = page.locator("#mois-pic")
    assert "Octobre 2012" in peak.inner_text() and "5 317" in peak.inner_text().replace("\u00a0", " ")
    assert page.problems == []


def test_a_real_browser_visit_is_counted_without_any_cookie(live_server, browser, transactional_db):
    home = get_home_page()
    context = browser.new_context(locale="fr-FR", user_agent=DESKTOP_CHROME)
    try:
        tab = context.new_page()
        for _view in range(2):
            # Each view sends its beacon (stats/visites.js), answered 204.
            with tab.expect_response(lambda response: "/mesure-d-audience/" in response.url) as beacon:
                tab.goto(live_server.url + "/")
            assert beacon.value.status == 204
        assert tab.evaluate("document.cookie") == ""
        assert context.cookies() == []
    finally:
        context.close()
    today = DailySiteVisits.objects.get()
    assert (today.visits, today.views) == (1, 2)
    assert today.date >= datetime.date.today() - datetime.timedelta(days=1)
    assert DailyPageViews.objects.get(page=home).views == 2
