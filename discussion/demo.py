"""Published comments in bulk, for tests, the demo content and benchmarks."""

import random
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from discussion.models import DiscussionComment

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
    """One published comment (or reply) written through XtdComment.save, like a real one."""
    when = when or timezone.now()
    comment = DiscussionComment(
        content_type=ContentType.objects.get_for_model(type(page)),
        object_pk=str(page.pk),
        site_id=settings.SITE_ID,
        user_name=name,
        user_email=email or f"{name.split()[0].lower()}@example.org",
        comment=text,
        submit_date=when,
        is_public=True,
        confirmed_at=when,
        published_at=when,
        parent_id=parent.pk if parent else 0,
        **fields,
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
