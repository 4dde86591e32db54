import datetime
import re
from urllib.parse import urlparse

from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils import WagtailPageTestCase

from hearings.demo import create_hearing, get_or_create_hearing_index, get_or_create_organism
from hearings.models import HearingContribution, HearingIndexPage, HearingPage, RelatedHearing
from hearings.video import PLAYER_ORIGINS, PROVIDERS, format_duration, video_embed
from home.demo import load_mission_pages
from home.models import HomePage, StandardPage
from tests.hearings.conftest import at


def test_hearing_page_shows_organisms_video_transcript_and_classification(client, hearings):
    joint = hearings["joint"]
    document = Document.objects.create(title="Contribution écrite du SAT")
    document.file.save("contribution.pdf", ContentFile(b"%PDF-1.4 test"))
    joint.written_contributions = [HearingContribution(document=document, title="Contribution du SAT")]
    joint.related_hearings = [
        RelatedHearing(hearing=hearings["interview"]),
        RelatedHearing(hearing=hearings["planned"]),
    ]
    joint.save()
    hearings["planned"].unpublish()

    html = client.get(joint.url).content.decode()
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S) == ["Table ronde musique"]
    assert "Anne Test, présidente" in html and "Marc Test, directeur" in html
    assert "Deux organismes de la musique." in html
    # The hosted video is a facade: no third-party player, call or cookie until the visitor's click.
    assert 'data-embed-url="https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1"' in html
    assert "Rien n’est demandé à YouTube avant que vous lanciez la lecture" in html
    assert (
        'href="https://www.youtube.com/watch?v=abcdefghijk"' in html
        and "Regarder la vidéo sur YouTube" in html
    )
    assert "<iframe" not in html and 'src="https://www.youtube' not in html
    assert 'class="fr-transcription"' in html and "Texte de la transcription." in html
    assert "<noscript><h3>Transcription de la vidéo</h3>" in html
    assert (
        'class="fr-link fr-link--download download-link" download' in html and "Contribution du SAT" in html
    )
    assert "PDF" in html
    assert 'href="/auditions/?secteur=audiovisuel"' in html  # derived from the organisms
    assert 'href="/auditions/?nature=societe-de-gestion-collective"' in html
    assert "Entretien avec le label" in html  # related, live
    assert "Audition de la bibliothèque" not in html  # related but unpublished


def test_uploaded_video_gets_an_html5_player(client, hearings):
    video = Document.objects.create(title="Vidéo")
    video.file.save("audition.mp4", ContentFile(b"\x00\x00"))
    page = hearings["interview"]
    page.video_file = video
    page.save()
    html = client.get(page.url).content.decode()
    assert (
        f'<video class="hearing-video" id="video-audition" controls preload="metadata" src="{video.url}">'
        in html
    )
    assert "data-video-player" not in html


def test_hosted_video_facade_shows_title_duration_provider_and_local_poster(client, hearings):
    poster = Image.objects.create(title="Aperçu", file=get_test_image_file())
    page = hearings["joint"]
    page.video_url = "https://vimeo.com/123456"
    page.video_duration = datetime.timedelta(hours=1, minutes=32, seconds=5)
    page.video_poster = poster
    page.save()

    html = client.get(page.url).content.decode()
    facade = html[html.index("data-video-player") : html.index("Regarder la vidéo sur Vimeo")]
    assert 'data-embed-url="https://player.vimeo.com/video/123456?dnt=1&amp;autoplay=1"' in facade
    assert '<p class="hearing-player__title">Table ronde musique</p>' in facade
    assert 'Durée : <time datetime="PT1H32M5S">1 h 32 min</time> · Vidéo hébergée par Vimeo' in facade
    poster_src = re.search(r'<img [^>]*class="hearing-player__poster"[^>]*>', facade)[0]
    assert 'alt=""' in poster_src and 'src="/' in poster_src  # decorative, from this site
    assert "<button" in facade and "hidden" in facade  # offered by the script only
    assert "ne pas suivre" in facade


def test_player_hosts_are_the_only_frames_the_policy_allows(settings):
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"] == ["'self'", *PLAYER_ORIGINS]
    for provider in PROVIDERS:
        embed = urlparse(provider[2])
        assert f"{embed.scheme}://{embed.netloc}" in PLAYER_ORIGINS


def test_hosted_video_time_links_and_durations():
    assert (
        video_embed("https://youtu.be/abcdefghijk").at(95)
        == "https://www.youtube.com/watch?v=abcdefghijk&t=95s"
    )
    assert video_embed("https://vimeo.com/123456").at(61.5) == "https://vimeo.com/123456#t=61s"
    assert video_embed("https://example.org/film.html").at(10) == "https://example.org/film.html"
    assert format_duration(datetime.timedelta(minutes=12, seconds=5)) == "12 min 05 s"
    assert format_duration(datetime.timedelta(hours=2)) == "2 h"
    assert format_duration(None) is None


def test_video_embeds_need_no_network():
    assert (
        video_embed("https://youtu.be/abcdefghijk")["embed_url"]
        == "https://www.youtube-nocookie.com/embed/abcdefghijk"
    )
    assert video_embed("https://www.dailymotion.com/video/x8abcd1")["embed_url"] == (
        "https://www.dailymotion.com/embed/video/x8abcd1"
    )
    assert (
        video_embed("https://vimeo.com/123456")["embed_url"] == "https://player.vimeo.com/video/123456?dnt=1"
    )
    assert video_embed("https://example.org/film.html") == {
        "provider": None,
        "embed_url": None,
        "url": "https://example.org/film.html",
    }
    assert video_embed("javascript:alert(1)") is None


def test_declined_invitation_says_it_is_not_counted(client, hearings):
    html = client.get(hearings["declined"].url).content.decode()
    assert "a décliné l’invitation" in html and "n’est pas comptée" in html


def test_home_page_shows_latest_and_next_hearings(client, hearings, reference_date):
    reference_date(datetime.date(2012, 12, 1))  # the planned hearing (12 December) is still to come
    html = client.get("/").content.decode()
    latest = html[html.index("Dernières auditions mises en ligne") : html.index("Prochaines auditions")]
    assert "Table ronde musique" in latest and "Entretien avec le label" in latest
    assert "Audition de la bibliothèque" not in latest
    upcoming = html[html.index("Prochaines auditions") :]
    assert "Audition de la bibliothèque" in upcoming
    assert "Invitation déclinée" not in html


class TestHearingPageTree(WagtailPageTestCase):
    def setUp(self):
        self.home, _ = load_mission_pages()
        self.index, _ = get_or_create_hearing_index(self.home)

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(HearingIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(HearingIndexPage, {HearingPage})
        self.assertAllowedParentPageTypes(HearingPage, {HearingIndexPage})
        self.assertAllowedSubpageTypes(HearingPage, set())
        self.assertCanNotCreateAt(StandardPage, HearingPage)
        self.assertCanCreateAt(HomePage, HearingIndexPage)
        self.assertFalse(HearingIndexPage.can_create_at(self.home))  # max_count 1: it exists

    def test_pages_are_renderable(self):
        organism, _ = get_or_create_organism(
            "Organisme rendu", "association", "consommateurs-usagers", ["presse"]
        )
        hearing = create_hearing(self.index, "Audition rendue", at(3), [organism])
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(hearing)
        self.assertPageIsRoutable(self.index, "repartition/")


def test_body_video_block_is_embedded_without_oembed_with_its_transcript(client, hearings):
    page = hearings["interview"]
    page.body = [
        (
            "video",
            {
                "url": "https://vimeo.com/123456",
                "title": "Extrait",
                "transcript": "<p>Propos de l’extrait.</p>",
            },
        )
    ]
    page.save()
    html = client.get(page.url).content.decode()
    assert 'href="https://vimeo.com/123456"' in html and "Regarder la vidéo sur Vimeo" in html
    assert 'data-embed-url="https://player.vimeo.com/video/123456?dnt=1&amp;autoplay=1"' in html
    assert "<iframe" not in html
    assert "Transcription de la vidéo « Extrait »" in html and "Propos de l’extrait." in html
