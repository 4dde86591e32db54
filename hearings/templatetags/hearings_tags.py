from django import template

from hearings.video import autoplay_url, format_duration, iso_duration
from hearings.video import video_embed as build_video_embed

register = template.Library()


@register.filter
def overdue_on(hearing, today):
    """Whether a planned hearing's date has passed on `today` (the context's `site_today`)."""
    return hearing.is_overdue(today)


@register.simple_tag
def video_embed(url):
    """The privacy-enhanced player address of a known provider's video, built without a request."""
    return build_video_embed(url)


@register.filter
def autoplay(embed_url):
    return autoplay_url(embed_url)


@register.filter
def duration_text(duration):
    return format_duration(duration) or ""


@register.filter
def duration_iso(duration):
    return iso_duration(duration) or ""
