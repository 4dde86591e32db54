"""What a visitor reads on the demo site at 1280 and 390 px (issue « daily use »): French that
reads right, one clock (the demo's reference date, 6 December 2012), demo contributions that
argue, and the first page's disabled pagination. Set SCREENSHOTS=<dir> to keep a PNG of each."""

import os
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from hearings.models import HearingPage
from tests.browser.axe import axe_or_skip, run_axe

WIDTHS = (1280, 390)
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


def keep(page, name, width):
    folder = os.environ.get("SCREENSHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        page.screenshot(path=os.path.join(folder, f"{name}-{width}.png"), full_page=True)


def test_a_visitor_reads_the_demo_as_of_its_reference_date(live_server, browser, demo):
    # An editor forgot a planned hearing: its date (3 December) is before the reference date.
    forgotten = HearingPage.objects.filter(status=HearingPage.Status.PLANNED).order_by("hearing_date").first()
    forgotten.hearing_date = datetime(2012, 12, 3, 10, 0, tzinfo=PARIS)
    forgotten.save_revision().publish()
    axe_or_skip()
    for width in WIDTHS:
        context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
        page = context.new_page()

        # One clock, said on every public page.
        page.goto(live_server.url + "/")
        notice = page.get_by_text("Le site est présenté à la date du jeudi 6 décembre 2012")
        expect(notice).to_be_visible()
        upcoming = page.locator(".fr-col-md-6").filter(
            has=page.get_by_role("heading", name="Prochaines auditions")
        )
        # The 10 December hearings are still to come on 6 December; the forgotten one is not.
        expect(upcoming).to_contain_text(re.compile("lundi 10 décembre 2012", re.IGNORECASE))
        expect(upcoming).not_to_contain_text(forgotten.title)
        keep(page, "clock-home", width)

        page.goto(live_server.url + "/deplacements/")
        coming = page.locator("#trips-upcoming + *")
        expect(coming).to_contain_text("Bordeaux")  # 12–13 December: « à venir » on 6 December
        expect(page.locator("#trips-past + *")).not_to_contain_text("Bordeaux")
        keep(page, "clock-trips", width)

        page.goto(live_server.url + forgotten.url)
        expect(page.get_by_text("Date passée — compte rendu à venir")).to_be_visible()
        keep(page, "clock-overdue-hearing", width)

        # French that reads right: élision, « 1er », one date and time format, agreement.
        page.goto(live_server.url + "/auditions/?statut=realisee")
        listing = page.locator("main").inner_text()
        assert "Audition de l’" in listing
        assert not re.search(r"\b(de|De) [AEIOUÉaeioué]\w", listing), re.findall(r"\bde [AEIOUÉ]\w+", listing)
        # One date and time format: « mercredi 5 décembre 2012 à 10 h », « … à 14 h 30 ».
        dates = re.findall(
            r"(?i)\b(?:lundi|mardi|mercredi|jeudi|vendredi) \d{1,2}(?:er)? \w+ 2012 à \d{1,2} h(?: \d\d)?",
            listing,
        )
        assert len(dates) >= 10, dates
        assert not re.search(r"\d{1,2}:\d\d|\d{1,2}h\d\d", listing)
        assert not re.search(r"\b[01] commentaires\b", listing)  # the singular for 0 and 1
        keep(page, "french-hearings", width)
        page.goto(live_server.url + "/auditions/observatoire-national-de-la-musique-2012-10-01/")
        expect(page.locator("main h1")).to_have_text("Audition de l’Observatoire national de la musique")
        expect(page.locator("main")).to_contain_text(
            re.compile("lundi 1er octobre 2012 à 14 h 30", re.IGNORECASE)
        )
        keep(page, "french-hearing", width)

        # The first page's previous links: disabled per DSFR, no contrast failure.
        page.goto(live_server.url + "/auditions/")
        previous = page.locator(".fr-pagination").get_by_text("Page précédente")
        expect(previous).to_have_attribute("aria-disabled", "true")
        assert previous.get_attribute("href") is None
        contrast = [v for v in run_axe(page) if v["id"] == "color-contrast"]
        assert contrast == [], contrast
        page.locator(".fr-pagination").scroll_into_view_if_needed()
        keep(page, "pagination-first-page", width)
        context.close()


def test_the_demo_contributions_argue_and_answer(live_server, page, demo):
    page.goto(live_server.url + "/questions/modes-de-consommation-culturelle-en-ligne/")
    comments = page.locator("article.discussion-comment__body")
    texts = [text.strip() for text in comments.locator(".discussion-comment__text").all_inner_texts()]
    assert len(texts) >= 20
    assert len(set(texts)) == len(texts)  # no comment twice on the page
    # A remarkable contribution argues (several sentences), not « Merci pour cette audition ».
    highlighted = page.locator(".discussion-highlighted li")
    remarkable = highlighted.filter(has_text="Contribution remarquable")
    expect(remarkable).to_have_count(2)
    for text in remarkable.locator(".fr-callout__text").all_inner_texts():
        assert not text.startswith("Merci")
        assert len(re.findall(r"[.?!](\s|$)", text)) >= 4, text
    # The mission answers under its own name, never the editor's login.
    answer = highlighted.filter(has_text="Réponse de la mission")
    expect(answer.locator("h3")).to_contain_text("La mission culture-acte 2")
    expect(answer).not_to_contain_text("admin")
    keep(page, "demo-thread", 1280)
