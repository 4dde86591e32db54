"""An uploaded hearing video with captions and its timed transcript, played with the keyboard.

The video is made offline by Chromium itself (a canvas recorded by MediaRecorder as WebM): no
binary in the repository, no network."""

import base64
import datetime
from pathlib import Path

from django.core.files.base import ContentFile
from playwright.sync_api import expect
from wagtail.documents.models import Document
from wagtail.models import Collection

from hearings.demo import create_hearing, get_or_create_hearing_index, get_or_create_organism
from hearings.models import ActorFamily, HearingCaption, HearingPage, OrganismNature, Sector
from hearings.taxonomy_terms import ensure_terms
from home.demo import load_mission_pages
from tests.browser.keyboard import assert_focus_visible, is_focused, tab_to

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "video"
TERM_MODELS = {"OrganismNature": OrganismNature, "ActorFamily": ActorFamily, "Sector": Sector}
CAPTIONS = """WEBVTT

1
00:00:00.000 --> 00:00:02.500
<v Pierre Lescure>Bonjour à tous, et merci d’avoir répondu à l’invitation de la mission.

2
00:00:02.500 --> 00:00:04.500
<v Pierre Lescure>Vous avez la parole.

3
00:00:07.000 --> 00:00:09.500
<v Observatoire de test>Merci. Nous suivons les ventes physiques et numériques.
"""

RECORD_WEBM = """async seconds => {
    const canvas = document.createElement('canvas');
    canvas.width = 640; canvas.height = 360;
    document.body.append(canvas);
    const context = canvas.getContext('2d');
    const recorder = new MediaRecorder(canvas.captureStream(25), {mimeType: 'video/webm'});
    const chunks = [];
    recorder.ondataavailable = event => chunks.push(event.data);
    const done = new Promise(resolve => recorder.onstop = resolve);
    recorder.start();
    const started = performance.now();
    await new Promise(resolve => {
        (function draw() {
            const elapsed = (performance.now() - started) / 1000;
            context.fillStyle = '#000091'; context.fillRect(0, 0, 640, 360);
            context.fillStyle = '#ffffff'; context.font = '32px sans-serif';
            context.fillText('Audition de démonstration', 40, 80);
            context.fillText(elapsed.toFixed(1) + ' s', 40, 140);
            if (elapsed < seconds) requestAnimationFrame(draw); else resolve();
        })();
    });
    recorder.stop();
    await done;
    const buffer = await new Blob(chunks, {type: 'video/webm'}).arrayBuffer();
    let binary = '';
    new Uint8Array(buffer).forEach(byte => binary += String.fromCharCode(byte));
    return btoa(binary);
}"""


def wait_until(page, expression, timeout=10):
    """Poll `expression` in the page (wait_for_function evaluates strings, which the CSP forbids)."""
    for _ in range(timeout * 10):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"still false after {timeout} s: {expression}")


def recorded_webm(browser, seconds):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto("about:blank")
        return base64.b64decode(page.evaluate(RECORD_WEBM, seconds))
    finally:
        context.close()


def hearing_with_uploaded_video(browser):
    ensure_terms(TERM_MODELS.get)  # a transactional test starts from a flushed database
    home, _ = load_mission_pages()
    index, _ = get_or_create_hearing_index(home)
    organism, _ = get_or_create_organism(
        "Observatoire de test", "association", "auteurs-artistes", ["musique"]
    )
    if Collection.get_first_root_node() is None:  # the flush took Wagtail's root collection too
        Collection.add_root(name="Racine")
    video = Document(title="Vidéo de l’audition")
    video.file.save("audition.webm", ContentFile(recorded_webm(browser, 10)), save=False)
    video.save()
    hearing = create_hearing(
        index,
        "Audition de l’Observatoire de test",
        datetime.datetime(2012, 10, 1, 14, tzinfo=datetime.UTC),
        [organism],
        status=HearingPage.Status.HELD,
        video_file=video,
    )
    caption = HearingCaption(page=hearing, language="fr")
    caption.file.save("audition-fr.vtt", ContentFile(CAPTIONS.encode()), save=False)
    caption.save()
    return hearing


def test_keyboard_visitor_plays_the_video_with_captions_and_jumps_from_the_transcript(
    live_server, browser, page, transactional_db
):
    hearing = hearing_with_uploaded_video(browser)
    page.goto(live_server.url + hearing.url)

    video = page.locator("video#video-audition")
    track = video.locator("track")
    expect(track).to_have_attribute("kind", "captions")
    expect(track).to_have_attribute("srclang", "fr")
    expect(track).to_have_attribute("label", "Français")
    # The default track is shown: its cues are loaded from the file the editor uploaded.
    wait_until(page, "document.querySelector('video').textTracks[0].cues?.length > 0")
    assert page.evaluate("document.querySelector('video').textTracks[0].mode") == "showing"

    transcript = page.get_by_role("region", name="Transcription de la vidéo")
    paragraphs = transcript.get_by_role("listitem")
    expect(paragraphs).to_have_count(2)  # the pause after 4.5 s starts a new paragraph
    expect(paragraphs.first).to_contain_text("Pierre Lescure : Bonjour à tous")

    second = transcript.get_by_role("link", name="Lire la vidéo à partir de 00:07")
    tab_to(page, second)
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    wait_until(page, "document.querySelector('video').currentTime >= 7")
    assert is_focused(video)
    assert not page.evaluate("document.querySelector('video').paused")
    page.wait_for_timeout(1200)
    page.evaluate("document.querySelector('video').pause()")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    player = page.locator(".hearing-video-and-transcript")
    player.screenshot(path=SCREENSHOTS / "uploaded-with-captions-1280.png")
    page.set_viewport_size({"width": 390, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    player.screenshot(path=SCREENSHOTS / "uploaded-with-captions-390.png")
    assert page.problems == []
