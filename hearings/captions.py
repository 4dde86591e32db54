"""WebVTT caption files of a hearing's video: checked on upload, read into a timed transcript.

The parser follows the WebVTT format closely enough to refuse what a browser would not play
(missing « WEBVTT » header, malformed or reversed timings, a cue without text) with the line at
fault, and to read the cues' times, voices (<v Name>) and text for the transcript.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags

MAX_CAPTION_BYTES = 2 * 1024 * 1024
TIMESTAMP = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
TIMING = re.compile(rf"^{TIMESTAMP}[ \t]+-->[ \t]+{TIMESTAMP}(?:[ \t]+.*)?$")
VOICE = re.compile(r"<v(?:\.[^ >]+)*[ \t]+([^>]+)>")
# A paragraph of the transcript ends when the speaker changes, after a pause, or when it is long.
PAUSE_SECONDS = 2.0
PARAGRAPH_CHARACTERS = 400


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str
    voice: str = ""


def _seconds(hours, minutes, seconds, milliseconds):
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(milliseconds) / 1000


def parse_webvtt(text):
    """The cues of a WebVTT document; ValidationError (in French, with the line) when malformed."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not re.match(r"^WEBVTT(?:[ \t].*)?$", lines[0]):
        raise ValidationError(
            "Ce fichier n’est pas au format WebVTT : sa première ligne doit être « WEBVTT ».", code="webvtt"
        )
    cues = []
    number = 1
    while number < len(lines):
        line = lines[number]
        if not line.strip():
            number += 1
            continue
        block_start = number
        block = []
        while number < len(lines) and lines[number].strip():
            block.append(lines[number])
            number += 1
        if block[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing_index = 0 if "-->" in block[0] else 1
        if timing_index >= len(block) or "-->" not in block[timing_index]:
            raise ValidationError(
                f"Ligne {block_start + 1} : un bloc sans horodatage « 00:00:01.000 --> 00:00:04.000 ».",
                code="webvtt",
            )
        match = TIMING.match(block[timing_index].strip())
        line_number = block_start + timing_index + 1
        if not match:
            raise ValidationError(
                f"Ligne {line_number} : horodatage illisible « {block[timing_index].strip()[:60]} » "
                "(attendu : « 00:00:01.000 --> 00:00:04.000 »).",
                code="webvtt",
            )
        start, end = _seconds(*match.groups()[:4]), _seconds(*match.groups()[4:])
        if end <= start:
            raise ValidationError(
                f"Ligne {line_number} : la fin du sous-titre précède ou égale son début.", code="webvtt"
            )
        payload = block[timing_index + 1 :]
        if not payload:
            raise ValidationError(f"Ligne {line_number} : ce sous-titre n’a pas de texte.", code="webvtt")
        raw = "\n".join(payload)
        voice = VOICE.search(raw)
        cues.append(
            Cue(
                start=start,
                end=end,
                text=" ".join(strip_tags(raw).split()),
                voice=voice[1].strip() if voice else "",
            )
        )
    if not cues:
        raise ValidationError("Ce fichier WebVTT ne contient aucun sous-titre.", code="webvtt")
    return cues


def read_caption_file(file):
    """The text of an uploaded caption file: at most MAX_CAPTION_BYTES, in UTF-8."""
    file.seek(0)
    data = file.read(MAX_CAPTION_BYTES + 1)
    file.seek(0)
    if len(data) > MAX_CAPTION_BYTES:
        raise ValidationError("Ce fichier de sous-titres dépasse 2 Mio.", code="webvtt")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(
            "Ce fichier n’est pas encodé en UTF-8, le seul encodage du format WebVTT.", code="webvtt"
        ) from None


def validate_webvtt(file):
    """Model field validator: the file is a WebVTT document a browser can play."""
    parse_webvtt(read_caption_file(file))


def timestamp(seconds):
    """« 1:02:05 » or « 02:05 » for a time in seconds."""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


def transcript_paragraphs(cues):
    """The cues gathered into timed paragraphs: [{"start", "time", "voice", "text"}]."""
    paragraphs = []
    previous = None
    for cue in cues:
        current = paragraphs[-1] if paragraphs else None
        starts_new = (
            current is None
            or (cue.voice and cue.voice != current["voice"])
            or cue.start - previous.end > PAUSE_SECONDS
            or len(current["text"]) >= PARAGRAPH_CHARACTERS
        )
        if starts_new:
            paragraphs.append(
                {
                    "start": cue.start,
                    "time": timestamp(cue.start),
                    "voice": cue.voice or (current["voice"] if current else ""),
                    "text": cue.text,
                }
            )
        else:
            current["text"] += " " + cue.text
        previous = cue
    return paragraphs
