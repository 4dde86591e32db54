import datetime

import pytest
from django.utils import timezone

from discussion.demo import create_comment
from events.models import TripEventPage, TripIndexPage
from hearings.demo import (
    attach_contribution,
    create_hearing,
    get_or_create_hearing_index,
    get_or_create_organism,
)
from hearings.models import HearingPage
from home.demo import get_or_create_child_page
from proposals.demo import get_or_create_proposal, get_or_create_report
from proposals.models import CitedComment, ProposalSource, ProposalUpdate
from questions.models import QuestionIndexPage, QuestionPage


def at(day, month=11, hour=10):
    return timezone.make_aware(datetime.datetime(2012, month, day, hour, 0))


@pytest.fixture
def content(mission_site):
    """One of each section: hearings, a question, a trip, comments (one removed)."""
    home, _ = mission_site
    hearing_index, _ = get_or_create_hearing_index(home)
    authors, _ = get_or_create_organism(
        "Société des auteurs test", "societe-de-gestion-collective", "auteurs-artistes", ["musique"]
    )
    library, _ = get_or_create_organism(
        "Bibliothèque publique test",
        "administration-etablissement-public",
        "pouvoirs-publics-regulateurs",
        ["livre"],
    )
    held = create_hearing(
        hearing_index,
        "Table ronde musique",
        at(4, month=10),
        [(authors, "Anne Test, présidente")],
        status=HearingPage.Status.HELD,
        summary="La musique en ligne.",
    )
    planned = create_hearing(
        hearing_index,
        "Audition de la bibliothèque",
        at(12, month=12),
        [library],
        status=HearingPage.Status.PLANNED,
    )
    contribution = attach_contribution(held, authors, "Pour une rémunération équitable des auteurs")
    blog, _ = get_or_create_child_page(home, QuestionIndexPage, "questions", title="Le blog participatif")
    question, _ = get_or_create_child_page(
        blog,
        QuestionPage,
        "chronologie",
        title="Faut-il revoir la chronologie des médias ?",
        introduction="La fenêtre de la vidéo à la demande.",
        theme=QuestionPage.Theme.ACCESS,
        asked_on=datetime.date(2012, 10, 1),
    )
    trip_index, _ = get_or_create_child_page(home, TripIndexPage, "deplacements", title="Déplacements")
    trip, _ = get_or_create_child_page(
        trip_index,
        TripEventPage,
        "rennes",
        title="Déplacement à Rennes",
        city="Rennes",
        region="Bretagne",
        start_date=datetime.date(2012, 11, 8),
        end_date=datetime.date(2012, 11, 9),
        summary="Rencontres avec les acteurs bretons.",
        programme=[
            (
                "session",
                {
                    "starts_at": at(8, hour=14),
                    "ends_at": datetime.time(16, 0),
                    "title": "-Table ronde des labels",  # a leading minus: a formula to a spreadsheet
                    "venue": {"name": "Les Champs Libres", "address": "10 cours des Alliés\n35000 Rennes"},
                    "audience": "acteurs-locaux",
                    "description": "",
                    "registration_url": "",
                    "capacity": 80,
                },
            )
        ],
    )
    kept = create_comment(question, "Un avis publié.", name="Claire", email="claire@example.org", when=at(2))
    create_comment(question, "Une réponse.", name="Paul", email="paul@example.org", parent=kept, when=at(3))
    removed = create_comment(
        question, "Un texte retiré.", name="Troll", email="troll@example.org", when=at(5),
        is_removed=True, removal_reason="injurieux",
    )  # fmt: skip
    held_back = create_comment(
        question, "En attente.", name="Lent", email="lent@example.org", is_public=False, published_at=None
    )
    report, _ = get_or_create_report(home)
    proposal, _ = get_or_create_proposal(report, 12, "Créer un fonds pour la musique", "musique", "Ministère")
    proposal.sources.add(ProposalSource(page=held))
    proposal.cited_comments.add(CitedComment(comment=kept))
    proposal.save_revision().publish()
    ProposalUpdate.objects.create(
        proposal=proposal, date=datetime.date(2013, 9, 1), text="Le décret est paru."
    )
    return {
        "home": home,
        "hearing_index": hearing_index,
        "held": held,
        "planned": planned,
        "blog": blog,
        "question": question,
        "trip_index": trip_index,
        "trip": trip,
        "comment": kept,
        "removed": removed,
        "held_back": held_back,
        "organisms": [authors, library],
        "contribution": contribution,
    }
