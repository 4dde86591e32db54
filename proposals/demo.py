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
