import datetime

import pytest
from django.utils import timezone

from hearings.demo import create_hearing, get_or_create_hearing_index, get_or_create_organism
from hearings.models import HearingPage
from home.demo import load_mission_pages


def at(day, hour=10, month=11, year=2012):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, 0))


@pytest.fixture
def hearing_index(db):
    home, _ = load_mission_pages()
    index, _ = get_or_create_hearing_index(home)
    return index


@pytest.fixture
def organisms(db):
    """Three organisms of different natures, families and sectors."""
    sacem, _ = get_or_create_organism(
        "Société des auteurs test",
        "societe-de-gestion-collective",
        "auteurs-artistes",
        ["musique"],
        acronym="SAT",
    )
    label, _ = get_or_create_organism(
        "Label indépendant test", "entreprise", "producteurs-editeurs", ["musique", "audiovisuel"]
    )
    library, _ = get_or_create_organism(
        "Bibliothèque publique test",
        "administration-etablissement-public",
        "pouvoirs-publics-regulateurs",
        ["livre"],
    )
    return {"authors": sacem, "label": label, "library": library}


@pytest.fixture
def hearings(hearing_index, organisms):
    """Four hearings: held (two organisms), planned, an interview, and a declined invitation."""
    return {
        "joint": create_hearing(
            hearing_index,
            "Table ronde musique",
            at(4, month=10),
            [(organisms["authors"], "Anne Test, présidente\nMarc Test, directeur"), organisms["label"]],
            status=HearingPage.Status.HELD,
            summary="Deux organismes de la musique.",
            video_url="https://www.youtube.com/watch?v=abcdefghijk",
            transcript="<p>Texte de la transcription.</p>",
        ),
        "planned": create_hearing(
            hearing_index, "Audition de la bibliothèque", at(12, month=12), [organisms["library"]],
            status=HearingPage.Status.PLANNED,
        ),
        "interview": create_hearing(
            hearing_index, "Entretien avec le label", at(8), [organisms["label"]],
            status=HearingPage.Status.HELD, kind=HearingPage.Kind.INTERVIEW,
        ),
        "declined": create_hearing(
            hearing_index, "Invitation déclinée de la bibliothèque", at(20), [organisms["library"]],
            status=HearingPage.Status.DECLINED,
        ),
    }  # fmt: skip
