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
    from questions.subscriptions import confirm_url

    subscriber = Subscriber.objects.pending().first()
    return confirm_url(subscriber, "")


PUBLIC_PAGES = [
    PublicPage("accueil", "/"),
    PublicPage("page standard avec sous-pages : La mission", "/la-mission/"),
    PublicPage("page standard avec citation : Lettre de mission", "/la-mission/lettre-de-mission/"),
    PublicPage("page standard : Mentions légales", "/mentions-legales/"),
    PublicPage("déclaration d’accessibilité", "/accessibilite/"),
    PublicPage("plan du site", "/plan-du-site/"),
    PublicPage("auditions : liste filtrée", "/auditions/?secteur=musique&statut=realisee"),
    PublicPage(
        "audition avec vidéo, transcription et commentaires",
        "/auditions/observatoire-national-de-la-musique-2012-10-01/",
    ),
    PublicPage("auditions : répartition", "/auditions/repartition/"),
    PublicPage("recherche : résultats", "/recherche/?q=musique&type=audition"),
    PublicPage("blog participatif : liste des questions", "/questions/"),
    PublicPage("blog participatif : liste triée", "/questions/?tri=commentees"),
    PublicPage("question au public", "/questions/modes-de-consommation-culturelle-en-ligne/"),
    PublicPage("réponse à un commentaire (sans JavaScript)", _reply_form_url),
    PublicPage("commentaire : confirmation (lien envoyé par courriel)", _comment_confirmation_url),
    PublicPage("abonnement au blog", "/abonnement/"),
    PublicPage("abonnement : confirmation", _subscription_confirmation_url),
    PublicPage("déplacements : liste", "/deplacements/"),
    PublicPage("déplacement : Rennes", "/deplacements/rennes/"),
    PublicPage("chiffres clés", "/chiffres-cles/"),
    PublicPage("page introuvable (404)", "/page-qui-n-existe-pas/", status=404),
]


def load_demo_site():
    """The whole demo content, as `make run` loads it."""
    call_command("load_demo_content", stdout=StringIO())
