"""Whole-response cache of public pages for anonymous visitors (see docs/page_cache.md).

One cache entry per (scheme, host, path, normalised query string) holds the response's body,
status, headers and the Wagtail page id (for visit counting). Every entry records the site
« generation » it was rendered under; editing anything a page may show (pages, snippets, settings,
comments) draws a new generation (`invalidate_all`), which makes every older entry a miss. The
generation and the entry are read together in one round trip (`get_many`). Entries also expire
after PAGE_CACHE_TIMEOUT seconds, which bounds the staleness of what no signal reports (time-based
statuses, live counts).

Only requests that cannot be personal are looked up or stored: GET or HEAD, no session or
messages cookie, no Authorization header, outside the paths that take input or are private, and
with query parameters the site's pages read. Only responses that cannot be personal are stored:
200, not streamed, of a known content type, no cookie set (a CSRF token used while rendering sets
one), no `Cache-Control: private/no-store/no-cache`, no Vary on anything but Cookie.
"""

import hashlib
import logging
import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

from frontcache import fragments

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
ENTRY_PREFIX = "pagecache:entry:"
COUNT_PREFIX = "pagecache:count:"

DEFAULT_EXCLUDED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/commentaires/",
    "/abonnement/",
    "/recherche/suggestions/",
)
# Query parameters that public pages read; a URL with any other parameter is served uncached, so
# that junk query strings cannot fill the cache.
DEFAULT_QUERY_PARAMETERS = (
    "page",
    "tri",
    "commentaires",
    "nature",
    "famille",
    "secteur",
    "statut",
    "type",
    "mois",
)
# Parameters read on one path only: a search is stored under its words and facets, while ?q= on
# any other page makes it uncached.
DEFAULT_PATH_QUERY_PARAMETERS = {
    "/recherche/": ("q", "type", "secteur", "nature", "famille", "statut", "annee", "page"),
}
CACHEABLE_CONTENT_TYPES = (
    "text/html",
    "text/plain",
    "text/csv",
    "text/calendar",
    "text/xml",
    "application/xml",
    "application/json",
    "application/atom+xml",
    "application/rss+xml",
)
# Never replayed: cookies are never stored (see is_storable_response), X-Cache is set per answer.
NOT_STORED_HEADERS = {"set-cookie", "x-cache"}


def is_enabled():
    return getattr(settings, "PAGE_CACHE_ENABLED", False)


def page_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def timeout():
    return int(getattr(settings, "PAGE_CACHE_TIMEOUT", 300))


def new_generation():
    # Random rather than incremented: if the generation key is ever evicted, a fresh value can
    # never bring back entries rendered under an older one.
    return secrets.token_hex(8)


def invalidate_all(editorial=True):
    """Make every cached page a miss: now, and again when the current transaction commits (a
    request rendering between the first bump and the commit still reads the old content).
    `editorial` (anything but a comment) also renews the fragments (frontcache.fragments)."""
    _renew((GENERATION_KEY,))
    if editorial:
        fragments.renew()


def _renew(keys):
    """New generations for `keys`, now and when the current transaction commits."""
    _bump(keys)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump(keys))


def _bump(keys):
    try:
        page_cache().set_many({key: new_generation() for key in keys}, None)
    except Exception:
        logger.exception("Page cache: the generation could not be bumped")


def _generation(cache, found, key):
    """The generation under `key`, read with the entries (`found`), or a first one drawn now (of
    two processes drawing at once, the first to store it wins)."""
    generation = found.get(key)
    if generation is None:
        generation = new_generation()
        if not cache.add(key, generation, None):
            generation = cache.get(key) or generation
    return generation


def is_cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if getattr(request, "is_preview", False) or "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    if (
        settings.SESSION_COOKIE_NAME in cookies
        or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies
    ):
        return False
    prefixes = tuple(getattr(settings, "PAGE_CACHE_EXCLUDED_PREFIXES", DEFAULT_EXCLUDED_PREFIXES))
    path = request.path
    if path.startswith(prefixes) or (settings.STATIC_URL and path.startswith(settings.STATIC_URL)):
        return False
    if settings.MEDIA_URL and path.startswith(settings.MEDIA_URL):
        return False
    allowed = set(getattr(settings, "PAGE_CACHE_QUERY_PARAMETERS", DEFAULT_QUERY_PARAMETERS))
    allowed.update(
        getattr(settings, "PAGE_CACHE_PATH_QUERY_PARAMETERS", DEFAULT_PATH_QUERY_PARAMETERS).get(path, ())
    )
    if not set(request.GET.keys()) <= allowed:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def url_key(root_url, path, query=""):
    return ENTRY_PREFIX + hashlib.sha256(f"{root_url}{path}?{query}".encode()).hexdigest()


def cache_key(request):
    query = urlencode(sorted((name, value) for name, value in request.GET.lists() for value in value))
    return url_key(f"{request.scheme}://{request.get_host()}", request.path, query)


def forget_page(page, request):
    """Drop the cached entry of one page's address (without query string) as this request's host
    names it, leaving the rest of the cache warm: for changes only that page shows, such as a
    like count. Its other variants (thread pages) catch up within PAGE_CACHE_TIMEOUT."""
    _site_id, _root_url, path = page.get_url_parts(request) or (None, None, None)
    if path is None or not is_enabled():
        return
    try:
        page_cache().delete(url_key(f"{request.scheme}://{request.get_host()}", path))
    except Exception:
        logger.exception("Page cache: an entry could not be dropped")


def is_storable_response(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # Outer middlewares act after this one: a CSRF token read while rendering makes
    # CsrfViewMiddleware set a cookie, a modified session makes SessionMiddleware set one.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    if getattr(request, "is_preview", False):
        return False
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type not in CACHEABLE_CONTENT_TYPES:
        return False
    cache_control = {
        part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & {"private", "no-store", "no-cache"}:
        return False
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part.strip()}
    return vary <= {"cookie", "accept-encoding"}


def entry_for(request, response, generation):
    headers = [(name, value) for name, value in response.items() if name.lower() not in NOT_STORED_HEADERS]
    return {
        "generation": generation,
        "status": response.status_code,
        "content": response.content,
        "headers": headers,
        "page_id": getattr(request, "stats_page_id", None),
        "search_hit": getattr(response, "search_hit", None),
    }


def response_from(entry):
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    if entry["page_id"] is not None:
        # stats.middleware.VisitCountingMiddleware counts a cached page as that page.
        response.stats_page_id = entry["page_id"]
    return response


def under_quota(cache):
    """At most PAGE_CACHE_MAX_ENTRIES pages stored per PAGE_CACHE_TIMEOUT window (so at most twice
    that many alive at once): a crawler walking every filter value cannot grow the cache further."""
    limit = int(getattr(settings, "PAGE_CACHE_MAX_ENTRIES", 5000))
    key = COUNT_PREFIX + "window"
    cache.add(key, 0, timeout())
    try:
        return cache.incr(key) <= limit
    except ValueError:
        # The counter expired between add and incr: a new window starts.
        cache.add(key, 1, timeout())
        return True


def record_search_hit(text):
    """A search answered from the cache is still counted in the admin's search terms report."""
    from search.hits import record_search

    try:
        record_search(text)
    except Exception:
        logger.exception("Page cache: a search served from the cache could not be counted")


class PageCacheMiddleware:
    """Serves and stores whole public responses for anonymous visitors.

    Place it after stats.middleware.VisitCountingMiddleware (cached pages are still counted) and
    after AuthenticationMiddleware; the security headers and the CSP are added by middlewares
    placed before it, on hits as on misses.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_enabled() or not is_cacheable_request(request):
            return self.get_response(request)
        cache = page_cache()
        key = cache_key(request)
        try:
            found = cache.get_many([GENERATION_KEY, key])
        except Exception:
            logger.exception("Page cache: lookup failed")
            return self.get_response(request)
        generation = _generation(cache, found, GENERATION_KEY)
        entry = found.get(key)
        if entry is not None and entry.get("generation") == generation:
            response = response_from(entry)
            response["X-Cache"] = "HIT"
            if entry.get("search_hit"):
                record_search_hit(entry["search_hit"])
            return response
        response = self.get_response(request)
        response["X-Cache"] = "MISS"
        if request.method == "GET" and is_storable_response(request, response):
            try:
                if under_quota(cache):
                    cache.set(key, entry_for(request, response, generation), timeout())
            except Exception:
                logger.exception("Page cache: store failed")
        return response
