"""A hearing's hosted video: the facade asks nothing of the provider until the visitor clicks, then
loads the privacy-enhanced player; all of it with the keyboard. Every request that would leave the
machine is logged and refused (the tests run offline)."""

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import expect

from hearings.demo import create_hearing, get_or_create_hearing_index, get_or_create_organism
from hearings.models import ActorFamily, HearingPage, OrganismNature, Sector
from hearings.taxonomy_terms import ensure_terms
from home.demo import load_mission_pages
from tests.browser.keyboard import assert_focus_visible, is_focused, tab_to

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "video"
TERM_MODELS = {"OrganismNature": OrganismNature, "ActorFamily": ActorFamily, "Sector": Sector}


def hosted_hearing(video_url):
    ensure_terms(TERM_MODELS.get)  # a transactional test starts from a flushed database
    home, _ = load_mission_pages()
    index, _ = get_or_create_hearing_index(home)
    organism, _ = get_or_create_organism(
        "Observatoire de test", "association", "auteurs-artistes", ["musique"]
    )
    return create_hearing(
        index,
        "Audition de l’Observatoire de test",
        datetime.datetime(2012, 10, 1, 14, tzinfo=datetime.UTC),
        [organism],
        status=HearingPage.Status.HELD,
        video_url=video_url,
        video_duration=datetime.timedelta(hours=1, minutes=32),
        transcript="<p>Texte de la transcription.</p>",
    )


def log_outgoing(page, base_url):
    """Requests to anything but the live server: recorded, then refused."""
    outgoing = []

    def handle(route):
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            outgoing.append(route.request.url)
            route.abort()

    page.context.route("**/*", handle)
    return outgoing


def test_hosted_video_reaches_the_provider_only_after_the_click(live_server, page, transactional_db):
    hearing = hosted_hearing("https://www.youtube.com/watch?v=abcdefghijk")
    outgoing = log_outgoing(page, live_server.url)

    page.goto(live_server.url + hearing.url)
    page.wait_for_load_state("networkidle")
    player = page.locator("[data-video-player]")
    expect(player).to_contain_text("Audition de l’Observatoire de test")
    expect(player).to_contain_text("Durée : 1 h 32 min · Vidéo hébergée par YouTube")
    expect(player).to_contain_text("Rien n’est demandé à YouTube avant que vous lanciez la lecture")
    assert page.locator("iframe").count() == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    player.screenshot(path=SCREENSHOTS / "facade-1280.png")
    assert outgoing == [], "requests left the machine before the click"

    button = page.get_by_role("button", name="Lire la vidéo « Audition de l’Observatoire de test »")
    tab_to(page, button)
    assert_focus_visible(page)
    page.keyboard.press("Enter")

    frame = page.locator("iframe.hearing-player__frame")
    expect(frame).to_have_attribute("src", "https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1")
    expect(frame).to_have_attribute("title", "Vidéo « Audition de l’Observatoire de test » (lecteur YouTube)")
    assert is_focused(frame)
    # The site's Content-Security-Policy let the player's request go (refused here, offline).
    page.wait_for_timeout(500)
    assert outgoing and {urlsplit(url).hostname for url in outgoing} == {"www.youtube-nocookie.com"}
    assert not [p for p in page.problems if "Content Security Policy" in p]


def test_without_javascript_the_hosted_video_is_a_link(live_server, browser, transactional_db):
    hearing = hosted_hearing("https://vimeo.com/123456")
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    try:
        outgoing = log_outgoing(page, live_server.url)
        page.goto(live_server.url + hearing.url)
        assert not page.get_by_role("button", name=re.compile("Lire la vidéo")).is_visible()
        link = page.get_by_role("link", name="Regarder la vidéo sur Vimeo")
        expect(link).to_have_attribute("href", "https://vimeo.com/123456")
        assert outgoing == []
    finally:
        context.close()


def test_facade_on_a_phone(live_server, browser, transactional_db):
    hearing = hosted_hearing("https://www.dailymotion.com/video/x8abcd1")
    context = browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 900})
    page = context.new_page()
    try:
        outgoing = log_outgoing(page, live_server.url)
        page.goto(live_server.url + hearing.url)
        player = page.locator("[data-video-player]")
        expect(page.get_by_role("button", name=re.compile("Lire la vidéo"))).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        player.screenshot(path=SCREENSHOTS / "facade-390.png")
        assert outgoing == []
    finally:
        context.close()
