"""Says in `Cache-Control` what a shared cache (Varnish, a CDN) may keep (docs/caching.md).

Public: `public, max-age=<CACHE_CONTROL_MAX_AGE>, s-maxage=<CACHE_CONTROL_S_MAXAGE>` for a GET or
HEAD answered 200, by a view that said nothing about caching, to a visitor without a session,
outside the private paths, setting no cookie. Private (`private, no-store`, and no-cache for older
caches): anything else personal — a POST and its answer, the admin, a preview, a logged-in user,
a request carrying a session or messages cookie, a response setting a cookie (a CSRF token read
while rendering, a session written), the CSRF-token endpoint. Other answers (redirects, 404,
errors) are marked `no-cache`: revalidated every time, never served stale by mistake.

Place it right after SecurityMiddleware (and WhiteNoise): it must see the cookies that the
session, CSRF and messages middlewares add on the way out.
"""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, cc_delim_re, patch_cache_control

DEFAULT_PRIVATE_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/commentaires/",
    "/abonnement/",
    # Each search is counted for the search terms report: answered by Django every time.
    "/recherche/",
)
PERSONAL_DIRECTIVES = {"private", "no-store", "no-cache"}


def directives(response):
    return {
        part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }


def is_personal(request, response):
    if request.method not in ("GET", "HEAD"):
        return True
    if response.cookies or getattr(request, "is_preview", False) or "HTTP_AUTHORIZATION" in request.META:
        return True
    cookies = request.COOKIES
    if (
        settings.SESSION_COOKIE_NAME in cookies
        or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies
    ):
        return True
    prefixes = tuple(getattr(settings, "CACHE_CONTROL_PRIVATE_PREFIXES", DEFAULT_PRIVATE_PREFIXES))
    if request.path.startswith(prefixes):
        return True
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def mark_private(response):
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)


class CacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        said = directives(response) - {""}
        if is_personal(request, response) or said & PERSONAL_DIRECTIVES:
            mark_private(response)
        elif said:
            pass  # the view chose its own public policy (a feed, a file)
        elif response.status_code == 200 and not response.streaming:
            patch_cache_control(
                response,
                public=True,
                max_age=int(getattr(settings, "CACHE_CONTROL_MAX_AGE", 0)),
                s_maxage=int(getattr(settings, "CACHE_CONTROL_S_MAXAGE", 300)),
            )
        else:
            patch_cache_control(response, no_cache=True, max_age=0)
        return response
