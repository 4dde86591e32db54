from django import template
from wagtail.models import Page, Site

from frontcache.fragments import cached as editorial_cached

register = template.Library()


@register.inclusion_tag("home/includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The main navigation: the live, public children of the home page marked « in menus »."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current = context.get("page")
    items = []
    if site is not None:
        items = editorial_cached(f"main-menu:{site.pk}", lambda: _menu_items(site.root_page, request))
    current_path = current.path if isinstance(current, Page) else None
    request_path = request.path if request else ""
    menu = []
    for item in items:
        url = item["url"]
        if current_path:
            active = current_path.startswith(item["path"])
        else:
            active = bool(url) and request_path.startswith(url)
        menu.append({"title": item["title"], "url": url, "active": active})
    return {"menu": menu, "request": request}


def _menu_items(root, request):
    """Title, address and tree path of each menu entry (as `request`'s site names them)."""
    return [
        {"title": item.title, "url": item.get_url(request=request), "path": item.path}
        for item in root.get_children().live().public().in_menu().specific(defer=True)
    ]


@register.inclusion_tag("home/includes/breadcrumb.html", takes_context=True)
def breadcrumb(context, current_title=None, trail=None):
    """DSFR breadcrumb: for a page, its ancestors below the home page; for a view, `trail`."""
    request = context.get("request")
    page = context.get("page")
    links = []
    if isinstance(page, Page):
        site = Site.find_for_request(request) if request else None
        if page.pk is None or getattr(request, "is_preview", False):
            links = _ancestor_links(page, site, request)
        else:
            links = editorial_cached(
                f"breadcrumb:{site.pk if site else ''}:{page.pk}",
                lambda: _ancestor_links(page, site, request),
            )
        current_title = current_title or page.title
    elif trail:
        links = list(trail)
    return {"links": links, "current": current_title}


def _ancestor_links(page, site, request):
    ancestors = page.get_ancestors().filter(depth__gt=site.root_page.depth if site else 2)
    return [{"url": ancestor.get_url(request=request), "title": ancestor.title} for ancestor in ancestors]
