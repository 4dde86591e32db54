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
    # Not « Lettre de mission… »: the section menu already has a « Lettre de mission » link.
    fields.setdefault("title", "Consultation sur la lettre du 6 août 2012")
    fields.setdefault(
        "introduction",
        "Contenu de démonstration : les passages cités de la lettre de mission du 6 août 2012, "
        "soumis aux commentaires du public paragraphe par paragraphe.",
    )
    body = [("heading", "La lettre du 6 août 2012")]
    body += [("paragraph", RichText(text)) for text in paragraphs]
    return get_or_create_child_page(parent, ConsultationTextPage, slug, body=body, **fields)


# (number, title, theme, body in charge, status, text, [(date, text, link url, link label)])
DEMO_PROPOSALS = [
    (
        1,
        "Créer un fonds de soutien à l’offre légale de musique en ligne",
        "musique",
        "Ministère de la Culture et de la Communication",
        ProposalPage.Status.IMPLEMENTED,
        "Un fonds, alimenté par les acteurs qui tirent profit de la diffusion des œuvres, aiderait "
        "les services de musique en ligne indépendants à enrichir leur catalogue.",
        [
            (datetime.date(2013, 7, 2), "La ministre annonce la création du fonds.", "", ""),
            (
                datetime.date(2013, 12, 20),
                "Le décret créant le fonds est publié.",
                "https://www.legifrance.gouv.fr/",
                "Décret (exemple de démonstration)",
            ),
        ],
    ),
    (
        2,
        "Rendre visibles les œuvres disponibles légalement dans les moteurs de recherche",
        "audiovisuel",
        "Centre national du cinéma et de l’image animée",
        ProposalPage.Status.ADOPTED,
        "Un référencement commun des offres légales permettrait au public de trouver où regarder "
        "une œuvre, et à quel prix.",
        [(datetime.date(2013, 9, 15), "Une concertation avec les plateformes est engagée.", "", "")],
    ),
    (
        3,
        "Numériser les livres indisponibles du XXe siècle",
        "livre",
        "Bibliothèque nationale de France",
        ProposalPage.Status.IMPLEMENTED,
        "Les livres qui ne sont plus commercialisés seraient numérisés et proposés de nouveau, "
        "avec la rémunération de leurs auteurs et éditeurs.",
        [(datetime.date(2013, 3, 21), "Les premiers titres sont disponibles.", "", "")],
    ),
    (
        4,
        "Adapter la rémunération pour copie privée aux usages en ligne",
        "musique",
        "Commission pour la rémunération de la copie privée",
        ProposalPage.Status.STUDIED,
        "La rémunération pour copie privée serait étendue aux copies faites dans les services de "
        "stockage en ligne.",
        [],
    ),
    (
        5,
        "Soutenir la presse en ligne d’information générale",
        "presse",
        "Ministère de la Culture et de la Communication",
        ProposalPage.Status.DROPPED,
        "Un taux réduit de TVA pour la presse en ligne, aligné sur celui de la presse imprimée.",
        [(datetime.date(2013, 10, 1), "La mesure n’est pas retenue dans la loi de finances.", "", "")],
    ),
    (
        6,
        "Accompagner les studios indépendants de jeu vidéo",
        "jeu-video",
        "Centre national du cinéma et de l’image animée",
        ProposalPage.Status.ADOPTED,
        "Un fonds d’aide à la création élargi aux petits studios, avec des critères simplifiés.",
        [],
    ),
]


def demo_report_document():
    """The report's « full document »: a one-page PDF drawn here (no network, no file in git)."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document_model = get_document_model()
    existing = document_model.objects.filter(title="Rapport final (démonstration)").first()
    if existing is not None:
        return existing
    text = "Rapport de la mission culture-acte 2 - contenu de demonstration"
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    pdf += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    pdf += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    document = document_model(title="Rapport final (démonstration)")
    document.file.save("rapport-final-demonstration.pdf", ContentFile(pdf), save=False)
    document.save()
    return document


def load_demo_proposals(home):
    """The report, six illustrative proposals citing demo hearings, questions, a trip and
    comments, with statuses and updates, and the mission letter in consultation. Idempotent; adds
    no comment (the demo's comment figures are the seed's)."""
    from discussion.models import PUBLISHED, DiscussionComment
    from events.models import TripEventPage
    from hearings.models import HearingPage
    from home.models import StandardPage
    from proposals.models import CitedComment, ProposalSource, ProposalUpdate
    from questions.models import QuestionPage

    report, _ = get_or_create_report(home)
    if report.document_id is None:
        report.document = demo_report_document()
        report.save_revision().publish()
    hearings = list(
        HearingPage.objects.live().filter(status=HearingPage.Status.HELD).order_by("hearing_date")[:8]
    )
    questions = list(QuestionPage.objects.live().order_by("asked_on", "pk"))
    trips = list(TripEventPage.objects.live().order_by("start_date"))
    created = 0
    for index, (number, title, theme, lead_body, status, text, updates) in enumerate(DEMO_PROPOSALS):
        proposal, is_new = get_or_create_proposal(
            report, number, title, theme, lead_body, status, text=f"<p>{text}</p>"
        )
        if not is_new:
            continue
        created += 1
        sources = [
            page
            for page in (
                hearings[index % len(hearings)] if hearings else None,
                questions[index % len(questions)] if questions else None,
            )
            if page
        ]
        if index == 0 and trips:
            sources.append(trips[0])
        for page in sources:
            proposal.sources.add(ProposalSource(page=page))
        if index < 4:
            commented = [page for page in sources if not isinstance(page, TripEventPage)]
            for page in commented:
                comment = (
                    DiscussionComment.objects.filter(PUBLISHED, object_pk=str(page.pk), level=0)
                    .order_by("pk")
                    .first()
                )
                if comment is not None:
                    proposal.cited_comments.add(CitedComment(comment=comment))
        proposal.save_revision().publish()
        for date, update_text, link_url, link_label in updates:
            ProposalUpdate.objects.create(
                proposal=proposal, date=date, text=update_text, link_url=link_url, link_label=link_label
            )
    mission = StandardPage.objects.filter(slug="la-mission").first()
    get_or_create_consultation_text(mission or home)
    return f"Proposals: {created} created, {report.get_children().count()} in the report"
