"""The datasets of « Données ouvertes »: for each, its description, its fields (a Table Schema)
and its rows, read from the database on request.

A row is a dict of Python values (text, numbers, booleans, dates, lists of text, None); the views
write them as CSV cells or JSON values (opendata/formats.py). Nothing here reads an email address:
comments are published with the name their author chose, removed ones without text or name.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from discussion.counts import comment_counts
from discussion.models import SHOWN, DiscussionComment
from events.blocks import Audience
from events.models import TripEventPage, live_trips
from hearings.dimensions import DIMENSIONS
from hearings.models import HearingPage, Organism, published_contributions
from hearings.queries import with_organisms
from hearings.views import hearing_record
from questions.models import QuestionPage
from stats import figures

LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence version 2.0",
    "path": settings.OPEN_LICENCE_URL,
}
LIST_SEPARATOR = " ; "
# Paris time with its offset, as ISO 8601 writes it (2012-10-04T10:00+02:00), as strptime reads it.
DATETIME_FORMAT = "%Y-%m-%dT%H:%M%z"

EVERY_EDIT = "à chaque modification par l’équipe de la mission (fichier produit à la demande)"
EVERY_COMMENT = "à chaque commentaire publié ou retiré (fichier produit à la demande)"
EVERY_DAY = "chaque jour (fichier produit à la demande)"


TYPE_LABELS = {
    "string": "texte",
    "integer": "nombre entier",
    "boolean": "booléen (oui / non)",
    "date": "date (AAAA-MM-JJ)",
    "datetime": "date et heure (AAAA-MM-JJTHH:MM+01:00)",
    "yearmonth": "mois (AAAA-MM)",
}


@dataclass
class Field:
    name: str
    type: str  # a Table Schema type: string, integer, boolean, date, datetime
    description: str
    required: bool = False
    is_list: bool = False  # several values, « ; »-separated in the CSV

    @property
    def type_label(self):
        label = TYPE_LABELS[self.type]
        return f"liste de {label}s séparés par « ; »" if self.is_list else label

    def schema(self):
        descriptor = {"name": self.name, "type": self.type, "description": self.description}
        if self.is_list:
            descriptor["description"] += f" (valeurs séparées par « {LIST_SEPARATOR.strip()} »)"
        if self.type == "boolean":
            descriptor.update(trueValues=["oui"], falseValues=["non"])
        if self.type == "datetime":
            descriptor["format"] = DATETIME_FORMAT
        if self.required:
            descriptor["constraints"] = {"required": True}
        return descriptor


@dataclass
class Dataset:
    name: str  # the file name: auditions.csv, auditions.json
    title: str
    description: str
    frequency: str
    fields: list
    rows: object  # rows(request) -> iterable of dicts
    primary_key: list = field(default_factory=list)

    def schema(self):
        schema = {"fields": [item.schema() for item in self.fields]}
        if self.primary_key:
            schema["primaryKey"] = self.primary_key
        return schema


def local(moment):
    return timezone.localtime(moment).isoformat(timespec="minutes") if moment else None


def names(terms):
    return [term.name for term in terms]


def public_pages(model):
    return model.objects.live().public()


# --- Hearings -----------------------------------------------------------------------------------


def hearing_rows(request):
    hearings = list(with_organisms(public_pages(HearingPage).order_by("hearing_date", "pk")))
    counts = comment_counts(hearings)
    for hearing in hearings:
        record = hearing_record(hearing, request)
        record["commentaires"] = counts[hearing.pk]
        yield record


HEARINGS = Dataset(
    name="auditions",
    title="Auditions",
    description=(
        "Les auditions et entretiens de la mission, prévus, réalisés, annulés ou déclinés, avec les "
        "organismes entendus et leur classement (nature, métier, secteurs)."
    ),
    frequency=EVERY_EDIT,
    primary_key=["identifiant"],
    fields=[
        Field("identifiant", "string", "Identifiant de l’audition dans l’adresse de sa page", required=True),
        Field("titre", "string", "Intitulé de l’audition", required=True),
        Field("date", "datetime", "Date et heure, heure de Paris avec son décalage", required=True),
        Field("type", "string", "« audition » ou « entretien »", required=True),
        Field("statut", "string", "prevue, realisee, annulee ou declinee", required=True),
        Field("statut_libelle", "string", "Le statut en toutes lettres"),
        Field("comptee", "boolean", "Comptée dans « auditions réalisées ou prévues »"),
        Field("organismes", "string", "Organismes entendus", is_list=True),
        Field("natures", "string", "Natures de ces organismes", is_list=True),
        Field("familles", "string", "Métiers / familles d’acteurs de ces organismes", is_list=True),
        Field("secteurs", "string", "Secteurs de ces organismes", is_list=True),
        Field("resume", "string", "Résumé"),
        Field("url", "string", "Adresse de la page de l’audition"),
        Field("commentaires", "integer", "Nombre de commentaires publiés"),
    ],
    rows=hearing_rows,
)


# --- Organisms and taxonomy -----------------------------------------------------------------------


def organism_rows(request):
    organisms = (
        Organism.objects.select_related("nature", "family")
        .prefetch_related("sectors")
        .annotate(
            auditions=Count(
                "hearings__page",
                filter=Q(hearings__page__live=True),
                distinct=True,
            )
        )
        .order_by("name")
    )
    for organism in organisms:
        yield {
            "identifiant": organism.slug,
            "nom": organism.name,
            "sigle": organism.acronym,
            "nature": organism.nature.name,
            "famille": organism.family.name,
            "secteurs": names(organism.sectors.all()),
            "site_web": organism.website,
            "presentation": organism.description,
            "auditions": organism.auditions,
        }


ORGANISMS = Dataset(
    name="organismes",
    title="Organismes",
    description=(
        "Les organismes, entreprises et personnalités auditionnés ou rencontrés par la mission, "
        "classés par nature, métier / famille d’acteurs et secteurs (voir « Taxonomie »)."
    ),
    frequency=EVERY_EDIT,
    primary_key=["identifiant"],
    fields=[
        Field("identifiant", "string", "Identifiant de l’organisme", required=True),
        Field("nom", "string", "Nom", required=True),
        Field("sigle", "string", "Sigle"),
        Field("nature", "string", "Nature d’organisme (taxonomie)", required=True),
        Field("famille", "string", "Métier / famille d’acteurs (taxonomie)", required=True),
        Field("secteurs", "string", "Secteurs (taxonomie)", is_list=True),
        Field("site_web", "string", "Site web"),
        Field("presentation", "string", "Présentation courte"),
        Field("auditions", "integer", "Nombre d’auditions publiées où l’organisme a été entendu"),
    ],
    rows=organism_rows,
)


def taxonomy_rows(request):
    for dimension in DIMENSIONS:
        for term in dimension.model.objects.order_by("sort_order", "name"):
            yield {
                "dimension": dimension.param,
                "dimension_libelle": str(dimension.model._meta.verbose_name),
                "identifiant": term.slug,
                "nom": term.name,
                "description": term.description,
                "ordre": term.sort_order,
            }


TAXONOMY = Dataset(
    name="taxonomie",
    title="Taxonomie des organismes",
    description=(
        "Les trois classements des organismes : nature, métier / famille d’acteurs, secteur ; "
        "chaque terme avec l’identifiant qui filtre la liste des auditions (?secteur=musique)."
    ),
    frequency=EVERY_EDIT,
    primary_key=["dimension", "identifiant"],
    fields=[
        Field("dimension", "string", "nature, famille ou secteur (le paramètre de filtre)", required=True),
        Field("dimension_libelle", "string", "Le classement en toutes lettres"),
        Field("identifiant", "string", "Identifiant du terme", required=True),
        Field("nom", "string", "Nom du terme", required=True),
        Field("description", "string", "Description"),
        Field("ordre", "integer", "Ordre d’affichage"),
    ],
    rows=taxonomy_rows,
)


# --- Questions, trips ------------------------------------------------------------------------------


def question_rows(request):
    questions = list(public_pages(QuestionPage).order_by("asked_on", "pk"))
    counts = comment_counts(questions)
    today = timezone.localdate()
    for question in questions:
        yield {
            "identifiant": question.slug,
            "question": question.title,
            "theme": question.get_theme_display(),
            "posee_le": question.asked_on,
            "close_le": question.closes_on,
            "ouverte": question.is_open(today),
            "introduction": question.introduction,
            "commentaires": counts[question.pk],
            "url": question.get_full_url(request),
        }


QUESTIONS = Dataset(
    name="questions",
    title="Questions posées au public",
    description="Les questions du blog participatif, avec leur thème, leurs dates et leurs réponses.",
    frequency=EVERY_EDIT,
    primary_key=["identifiant"],
    fields=[
        Field("identifiant", "string", "Identifiant de la question", required=True),
        Field("question", "string", "La question", required=True),
        Field("theme", "string", "Thème"),
        Field("posee_le", "date", "Date à laquelle elle a été posée", required=True),
        Field("close_le", "date", "Dernier jour pour répondre (vide : sans limite)"),
        Field("ouverte", "boolean", "Encore ouverte aux réponses aujourd’hui"),
        Field("introduction", "string", "Introduction"),
        Field("commentaires", "integer", "Nombre de commentaires publiés"),
        Field("url", "string", "Adresse de la page"),
    ],
    rows=question_rows,
)


def trip_rows(request):
    trips = list(
        live_trips()
        .prefetch_related(Prefetch("organisms_met__organism", queryset=Organism.objects.order_by()))
        .order_by("start_date", "pk")
    )
    counts = comment_counts(trips)
    for trip in trips:
        yield {
            "identifiant": trip.slug,
            "titre": trip.title,
            "ville": trip.city,
            "region": trip.region,
            "date_debut": trip.start_date,
            "date_fin": trip.end_date,
            "statut": trip.status(),
            "resume": trip.summary,
            "organismes": [str(item.organism) for item in trip.organisms_met.all()],
            "commentaires": counts[trip.pk],
            "url": trip.get_full_url(request),
        }


TRIPS = Dataset(
    name="deplacements",
    title="Déplacements",
    description="Les déplacements de la mission en région, avec les organismes rencontrés.",
    frequency=EVERY_EDIT,
    primary_key=["identifiant"],
    fields=[
        Field("identifiant", "string", "Identifiant du déplacement", required=True),
        Field("titre", "string", "Intitulé", required=True),
        Field("ville", "string", "Ville", required=True),
        Field("region", "string", "Région"),
        Field("date_debut", "date", "Premier jour", required=True),
        Field("date_fin", "date", "Dernier jour", required=True),
        Field("statut", "string", "a-venir, en-cours ou passe (aujourd’hui)"),
        Field("resume", "string", "Résumé en une ligne"),
        Field("organismes", "string", "Organismes rencontrés", is_list=True),
        Field("commentaires", "integer", "Nombre de commentaires publiés"),
        Field("url", "string", "Adresse de la page"),
    ],
    rows=trip_rows,
)

AUDIENCES = dict(Audience.CHOICES)


def programme_rows(request):
    for trip in live_trips().order_by("start_date", "pk"):
        for number, block in enumerate(trip.session_blocks(), start=1):
            session = block.value
            yield {
                "deplacement": trip.slug,
                "seance": number,
                "debut": local(session.starts_at_paris()),
                "fin": local(session.ends_at_paris()),
                "intitule": session["title"],
                "lieu": session["venue"]["name"],
                "adresse_du_lieu": " ".join(session["venue"]["address"].split()),
                "public": str(AUDIENCES.get(session["audience"], session["audience"])),
                "description": session["description"],
                "inscription": session["registration_url"],
                "places": session["capacity"],
            }


PROGRAMME = Dataset(
    name="programme-des-deplacements",
    title="Programme des déplacements",
    description="Les séances de chaque déplacement, dans l’ordre du programme.",
    frequency=EVERY_EDIT,
    primary_key=["deplacement", "seance"],
    fields=[
        Field("deplacement", "string", "Identifiant du déplacement (voir « Déplacements »)", required=True),
        Field("seance", "integer", "Numéro de la séance dans le programme", required=True),
        Field("debut", "datetime", "Début, heure de Paris", required=True),
        Field("fin", "datetime", "Fin, heure de Paris"),
        Field("intitule", "string", "Intitulé", required=True),
        Field("lieu", "string", "Lieu"),
        Field("adresse_du_lieu", "string", "Adresse du lieu"),
        Field("public", "string", "Public attendu"),
        Field("description", "string", "Description"),
        Field("inscription", "string", "Lien d’inscription"),
        Field("places", "integer", "Nombre de places (vide : sans limite)"),
    ],
    rows=programme_rows,
)


# --- Comments -------------------------------------------------------------------------------------

COMMENTABLE = (HearingPage, QuestionPage, TripEventPage)


def comment_rows(request):
    pages = {}
    for model in COMMENTABLE:
        for page in public_pages(model):
            pages[str(page.pk)] = page
    comments = (
        DiscussionComment.objects.filter(SHOWN, object_pk__in=list(pages))
        .only(
            "pk", "object_pk", "parent_id", "level", "user_name", "comment", "published_at", "submit_date",
            "is_public", "is_removed", "hidden_by_flags", "removal_reason", "is_mission_answer",
            "is_remarkable", "like_count",
        )
        .order_by("published_at", "pk")
    )  # fmt: skip
    for comment in comments.iterator(chunk_size=2000):
        page = pages[comment.object_pk]
        published = comment.is_published
        if published:
            state = "publie"
        elif comment.is_removed:
            state = "retire"
        else:
            state = "masque"
        yield {
            "identifiant": comment.pk,
            "page": page.title,
            "type_de_page": str(page._meta.verbose_name),
            "page_url": page.get_full_url(request),
            "reponse_a": comment.parent_id if comment.parent_id != comment.pk else None,
            "niveau": comment.level,
            "publie_le": local(comment.published_at),
            "etat": state,
            "motif_du_retrait": comment.get_removal_reason_display() if comment.is_removed else "",
            "auteur": comment.public_name if published else "",
            "texte": comment.comment if published else "",
            "reponse_de_la_mission": published and comment.is_mission_answer,
            "contribution_remarquable": published and comment.is_remarkable,
            "j_aime": comment.like_count,
        }


COMMENTS = Dataset(
    name="commentaires",
    title="Commentaires publiés",
    description=(
        "Les commentaires publiés sur les auditions, les questions et les déplacements, avec le nom ou "
        "pseudonyme choisi par leur auteur et jamais son adresse. Un commentaire retiré par la "
        "modération reste une ligne, avec son motif, sans texte ni nom ; un commentaire masqué en "
        "attendant un modérateur aussi."
    ),
    frequency=EVERY_COMMENT,
    primary_key=["identifiant"],
    fields=[
        Field("identifiant", "integer", "Numéro du commentaire (ancre #c<numéro> de la page)", required=True),
        Field("page", "string", "Titre de la page commentée", required=True),
        Field("type_de_page", "string", "audition, question ou déplacement"),
        Field("page_url", "string", "Adresse de la page commentée"),
        Field("reponse_a", "integer", "Numéro du commentaire auquel il répond (vide : nouveau fil)"),
        Field("niveau", "integer", "Profondeur dans le fil (0 : premier commentaire)"),
        Field("publie_le", "datetime", "Date de publication, heure de Paris"),
        Field("etat", "string", "publie, retire (par la modération) ou masque (en attente d’un modérateur)"),
        Field(
            "motif_du_retrait", "string", "Motif choisi par la modération (voir la charte de participation)"
        ),
        Field("auteur", "string", "Nom ou pseudonyme choisi par l’auteur (vide si retiré)"),
        Field("texte", "string", "Texte du commentaire (vide si retiré)"),
        Field("reponse_de_la_mission", "boolean", "Réponse de la mission"),
        Field("contribution_remarquable", "boolean", "Signalée comme remarquable par la mission"),
        Field("j_aime", "integer", "Nombre de « j’aime »"),
    ],
    rows=comment_rows,
)


# --- Written contributions ------------------------------------------------------------------------


def contribution_rows(request):
    for contribution in published_contributions():
        organism, document, hearing = contribution.organism, contribution.document, contribution.page
        yield {
            "identifiant": contribution.pk,
            "titre": contribution.display_title,
            "organisme": str(organism),
            "nature": organism.nature.name,
            "famille": organism.family.name,
            "secteurs": names(organism.sectors.all()),
            "audition": hearing.slug,
            "date_audition": local(hearing.hearing_date),
            "format": document.file_extension.upper(),
            "taille_octets": document.get_file_size(),
            "document_url": request.build_absolute_uri(document.url),
            "audition_url": hearing.get_full_url(request),
        }


CONTRIBUTIONS = Dataset(
    name="contributions-ecrites",
    title="Contributions écrites",
    description=(
        "Les métadonnées des contributions écrites remises par les organismes auditionnés : titre, "
        "organisme et son classement, audition, format, taille et adresse du document."
    ),
    frequency=EVERY_EDIT,
    primary_key=["identifiant"],
    fields=[
        Field("identifiant", "integer", "Numéro de la contribution", required=True),
        Field("titre", "string", "Titre", required=True),
        Field("organisme", "string", "Organisme qui l’a remise", required=True),
        Field("nature", "string", "Nature de l’organisme"),
        Field("famille", "string", "Métier / famille d’acteurs de l’organisme"),
        Field("secteurs", "string", "Secteurs de l’organisme", is_list=True),
        Field("audition", "string", "Identifiant de l’audition (voir « Auditions »)", required=True),
        Field("date_audition", "datetime", "Date de l’audition, heure de Paris"),
        Field("format", "string", "Format du fichier (PDF…)"),
        Field("taille_octets", "integer", "Taille du fichier en octets"),
        Field("document_url", "string", "Adresse du document"),
        Field("audition_url", "string", "Adresse de la page de l’audition"),
    ],
    rows=contribution_rows,
)


# --- Key figures by month --------------------------------------------------------------------------


def _month_end(month):
    return (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)


def key_figure_rows(request):
    visits = {month.month: month for month in figures.visits_per_month().months}
    dates = [*visits]
    first_hearing = public_pages(HearingPage).order_by("hearing_date").values_list("hearing_date", flat=True)
    last_hearing = public_pages(HearingPage).order_by("-hearing_date").values_list("hearing_date", flat=True)
    for moment in (first_hearing.first(), last_hearing.first()):
        if moment:
            dates.append(timezone.localtime(moment).date())
    if not dates:
        return
    for month in figures.month_range(min(dates), max(dates)):
        end = _month_end(month)
        hearings = figures.hearing_figures(month, end)
        seen = visits.get(month)
        yield {
            "mois": month.strftime("%Y-%m"),
            "auditions_realisees": hearings.held,
            "auditions_prevues": hearings.planned,
            "organismes_auditionnes": hearings.organisms_heard,
            "questions_posees": figures.questions_count(month, end),
            "commentaires_publies": figures.comments_count(month, end),
            "deplacements": figures.trips_count(month, end),
            "abonnes_fin_de_mois": figures.subscribers_count(None, end),
            "visites": seen.visits if seen else 0,
            "pages_vues": seen.views if seen else 0,
        }


KEY_FIGURES = Dataset(
    name="chiffres-cles-par-mois",
    title="Chiffres clés par mois",
    description=(
        "Les chiffres de la page « Chiffres clés », mois par mois : auditions (par leur date), "
        "questions posées, commentaires publiés, déplacements commencés, abonnés, fréquentation "
        "mesurée sans cookie."
    ),
    frequency=EVERY_DAY,
    primary_key=["mois"],
    fields=[
        Field("mois", "yearmonth", "Le mois (AAAA-MM)", required=True),
        Field("auditions_realisees", "integer", "Auditions réalisées ce mois-là"),
        Field("auditions_prevues", "integer", "Auditions prévues ce mois-là"),
        Field(
            "organismes_auditionnes", "integer", "Organismes distincts entendus lors des auditions réalisées"
        ),
        Field("questions_posees", "integer", "Questions posées au public"),
        Field("commentaires_publies", "integer", "Commentaires publiés (écrits ce mois-là)"),
        Field("deplacements", "integer", "Déplacements commencés"),
        Field("abonnes_fin_de_mois", "integer", "Abonnés confirmés à la fin du mois, désabonnés exclus"),
        Field("visites", "integer", "Visites"),
        Field("pages_vues", "integer", "Pages vues"),
    ],
    rows=key_figure_rows,
)

DATASETS = [HEARINGS, ORGANISMS, TAXONOMY, QUESTIONS, TRIPS, PROGRAMME, COMMENTS, KEY_FIGURES, CONTRIBUTIONS]
# The proposals' datasets live with them; imported last, as they build on Dataset and Field above.
from proposals.opendata import PROPOSAL_DATASETS  # noqa: E402

DATASETS += PROPOSAL_DATASETS
BY_NAME = {dataset.name: dataset for dataset in DATASETS}
