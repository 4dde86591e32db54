"""Demo content of the report and its proposals, and the helpers tests build them with.

The proposals are made up for the demo (« à titre d’illustration »): they are not the mission's.
"""

import datetime

from django.utils.text import slugify

from hearings.models import Sector
from home.demo import get_or_create_child_page
from proposals.models import ProposalPage, ReportPage

REPORT_SUMMARY = (
    "Contenu de démonstration : le rapport final de la mission et ses propositions sont "
    "illustratifs. Chaque proposition cite les auditions, questions et commentaires qui l’ont "
    "nourrie, et son suivi est publié au fil de sa mise en œuvre."
)


def get_or_create_report(home):
    """The « Propositions » page under the home page (/propositions/). Returns (page, created)."""
    existing = ReportPage.objects.child_of(home).first()
    if existing is not None:
        return existing, False
    return get_or_create_child_page(
        home,
        ReportPage,
        "propositions",
        title="Propositions",
        show_in_menus=True,
        published_on=datetime.date(2013, 5, 13),
        summary=REPORT_SUMMARY,
    )


def get_or_create_proposal(
    report, number, title, theme, lead_body, status=ProposalPage.Status.STUDIED, **fields
):
    """The proposal numbered `number` in `report` (theme: a Sector or its slug), created and
    published when missing, otherwise left as the team edited it. Returns (page, created)."""
    existing = ProposalPage.objects.child_of(report).filter(number=number).first()
    if existing is not None:
        return existing, False
    theme = theme if isinstance(theme, Sector) else Sector.objects.get(slug=theme)
    fields.setdefault("text", f"<p>{title}.</p>")
    return get_or_create_child_page(
        report,
        ProposalPage,
        fields.pop("slug", None) or slugify(f"{number}-{title}")[:80],
        title=title,
        number=number,
        theme=theme,
        lead_body=lead_body,
        status=status,
        **fields,
    )


MISSION_LETTER_PARAGRAPHS = [
    "<p>Par une lettre du 6 août 2012, la ministre de la Culture et de la Communication confie à "
    "Pierre Lescure une « mission de concertation sur les contenus numériques et la politique "
    "culturelle à l’heure du numérique ».</p>",
    "<p>Cette mission doit permettre de préparer « l’Acte II de l’exception culturelle » : "
    "l’adaptation des mécanismes et instruments mis en place dans les années 1980 pour favoriser "
    "la création et la diffusion des oeuvres culturelles, aux enjeux de la révolution numérique, "
    "qui renouvelle les contenus et transforme les relations entre créateurs, industries créatives "
    "et usagers.</p>",
    "<p>Ses propositions devront permettre « de favoriser le développement des œuvres et des "
    "pratiques culturelles numériques et d’assurer l’accès de tous à celles-ci, de soutenir la "
    "création et la diversité, de valoriser les retombées économiques pour le territoire national "
    "et de lutter contre la contrefaçon commerciale ».</p>",
]


def get_or_create_consultation_text(
    parent, slug="lettre-de-mission-en-consultation", paragraphs=None, **fields
):
    """A text in consultation under `parent` (the mission letter's passages by default), created
    and published when missing. Returns (page, created)."""
    from wagtail.rich_text import RichText

    from proposals.models import ConsultationTextPage

    paragraphs = paragraphs or MISSION_LETTER_PARAGRAPHS
    fields.setdefault("title", "La lettre de mission en consultation")
    fields.setdefault(
        "introduction",
        "Contenu de démonstration : les passages cités de la lettre de mission du 6 août 2012, "
        "soumis aux commentaires du public paragraphe par paragraphe.",
    )
    body = [("heading", "La lettre du 6 août 2012")]
    body += [("paragraph", RichText(text)) for text in paragraphs]
    return get_or_create_child_page(parent, ConsultationTextPage, slug, body=body, **fields)
