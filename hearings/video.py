"""Hosted videos recognised from their URL alone: no oEmbed, nothing fetched at render.

A page shows a hosted video as a facade (hearings/templates/hearings/includes/video_player.html):
a local poster, the title, the duration and the provider named, and a button whose click
(hearings/static/hearings/player.js) loads the provider's player from `embed_url`. Until that
click the page makes no request to the provider: YouTube is played from youtube-nocookie.com,
Vimeo with `dnt=1` (no tracking), Dailymotion from its embed address (it may set its cookies once
the visitor starts it, which the facade says). Content-Security-Policy's frame-src allows these
player hosts only (PLAYER_ORIGINS).
"""

import re
from urllib.parse import parse_qs, urlparse

VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{5,32}$")


def _youtube_id(parsed):
    host = parsed.netloc.lower().removeprefix("www.").removeprefix("m.")
    if host == "youtu.be":
        return parsed.path.strip("/").split("/")[0]
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            return parse_qs(parsed.query).get("v", [""])[0]
        match = re.match(r"^/(?:embed|shorts|live)/([^/?#]+)", parsed.path)
        return match[1] if match else ""
    return None


def _dailymotion_id(parsed):
    host = parsed.netloc.lower().removeprefix("www.")
    if host == "dai.ly":
        return parsed.path.strip("/")
    if host == "dailymotion.com":
        match = re.match(r"^/(?:embed/)?video/([^_/?#]+)", parsed.path)
        return match[1] if match else ""
    return None


def _vimeo_id(parsed):
    host = parsed.netloc.lower().removeprefix("www.")
    if host in {"vimeo.com", "player.vimeo.com"}:
        match = re.match(r"^/(?:video/)?(\d+)", parsed.path)
        return match[1] if match else ""
    return None


# (name, id finder, player address, address of the video at a time in seconds, privacy note)
PROVIDERS = [
    (
        "YouTube",
        _youtube_id,
        "https://www.youtube-nocookie.com/embed/{id}",
        "https://www.youtube.com/watch?v={id}&t={seconds}s",
        "Le lecteur est chargé depuis youtube-nocookie.com, le mode de confidentialité renforcée de YouTube.",
    ),
    (
        "Dailymotion",
        _dailymotion_id,
        "https://www.dailymotion.com/embed/video/{id}",
        "https://www.dailymotion.com/video/{id}?start={seconds}",
        "Dailymotion peut alors déposer ses propres cookies.",
    ),
    (
        "Vimeo",
        _vimeo_id,
        "https://player.vimeo.com/video/{id}?dnt=1",
        "https://vimeo.com/{id}#t={seconds}s",
        "Le lecteur de Vimeo est chargé avec l’option « ne pas suivre » (dnt=1).",
    ),
]

# The players a page may load after the visitor's click: CONTENT_SECURITY_POLICY's frame-src.
PLAYER_ORIGINS = [
    "https://www.youtube-nocookie.com",
    "https://www.dailymotion.com",
    "https://player.vimeo.com",
]


class HostedVideo(dict):
    """{"provider", "embed_url", "url", "privacy_note"}, and the video's address at a given time."""

    def at(self, seconds):
        template = self.get("time_url")
        return template.format(seconds=int(seconds)) if template else self["url"]


def video_embed(url):
    """{"provider", "embed_url", "url", ...} for a known provider's video, {"url"} for any other."""
    parsed = urlparse(url or "")
    if parsed.scheme not in {"http", "https"}:
        return None
    for provider, find_id, embed, time_url, privacy_note in PROVIDERS:
        video_id = find_id(parsed)
        if video_id is not None:
            if VIDEO_ID.match(video_id or ""):
                return HostedVideo(
                    provider=provider,
                    embed_url=embed.format(id=video_id),
                    url=url,
                    time_url=time_url.replace("{id}", video_id),
                    privacy_note=privacy_note,
                )
            break
    return HostedVideo(provider=None, embed_url=None, url=url)


def autoplay_url(embed_url):
    """The player address started at once: the visitor's click already asked for the video."""
    return embed_url + ("&" if "?" in embed_url else "?") + "autoplay=1"


def format_duration(duration):
    """« 1 h 32 min », « 12 min 5 s », « 45 s » for a timedelta (None for none)."""
    if not duration:
        return None
    seconds = int(duration.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {seconds:02d} s" if seconds else f"{minutes} min"
    return f"{seconds} s"


def iso_duration(duration):
    """The duration as HTML's <time datetime> wants it (« PT1H32M5S »)."""
    if not duration:
        return None
    seconds = int(duration.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"PT{hours}H{minutes}M{seconds}S"
