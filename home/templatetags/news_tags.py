from django import template

from home.models import NewsPage

register = template.Library()


@register.simple_tag
def latest_news(limit=3):
    """The newest news items (the home page's « Presse et actualités » block)."""
    return list(NewsPage.objects.live().public().order_by("-published_on", "-pk")[:limit])
