"""Demo content of the participatory blog: the questions of the 2012 progress report and its
subscribers (295 counted, plus a few pending and unsubscribed who are not)."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from hearings.models import HearingPage
from home.demo import get_or_create_child_page
from questions.models import QuestionIndexPage, QuestionPage, QuestionRelatedHearing, Subscriber
from questions.subscriptions import publication_mails_suspended

INDEX_INTRODUCTION = (
    "La mission vous pose ses questions : donnez votre point de vue, commentez celui des autres. "
    "Les contributions argumentées et les propositions alimentent la réflexion de la mission."
)

MOST_COMMENTED_SLUG = "modes-de-consommation-culturelle-en-ligne"

# (slug, title, theme, asked on, closes on, introduction)
QUESTIONS = [
    (
        "internet-rapport-a-la-culture-et-aux-medias",
        "Internet a-t-il changé votre rapport à la culture et aux médias ?",
        QuestionPage.Theme.PRACTICES,
        datetime.date(2012, 9, 24),
        None,
        "Écoute en ligne, vidéo à la demande, réseaux sociaux, presse numérique : en quoi vos façons "
        "de découvrir, d’écouter, de regarder ou de lire ont-elles changé depuis que vous êtes "
        "connecté ?",
    ),
    (
        "priorites-de-la-politique-culturelle-a-l-ere-numerique",
        "Quelles devraient être les priorités de la politique culturelle à l’ère numérique ?",
        QuestionPage.Theme.POLICY,
        datetime.date(2012, 9, 28),
        None,
        "Accès de tous aux œuvres, soutien à la création, diversité, lutte contre la contrefaçon "
        "commerciale : que doit faire en priorité la puissance publique ?",
    ),
    (
        "combien-etes-vous-prets-a-payer-pour-une-oeuvre",
        "Combien êtes vous prêts à payer pour une oeuvre ?",
        QuestionPage.Theme.ACCESS,
        datetime.date(2012, 10, 5),
        None,
        "Un album, un film, un livre numérique, un jeu vidéo : quel prix vous paraît juste, et "
        "qu’est-ce qui vous ferait payer plus volontiers ?",
    ),
    (
        MOST_COMMENTED_SLUG,
        "Musique, films, livres, jeux : quels sont vos modes de consommation culturelle en ligne ?",
        QuestionPage.Theme.PRACTICES,
        datetime.date(2012, 10, 12),
        None,
        "Téléchargement, streaming, abonnement, achat à l’unité, offre gratuite financée par la "
        "publicité : comment accédez-vous aux œuvres en ligne, et pourquoi ?",
    ),
    (
        "comment-mieux-remunerer-les-createurs",
        "Comment mieux rémunérer les créateurs à l’heure d’Internet ?",
        QuestionPage.Theme.CREATORS,
        datetime.date(2012, 10, 19),
        None,
        "Auteurs, compositeurs, interprètes, réalisateurs : comment faire en sorte que les usages "
        "numériques profitent aussi à ceux qui créent les œuvres ?",
    ),
    (
        "chronologie-des-medias",
        "La chronologie des médias est-elle encore adaptée ?",
        QuestionPage.Theme.ACCESS,
        datetime.date(2012, 10, 26),
        datetime.date(2012, 11, 30),
        "Quatre mois entre la salle et la vidéo à la demande, trente-six mois pour l’abonnement : "
        "ces délais protègent-ils la création ou poussent-ils vers l’offre illégale ?",
    ),
    (
        "avenir-de-la-riposte-graduee",
        "Faut-il maintenir la riposte graduée ?",
        QuestionPage.Theme.COPYRIGHT,
        datetime.date(2012, 11, 2),
        datetime.date(2012, 12, 5),
        "Avertissements, suspension de l’accès : la réponse graduée a-t-elle changé les pratiques, "
        "et par quoi faudrait-il la remplacer ?",
    ),
    (
        "rendre-l-offre-legale-plus-attractive",
        "Comment rendre l’offre légale plus attractive ?",
        QuestionPage.Theme.ACCESS,
        datetime.date(2012, 11, 9),
        None,
        "Catalogue, prix, facilité d’usage, interopérabilité : qu’attendez-vous d’une offre légale "
        "pour la préférer au téléchargement illégal ?",
    ),
    (
        "copie-privee-et-informatique-en-nuage",
        "Quelle place pour la copie privée à l’heure de l’informatique en nuage ?",
        QuestionPage.Theme.FUNDING,
        datetime.date(2012, 11, 16),
        datetime.date(2012, 12, 15),
        "La rémunération pour copie privée finance la création et l’action culturelle : doit-elle "
        "s’étendre aux services de stockage en ligne ?",
    ),
    (
        "diversite-culturelle-et-plateformes",
        "Comment préserver la diversité culturelle sur les grandes plateformes ?",
        QuestionPage.Theme.POLICY,
        datetime.date(2012, 11, 23),
        None,
        "Recommandations, mises en avant, quotas : comment faire exister les œuvres françaises et "
        "européennes dans les catalogues des grandes plateformes internationales ?",
    ),
]

FIRST_NAMES = [
    "camille", "julien", "sophie", "nicolas", "claire", "thomas", "marie", "antoine", "lea", "pierre",
    "manon", "hugo", "chloe", "lucas", "emma", "louis", "sarah", "maxime", "laura", "paul",
]  # fmt: skip
LAST_NAMES = [
    "martin", "bernard", "dubois", "thomas", "robert", "richard", "petit", "durand", "leroy", "moreau",
    "simon", "laurent", "lefebvre", "michel", "garcia", "david", "bertrand", "roux", "vincent", "fournier",
]  # fmt: skip
# The seed's 295 subscribers, and a few who never confirmed or left: not counted.
CONFIRMED_SUBSCRIBERS = 295
PENDING_SUBSCRIBERS = 7
UNSUBSCRIBED_SUBSCRIBERS = 5
DEMO_EMAIL_DOMAIN = "example.org"


def question_body(theme):
    return [
        (
            "paragraph",
            "<p>Cette question fait partie de la concertation ouverte par la mission sur le thème « "
            f"{QuestionPage.Theme(theme).label} ». Les auditions liées éclairent le débat : les "
            "organismes entendus par la mission y ont exposé leurs positions.</p>",
        ),
        (
            "paragraph",
            "<p>Répondez en quelques lignes ou plus longuement, appuyez-vous sur votre expérience, "
            "citez vos sources. Les rapporteurs de la mission lisent toutes les contributions.</p>",
        ),
    ]


def demo_subscribers(rng):
    """The demo subscribers, built (not saved) from the seeded random generator."""
    start = timezone.make_aware(datetime.datetime(2012, 9, 17, 9, 0))
    total = CONFIRMED_SUBSCRIBERS + PENDING_SUBSCRIBERS + UNSUBSCRIBED_SUBSCRIBERS
    subscribers = []
    for number in range(1, total + 1):
        email = f"{rng.choice(FIRST_NAMES)}.{rng.choice(LAST_NAMES)}.{number}@{DEMO_EMAIL_DOMAIN}"
        requested_at = start + datetime.timedelta(minutes=rng.randrange(0, 80 * 24 * 60))
        subscriber = Subscriber(email=email, requested_at=requested_at)
        if number <= CONFIRMED_SUBSCRIBERS + UNSUBSCRIBED_SUBSCRIBERS:
            subscriber.confirmed_at = requested_at + datetime.timedelta(minutes=rng.randrange(2, 600))
        if CONFIRMED_SUBSCRIBERS < number <= CONFIRMED_SUBSCRIBERS + UNSUBSCRIBED_SUBSCRIBERS:
            subscriber.unsubscribed_at = subscriber.confirmed_at + datetime.timedelta(
                days=rng.randrange(1, 30)
            )
        subscribers.append(subscriber)
    return subscribers


@transaction.atomic
def load_demo_questions(home):
    rng = random.Random(2012)
    with publication_mails_suspended():
        index, _ = get_or_create_child_page(
            home,
            QuestionIndexPage,
            "questions",
            title="Le blog participatif",
            introduction=INDEX_INTRODUCTION,
            show_in_menus=True,
        )
        hearings = list(HearingPage.objects.live().order_by("hearing_date", "pk")[:30])
        created = 0
        for slug, title, theme, asked_on, closes_on, introduction in QUESTIONS:
            related = rng.sample(hearings, min(2, len(hearings)))
            _, was_created = get_or_create_child_page(
                index,
                QuestionPage,
                slug,
                title=title,
                theme=theme,
                asked_on=asked_on,
                closes_on=closes_on,
                introduction=introduction,
                body=question_body(theme),
                related_hearings=[QuestionRelatedHearing(hearing=hearing) for hearing in related],
            )
            created += was_created

    subscribers = demo_subscribers(random.Random(2012))
    if not Subscriber.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}").exists():
        Subscriber.objects.bulk_create(subscribers, batch_size=500)
    return (
        f"Blog participatif: {QuestionPage.objects.descendant_of(index).count()} questions "
        f"({created} created), {Subscriber.objects.counted().count()} confirmed subscribers"
    )
