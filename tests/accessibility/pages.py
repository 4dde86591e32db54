"""The public pages that the accessibility, HTML validity, keyboard and reflow checks visit, found
from the site itself rather than listed by hand.

`public_pages()`, called once the demo content is loaded (`manage.py load_demo_content`, every
section's loader included), returns:

- one live page of each Wagtail page type (every model of `get_page_models()`), and each of its
  sub-pages (RoutablePageMixin routes without arguments) that answers HTML;
- each view of the URLconf without arguments that answers HTML to a GET (plan du site,
  abonnement, recherche…);
- for each of these pages with a DSFR pagination, a middle page as well as the first;
- the URL shapes that cannot be guessed (SHAPES): a filtered listing, search with and without
  results, the demo pages richest in content, the links sent by mail, and each error page
  (404, 429, 503).

A new page type, sub-page or view is therefore checked as soon as it exists and the demo content
has a page of it; `test_every_page_type_has_a_demo_page` fails for a page type without one.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from io import StringIO
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import Page, get_page_models

# URLconf prefixes that are not public pages (the admin, documents served as files).
NOT_PUBLIC_PREFIXES = ("admin/", "documents/")
PAGINATION = re.compile(r'<nav[^>]*class="fr-pagination"[^>]*>(.*?)</nav>', re.S)
HREF = re.compile(r'href="(\?[^"#]*)')


@dataclass(frozen=True)
class PublicPage:
    name: str
    url: str | Callable[[], str]
    status: int = 200
    # Settings in force while the page is fetched (to provoke an error page, say).
    settings: dict = field(default_factory=dict)
    # False for the pages rendered without the database (500, 503): no menu, no theme script.
    site_layout: bool = True

    def resolve_url(self):
        return self.url() if callable(self.url) else self.url

    def settings_override(self):
        return override_settings(**self.settings)


def _reply_form_url():
    from discussion.models import DiscussionComment
    from questions.demo import MOST_COMMENTED_SLUG
    from questions.models import QuestionPage

    question = QuestionPage.objects.get(slug=MOST_COMMENTED_SLUG)
    comment = DiscussionComment.objects.published().filter(object_pk=str(question.pk), level=0).first()
    return f"/commentaires/{comment.pk}/repondre/"


def _comment_confirmation_url():
    from discussion.models import DiscussionComment
    from discussion.services import confirmation_token

    comment = DiscussionComment.objects.filter(confirmed_at__isnull=True, is_removed=False).first()
    return f"/commentaires/confirmer/{confirmation_token(comment)}/"


def _subscription_confirmation_url():
    from questions.models import Subscriber
    from questions.subscriptions import SUBSCRIBERS

    subscriber = Subscriber.objects.pending().first()
    return SUBSCRIBERS.confirm_url(subscriber, "")


def _paragraph_thread_url():
    from proposals.models import ConsultationTextPage

    text = ConsultationTextPage.objects.live().first()
    return f"{text.url}?paragraphe={text.paragraphs()[1].key}"


def _follow_form_url():
    from proposals.models import ProposalPage

    return f"/suivi-des-propositions/{ProposalPage.objects.live().order_by('number').first().pk}/suivre/"


# Addresses that the enumeration cannot find by itself: query strings, the richest demo pages,
# tokens sent by mail, error pages.
SHAPES = [
    PublicPage("déclaration d’accessibilité", "/accessibilite/"),
    PublicPage("page standard avec citation : Lettre de mission", "/la-mission/lettre-de-mission/"),
    PublicPage("auditions : liste filtrée", "/auditions/?secteur=musique&statut=realisee"),
    PublicPage("auditions : filtres sans résultat", "/auditions/?secteur=musique&statut=prevue&q=zzzz"),
    PublicPage(
        "audition avec vidéo, transcription et commentaires",
        "/auditions/observatoire-national-de-la-musique-2012-10-01/",
    ),
    PublicPage("recherche : résultats", "/recherche/?q=musique"),
    PublicPage("recherche : résultats filtrés", "/recherche/?q=musique&type=audition"),
    PublicPage("recherche : aucun résultat", "/recherche/?q=xylophonistes"),
    PublicPage("blog participatif : liste triée", "/questions/?tri=commentees"),
    PublicPage("question la plus commentée", "/questions/modes-de-consommation-culturelle-en-ligne/"),
    PublicPage("réponse à un commentaire (sans JavaScript)", _reply_form_url),
    PublicPage("commentaire : confirmation (lien envoyé par courriel)", _comment_confirmation_url),
    PublicPage("abonnement : confirmation", _subscription_confirmation_url),
    PublicPage("propositions : liste filtrée", "/propositions/?theme=musique&statut=mise-en-oeuvre"),
    PublicPage("texte en consultation : fil d’un paragraphe ouvert", _paragraph_thread_url),
    PublicPage("proposition : suivre (sans JavaScript)", _follow_form_url),
    PublicPage("chiffres clés au 15 novembre 2012", "/chiffres-cles/?au=2012-11-15"),
    PublicPage("chiffres clés : date illisible (400)", "/chiffres-cles/?au=hier", status=400),
    PublicPage("page introuvable (404)", "/page-qui-n-existe-pas/", status=404),
    PublicPage(
        "trop de demandes (429)", "/recherche/?q=culture", status=429, settings={"SEARCH_RATE_LIMIT": (0, 60)}
    ),
    PublicPage(
        "base de données indisponible (503)",
        "/panne-de-base-de-donnees/",
        status=503,
        settings={"ROOT_URLCONF": "tests.accessibility.outage_urls"},
        site_layout=False,
    ),
]


def load_demo_site():
    """The whole demo content, as `make run` loads it."""
    call_command("load_demo_content", stdout=StringIO())


def public_page_models():
    """Every page type a visitor may meet (Wagtail's root `Page` excepted)."""
    return [model for model in get_page_models() if model is not Page]


def demo_page_of(model):
    """The live, public demo page of exactly this type, first in the tree, or None."""
    return model.objects.live().public().exact_type(model).order_by("path").first()


def _is_html(response):
    return response.status_code == 200 and response["Content-Type"].startswith("text/html")


def _sub_pages(page):
    """The routes of a RoutablePageMixin page that take no argument, as URLs."""
    if not hasattr(page, "get_subpage_urls"):
        return []
    urls = []
    for pattern in page.get_subpage_urls():
        if pattern.name and pattern.pattern.regex.groups == 0:
            urls.append((pattern.name, page.url + page.reverse_subpage(pattern.name)))
    return urls


def _urlconf_views(patterns=None, prefix=""):
    """The URLconf's routes without arguments, Wagtail's page tree excepted (it comes from models)."""
    found = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = str(entry.pattern)
        if route.startswith(NOT_PUBLIC_PREFIXES) or entry.pattern.regex.groups:
            continue
        if isinstance(entry, URLResolver):
            if "wagtail" in getattr(entry.urlconf_module, "__name__", "wagtail"):
                continue
            found += _urlconf_views(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern) and "(?P" not in route and "<" not in route:
            found.append("/" + prefix + route.lstrip("^").rstrip("$"))
    return found


def _middle_page(url, body):
    """The URL of a middle page of the DSFR pagination in `body`, or None without one."""
    nav = PAGINATION.search(body)
    if not nav:
        return None
    numbered = {}
    for query in HREF.findall(nav[1]):
        for key, value in parse_qsl(html.unescape(query)[1:]):
            if value.isdigit():
                numbered.setdefault(key, (query, set()))[1].add(int(value))
    for key, (query, numbers) in numbered.items():
        last = max(numbers)
        if last >= 3:
            params = dict(parse_qsl(html.unescape(query)[1:]))
            params[key] = str((last + 1) // 2)
            return f"{urlsplit(url).path}?{urlencode(params)}"
    return None


def public_pages():
    """The pages to check, found from the site (see the module's docstring). Needs the demo content."""
    client = Client()
    pages, seen = [], set()

    def add(checked):
        url = checked.resolve_url()
        if url not in seen:
            seen.add(url)
            pages.append(replace(checked, url=url))
        return url

    candidates = []  # (name, url) of the pages found, kept if they answer HTML
    for model in public_page_models():
        page = demo_page_of(model)
        if page is None:
            continue
        label = str(model._meta.verbose_name)
        candidates.append((f"{label} : {page.title}", page.url))
        candidates += [(f"{label} : {page.title}, {name}", url) for name, url in _sub_pages(page)]
    candidates += [(f"vue {url}", url) for url in _urlconf_views()]
    for name, url in candidates:
        if url in seen:
            continue
        response = client.get(url)
        if _is_html(response):
            add(PublicPage(name, url))
            middle = _middle_page(url, response.content.decode())
            if middle:
                add(PublicPage(f"{name}, page du milieu", middle))
    for checked in SHAPES:
        url = add(checked)
        if checked.status == 200 and not checked.settings:
            middle = _middle_page(url, client.get(url).content.decode())
            if middle:
                add(PublicPage(f"{checked.name}, page du milieu", middle))
    return pages
