"""Every public input gets the hostile corpus: never a 500, never a payload reflected unescaped,
nothing stored from a rejected request.

Each feature adds its URLs and the parameter names its views read to TARGETS (one line each).
"""

from urllib.parse import quote

import pytest
from django.test import Client

from discussion.forms import CommentForm
from discussion.models import DiscussionComment, VisitorReaction
from questions.models import Subscriber
from tests.accessibility.pages import load_demo_site
from tests.hardening.hostile import HOSTILE_VALUES, POST_VALUES, REFLECTION_MARKERS

HEARING_FILTERS = ["nature", "famille", "secteur", "statut", "type", "mois", "page"]
API_PARAMS = ["type", "fields", "order", "search", "limit", "offset", "child_of", "status", "hearing_date"]
SEARCH_PARAMS = ["q", "type", "secteur", "nature", "famille", "statut", "annee", "page"]

# (path, query-string parameter names the view reads)
TARGETS = [
    ("/", ["page", "q"]),
    ("/la-mission/", ["page"]),
    ("/plan-du-site/", ["page"]),
    ("/robots.txt", ["x"]),
    ("/sitemap.xml", ["p"]),
    ("/auditions/", HEARING_FILTERS),
    ("/auditions/repartition/", ["secteur"]),
    ("/auditions/export.csv", HEARING_FILTERS),
    ("/auditions/export.json", HEARING_FILTERS),
    ("/auditions/calendar.ics", HEARING_FILTERS),
    ("/auditions/feed/", ["page"]),
    ("/recherche/", SEARCH_PARAMS),
    ("/recherche/suggestions/", ["q"]),
    ("/questions/", ["tri", "page"]),
    ("/questions/modes-de-consommation-culturelle-en-ligne/", ["page", "fil"]),
    ("/deplacements/", ["page"]),
    ("/deplacements/calendar.ics", ["x"]),
    ("/deplacements/rennes/", ["page"]),
    ("/chiffres-cles/", ["debut", "fin"]),
    ("/abonnement/", ["email"]),
    ("/questions/feed/", ["page"]),
    ("/deplacements/feed/", ["page"]),
    ("/contributions/", ["nature", "famille", "secteur", "organisme", "page"]),
    ("/presse/", ["page"]),
    ("/presse/feed/", ["page"]),
    ("/donnees/", ["x"]),
    ("/donnees/commentaires.csv", ["x"]),
    ("/donnees/datapackage.json", ["x"]),
    ("/api/v2/pages/", API_PARAMS),
    ("/api/v2/documents/", ["limit", "offset", "order", "search", "fields"]),
]

# Signed-link views: the token is the hostile value.
TOKEN_PATHS = [
    "/abonnement/confirmer/{}/",
    "/abonnement/desabonnement/{}/",
    "/commentaires/confirmer/{}/",
    "/commentaires/desabonner/{}/",
]

# Paths built from hostile values: routing must answer 4xx, never 500.
PATH_PREFIXES = [
    "/",
    "/la-mission/",
    "/auditions/",
    "/deplacements/",
    "/donnees/",
    "/api/v2/pages/",
    "/flux/commentaires/",
]

RAW_QUERY_STRINGS = ["%ff%fe", "page=%ff", "%00=%00", "page=1&page=2&page=abc", "=&&==&", "page[]=1"]


def _assert_safe(response, value, where):
    assert response.status_code < 500, f"{where}: {response.status_code}"
    content_type = response.get("Content-Type", "")
    if "html" in content_type:
        html = response.content.decode("utf-8", "replace")
        for marker in REFLECTION_MARKERS:
            if marker in value:
                assert marker not in html, f"{where}: payload reflected unescaped"


@pytest.fixture
def demo_site(db):
    load_demo_site()


@pytest.fixture
def hostile_client():
    return Client(raise_request_exception=False)


def test_query_strings(demo_site, hostile_client, hostile_report):
    for path, params in TARGETS:
        for name in params:
            for value in HOSTILE_VALUES:
                response = hostile_client.get(path, {name: value})
                hostile_report.record("GET", response)
                _assert_safe(response, value, f"GET {path}?{name}={value[:40]!r}")
        for raw in RAW_QUERY_STRINGS:
            response = hostile_client.get(f"{path}?{raw}")
            hostile_report.record("GET", response)
            _assert_safe(response, raw, f"GET {path}?{raw}")


def signed_link_state():
    """What a signed link's POST could change: subscriber states, confirmed comments, followers."""
    return (
        Subscriber.objects.counted().count(),
        Subscriber.objects.pending().count(),
        DiscussionComment.objects.filter(confirmed_at__isnull=False).count(),
        DiscussionComment.objects.filter(followup=True).count(),
    )


def test_paths_and_signed_links(demo_site, hostile_client, hostile_report):
    before = signed_link_state()
    for value in HOSTILE_VALUES:
        if not value.strip("/"):
            continue
        for prefix in PATH_PREFIXES:
            path = prefix + quote(value, safe="") + "/"
            response = hostile_client.get(path)
            hostile_report.record("GET", response)
            _assert_safe(response, value, f"GET {path[:60]!r}")
        for template in TOKEN_PATHS:
            path = template.format(quote(value, safe=""))
            for method in ("get", "post"):
                response = getattr(hostile_client, method)(path)
                hostile_report.record(method.upper(), response)
                _assert_safe(response, value, f"{method.upper()} {path[:60]!r}")
                assert response.status_code >= 400, f"{method.upper()} {path[:60]!r} accepted a forged token"
    for prefix in PATH_PREFIXES:
        for raw in ["%ff/", "%c0%af/", "%00/", "a%00b/"]:
            response = hostile_client.get(prefix + raw)
            hostile_report.record("GET", response)
            assert response.status_code < 500, f"GET {prefix + raw}: {response.status_code}"
    assert signed_link_state() == before


def test_forms_store_nothing_from_rejected_posts(demo_site, hostile_client, hostile_report, settings):
    settings.SUBSCRIBE_RATE_LIMIT = (10_000, 3600)
    settings.DISCUSSION_RATE_LIMITS = {"per_minute": 10_000, "per_day": 10_000}
    settings.DISCUSSION_FLAGS_PER_HOUR = 10_000
    comment = DiscussionComment.objects.published().first()
    counts = (Subscriber.objects.count(), DiscussionComment.objects.count(), VisitorReaction.objects.count())
    for value in HOSTILE_VALUES:
        posts = [
            ("/abonnement/", {"email": value}),
            ("/abonnement/", {"email": [value, value]}),
            ("/commentaires/publier/", {"name": value, "email": value, "comment": value}),
            (
                "/commentaires/publier/",
                {
                    "content_type": value,
                    "object_pk": value,
                    "timestamp": value,
                    "security_hash": value,
                    "name": "Nom",
                    "email": "nom@example.org",
                    "comment": "Texte",
                },
            ),
            (f"/commentaires/{comment.pk}/signaler/", {"reason": value, "flag": value}),
            (f"/commentaires/{comment.pk}/repondre/", {"comment": value}),
        ]
        for path, data in posts:
            response = hostile_client.post(path, data)
            hostile_report.record("POST", response)
            _assert_safe(response, value, f"POST {path} {str(data)[:60]}")
    # Every one of these was rejected (invalid email, forged form, unknown reason...): nothing saved.
    assert (
        Subscriber.objects.count(),
        DiscussionComment.objects.count(),
        VisitorReaction.objects.count(),
    ) == counts


def post_endpoints(comment, page):
    """(path, a valid body, the fields each hostile value replaces) for every public POST."""
    from discussion import services
    from questions.subscriptions import SUBSCRIBERS

    subscriber = Subscriber.objects.first()
    confirm_token = SUBSCRIBERS.make_token(subscriber, SUBSCRIBERS.confirm_salt)
    unsubscribe_token = SUBSCRIBERS.make_token(subscriber, SUBSCRIBERS.unsubscribe_salt)
    comment_form = CommentForm(page).initial.copy()
    comment_form.update({"name": "Nom", "email": "nom@example.org", "comment": "Texte", "honeypot": ""})
    comment_fields = [
        "content_type",
        "object_pk",
        "timestamp",
        "security_hash",
        "honeypot",
        "name",
        "email",
        "comment",
        "followup",
        "reply_to",
    ]
    return [
        ("/commentaires/publier/", comment_form, comment_fields),
        (f"/commentaires/{comment.pk}/repondre/", comment_form, ["reply_to", "comment"]),
        (f"/commentaires/{comment.pk}/aimer/", {}, ["x"]),
        (f"/commentaires/{comment.pk}/signaler/", {"reason": "spam"}, ["reason"]),
        ("/abonnement/", {"email": "nom@example.org"}, ["email"]),
        (f"/abonnement/confirmer/{confirm_token}/", {}, ["x"]),
        (
            f"/abonnement/desabonnement/{unsubscribe_token}/",
            {},
            ["List-Unsubscribe"],
        ),
        (f"/commentaires/confirmer/{services.confirmation_token(comment)}/", {}, ["x"]),
        (f"/commentaires/desabonner/{services.unsubscribe_token(comment)}/", {}, ["x"]),
    ]


@pytest.mark.parametrize("csrf", [False, True], ids=["with-token", "csrf-resubmit"])
def test_every_post_field(demo_site, hostile_report, settings, csrf):
    """Each field of each public POST gets every hostile value, once alone and once repeated with a
    valid value (an array); with `csrf`, the same posts without a token take the resubmit path."""
    settings.SUBSCRIBE_RATE_LIMIT = (100_000, 3600)
    settings.SUBSCRIPTION_CONFIRMATION_MAILS_PER_DAY = 100_000
    settings.DISCUSSION_RATE_LIMITS = {"per_minute": 100_000, "per_day": 100_000}
    settings.DISCUSSION_FLAGS_PER_HOUR = 100_000
    settings.DISCUSSION_CONFIRMATION_MAILS_PER_DAY = 100_000
    client = Client(raise_request_exception=False, enforce_csrf_checks=csrf)
    comment = DiscussionComment.objects.published().first()
    page = comment.content_object
    sent = 0
    for path, body, fields in post_endpoints(comment, page):
        for field in fields:
            assert len(POST_VALUES) >= 40
            for value in POST_VALUES:
                for hostile in (value, [body.get(field, "1"), value]):
                    data = {**body, field: hostile}
                    response = client.post(path, data)
                    hostile_report.record("POST", response)
                    sent += 1
                    _assert_safe(response, value, f"POST {path[:40]} {field}={value[:40]!r}")
    assert sent >= 40 * 2 * 18
