"""What every page reads and only the team changes, kept by `home.page_cache.editorial_cached`.

Every public page used to run the same queries before showing anything of its own: the site for
the request's host, its root page, the view restrictions (once per `.public()` listing, about six
times a page, and twice more when serving), the main menu and the breadcrumb. All of it changes
only when the team edits a page, a site, a restriction or a snippet, which renews the editorial
generation (home/cache_invalidation.py), so it is read from the cache; comments never renew it,
and nothing here depends on them.
"""

from django.db.models import Q
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.query import PageQuerySet

from frontcache.fragments import cached as editorial_cached
from frontcache.restrictions import restricted_sections


def site_for_request(request):
    """The Wagtail site answering this request (as `Site.find_for_request`), with its root page
    in its specific class, which routing and the home page need."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()

    def compute():
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        return site

    return editorial_cached(f"site:{hostname}:{port}", compute)


def find_for_request(request):
    """`Site.find_for_request` from the editorial cache, looked up once per request when Wagtail
    first asks (as Wagtail does, in `request._wagtail_site`)."""
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = site_for_request(request)
    return request._wagtail_site


def private_q(self):
    """`PageQuerySet.private_q` from the cached restricted sections: the same condition as
    Wagtail's (`descendant_of_q(restricted page, inclusive=True)` for each), without its query."""
    q = Q()
    for path, depth in restricted_sections():
        q |= Q(path__startswith=path) & Q(depth__gte=depth)
    return q if q else Q(pk__in=[])


_wagtail_get_view_restrictions = Page.get_view_restrictions


def get_view_restrictions(self):
    """`Page.get_view_restrictions`, without its two queries when the page is outside every
    restricted section (and the aliases of restricted pages). Otherwise, or for an alias,
    Wagtail's own lookup reads the restrictions from the database."""
    if self.alias_of_id is None and not any(
        self.path.startswith(path) and self.depth >= depth for path, depth in restricted_sections(True)
    ):
        return PageViewRestriction.objects.none()
    return _wagtail_get_view_restrictions(self)


def install():
    """Called once from HomeConfig.ready()."""
    Site.find_for_request = staticmethod(find_for_request)
    PageQuerySet.private_q = private_q
    Page.get_view_restrictions = get_view_restrictions
