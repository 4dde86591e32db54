"""Hosted videos recognised from their URL alone: no oEmbed, nothing fetched at render.

The pages link to the video rather than embed the provider's player, which would call the
platform (and may set its cookies) as soon as the page opens; `embed_url` is kept for a future
click-to-play player.
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


PROVIDERS = [
    ("YouTube", _youtube_id, "https://www.youtube-nocookie.com/embed/{id}"),
    ("Dailymotion", _dailymotion_id, "https://www.dailymotion.com/embed/video/{id}"),
    ("Vimeo", _vimeo_id, "https://player.vimeo.com/video/{id}?dnt=1"),
]


def video_embed(url):
    """{"provider", "embed_url", "url"} for a known provider's video, {"url"} for any other."""
    parsed = urlparse(url or "")
    if parsed.scheme not in {"http", "https"}:
        return None
    for provider, find_id, embed in PROVIDERS:
        video_id = find_id(parsed)
        if video_id is not None:
            if VIDEO_ID.match(video_id or ""):
                return {"provider": provider, "embed_url": embed.format(id=video_id), "url": url}
            break
    return {"provider": None, "embed_url": None, "url": url}
