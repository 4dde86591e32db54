import datetime

import pytest
from django.db import connection

from hearings.taxonomy_terms import ensure_terms
from tests.search.helpers import make_hearing, make_organism

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL's own objects (text search vector, pg_trgm) are checked on PostgreSQL only",
)


@pytest.fixture
def taxonomy(db):
    from django.apps import apps

    ensure_terms(lambda name: apps.get_model("hearings", name))


@pytest.fixture
def hearings(taxonomy):
    """Three hearings with distinct sectors, natures, families, statuses and years."""
    sacem = make_organism(
        "Société des auteurs, compositeurs et éditeurs de musique",
        acronym="SACEM",
        nature="societe-de-gestion-collective",
        family="auteurs-artistes",
        sectors=("musique",),
    )
    csa = make_organism(
        "Conseil supérieur de l’audiovisuel",
        acronym="CSA",
        nature="administration-etablissement-public",
        family="pouvoirs-publics-regulateurs",
        sectors=("audiovisuel",),
    )
    snj = make_organism(
        "Syndicat national des éditeurs de jeux vidéo",
        acronym="SNJV",
        nature="organisation-professionnelle-syndicat",
        family="producteurs-editeurs",
        sectors=("jeu-video",),
    )
    return {
        "sacem": make_hearing(
            "Audition de la SACEM",
            [sacem],
            summary="La SACEM défend la rémunération pour copie privée des auteurs.",
            transcript="<p>Nous avons parlé de la copie privée et du partage des revenus.</p>",
        ),
        "csa": make_hearing(
            "Audition du Conseil supérieur de l’audiovisuel",
            [csa],
            summary="La régulation de la télévision connectée.",
            transcript="<p>Les chaînes de télévision et les services de vidéo à la demande.</p>",
            status="prevue",
            date=datetime.date(2013, 1, 10),
        ),
        "snjv": make_hearing(
            "Audition du syndicat du jeu vidéo",
            [snj],
            summary="Le financement de la création de jeux et la copie privée.",
            transcript="<p>Les studios indépendants et le crédit d’impôt.</p>",
            status="annulee",
        ),
    }
