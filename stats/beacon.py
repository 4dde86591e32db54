"""The endpoint that counts page views (stats/counting.py), posted to by stats/visites.js.

Pages may be answered by a cache in front of the site (Varnish, a CDN) without reaching Django:
the page's script sends one hit per view, with `navigator.sendBeacon`, to this address, which no
cache stores (a POST). No cookie is read or set. The body names the Wagtail page read, if any;
anything else than a short form with a known page is refused with 400, and each address may
send VISIT_BEACON_RATE_LIMIT hits before getting 429.
"""

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from hardening import ratelimit
from stats.counting import count_hit_safely, is_countable_beacon
from stats.forms import VisitBeaconForm

MAX_BODY_BYTES = 256
CONTENT_TYPES = ("application/x-www-form-urlencoded", "text/plain")


def bad_request(reason):
    return HttpResponseBadRequest(reason, content_type="text/plain; charset=utf-8")


# No CSRF token: the beacon carries no cookie and changes nothing but a count, which a forged
# request could inflate no more than reading pages does (and is limited below).
@csrf_exempt
@require_POST
def visit_beacon(request):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return bad_request("Longueur invalide.")
    if length > MAX_BODY_BYTES:
        return bad_request("Contenu trop long.")
    if length and request.content_type not in CONTENT_TYPES:
        return bad_request("Type de contenu non accepté.")
    # Browsers say where a beacon comes from: only the site's own pages count.
    if request.headers.get("Sec-Fetch-Site", "same-origin") != "same-origin":
        return bad_request("Origine non acceptée.")
    form = VisitBeaconForm(request.POST if request.content_type == CONTENT_TYPES[0] else {})
    if not form.is_valid():
        return bad_request("Contenu invalide.")
    if ratelimit.hit(request, "visit-beacon", [getattr(settings, "VISIT_BEACON_RATE_LIMIT", (120, 60))]):
        return ratelimit.too_many_requests(request)
    if is_countable_beacon(request):
        count_hit_safely(request, form.cleaned_data["page"])
    return HttpResponse(status=204)
