"""Import of the team's hearing spreadsheet (CSV): every row is validated before anything is saved.

Columns (docs/import.md documents them for the team): identifiant, titre, date, type, statut,
organismes, nature, famille, secteurs, resume, video. One row is one hearing, keyed by
`identifiant` (the page slug under /auditions/): importing the same file twice changes nothing.
"""

import csv
import dataclasses
import io
import unicodedata

from django import forms
from django.db import transaction
from django.utils.text import slugify

from hearings.models import ActorFamily, HearingOrganism, HearingPage, Organism, OrganismNature, Sector

COLUMNS = [
    "identifiant",
    "titre",
    "date",
    "type",
    "statut",
    "organismes",
    "nature",
    "famille",
    "secteurs",
    "resume",
    "video",
]
REQUIRED_COLUMNS = ["identifiant", "date", "statut", "organismes"]
# What the csv module reads in one field (its default limit, set here so that it is ours): a
# longer field is a row error, not a traceback.
MAX_FIELD_BYTES = 128 * 1024
# The only field where line breaks and tabs are text (a summary's paragraphs); in any other, a
# control character breaks what the value goes into (a newline in a title, a mail's subject).
MULTILINE_COLUMNS = {"resume"}
DATE_FORMATS = ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d", "%d/%m/%Y"]


class HearingImportError(Exception):
    """The file cannot be imported; `errors` lists each reason, with its row number."""

    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


def _choice_lookup(enum):
    lookup = {}
    for value, label in enum.choices:
        lookup[value] = value
        lookup[str(label).lower()] = value
    return lookup


def _split(value, separator):
    return [part.strip() for part in (value or "").split(separator) if part.strip()]


def _term_lookup(model):
    lookup = {}
    for term in model.objects.all():
        lookup[term.slug.lower()] = term
        lookup[term.name.lower()] = term
    return lookup


class HearingRowForm(forms.Form):
    identifiant = forms.SlugField(max_length=255)
    titre = forms.CharField(max_length=255, required=False)
    date = forms.DateTimeField(input_formats=DATE_FORMATS)
    type = forms.CharField(required=False)
    statut = forms.CharField()
    organismes = forms.CharField()
    nature = forms.CharField(required=False)
    famille = forms.CharField(required=False)
    secteurs = forms.CharField(required=False)
    resume = forms.CharField(required=False)
    video = forms.URLField(required=False, assume_scheme="https")

    def __init__(self, data, lookups):
        super().__init__(data)
        self.lookups = lookups

    def clean(self):
        for name, value in self.data.items():
            allowed = "\n\r\t" if name in MULTILINE_COLUMNS else ""
            if name in self.fields and any(
                unicodedata.category(char) == "Cc" and char not in allowed for char in value
            ):
                self.add_error(name, "caractère de contrôle (retour à la ligne, tabulation…) interdit")
        return self._clean_organisms(super().clean())

    def clean_type(self):
        value = (self.cleaned_data["type"] or HearingPage.Kind.HEARING).lower()
        if value not in self.lookups["kind"]:
            raise forms.ValidationError(f"type « {value} » inconnu (audition ou entretien)")
        return self.lookups["kind"][value]

    def clean_statut(self):
        value = self.cleaned_data["statut"].lower()
        if value not in self.lookups["status"]:
            known = ", ".join(HearingPage.Status.values)
            raise forms.ValidationError(f"statut « {value} » inconnu ({known})")
        return self.lookups["status"][value]

    def _clean_organisms(self, data):
        names = _split(data.get("organismes"), ";")
        if not names:
            return data
        if len({name.lower() for name in names}) != len(names):
            raise forms.ValidationError("un organisme est cité deux fois")
        natures = self._per_organism("nature", names, OrganismNature)
        families = self._per_organism("famille", names, ActorFamily)
        sector_groups = _split(data.get("secteurs"), ";")
        if sector_groups and len(sector_groups) not in (1, len(names)):
            raise forms.ValidationError(
                f"secteurs : {len(sector_groups)} groupes pour {len(names)} organismes "
                "(un groupe pour tous, ou un par organisme, séparés par « ; »)"
            )
        organisms = []
        for position, name in enumerate(names):
            existing = self.lookups["organisms"].get(name.lower())
            sectors = None
            if sector_groups:
                group = sector_groups[0] if len(sector_groups) == 1 else sector_groups[position]
                sectors = []
                for sector_name in _split(group, ","):
                    sector = self.lookups["Sector"].get(sector_name.lower())
                    if sector is None:
                        raise forms.ValidationError(f"secteur « {sector_name} » inconnu")
                    sectors.append(sector)
            nature, family = natures[position], families[position]
            if existing is None and (nature is None or family is None or not sectors):
                raise forms.ValidationError(
                    f"organisme « {name} » nouveau : nature, famille et secteurs sont obligatoires"
                )
            organisms.append(
                {"name": name, "existing": existing, "nature": nature, "family": family, "sectors": sectors}
            )
        data["organism_specs"] = organisms
        return data

    def _per_organism(self, column, names, model):
        values = _split(self.cleaned_data.get(column), ";")
        if not values:
            return [None] * len(names)
        if len(values) not in (1, len(names)):
            raise forms.ValidationError(
                f"{column} : {len(values)} valeurs pour {len(names)} organismes "
                "(une pour tous, ou une par organisme)"
            )
        terms = []
        for value in values:
            term = self.lookups[model.__name__].get(value.lower())
            if term is None:
                raise forms.ValidationError(f"{column} « {value} » inconnue")
            terms.append(term)
        return terms * len(names) if len(terms) == 1 else terms


def read_rows(text):
    """The rows of a CSV text (comma or semicolon separated) as (line number, dict)."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    headers = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in headers]
    if missing:
        raise HearingImportError([f"colonnes manquantes : {', '.join(missing)} (ligne 1)"])
    reader.fieldnames = headers
    rows = []
    csv.field_size_limit(MAX_FIELD_BYTES)
    while True:
        line = reader.line_num + 1  # where the row starts (a quoted field may span lines)
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            # The csv module cannot go on past such a row: it is reported alone, with its number.
            raise HearingImportError(
                [f"ligne {line} : champ trop long (plus de 128 Ko) ou illisible ({error})"]
            ) from error
        rows.append((line, {key: (value or "").strip() for key, value in row.items() if key}))
    return rows


def _lookups():
    lookups = {
        "kind": _choice_lookup(HearingPage.Kind),
        "status": _choice_lookup(HearingPage.Status),
        "organisms": {},
        "OrganismNature": _term_lookup(OrganismNature),
        "ActorFamily": _term_lookup(ActorFamily),
        "Sector": _term_lookup(Sector),
    }
    for organism in Organism.objects.all():
        lookups["organisms"][organism.name.lower()] = organism
        lookups["organisms"][organism.slug] = organism
    return lookups


def check_rows(rows):
    """[(line, cleaned data or None, [reasons])] for every row, in order: each row's errors."""
    lookups = _lookups()
    checked, seen = [], {}
    for line, row in rows:
        form = HearingRowForm(row, lookups)
        if not form.is_valid():
            reasons = []
            for field, messages in form.errors.items():
                prefix = "" if field == "__all__" else f"{field} : "
                reasons.extend(prefix + message for message in messages)
            checked.append((line, None, reasons))
            continue
        slug = form.cleaned_data["identifiant"]
        if slug in seen:
            checked.append((line, None, [f"identifiant « {slug} » déjà utilisé ligne {seen[slug]}"]))
            continue
        seen[slug] = line
        checked.append((line, form.cleaned_data, []))
    return checked


def validate(rows):
    """Clean every row; raise HearingImportError listing each bad row (number and reason)."""
    if not rows:
        raise HearingImportError(["le fichier ne contient aucune audition"])
    checked = check_rows(rows)
    errors = [f"ligne {line} : " + " ; ".join(reasons) for line, _data, reasons in checked if reasons]
    if errors:
        raise HearingImportError(errors)
    return [data for _line, data, _reasons in checked]


def hearing_fields(row, organism_names):
    """The page fields a clean row sets, its title built from the organisms' names when empty."""
    from home.typography import hearing_title  # noqa: PLC0415

    interview = row["type"] == HearingPage.Kind.INTERVIEW
    return {
        "title": row["titre"] or hearing_title(organism_names, interview=interview),
        "hearing_date": row["date"],
        "kind": row["type"],
        "status": row["statut"],
        "summary": row["resume"],
        "video_url": row["video"],
    }


def row_action(page, fields, organism_ids):
    """« create », « update » or « unchanged »: what importing a clean row does to `page` (None
    when no hearing has its identifiant). `organism_ids` has None for an organism to create."""
    if page is None:
        return "create"
    heard = [item.organism_id for item in page.organisms_heard.all()]
    if heard == organism_ids and all(getattr(page, name) == value for name, value in fields.items()):
        return "unchanged"
    return "update"


def _save_organism(spec, stats):
    organism = spec["existing"] or Organism.objects.filter(name__iexact=spec["name"]).first()
    if organism is None:
        slug = base = slugify(spec["name"])[:240] or "organisme"
        suffix = 2
        while Organism.objects.filter(slug=slug).exists():
            slug, suffix = f"{base}-{suffix}", suffix + 1
        organism = Organism.objects.create(
            name=spec["name"], slug=slug, nature=spec["nature"], family=spec["family"]
        )
        organism.sectors.set(spec["sectors"])
        stats["organisms_created"] += 1
        return organism
    changed = False
    for field in ("nature", "family"):
        if spec[field] is not None and getattr(organism, field) != spec[field]:
            setattr(organism, field, spec[field])
            changed = True
    if changed:
        organism.save()
    if spec["sectors"] is not None and set(organism.sectors.all()) != set(spec["sectors"]):
        organism.sectors.set(spec["sectors"])
        changed = True
    stats["organisms_updated"] += changed
    return organism


@transaction.atomic
def import_hearings(index, text):
    """Validate then import; returns counts. Raises HearingImportError (nothing saved) on a bad row."""
    from hearings.demo import create_hearing

    data = validate(read_rows(text))
    stats = dict.fromkeys(["created", "updated", "unchanged", "organisms_created", "organisms_updated"], 0)
    existing = {page.slug: page for page in HearingPage.objects.child_of(index)}
    for row in data:
        organisms = [_save_organism(spec, stats) for spec in row["organism_specs"]]
        fields = hearing_fields(row, [organism.name for organism in organisms])
        page = existing.get(row["identifiant"])
        action = row_action(page, fields, [organism.pk for organism in organisms])
        if action == "create":
            title = fields.pop("title")
            hearing_date = fields.pop("hearing_date")
            create_hearing(index, title, hearing_date, organisms, slug=row["identifiant"], **fields)
            stats["created"] += 1
            continue
        if action == "unchanged":
            stats["unchanged"] += 1
            continue
        heard = list(page.organisms_heard.all())
        same_organisms = [item.organism_id for item in heard] == [organism.pk for organism in organisms]
        for name, value in fields.items():
            setattr(page, name, value)
        if not same_organisms:
            speakers = {item.organism_id: item.speakers for item in heard}
            page.organisms_heard = [
                HearingOrganism(organism=organism, speakers=speakers.get(organism.pk, ""), sort_order=order)
                for order, organism in enumerate(organisms)
            ]
        revision = page.save_revision()
        if page.live:
            revision.publish()
        stats["updated"] += 1
    return stats


def preview(index, text):
    """What importing `text` would do, row by row, saving nothing: [PreviewRow]; the same checks
    and the same create / update / unchanged decision as import_hearings(). Raises
    HearingImportError when the file itself cannot be read (missing columns, unreadable row)."""
    rows = read_rows(text)
    if not rows:
        raise HearingImportError(["le fichier ne contient aucune audition"])
    existing = {page.slug: page for page in HearingPage.objects.child_of(index)}
    result = []
    for (line, raw), (_line, data, reasons) in zip(rows, check_rows(rows), strict=True):
        if reasons:
            result.append(PreviewRow(line, raw, "", reasons))
            continue
        specs = data["organism_specs"]
        known = [
            spec["existing"] or Organism.objects.filter(name__iexact=spec["name"]).first() for spec in specs
        ]
        names = [
            organism.name if organism else spec["name"] for organism, spec in zip(known, specs, strict=True)
        ]
        fields = hearing_fields(data, names)
        page = existing.get(data["identifiant"])
        action = row_action(page, fields, [organism.pk if organism else None for organism in known])
        new_organisms = [
            spec["name"] for organism, spec in zip(known, specs, strict=True) if organism is None
        ]
        result.append(PreviewRow(line, raw, action, [], title=fields["title"], new_organisms=new_organisms))
    return result


@dataclasses.dataclass
class PreviewRow:
    line: int
    raw: dict
    action: str  # "create", "update", "unchanged" or "" for a row with errors
    errors: list
    title: str = ""
    new_organisms: list = dataclasses.field(default_factory=list)
