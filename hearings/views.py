"""The sub-views of the hearing index (hearings.models.HearingIndexPage routes)."""

import datetime
import io
from urllib.parse import urlencode

import icalendar
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags

from frontcache.fragments import cached as editorial_cached
from hardening import spreadsheet
from hearings.dimensions import DIMENSIONS
from hearings.forms import HearingFilterForm, PageNumberForm
from hearings.models import HearingCaption, HearingPage
from hearings.queries import (
    apply_filters,
    counted_by_status,
    facet_counts,
    headline_figures,
    hearing_cards,
    hearings_under,
    taxonomy_terms,
    with_organisms,
)
from hearings.queries import breakdown as breakdown_tables

HEARINGS_PER_PAGE = 20
HEARING_DURATION = datetime.timedelta(hours=1)


def _read_filters(request):
    """(form, valid filters, French messages about the values left out)."""
    form = HearingFilterForm(request.GET)
    filters = form.valid_filters()
    errors = [
        f"{form.fields[name].label} : {message}"
        for name, messages in form.errors.items()
        for message in messages
    ]
    return form, filters, errors


def _filter_options(form, filters, counts):
    """Each filter with its values, the number of hearings each gives, and which one is chosen."""
    options = []
    terms = taxonomy_terms()
    for dimension in DIMENSIONS:
        name, model = dimension.param, dimension.model
        chosen = filters.get(name)
        values = [
            {
                "value": term.slug,
                "label": term.name,
                "count": counts[name].get(term.pk, 0),
                "selected": term == chosen,
            }
            for term in terms[model._meta.label_lower]
        ]
        options.append({"name": name, "label": form.fields[name].label, "values": values})
    for name in ("statut", "type"):
        values = [
            {
                "value": value,
                "label": label,
                "count": counts[name].get(value, 0),
                "selected": filters.get(name) == value,
            }
            for value, label in form.fields[name].choices
            if value
        ]
        options.append({"name": name, "label": form.fields[name].label, "values": values})
    months = set(counts["mois"])
    if "mois" in filters:
        months.add(filters["mois"])
    values = [
        {
            "value": month.strftime("%Y-%m"),
            "label": date_format(month, "F Y"),
            "count": counts["mois"].get(month, 0),
            "selected": filters.get("mois") == month,
        }
        for month in sorted(months)
    ]
    options.append({"name": "mois", "label": form.fields["mois"].label, "values": values})
    for option in options:
        option["errors"] = form.errors.get(option["name"], [])
        option["empty_label"] = "Tous" if option["name"] in ("statut", "type", "mois") else "Toutes"
    return options


def hearing_list(request, index):
    form, filters, messages = _read_filters(request)
    base = hearings_under(index)
    hearings = apply_filters(base, filters)
    page_form = PageNumberForm(request.GET)
    number = 1
    if page_form.is_valid():
        number = page_form.cleaned_data["page"] or 1
    else:
        messages += page_form.errors["page"]
    # The facets and headline figures count the hearings by what only the team changes (pages,
    # statuses, organisms and their terms): cached until the next edit (frontcache.fragments).
    key = f"{index.pk}:{_export_query(filters)}"
    cached = editorial_cached(f"hearing-list-counts:{key}", lambda: _list_counts(base, filters))
    counts = cached["facets"]
    paginator = Paginator(hearings, HEARINGS_PER_PAGE)
    paginator.count = counts["total"]  # counted with the facets: one query less on 10,000 hearings
    page_obj = paginator.get_page(number)
    # DSFR's pagination template lists these numbers, with "…" where pages are left out.
    page_obj.pages_list = list(paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1))
    if number > paginator.num_pages:
        messages.append(f"La page {number} n’existe pas : voici la dernière page ({paginator.num_pages}).")
    # Which hearings the page lists, then each one's card (hearings.queries.hearing_cards): the
    # team's data too, cached until the next edit.
    ids = editorial_cached(
        f"hearing-list-page:{key}:{page_obj.number}",
        lambda: list(page_obj.object_list.values_list("pk", flat=True)),
    )
    return index.render(
        request,
        context_overrides={
            "filter_form": form,
            "filters": filters,
            "filter_options": _filter_options(form, filters, counts),
            "filter_messages": messages,
            "page_obj": page_obj,
            "hearings": hearing_cards(ids),
            "query_string": request.GET.urlencode(),
            "export_query": _export_query(filters),
            "figures": cached["figures"],
            "listed": _listed_by_counting(filters, counts),
        },
    )


def _listed_by_counting(filters, counts):
    """The listed hearings split as the headline figure counts them: cancelled hearings and
    declined invitations are listed but not among the « auditions réalisées ou prévues »."""
    by_status = {filters["statut"]: counts["total"]} if "statut" in filters else counts["statut"]
    return {
        "counted": sum(by_status.get(status, 0) for status in HearingPage.COUNTED_STATUSES),
        "declined": by_status.get(HearingPage.Status.DECLINED, 0),
        "cancelled": by_status.get(HearingPage.Status.CANCELLED, 0),
    }


def _list_counts(base, filters):
    counts = facet_counts(base, filters)
    # Unfiltered, the status facet already counts every hearing by status.
    return {
        "facets": counts,
        "figures": headline_figures(base, by_status=None if filters else counts["statut"]),
    }


def _export_query(filters):
    """The valid filters as a query string, for the export, feed and calendar links."""
    params = {}
    for name, value in filters.items():
        if hasattr(value, "slug"):
            params[name] = value.slug
        elif isinstance(value, datetime.date):
            params[name] = value.strftime("%Y-%m")
        else:
            params[name] = value
    return urlencode(params)


def breakdown(request, index):
    base = hearings_under(index)
    by_status = counted_by_status(base)
    tables = breakdown_tables(base, by_status)
    for table in tables:
        for row in table["rows"]:
            row["held_width"] = round(row["held"] * 100 / table["max"], 2)
            row["planned_width"] = round(row["planned"] * 100 / table["max"], 2)
    return index.render(
        request,
        template="hearings/hearing_breakdown.html",
        context_overrides={
            "tables": tables,
            "figures": headline_figures(base, by_status),
            "trail": [{"url": index.get_url(request), "title": index.title}],
        },
    )


def _filtered_for_export(request, index):
    """The filtered hearings, or a 400 answer naming the bad filters (an export never guesses)."""
    _form, filters, errors = _read_filters(request)
    if errors:
        text = "Filtres invalides :\n" + "\n".join(errors) + "\n"
        return None, HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")
    return with_organisms(apply_filters(hearings_under(index), filters)), None


def hearing_record(hearing, request):
    """One hearing as exported (CSV columns, JSON object)."""
    classification = hearing.classification()
    return {
        "identifiant": hearing.slug,
        "titre": hearing.title,
        "date": timezone.localtime(hearing.hearing_date).isoformat(timespec="minutes"),
        "type": hearing.kind,
        "statut": hearing.status,
        "statut_libelle": hearing.get_status_display(),
        "comptee": hearing.is_counted,
        "organismes": hearing.organism_names(),
        "natures": [term.name for term in classification["natures"]],
        "familles": [term.name for term in classification["families"]],
        "secteurs": [term.name for term in classification["sectors"]],
        "resume": hearing.summary,
        "url": hearing.get_full_url(request),
    }


CSV_COLUMNS = [
    "identifiant",
    "titre",
    "date",
    "type",
    "statut",
    "statut_libelle",
    "comptee",
    "organismes",
    "natures",
    "familles",
    "secteurs",
    "resume",
    "url",
]


def export_csv(request, index):
    hearings, error = _filtered_for_export(request, index)
    if error:
        return error
    buffer = io.StringIO()
    writer = spreadsheet.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for hearing in hearings:
        record = hearing_record(hearing, request)
        row = []
        for column in CSV_COLUMNS:
            value = record[column]
            if isinstance(value, list):
                value = " ; ".join(value)
            elif isinstance(value, bool):
                value = "oui" if value else "non"
            row.append(value)
        writer.writerow(row)
    # The BOM tells spreadsheet software that the file is UTF-8, so that accents open right.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="auditions.csv"'
    return licence_link(response)


def export_json(request, index):
    hearings, error = _filtered_for_export(request, index)
    if error:
        return error
    records = [hearing_record(hearing, request) for hearing in hearings]
    response = JsonResponse(
        {"licence": settings.OPEN_LICENCE_URL, "count": len(records), "auditions": records},
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    return licence_link(response)


def licence_link(response):
    """The export points to its licence (RFC 8288), as the files of « Données ouvertes » do."""
    response["Link"] = f'<{settings.OPEN_LICENCE_URL}>; rel="license"'
    return response


def calendar(request, index):
    """iCalendar of the hearing dates; declined invitations have no date to keep."""
    hearings, error = _filtered_for_export(request, index)
    if error:
        return error
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Mission culture-acte 2//Auditions//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Auditions de la mission culture-acte 2")
    now = timezone.now()
    host = request.get_host().split(":")[0]
    for hearing in hearings.exclude(status=HearingPage.Status.DECLINED):
        event = icalendar.Event()
        event.add("uid", f"audition-{hearing.pk}@{host}")
        event.add("dtstamp", now)
        event.add("dtstart", hearing.hearing_date)
        event.add("dtend", hearing.hearing_date + HEARING_DURATION)
        event.add("summary", hearing.title)
        event.add("url", hearing.get_full_url(request))
        event.add(
            "description", f"{', '.join(hearing.organism_names())}\n{strip_tags(hearing.summary)}".strip()
        )
        cancelled = hearing.status == HearingPage.Status.CANCELLED
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        for sector in hearing.classification()["sectors"]:
            event.add("categories", sector.name)
        cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="auditions.ics"'
    return response


def caption_file(request, caption_id):
    """A caption file of a published hearing, from this site's origin: the <track> element and the
    Content-Security-Policy's media-src want the same origin, wherever the media storage is."""
    caption = HearingCaption.objects.select_related("page").filter(pk=caption_id, page__live=True).first()
    if caption is None or caption.page.get_view_restrictions().exists():
        raise Http404("Ces sous-titres n’existent pas.")
    with caption.file.open("rb") as file:
        response = HttpResponse(file.read(), content_type="text/vtt; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response
