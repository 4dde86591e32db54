import pytest

from proposals.demo import get_or_create_proposal, get_or_create_report
from proposals.models import ProposalPage


@pytest.fixture
def report(mission_site):
    home, _ = mission_site
    page, _ = get_or_create_report(home)
    return page


@pytest.fixture
def proposals(report):
    """Three proposals: two in music (one adopted), one on books, implemented."""
    return {
        "music": get_or_create_proposal(
            report, 1, "Créer un fonds pour la musique en ligne", "musique", "Ministère de la Culture"
        )[0],
        "music_adopted": get_or_create_proposal(
            report,
            2,
            "Étendre la copie privée",
            "musique",
            "Ministère de la Culture",
            status=ProposalPage.Status.ADOPTED,
        )[0],
        "books": get_or_create_proposal(
            report,
            12,
            "Numériser le livre indisponible",
            "livre",
            "CNL",
            status=ProposalPage.Status.IMPLEMENTED,
        )[0],
    }
