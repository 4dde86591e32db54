from django import template
from wagtail.models import Page

register = template.Library()


@register.inclusion_tag("stats/includes/visit_beacon.html", takes_context=True)
def visit_beacon(context):
    """The script that counts this page view (stats/beacon.py): `{% visit_beacon %}` in the base
    template. Left out of previews and of the pages the team reads logged in."""
    request = context.get("request")
    if request is None or request.method != "GET" or getattr(request, "is_preview", False):
        return {"hidden": True}
    user = context.get("user")
    if user is not None and user.is_authenticated:
        return {"hidden": True}
    page = context.get("page")
    return {"page_id": page.pk if isinstance(page, Page) else None}
