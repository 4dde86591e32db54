"""Writing a dataset: CSV (UTF-8, cells made safe by hardening.spreadsheet), JSON carrying its
licence and description, and the Frictionless Data Package that describes them all."""

import datetime
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from hardening import spreadsheet

# A CSV file cannot carry its licence: every answer points to it (RFC 8288), as the
# datapackage.json that describes the file does.
from hearings.views import licence_link
from opendata.datasets import DATASETS, LICENCE, LIST_SEPARATOR

PUBLISHER = "Mission culture-acte 2 — ministère de la Culture et de la Communication"


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def csv_response(dataset, request):
    buffer = io.StringIO()
    writer = spreadsheet.writer(buffer)
    columns = [item.name for item in dataset.fields]
    writer.writerow(columns)
    for row in dataset.rows(request):
        writer.writerow([csv_cell(row[column]) for column in columns])
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{dataset.name}.csv"'
    return licence_link(response)


def json_document(dataset, request):
    records = list(dataset.rows(request))
    return {
        "titre": dataset.title,
        "description": dataset.description,
        "licence": LICENCE,
        "producteur": PUBLISHER,
        "source": request.build_absolute_uri(reverse("opendata:index")),
        "schema": request.build_absolute_uri(reverse("opendata:datapackage")),
        "frequence_de_mise_a_jour": dataset.frequency,
        "produit_le": timezone.localtime().isoformat(timespec="seconds"),
        "champs": dataset.schema()["fields"],
        "nombre": len(records),
        "enregistrements": records,
    }


def json_response(dataset, request):
    text = json.dumps(json_document(dataset, request), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(text.encode("utf-8"), content_type="application/json; charset=utf-8")
    return licence_link(response)


def datapackage(request):
    """The Frictionless (Tabular) Data Package: one resource per CSV, each with its Table Schema."""

    def absolute(name, fmt):
        return request.build_absolute_uri(reverse("opendata:file", args=[name, fmt]))

    return {
        "profile": "tabular-data-package",
        "name": "mission-culture-acte-2",
        "title": "Données de la mission culture-acte 2",
        "description": (
            "Ce que la concertation sur les contenus numériques et la politique culturelle à l’ère du "
            "numérique a recueilli : auditions, organismes, questions, déplacements, commentaires, "
            "chiffres clés."
        ),
        "homepage": request.build_absolute_uri(reverse("opendata:index")),
        "licenses": [LICENCE],
        "contributors": [{"title": PUBLISHER, "role": "publisher"}],
        "created": timezone.localtime().isoformat(timespec="seconds"),
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": dataset.name,
                "title": dataset.title,
                "description": dataset.description,
                "path": absolute(dataset.name, "csv"),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "licenses": [LICENCE],
                "schema": dataset.schema(),
            }
            for dataset in DATASETS
        ],
    }
