"""Published comments in bulk, for tests, the demo content and benchmarks."""

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from discussion import demo_texts, services
from discussion.models import PUBLISHED, DiscussionComment, ParticipationCharterPage, VisitorReaction
from home.demo import get_or_create_child_page

NAMES = ["Claire", "Julien M.", "Sophie", "Un auteur", "Lecteur attentif", "Nadia B.", "Paul", "Mélanie R."]
TEXTS = [
    "La rémunération des créateurs doit rester au centre de la réflexion.",
    "Pourquoi ne pas étendre la chronologie des médias aux plateformes de vidéo à la demande ?",
    "Je partage cet avis, mais la question du financement reste entière.",
    "Merci pour cette audition très complète.\nUne question : la transcription sera-t-elle publiée ?",
    "Les bibliothèques ont un rôle à jouer dans l’accès aux œuvres numériques.",
    "L’Hadopi a montré ses limites ; quelles pistes pour la suite ?",
]


def create_comment(page, text, name="Visiteur", email=None, parent=None, when=None, **fields):
    """One comment (or reply) written through XtdComment.save, like a real one: published
    unless `fields` say otherwise (is_public=False, confirmed_at=None...)."""
    when = when or timezone.now()
    values = {"is_public": True, "confirmed_at": when, "published_at": when, **fields}
    comment = DiscussionComment(
        content_type=ContentType.objects.get_for_model(type(page)),
        object_pk=str(page.pk),
        site_id=settings.SITE_ID,
        user_name=name,
        user_email=email or f"{name.split()[0].lower()}@example.org",
        comment=text,
        submit_date=when,
        parent_id=parent.pk if parent else 0,
        **values,
    )
    comment.save()
    return comment


def create_threads(page, threads=10, replies=2, seed=2012, start=None):
    """`threads` published top-level comments, each with `replies` replies. Returns them all."""
    rng = random.Random(seed)
    start = start or timezone.now() - timedelta(days=30)
    created = []
    with transaction.atomic():
        for index in range(threads):
            when = start + timedelta(minutes=10 * index)
            root = create_comment(page, rng.choice(TEXTS), name=rng.choice(NAMES), when=when)
            created.append(root)
            for order in range(replies):
                reply_when = when + timedelta(minutes=order + 1)
                created.append(
                    create_comment(
                        page, rng.choice(TEXTS), name=rng.choice(NAMES), parent=root, when=reply_when
                    )
                )
    return created


# --- Demo content ------------------------------------------------------------------------------

DEMO_EMAIL_DOMAIN = "demo.culture-acte2.invalid"
# The blog's 248 published comments (bilan d'étape, 6 December 2012): 56 on the most commented
# question, the rest over the other questions and a few hearings put online.
QUESTION_COMMENTS = [30, 26, 22, 20, 16, 14, 10, 8, 6]
HEARING_COMMENTS = [8, 7, 6, 5, 5, 4, 3, 2]
# The questions' themes the comments of the demo hearings speak of, in turn.
HEARING_THEMES = ["createurs", "financement", "droit-auteur", "acces", "politique", "pratiques"]
DEMO_LAST_DAY = datetime(2012, 12, 5, 18, 0, tzinfo=ZoneInfo("Europe/Paris"))

DEMO_NAMES = NAMES + [
    "Étudiante en cinéma",
    "Libraire à Rennes",
    "Thomas, musicien",
    "Association de spectateurs",
    "Anne-Laure",
    "Développeur de jeux vidéo",
    "Un photographe",
    "Karim",
]
DEMO_TEXTS = TEXTS + [
    "J’écoute presque toute ma musique en streaming ; je serais prêt à payer plus si les artistes "
    "en recevaient davantage.",
    "Le prix unique du livre numérique a-t-il encore un sens quand les offres par abonnement se "
    "multiplient ?",
    "Proposition : une plateforme publique qui recense toute l’offre légale disponible, film par film.",
    "Les délais entre la sortie en salle et la vidéo à la demande sont trop longs pour le public.",
    "Pour les photographes, la reprise sans autorisation de nos images est devenue la règle.",
    "La copie privée finance aussi la création : attention à ne pas l’affaiblir.",
    "Je suis d’accord avec le commentaire précédent, avec une nuance sur le financement.",
    "Pouvez-vous préciser ce que vous entendez par « offre légale attractive » ?",
    "Les jeux vidéo sont une industrie culturelle à part entière : ils méritent leur place ici.",
    "Une contribution globale sur les abonnements internet serait plus juste que la répression.",
]


def _demo_dates(rng, start, count):
    span = max((DEMO_LAST_DAY - start).total_seconds(), 3600)
    return sorted(start + timedelta(seconds=rng.uniform(0, span)) for _ in range(count))


def _distinct(compose, used):
    """A text `compose()` has not given yet in this demo (a few draws at most)."""
    for _attempt in range(60):
        text, claim = compose()
        if text not in used:
            break
    used.add(text)
    return text, claim


def create_demo_thread(page, count, rng, start, theme, used):
    """`count` published comments on `page`, about half of them replies (to depth 2): argued
    comments of `theme` (discussion/demo_texts.py), replies answering their parent's point, no
    text twice in the demo (`used`, the texts already written)."""
    comments, claims = [], {}
    for when in _demo_dates(rng, start, count):
        parent = None
        candidates = [
            comment for comment in comments if comment.level < settings.COMMENTS_XTD_MAX_THREAD_LEVEL
        ]
        if candidates and rng.random() < 0.5:
            parent = rng.choice(candidates[-6:])
        name = rng.choice(DEMO_NAMES)
        while parent is not None and name == parent.user_name:
            name = rng.choice(DEMO_NAMES)
        email = f"contributeur{rng.randrange(1, 400)}@{DEMO_EMAIL_DOMAIN}"
        if parent is None:
            text, claim = _distinct(lambda: demo_texts.comment_text(theme, rng.choice), used)
        else:
            parent_claim = claims[parent.pk]
            text, claim = _distinct(
                lambda parent=parent, parent_claim=parent_claim: demo_texts.reply_text(
                    theme, parent.user_name, parent_claim, rng.choice, parent_text=parent.comment
                ),
                used,
            )
        comment = create_comment(page, text, name=name, email=email, parent=parent, when=when)
        claims[comment.pk] = claim
        comments.append(comment)
    return comments


def load_demo_comments(home):
    """The blog's 248 published comments in threads, plus a few that do not count (awaiting
    confirmation, removed by the moderation). Idempotent: does nothing once they exist."""
    from hearings.models import HearingPage
    from questions.demo import MOST_COMMENTED_SLUG
    from questions.models import QuestionPage

    existing = DiscussionComment.objects.filter(user_email__endswith="@" + DEMO_EMAIL_DOMAIN)
    if existing.exists():
        return f"Comments: {existing.filter(PUBLISHED).count()} published (already there)"

    rng = random.Random(2012)
    questions = list(QuestionPage.objects.live().order_by("asked_on", "pk"))
    top = next(question for question in questions if question.slug == MOST_COMMENTED_SLUG)
    others = [question for question in questions if question.pk != top.pk]
    hearings = list(
        HearingPage.objects.live().filter(status=HearingPage.Status.HELD).order_by("hearing_date")[:8]
    )

    def start_of(day):
        return datetime.combine(day, time(9), tzinfo=DEMO_LAST_DAY.tzinfo)

    used = set()
    with transaction.atomic():
        top_comments = create_demo_thread(top, 56, rng, start_of(top.asked_on), top.theme, used)
        for question, count in zip(others, QUESTION_COMMENTS, strict=False):
            create_demo_thread(question, count, rng, start_of(question.asked_on), question.theme, used)
        for index, (hearing, count) in enumerate(zip(hearings, HEARING_COMMENTS, strict=False)):
            theme = HEARING_THEMES[index % len(HEARING_THEMES)]
            create_demo_thread(hearing, count, rng, hearing.hearing_date, theme, used)

        # The mission answers once, and two contributions are highlighted.
        roots = [comment for comment in top_comments if comment.level == 0]
        DiscussionComment.objects.filter(pk=roots[0].pk).update(is_remarkable=True)
        DiscussionComment.objects.filter(pk=roots[1].pk).update(is_remarkable=True)
        create_comment(
            top,
            "Merci pour ces nombreuses contributions. La mission les lit toutes ; les propositions sur "
            "l’offre légale seront discutées lors des prochaines auditions.",
            name="La mission culture-acte 2",
            email=f"mission@{DEMO_EMAIL_DOMAIN}",
            parent=roots[0],
            when=DEMO_LAST_DAY,
            is_mission_answer=True,
        )
        # ... which makes 57 on that question: one reader's comment was removed by the moderation.
        DiscussionComment.objects.filter(pk=roots[-1].pk).update(is_removed=True, removal_reason="publicite")
        # Not counted either: comments whose author has not followed the confirmation link yet.
        for question in others[:2]:
            create_comment(
                question,
                "Commentaire en attente de confirmation de l’adresse électronique.",
                name="Visiteur",
                email=f"attente@{DEMO_EMAIL_DOMAIN}",
                when=DEMO_LAST_DAY,
                is_public=False,
                confirmed_at=None,
                published_at=None,
            )
        # Something for the moderators to do (the dashboard's counts): one confirmed comment
        # held for review, one published comment flagged twice (three would hide it).
        create_comment(
            others[2],
            "Les plateformes de vidéo à la demande devraient financer la création au même titre que "
            "les chaînes de télévision. Notre association a chiffré cette contribution dans une note "
            "que nous tenons à la disposition de la mission.",
            name="Association de spectateurs",
            email=f"association@{DEMO_EMAIL_DOMAIN}",
            when=DEMO_LAST_DAY,
            is_public=False,
            published_at=None,
        )
        flagged = top_comments[5]
        for visitor, reason in (("demo-1", "hors-sujet"), ("demo-2", "publicite")):
            services.react(flagged, VisitorReaction.Kind.FLAG, visitor, reason=reason)
    published = existing.filter(PUBLISHED).count()
    return f"Comments: {published} published on {len(questions)} questions and {len(hearings)} hearings"


CHARTER_INTRODUCTION = (
    "Les commentaires nourrissent le travail de la mission culture-acte 2 : cette charte dit ce qui "
    "est bienvenu, ce que la modération retire et pourquoi, et ce que deviennent vos données."
)
CHARTER_WELCOME = [
    (
        "paragraph",
        "<ul>"
        "<li>Vos avis argumentés, vos témoignages et vos propositions sur le sujet de la page ;</li>"
        "<li>les questions à la mission et les réponses aux autres participants, même en désaccord, "
        "tant que l’échange reste courtois ;</li>"
        "<li>les sources qui étayent un propos (études, chiffres, liens) ;</li>"
        "<li>un nom ou un pseudonyme : seul celui que vous choisissez est publié.</li>"
        "</ul>"
        "<p>Les commentaires sont publiés après confirmation de votre adresse électronique ; certaines "
        "pages sont modérées a priori. Chaque visiteur peut signaler un commentaire : trois "
        "signalements le masquent jusqu’à la décision d’un modérateur.</p>",
    ),
]
CHARTER_PERSONAL_DATA = [
    ("heading", {"text": "Ce qui est conservé", "level": "h3"}),
    (
        "paragraph",
        "<ul>"
        "<li>Le nom ou pseudonyme et le texte du commentaire, publiés, puis diffusés dans les données "
        "ouvertes de la mission ;</li>"
        "<li>l’adresse électronique, jamais publiée ni exportée : elle sert à confirmer le commentaire "
        "et, si vous l’avez demandé, à vous prévenir des nouveaux commentaires ;</li>"
        "<li>aucune adresse IP n’est conservée.</li>"
        "</ul>"
        "<p>Un commentaire dont l’adresse n’est pas confirmée dans les 7 jours est supprimé. "
        "L’adresse d’un abonné aux annonces de la mission est gardée jusqu’à son désabonnement. "
        "Les commentaires publiés sont conservés pendant la mission puis archivés avec le site.</p>",
    ),
    ("heading", {"text": "Demander l’effacement", "level": "h3"}),
    (
        "paragraph",
        "<p>Écrivez à "
        '<a href="mailto:donnees-personnelles@culture-acte2.fr">donnees-personnelles@culture-acte2.fr</a> '
        "depuis l’adresse utilisée pour commenter. Dans un délai d’un mois, vos commentaires sont "
        "anonymisés (signés « Anonyme ») ou supprimés, selon votre demande ; les notifications de "
        "suivi cessent et votre abonnement aux annonces est supprimé. Chaque demande est consignée "
        "sans conserver votre adresse.</p>"
        "<p>Vous pouvez aussi adresser une réclamation à la "
        '<a href="https://www.cnil.fr/fr/plaintes">CNIL</a>.</p>',
    ),
]


def load_participation_charter(home):
    """The « Charte de participation » page (/charte-de-participation/)."""
    _, created = get_or_create_child_page(
        home,
        ParticipationCharterPage,
        "charte-de-participation",
        title="Charte de participation",
        introduction=CHARTER_INTRODUCTION,
        welcome=CHARTER_WELCOME,
        personal_data=CHARTER_PERSONAL_DATA,
    )
    return f"Participation charter: {'created' if created else 'kept'}"
