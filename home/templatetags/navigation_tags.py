from django import template
from wagtail.models import Page, Site

register = template.Library()


def _site_root(request):
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.inclusion_tag("home/includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The main navigation: the live, public children of the home page marked « in menus »."""
    request = context.get("request")
    root = _site_root(request)
    current = context.get("page")
    items = []
    if root is not None:
        items = list(root.get_children().live().public().in_menu().specific(defer=True))
    current_path = current.path if isinstance(current, Page) else None
    request_path = request.path if request else ""
    menu = []
    for item in items:
        url = item.get_url(request=request)
        if current_path:
            active = current_path.startswith(item.path)
        else:
            active = bool(url) and request_path.startswith(url)
        menu.append({"title": item.title, "url": url, "active": active})
    return {"menu": menu, "request": request}


@register.inclusion_tag("home/includes/breadcrumb.html", takes_context=True)
def breadcrumb(context, current_title=None, trail=None):
    """DSFR breadcrumb: for a page, its ancestors below the home page; for a view, `trail`."""
    request = context.get("request")
    page = context.get("page")
    links = []
    if isinstance(page, Page):
        root = _site_root(request)
        ancestors = page.get_ancestors().filter(depth__gt=root.depth if root else 2)
        links = [
            {"url": ancestor.get_url(request=request), "title": ancestor.title} for ancestor in ancestors
        ]
        current_title = current_title or page.title
    elif trail:
        links = list(trail)
    return {"links": links, "current": current_title}
