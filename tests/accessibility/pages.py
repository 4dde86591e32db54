"""The public pages that the accessibility, HTML validity, keyboard and reflow checks visit.

Adding a page to every check is one line in PUBLIC_PAGES. The pages are those of the demo content
(`manage.py load_demo_content`, every section's loader included), so a section's page is checked as
soon as its loader creates it. A URL may be a callable, for pages whose address is only known once
the demo content exists (a confirmation link with a token, say); it is called after loading.
"""

from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO

from django.core.management import call_command


@dataclass(frozen=True)
class PublicPage:
    name: str
    url: str | Callable[[], str]
    status: int = 200

    def resolve_url(self):
        return self.url() if callable(self.url) else self.url


PUBLIC_PAGES = [
    PublicPage("accueil", "/"),
    PublicPage("page standard avec sous-pages : La mission", "/la-mission/"),
    PublicPage("page standard avec citation : Lettre de mission", "/la-mission/lettre-de-mission/"),
    PublicPage("page standard : Mentions légales", "/mentions-legales/"),
    PublicPage("déclaration d’accessibilité", "/accessibilite/"),
    PublicPage("plan du site", "/plan-du-site/"),
    PublicPage("blog participatif : liste des questions", "/questions/"),
    PublicPage("blog participatif : liste triée", "/questions/?tri=commentees"),
    PublicPage("question au public", "/questions/modes-de-consommation-culturelle-en-ligne/"),
    PublicPage("abonnement au blog", "/abonnement/"),
    PublicPage("déplacements : liste", "/deplacements/"),
    PublicPage("déplacement : Rennes", "/deplacements/rennes/"),
    PublicPage("chiffres clés", "/chiffres-cles/"),
    PublicPage("page introuvable (404)", "/page-qui-n-existe-pas/", status=404),
]


def load_demo_site():
    """The whole demo content, as `make run` loads it."""
    call_command("load_demo_content", stdout=StringIO())
