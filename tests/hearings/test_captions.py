"""WebVTT captions of a hearing's video: checked on upload, played through <track>, read into a
timed transcript whose links start the video (uploaded file) or open the provider (hosted)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document

from hearings.captions import parse_webvtt, transcript_paragraphs, validate_webvtt
from hearings.demo_captions import demo_webvtt
from hearings.models import HearingCaption

VALID = """WEBVTT

1
00:00:00.000 --> 00:00:02.500
<v Pierre Lescure>Bonjour à tous.

00:00:02.500 --> 00:00:04.000
<v Pierre Lescure>Vous avez la parole.

NOTE a pause follows

01:02.000 --> 01:05.000 align:start
<v Observatoire test>Merci. <i>Vraiment.</i>
"""


def add_caption(page, text=VALID, language="fr"):
    caption = HearingCaption(page=page, language=language)
    caption.file.save(f"sous-titres-{language}.vtt", ContentFile(text.encode()), save=False)
    caption.save()
    return caption


def test_cues_voices_and_timed_paragraphs():
    cues = parse_webvtt(VALID)
    assert [(cue.start, cue.end, cue.voice) for cue in cues] == [
        (0, 2.5, "Pierre Lescure"),
        (2.5, 4, "Pierre Lescure"),
        (62, 65, "Observatoire test"),
    ]
    assert cues[2].text == "Merci. Vraiment."
    assert transcript_paragraphs(cues) == [
        {
            "start": 0,
            "time": "00:00",
            "voice": "Pierre Lescure",
            "text": "Bonjour à tous. Vous avez la parole.",
        },
        {"start": 62, "time": "01:02", "voice": "Observatoire test", "text": "Merci. Vraiment."},
    ]
    assert len(parse_webvtt(demo_webvtt())) == 10


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"1\n00:00:00.000 --> 00:00:01.000\nBonjour", "sa première ligne doit être « WEBVTT »"),
        (b"WEBVTT\n\n00:00:00,000 --> 00:00:01,000\nBonjour", "Ligne 3 : horodatage illisible"),
        (b"WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nBonjour", "Ligne 3 : la fin du sous-titre précède"),
        (b"WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\n", "Ligne 4 : ce sous-titre n’a pas de texte"),
        (b"WEBVTT\n\nBonjour sans horodatage\n", "Ligne 3 : un bloc sans horodatage"),
        (b"WEBVTT\n", "ne contient aucun sous-titre"),
        ("WEBVTT\n\n00:00.000 --> 00:01.000\nCafé".encode("latin-1"), "pas encodé en UTF-8"),
    ],
)
def test_malformed_files_are_refused_with_a_clear_message(content, message):
    with pytest.raises(ValidationError) as error:
        validate_webvtt(SimpleUploadedFile("sous-titres.vtt", content))
    assert message in error.value.messages[0]


def test_editor_form_refuses_a_malformed_file_and_a_second_file_of_the_same_language(hearings):
    page = hearings["joint"]
    caption = HearingCaption(
        page=page, language="fr", file=SimpleUploadedFile("x.vtt", b"WEBVTT\n\n1\n00:01 --> x\n")
    )
    with pytest.raises(ValidationError) as error:
        caption.full_clean()
    assert "horodatage illisible" in str(error.value)
    wrong_extension = HearingCaption(
        page=page, language="fr", file=SimpleUploadedFile("x.srt", VALID.encode())
    )
    with pytest.raises(ValidationError) as error:
        wrong_extension.full_clean()
    assert "srt" in str(error.value)

    add_caption(page)
    duplicate = HearingCaption(page=page, language="fr", file=SimpleUploadedFile("y.vtt", VALID.encode()))
    with pytest.raises(ValidationError):
        duplicate.full_clean()


def test_hosted_video_transcript_links_open_the_provider_at_each_time(client, hearings):
    page = hearings["joint"]  # a YouTube video
    add_caption(page)
    add_caption(page, VALID.replace("Bonjour à tous", "Hello everyone"), language="en")

    html = client.get(page.url).content.decode()
    assert "<track" not in html  # the provider's player shows its own captions
    assert 'aria-labelledby="transcription-titre"' in html
    assert 'href="https://www.youtube.com/watch?v=abcdefghijk&amp;t=62s"' in html
    assert "<b>Pierre Lescure :</b> Bonjour à tous. Vous avez la parole." in html
    assert "Hello everyone" not in html  # the French captions make the transcript
    assert "Texte de la transcription." not in html  # replaced by the timed one


def test_uploaded_video_plays_each_language_and_links_start_it(client, hearings):
    page = hearings["interview"]
    video = Document.objects.create(title="Vidéo")
    video.file.save("audition.webm", ContentFile(b"\x1a\x45\xdf\xa3"))
    page.video_file = video
    page.save()
    french = add_caption(page)
    english = add_caption(page, language="en")

    html = client.get(page.url).content.decode()
    assert (
        f'<track kind="captions" src="/sous-titres/{french.pk}.vtt" srclang="fr" label="Français" default>'
        in html
    )
    assert f'<track kind="captions" src="/sous-titres/{english.pk}.vtt" srclang="en" label="English">' in html
    assert f'href="{video.url}#t=62" data-video-seek="62" data-video-target="video-audition"' in html

    response = client.get(f"/sous-titres/{french.pk}.vtt")
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert response.content.decode() == VALID


def test_captions_of_an_unpublished_hearing_are_not_served(client, hearings):
    caption = add_caption(hearings["joint"])
    hearings["joint"].unpublish()
    assert client.get(f"/sous-titres/{caption.pk}.vtt").status_code == 404
    assert client.get("/sous-titres/999999.vtt").status_code == 404
