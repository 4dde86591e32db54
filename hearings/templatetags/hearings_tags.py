from django import template

from hearings.video import video_embed as build_video_embed

register = template.Library()


@register.simple_tag
def video_embed(url):
    """The privacy-enhanced player address of a known provider's video, built without a request."""
    return build_video_embed(url)
