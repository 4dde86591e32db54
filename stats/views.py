from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from hardening import spreadsheet
from stats.figures import key_figures
from stats.forms import ReportPeriodForm


def report_rows(figures):
    """The report as (section, item, held, planned, total) rows, shared by the CSV."""
    hearings = figures.hearings
    yield (_("Auditions"), _("Auditions réalisées"), hearings.held, "", "")
    yield (_("Auditions"), _("Auditions prévues"), "", hearings.planned, "")
    yield (
        _("Auditions"),
        _("Auditions réalisées ou prévues"),
        hearings.held,
        hearings.planned,
        hearings.total,
    )
    yield (_("Auditions"), _("Organismes auditionnés"), hearings.organisms_heard, "", "")
    for breakdown in figures.breakdowns:
        for row in breakdown.rows:
            yield (str(breakdown.title), row.name, row.held, row.planned, row.total)
    optional = [
        (_("Déplacements"), figures.trips),
        (_("Questions posées"), figures.questions),
        (_("Commentaires publiés"), figures.comments),
        (_("Abonnés confirmés"), figures.subscribers),
    ]
    for label, value in optional:
        if value is not None:
            yield (_("Blog participatif"), label, "", "", value)
    if figures.most_commented_question:
        question, count = figures.most_commented_question
        yield (_("Blog participatif"), _("Sujet le plus commenté : %s") % question.title, "", "", count)
    for month in figures.visits.months:
        label = f"{month.label} (pic)" if month.is_peak else month.label
        yield (_("Visites par mois"), label, "", "", month.visits)
    yield (_("Visites"), _("Total des visites"), "", "", figures.visits.visits)
    yield (_("Visites"), _("Total des pages vues"), "", "", figures.visits.views)
    for page in figures.top_pages:
        yield (_("Pages les plus consultées"), page.title, "", "", page.visits)


def csv_response(figures):
    today = timezone.localdate().isoformat()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bilan-d-etape-{today}.csv"'
    # The byte order mark and semicolons are what French spreadsheet software expects.
    response.write("\ufeff")
    writer = spreadsheet.writer(response, delimiter=";")
    writer.writerow([_("Rubrique"), _("Indicateur"), _("Réalisées"), _("Prévues"), _("Total")])
    writer.writerows(report_rows(figures))
    return response


def report(request):
    """« Bilan d’étape »: every figure over a chosen period, as a page, a CSV or a printable page."""
    form = ReportPeriodForm(request.GET or None)
    status = 200
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        output = form.cleaned_data["format"] or "html"
    else:
        start = end = None
        output = "html"
        if form.is_bound:
            status = 400
    figures = key_figures(request=request, start=start, end=end, top_pages_limit=20)
    if output == "csv":
        return csv_response(figures)
    context = {
        "form": form,
        "figures": figures,
        "period_query": f"start={start or ''}&end={end or ''}",
        "generated_at": timezone.localtime(),
    }
    if output == "print":
        return TemplateResponse(request, "stats/admin/report_print.html", context)
    return TemplateResponse(request, "stats/admin/report.html", context, status=status)
