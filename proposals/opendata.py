"""The proposals and their follow-up as open data (opendata/datasets.py lists them)."""

from django.utils.html import strip_tags

from opendata.datasets import EVERY_EDIT, Dataset, Field
from proposals.citations import public_proposals
from proposals.models import ProposalUpdate


def proposal_rows(request):
    proposals = (
        public_proposals()
        .select_related("theme")
        .prefetch_related("sources__page", "cited_comments__comment")
        .order_by("number", "pk")
    )
    for proposal in proposals:
        yield {
            "numero": proposal.number,
            "titre": proposal.title,
            "theme": proposal.theme.name,
            "organisme_charge": proposal.lead_body,
            "etat": proposal.get_status_display(),
            "texte": " ".join(strip_tags(proposal.text).split()),
            "pages_citees": [
                source.page.get_full_url(request) for source in proposal.sources.all() if source.page.live
            ],
            "commentaires_cites": [
                str(cited.comment_id) for cited in proposal.cited_comments.all() if cited.comment.is_published
            ],
            "url": proposal.get_full_url(request),
        }


PROPOSALS = Dataset(
    name="propositions",
    title="Propositions de la mission",
    description=(
        "Les propositions du rapport, leur thème, l’organisme chargé, leur état et ce qui les a nourries."
    ),
    frequency=EVERY_EDIT,
    primary_key=["numero"],
    fields=[
        Field("numero", "integer", "Numéro de la proposition dans le rapport", required=True),
        Field("titre", "string", "Intitulé", required=True),
        Field("theme", "string", "Thème (un secteur de la taxonomie des auditions)", required=True),
        Field("organisme_charge", "string", "Ministère ou organisme chargé"),
        Field("etat", "string", "État : à l’étude, retenue, mise en œuvre ou abandonnée", required=True),
        Field("texte", "string", "Texte de la proposition"),
        Field(
            "pages_citees", "string", "Adresses des auditions, questions et déplacements cités", is_list=True
        ),
        Field(
            "commentaires_cites",
            "integer",
            "Identifiants des commentaires cités (jeu « commentaires »)",
            is_list=True,
        ),
        Field("url", "string", "Adresse de la page"),
    ],
    rows=proposal_rows,
)


def update_rows(request):
    updates = (
        ProposalUpdate.objects.filter(proposal__in=public_proposals())
        .select_related("proposal")
        .order_by("proposal__number", "date", "pk")
    )
    for update in updates:
        yield {
            "proposition": update.proposal.number,
            "date": update.date,
            "texte": update.text,
            "lien": update.link_url,
            "intitule_lien": update.link_label,
        }


PROPOSAL_UPDATES = Dataset(
    name="suivi-des-propositions",
    title="Suivi des propositions",
    description="Chaque étape de la mise en œuvre des propositions, datée, avec le texte qui la fonde.",
    frequency=EVERY_EDIT,
    fields=[
        Field("proposition", "integer", "Numéro de la proposition", required=True),
        Field("date", "date", "Date de l’étape", required=True),
        Field("texte", "string", "Ce qui s’est passé", required=True),
        Field("lien", "string", "Lien vers la loi, le décret ou l’annonce"),
        Field("intitule_lien", "string", "Intitulé du lien"),
    ],
    rows=update_rows,
)

PROPOSAL_DATASETS = [PROPOSALS, PROPOSAL_UPDATES]
