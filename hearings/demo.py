"""Demo hearings, and the helpers that build hearings for tests and benchmarks.

The figures reproduce the progress report of 6 December 2012 (../shared/seed/): 99 hearings held
or planned (60 held, 39 planned) and 60 distinct organisms heard in the held ones; three declined
invitations are shown but not counted. Organism names, people, summaries and videos are made up.
"""

import datetime
import random
from contextlib import contextmanager

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from fpdf import FPDF
from modelsearch import signal_handlers as search_signals
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.search.backends import get_search_backend

from hearings.demo_captions import attach_demo_captions
from hearings.models import (
    ActorFamily,
    ContributionIndexPage,
    HearingContribution,
    HearingIndexPage,
    HearingOrganism,
    HearingPage,
    Organism,
    OrganismNature,
    Sector,
)
from hearings.taxonomy_terms import FAMILIES, NATURES, SECTORS, ensure_terms
from home import typography
from home.demo import get_or_create_child_page

HELD, PLANNED, DECLINED = 60, 39, 3
ORGANISMS_PLANNED_ONLY = 15  # heard only in planned hearings, after the 60 already heard

INDEX_INTRODUCTION = (
    "Les organismes, entreprises et personnalités entendus par la mission : dates, comptes rendus, "
    "vidéos et contributions écrites. Filtrez-les par nature d’organisme, famille d’acteurs, "
    "secteur, statut ou mois."
)

# « de la musique », « du cinéma »...: sector names as complements, for organism names.
SECTOR_COMPLEMENTS = {
    "musique": "de la musique",
    "cinema": "du cinéma",
    "audiovisuel": "de l’audiovisuel",
    "livre": "du livre",
    "presse": "de la presse",
    "jeu-video": "du jeu vidéo",
    "photographie": "de la photographie",
    "arts-visuels": "des arts visuels",
    "spectacle-vivant": "du spectacle vivant",
    "transversal": "du numérique",
}
NAME_PATTERNS = {
    "administration-etablissement-public": [
        "Observatoire national {de}",
        "Centre public {de}",
        "Agence de développement {de}",
        "Conservatoire numérique {de}",
    ],
    "organisation-professionnelle-syndicat": [
        "Syndicat des producteurs {de}",
        "Fédération nationale {de}",
        "Union des éditeurs {de}",
        "Chambre syndicale {de}",
    ],
    "societe-de-gestion-collective": [
        "Société civile des auteurs {de}",
        "Société de perception {de}",
        "Société des artistes-interprètes {de}",
        "Société de répartition {de}",
    ],
    "entreprise": ["Éditions {place}", "{place} Médias", "Studios {place}", "Groupe {place} Numérique"],
    "association": [
        "Association des usagers {de}",
        "Collectif des publics {de}",
        "Association des amateurs {de}",
        "Réseau des lieux {de}",
    ],
}
PLACES = [
    "Belleville", "Ménilmontant", "Croix-Rousse", "Vieux-Port", "Chartrons", "Pont-Neuf", "Batignolles",
    "Saint-Michel", "Bastide", "Capucins", "Lices", "Panier", "Mont-Blanc", "Garonne", "Vilaine",
]  # fmt: skip
FIRST_NAMES = [
    "Claire", "Julien", "Sophie", "Marc", "Isabelle", "Thomas", "Nathalie", "Laurent", "Hélène", "Olivier",
    "Camille", "François", "Anne", "Pierre-Yves", "Élise", "Nicolas", "Valérie", "Mathieu", "Agnès", "Denis",
]  # fmt: skip
LAST_NAMES = [
    "Moreau", "Lefebvre", "Garnier", "Roussel", "Fontaine", "Chevalier", "Perrin", "Marchand", "Dumas",
    "Lemaire", "Barbier", "Renaud", "Carpentier", "Vasseur", "Aubert", "Giraud", "Bertin", "Colin",
]  # fmt: skip
# Women's first names; the others are men's: a person's role agrees with their gender.
FEMININE_FIRST_NAMES = {
    "Claire", "Sophie", "Isabelle", "Nathalie", "Hélène", "Camille", "Anne", "Élise", "Valérie", "Agnès",
}  # fmt: skip
# (masculine, feminine) forms of each role.
ROLES = [
    ("président", "présidente"), ("directeur général", "directrice générale"),
    ("secrétaire général", "secrétaire générale"), ("délégué général", "déléguée générale"),
    ("responsable des affaires juridiques", "responsable des affaires juridiques"),
    ("chargé des relations institutionnelles", "chargée des relations institutionnelles"),
    ("vice-président", "vice-présidente"),
    ("directeur des affaires publiques", "directrice des affaires publiques"),
]  # fmt: skip
PERSONALITY_ROLES = [
    ("économiste", "économiste"),
    ("sociologue des usages numériques", "sociologue des usages numériques"),
    ("juriste, spécialiste du droit d’auteur", "juriste, spécialiste du droit d’auteur"),
    ("ancien producteur", "ancienne productrice"),
    ("chercheur en sciences de l’information", "chercheuse en sciences de l’information"),
    ("réalisateur", "réalisatrice"),
]


def role_for(first_name, role):
    """The form of `role` (masculine, feminine) that agrees with the person's first name."""
    return role[1] if first_name in FEMININE_FIRST_NAMES else role[0]


def get_or_create_hearing_index(home):
    """The « Auditions » page under the home page (/auditions/). Returns (page, created)."""
    existing = HearingIndexPage.objects.child_of(home).first()
    if existing is not None:
        return existing, False
    return get_or_create_child_page(
        home,
        HearingIndexPage,
        "auditions",
        title="Auditions",
        show_in_menus=True,
        introduction=INDEX_INTRODUCTION,
    )


def _term(model, value):
    return value if isinstance(value, model) else model.objects.get(slug=value)


def get_or_create_organism(name, nature, family, sectors, slug=None, **fields):
    """An organism by slug (from its name by default); nature, family and sectors are terms or
    slugs. Returns (organism, created); an existing organism is left as the team edited it."""
    slug = slug or slugify(name)[:255]
    organism = Organism.objects.filter(slug=slug).first()
    if organism is not None:
        return organism, False
    organism = Organism.objects.create(
        name=name,
        slug=slug,
        nature=_term(OrganismNature, nature),
        family=_term(ActorFamily, family),
        **fields,
    )
    organism.sectors.set([_term(Sector, sector) for sector in sectors])
    return organism, True


def create_hearing(
    index, title, hearing_date, organisms, status=HearingPage.Status.HELD, slug=None, **fields
):
    """Create a published hearing under `index`.

    `organisms` is a list of Organism or of (Organism, "speaker lines") pairs, in order. The page
    is published without a revision (as an import would): fast enough for hundreds of hearings.
    """
    slug = slug or f"{slugify(title)[:180]}-{hearing_date:%Y-%m-%d}"
    now = timezone.now()
    fields.setdefault("first_published_at", now)
    fields.setdefault("last_published_at", fields["first_published_at"])
    hearing = HearingPage(
        title=title, slug=slug, hearing_date=hearing_date, status=status, live=True, **fields
    )
    hearing.organisms_heard = [
        HearingOrganism(organism=item[0], speakers=item[1], sort_order=order)
        if isinstance(item, tuple)
        else HearingOrganism(organism=item, sort_order=order)
        for order, item in enumerate(organisms)
    ]
    index.add_child(instance=hearing)
    return hearing


@contextmanager
def bulk_search_indexing(*models):
    """Index the objects of `models` saved in the block once at its end, in bulk, instead of one
    by one from the post_save signal (which is most of the cost of creating many hearings)."""
    saved = {model: [] for model in models}

    def remember(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].append(instance)

    for model in models:
        post_save.disconnect(search_signals.post_save_signal_handler, sender=model)
        post_save.connect(remember, sender=model, weak=False)
    try:
        yield
    finally:
        for model in models:
            post_save.disconnect(remember, sender=model)
            post_save.connect(search_signals.post_save_signal_handler, sender=model)
    backend = get_search_backend()
    for model, objects in saved.items():
        if objects:
            backend.add_bulk(model, objects)


def _organism_specs(rng):
    """(name, acronym, nature slug, family slug, sector slugs, description) for every demo organism.

    Organism i has nature i mod 6, family i mod 8 and sector i mod 10, so that the 60 organisms
    heard in held hearings already cover every nature, family and sector."""
    specs, used = [], set()
    places = list(PLACES)
    rng.shuffle(places)
    total = HELD + ORGANISMS_PLANNED_ONLY + DECLINED
    for i in range(total):
        nature = NATURES[i % len(NATURES)][0]
        family = FAMILIES[i % len(FAMILIES)][0]
        sector = SECTORS[i % len(SECTORS)][0]
        sectors = [sector]
        if i % 4 == 0:
            sectors.append(SECTORS[(i * 7 + 3) % len(SECTORS)][0])
        if nature == "personnalite-qualifiee":
            while True:
                first_name = rng.choice(FIRST_NAMES)
                name = f"{first_name} {rng.choice(LAST_NAMES)}"
                if name not in used:
                    break
            acronym = ""
            role = role_for(first_name, rng.choice(PERSONALITY_ROLES))
            description = f"{role.capitalize()} (personnalité illustrative)."
        else:
            patterns = NAME_PATTERNS[nature]
            pattern = patterns[(i // len(NATURES)) % len(patterns)]
            name = pattern.format(de=SECTOR_COMPLEMENTS[sector], place=places[i % len(places)])
            if name in used:
                name = f"{name} – {places[(i * 3) % len(places)]}"
            acronym = "".join(word[0] for word in name.split() if word[0].isupper())
            acronym = acronym if len(acronym) >= 3 else ""
            description = f"Organisme illustratif du secteur {SECTOR_COMPLEMENTS[sector]}."
        used.add(name)
        specs.append((name, acronym, nature, family, sectors, description))
    return specs


def _slots(rng, first, last, count, times=((10, 0), (14, 30), (16, 30))):
    """`count` distinct working-day time slots between two dates, in order."""
    days = []
    day = first
    while day <= last:
        if day.weekday() < 5 and not (datetime.date(2012, 12, 22) <= day <= datetime.date(2013, 1, 2)):
            days.append(day)
        day += datetime.timedelta(days=1)
    slots = [(day, time) for day in days for time in times]
    chosen = sorted(rng.sample(slots, count))
    return [timezone.make_aware(datetime.datetime(d.year, d.month, d.day, h, m)) for d, (h, m) in chosen]


def _speakers(rng, organism):
    if organism.nature.slug == "personnalite-qualifiee":
        return ""
    count = rng.choice([1, 1, 2, 2, 3])
    lines = []
    for _ in range(count):
        first_name = rng.choice(FIRST_NAMES)
        lines.append(f"{first_name} {rng.choice(LAST_NAMES)}, {role_for(first_name, rng.choice(ROLES))}")
    return "\n".join(lines)


def _video_id(rng):
    return "x" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(6))


@transaction.atomic
def load_demo_hearings(home):
    """The « Auditions » section of the demo content (idempotent, fixed seed)."""
    with bulk_search_indexing(Organism, HearingPage):
        summary = _load_demo_hearings(home)
    return summary + attach_demo_captions()


def _load_demo_hearings(home):
    rng = random.Random(2012)
    ensure_terms(
        lambda name: {"OrganismNature": OrganismNature, "ActorFamily": ActorFamily, "Sector": Sector}[name]
    )
    index, _ = get_or_create_hearing_index(home)
    organisms = [
        get_or_create_organism(name, nature, family, sectors, acronym=acronym, description=description)[0]
        for name, acronym, nature, family, sectors, description in _organism_specs(rng)
    ]
    ordered = organisms

    held_dates = _slots(rng, datetime.date(2012, 10, 1), datetime.date(2012, 12, 5), HELD)
    planned_dates = _slots(rng, datetime.date(2012, 12, 10), datetime.date(2013, 1, 15), PLANNED)
    declined_dates = _slots(rng, datetime.date(2012, 11, 5), datetime.date(2012, 11, 30), DECLINED)
    interviews = {5, 17, 29, 41, HELD + 7, HELD + 20}

    plans = []
    for i, when in enumerate(held_dates):
        heard = [ordered[i]]
        if i % 12 == 11:  # a joint hearing of two organisms already heard on their own
            heard.append(ordered[(i + 5) % HELD])
        plans.append((when, HearingPage.Status.HELD, heard, i in interviews))
    for j, when in enumerate(planned_dates):
        # The first planned hearings are of new organisms, the others second hearings.
        heard = [ordered[HELD + j]] if j < ORGANISMS_PLANNED_ONLY else [ordered[(j * 7) % HELD]]
        plans.append((when, HearingPage.Status.PLANNED, heard, HELD + j in interviews))
    for k, when in enumerate(declined_dates):
        plans.append((when, HearingPage.Status.DECLINED, [ordered[HELD + ORGANISMS_PLANNED_ONLY + k]], False))

    existing = set(HearingPage.objects.child_of(index).values_list("slug", flat=True))
    created = 0
    for when, status, heard, interview in plans:
        names = " et ".join(organism.name for organism in heard)
        kind = HearingPage.Kind.INTERVIEW if interview else HearingPage.Kind.HEARING
        title = typography.hearing_title([organism.name for organism in heard], interview=interview)
        heard_names = typography.enumerate_fr(typography.with_article(organism.name) for organism in heard)
        slug = f"{slugify(heard[0].name)[:150]}-{when:%Y-%m-%d}"
        if slug in existing:
            continue
        fields = {"kind": kind}
        if status == HearingPage.Status.HELD:
            fields["summary"] = (
                f"La mission a entendu {heard_names} sur la diffusion des œuvres en ligne, le financement "
                f"de la création et la lutte contre la contrefaçon commerciale. Compte rendu illustratif."
            )
            fields["video_url"] = f"https://www.dailymotion.com/video/{_video_id(rng)}"
            fields["transcript"] = (
                f"<p><b>Pierre Lescure</b> : Merci d’avoir répondu à l’invitation de la mission.</p>"
                f"<p><b>{names}</b> : Nous souhaitons présenter nos propositions pour l’Acte II de "
                f"l’exception culturelle. (Transcription illustrative.)</p>"
            )
            fields["first_published_at"] = when + datetime.timedelta(days=2)
        elif status == HearingPage.Status.PLANNED:
            planned_title = typography.hearing_title([organism.name for organism in heard])
            fields["summary"] = planned_title.replace("Audition ", "Audition prévue ", 1) + "."
            fields["first_published_at"] = timezone.make_aware(datetime.datetime(2012, 11, 30, 12, 0))
        else:
            who = typography.with_article(heard[0].name, capital=True)
            fields["summary"] = f"{who} a décliné l’invitation de la mission."
            fields["first_published_at"] = when
        create_hearing(
            index,
            title=title,
            hearing_date=when,
            organisms=[(organism, _speakers(rng, organism)) for organism in heard],
            status=status,
            slug=slug,
            **fields,
        )
        created += 1
    return (
        f"Hearings: {HearingPage.objects.child_of(index).count()} ({created} created), "
        f"organisms: {Organism.objects.count()}"
    )


# --- Written contributions --------------------------------------------------------------------

DEMO_CONTRIBUTIONS = 6
CONTRIBUTIONS_INTRODUCTION = (
    "Les contributions écrites remises à la mission par les organismes auditionnés, publiées telles "
    "qu’ils les ont transmises. Chacune renvoie à l’audition pour laquelle elle a été remise."
)


def contribution_pdf(organism, hearing):
    """A one-page made-up contribution of `organism` (PDF bytes), drawn here: nothing downloaded."""

    def latin(text):
        # The PDF core fonts know Latin-1 only.
        return text.replace("’", "'").replace("œ", "oe").replace("«", '"').replace("»", '"')

    pdf = FPDF(format="A4")
    pdf.set_title(latin(f"Contribution écrite {typography.de(organism.name)}"))
    pdf.set_author(latin(organism.name))
    pdf.set_lang("fr")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 9, latin(f"Contribution écrite {typography.de(organism.name)}"))
    pdf.set_font("Helvetica", "", 11)
    pdf.ln(4)
    pdf.multi_cell(
        0,
        6,
        latin(
            f"Remise à la mission culture-acte 2 pour l’audition du "
            f"{timezone.localtime(hearing.hearing_date):%d/%m/%Y}. Document de démonstration : son "
            "contenu est illustratif.\n\n"
            "1. Le financement de la création doit suivre les usages : chaque nouvel acteur de la "
            "diffusion des oeuvres en ligne doit y contribuer.\n\n"
            "2. L’offre légale progressera si les catalogues sont disponibles plus tôt et à un prix "
            "lisible.\n\n"
            "3. La lutte contre la contrefaçon commerciale doit viser les sites qui en tirent profit "
            "plutôt que les internautes."
        ),
    )
    return bytes(pdf.output())


def attach_contribution(hearing, organism, title=None):
    """Attach a made-up PDF contribution of `organism` to `hearing` and publish the hearing (which
    rewrites its search documents). Returns the HearingContribution."""
    title = title or f"Contribution écrite {typography.de(organism.name)}"
    document_model = get_document_model()
    document = document_model.objects.filter(title=title).first()
    if document is None:
        collection = Collection.get_first_root_node() or Collection.add_root(name="Racine")
        document = document_model(title=title, collection=collection)
        document.file.save(
            f"contribution-{organism.slug}.pdf", ContentFile(contribution_pdf(organism, hearing))
        )
    hearing.written_contributions.add(HearingContribution(organism=organism, document=document, title=title))
    hearing.save_revision().publish()
    return HearingContribution.objects.get(page=hearing, document=document)


@transaction.atomic
def load_demo_contributions(home):
    """The « Contributions écrites » page and a made-up PDF contribution of the organism heard in
    the first held hearings (idempotent: hearings that have one are left alone)."""
    get_or_create_child_page(
        home,
        ContributionIndexPage,
        "contributions",
        title="Contributions écrites",
        introduction=CONTRIBUTIONS_INTRODUCTION,
        show_in_menus=False,
    )
    held = HearingPage.objects.live().filter(status=HearingPage.Status.HELD).order_by("hearing_date", "pk")
    for hearing in held[:DEMO_CONTRIBUTIONS]:
        if not hearing.written_contributions.exists():
            organism = hearing.organisms_heard.order_by("sort_order").first().organism
            attach_contribution(hearing, organism)
    count = HearingContribution.objects.filter(page__live=True).count()
    return f"Written contributions: {count}"
