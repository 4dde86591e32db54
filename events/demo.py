"""Demo content of the trips: the three trips of the progress report (Rennes, Aix-Marseille, Bordeaux).

Cities and dates come from the seed; programmes, venues, organisms and reports are illustrative. The
pictures are drawn here with Pillow, so that loading the demo never reaches the network.
"""

import datetime
import io
import random

from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image
from wagtail.models import Collection

from events.blocks import PARIS, Audience
from events.models import TripEventPage, TripHearing, TripIndexPage, TripOrganism, TripPhoto
from hearings.models import ActorFamily, HearingPage, Organism, OrganismNature, Sector
from hearings.taxonomy_terms import ensure_terms
from home.demo import get_or_create_child_page

INDEX_INTRODUCTION = (
    "Trois déplacements en province ont permis à la mission de rencontrer plus largement les acteurs "
    "du monde de la culture et du numérique, et de dialoguer avec les étudiants et le grand public."
)


def session(day, start, end, title, venue, address, audience, description, capacity=None):
    return (
        "session",
        {
            "starts_at": datetime.datetime.combine(day, start, tzinfo=PARIS),
            "ends_at": end,
            "title": title,
            "venue": {"name": venue, "address": address},
            "audience": audience,
            "description": description,
            "registration_url": "",
            "capacity": capacity,
        },
    )


T = datetime.time
RENNES_1, RENNES_2 = datetime.date(2012, 11, 8), datetime.date(2012, 11, 9)
AIX_1, AIX_2 = datetime.date(2012, 11, 27), datetime.date(2012, 11, 28)
BORDEAUX_1, BORDEAUX_2 = datetime.date(2012, 12, 12), datetime.date(2012, 12, 13)

TRIPS = [
    {
        "slug": "rennes",
        "title": "Déplacement à Rennes",
        "city": "Rennes",
        "region": "Bretagne",
        "start_date": RENNES_1,
        "end_date": RENNES_2,
        "colour": (0, 0, 145),
        "summary": "Deux jours en Bretagne avec les acteurs de la musique, de l’image et du numérique.",
        "introduction": (
            "Premier déplacement de la mission en région : deux jours à Rennes pour entendre les "
            "acteurs bretons de la culture et du numérique, échanger avec les étudiants et débattre "
            "avec le public."
        ),
        "programme": [
            session(
                RENNES_1,
                T(10),
                T(12, 30),
                "Rencontre avec les acteurs de la musique et du spectacle vivant",
                "Hôtel de Région",
                "283 avenue du Général Patton\n35000 Rennes",
                Audience.LOCAL_ACTORS,
                "Labels indépendants, salles de musiques actuelles et festivals présentent leurs "
                "usages du numérique et leurs attentes.",
            ),
            session(
                RENNES_1,
                T(14, 30),
                T(17),
                "Table ronde : images, réseaux et création numérique en Bretagne",
                "Maison de la création numérique",
                "12 rue de la Visitation\n35000 Rennes",
                Audience.LOCAL_ACTORS,
                "Producteurs audiovisuels, studios de jeu vidéo et laboratoires de recherche.",
            ),
            session(
                RENNES_2,
                T(10),
                T(12),
                "Échange avec les étudiants",
                "Université Rennes 2, campus Villejean",
                "Place du Recteur Henri Le Moal\n35000 Rennes",
                Audience.STUDENTS,
                "Les étudiants en métiers de la culture interrogent la mission sur l’accès aux œuvres "
                "en ligne.",
                capacity=200,
            ),
            session(
                RENNES_2,
                T(18, 30),
                T(20, 30),
                "Débat public : la culture à l’ère du numérique",
                "Les Champs Libres, auditorium",
                "10 cours des Alliés\n35000 Rennes",
                Audience.GENERAL_PUBLIC,
                "Entrée libre dans la limite des places disponibles.",
                capacity=350,
            ),
        ],
        "people_met": (
            "Le vice-président de la Région Bretagne chargé de la culture\n"
            "L’adjointe à la culture de la Ville de Rennes\n"
            "Le directeur régional des affaires culturelles de Bretagne"
        ),
        "organisms": [
            (
                "collectif-des-labels-independants-de-bretagne",
                "Collectif des labels indépendants de Bretagne",
                "association",
                "producteurs-editeurs",
                ["musique"],
            ),
            (
                "pole-regional-image-et-numerique-bretagne",
                "Pôle régional image et numérique de Bretagne",
                "association",
                "producteurs-editeurs",
                ["audiovisuel", "jeu-video"],
            ),
        ],
        "report": (
            "<p>À Rennes, la mission a entendu une vingtaine d’acteurs régionaux. Les labels et les salles "
            "ont souligné la fragilité des revenus tirés du streaming ; les producteurs audiovisuels ont "
            "plaidé pour une meilleure exposition des œuvres régionales sur les services en ligne.</p>"
            "<p>Les étudiants ont surtout parlé du prix des offres légales et de la chronologie des "
            "médias. Le débat public a réuni près de trois cents personnes.</p>"
        ),
    },
    {
        "slug": "aix-marseille",
        "title": "Déplacement à Aix-Marseille",
        "city": "Aix-Marseille",
        "region": "Provence-Alpes-Côte d’Azur",
        "start_date": AIX_1,
        "end_date": AIX_2,
        "colour": (206, 97, 66),
        "summary": "Le livre, le jeu vidéo et les industries créatives de Provence, un débat à Marseille.",
        "introduction": (
            "Deuxième déplacement de la mission, entre Aix-en-Provence et Marseille, à quelques semaines "
            "de Marseille-Provence 2013, capitale européenne de la culture."
        ),
        "programme": [
            session(
                AIX_1,
                T(9, 30),
                T(12),
                "Rencontre avec les acteurs du livre et de l’édition",
                "Cité du Livre",
                "8-10 rue des Allumettes\n13090 Aix-en-Provence",
                Audience.LOCAL_ACTORS,
                "Éditeurs, libraires et bibliothécaires face au livre numérique.",
            ),
            session(
                AIX_1,
                T(15),
                T(17, 30),
                "Rencontre avec le jeu vidéo et les industries créatives",
                "La Friche la Belle de Mai",
                "41 rue Jobin\n13003 Marseille",
                Audience.LOCAL_ACTORS,
                "Studios de jeu vidéo, agences et start-up de la création numérique.",
            ),
            session(
                AIX_2,
                T(10),
                T(12),
                "Échange avec les étudiants",
                "Aix-Marseille Université, faculté des lettres",
                "29 avenue Robert Schuman\n13100 Aix-en-Provence",
                Audience.STUDENTS,
                "Questions d’étudiants en lettres, en droit et en création numérique.",
                capacity=150,
            ),
            session(
                AIX_2,
                T(14),
                T(16),
                "Rencontre avec les festivals et les lieux de diffusion",
                "Théâtre du Jeu de Paume",
                "17-21 rue de l’Opéra\n13100 Aix-en-Provence",
                Audience.LOCAL_ACTORS,
                "La place du numérique dans la diffusion du spectacle vivant.",
            ),
            session(
                AIX_2,
                T(18, 30),
                T(20, 30),
                "Débat public : quelle politique culturelle à l’ère numérique ?",
                "Bibliothèque de l’Alcazar",
                "58 cours Belsunce\n13001 Marseille",
                Audience.GENERAL_PUBLIC,
                "Entrée libre dans la limite des places disponibles.",
                capacity=300,
            ),
        ],
        "people_met": (
            "La vice-présidente de la Région Provence-Alpes-Côte d’Azur chargée de la culture\n"
            "Le directeur régional des affaires culturelles de Provence-Alpes-Côte d’Azur"
        ),
        "organisms": [
            (
                "association-des-editeurs-de-provence",
                "Association des éditeurs de Provence",
                "association",
                "producteurs-editeurs",
                ["livre"],
            ),
            (
                "grappe-des-studios-de-jeu-video-mediterranee",
                "Grappe des studios de jeu vidéo Méditerranée",
                "organisation-professionnelle-syndicat",
                "producteurs-editeurs",
                ["jeu-video"],
            ),
        ],
        "report": (
            "<p>À Aix-en-Provence et à Marseille, les éditeurs et les libraires ont décrit un marché du "
            "livre numérique encore naissant et ont demandé un prix unique adapté. Les studios de jeu "
            "vidéo ont insisté sur l’accès au financement et sur la formation.</p>"
            "<p>Le débat public de l’Alcazar a porté sur la rémunération des créateurs et sur les "
            "pratiques amateurs.</p>"
        ),
    },
    {
        "slug": "bordeaux",
        "title": "Déplacement à Bordeaux",
        "city": "Bordeaux",
        "region": "Aquitaine",
        "start_date": BORDEAUX_1,
        "end_date": BORDEAUX_2,
        "colour": (24, 117, 60),
        "summary": "Cinéma, musiques actuelles et culture scientifique en Aquitaine, débat à Cap Sciences.",
        "introduction": (
            "Troisième déplacement de la mission, à Bordeaux, une semaine après la présentation du bilan "
            "d’étape par la ministre."
        ),
        "programme": [
            session(
                BORDEAUX_1,
                T(10),
                T(12, 30),
                "Rencontre avec les acteurs du cinéma et de l’audiovisuel",
                "Hôtel de Région",
                "14 rue François de Sourdis\n33000 Bordeaux",
                Audience.LOCAL_ACTORS,
                "Producteurs, exploitants de salles et diffuseurs régionaux.",
            ),
            session(
                BORDEAUX_1,
                T(15),
                T(17),
                "Rencontre avec les musiques actuelles",
                "Rock School Barbey",
                "18 cours Barbey\n33800 Bordeaux",
                Audience.LOCAL_ACTORS,
                "Salles, labels et artistes autoproduits.",
            ),
            session(
                BORDEAUX_2,
                T(10),
                T(12),
                "Échange avec les étudiants",
                "Université Michel de Montaigne Bordeaux 3",
                "Esplanade des Antilles\n33600 Pessac",
                Audience.STUDENTS,
                "Les usages culturels des étudiants et l’offre légale en ligne.",
                capacity=180,
            ),
            session(
                BORDEAUX_2,
                T(18),
                T(20),
                "Débat public : créer, diffuser, partager à l’ère numérique",
                "Cap Sciences",
                "Hangar 20, quai de Bacalan\n33300 Bordeaux",
                Audience.GENERAL_PUBLIC,
                "Entrée libre dans la limite des places disponibles.",
                capacity=250,
            ),
        ],
        "people_met": (
            "Le vice-président de la Région Aquitaine chargé de la culture\n"
            "Le directeur régional des affaires culturelles d’Aquitaine"
        ),
        "organisms": [
            (
                "reseau-aquitain-des-musiques-actuelles",
                "Réseau aquitain des musiques actuelles",
                "association",
                "distributeurs-diffuseurs",
                ["musique"],
            ),
            (
                "collectif-des-salles-de-cinema-d-aquitaine",
                "Collectif des salles de cinéma d’Aquitaine",
                "organisation-professionnelle-syndicat",
                "distributeurs-diffuseurs",
                ["cinema"],
            ),
        ],
        "report": (
            "<p>À Bordeaux, les exploitants de salles ont défendu la chronologie des médias, tandis que "
            "les artistes autoproduits ont demandé des outils de diffusion et de rémunération simples.</p>"
            "<p>Le débat public de Cap Sciences a clos le cycle des déplacements en région ; ses "
            "contributions rejoignent celles du blog participatif.</p>"
        ),
    },
]

PHOTOS = [
    ("tribune", "Illustration : une tribune de quatre intervenants face à une salle", "La tribune"),
    ("public", "Illustration : les rangées du public lors d’un échange", "Le public"),
]


def _font(size):
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # Pillow without FreeType: a small bitmap font, still legible.
        return ImageFont.load_default()


def draw_picture(kind, colour, label):
    """A flat illustration: a skyline for a cover, a stage or an audience for the gallery."""
    width, height = 1200, 675
    picture = PillowImage.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(picture)
    light = tuple(min(255, channel + 90) for channel in colour)
    rng = random.Random(label)
    if kind == "cover":
        x = 0
        while x < width:
            building = rng.randint(60, 140)
            draw.rectangle([x, height - rng.randint(180, 420), x + building - 8, height], fill=light)
            x += building
    elif kind == "tribune":
        draw.rectangle([150, 330, 1050, 380], fill=light)
        for index in range(4):
            centre = 260 + index * 230
            draw.ellipse([centre - 40, 200, centre + 40, 280], fill="white")
            draw.rectangle([centre - 55, 285, centre + 55, 330], fill="white")
        for row in range(2):
            for column in range(12):
                centre = 80 + column * 95
                draw.ellipse([centre - 25, 480 + row * 90, centre + 25, 530 + row * 90], fill=light)
    else:
        for row in range(5):
            for column in range(14):
                centre = 50 + column * 85 + (row % 2) * 40
                draw.ellipse([centre - 28, 140 + row * 100, centre + 28, 196 + row * 100], fill=light)
    draw.rectangle([0, 0, width, 110], fill="white")
    draw.text((40, 25), label, fill=colour, font=_font(56))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer


def get_or_create_image(title, filename, kind, colour, label):
    image = Image.objects.filter(title=title).first()
    if image is None:
        # After a test database flush even Wagtail's root collection is gone.
        collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
        image = Image(
            title=title,
            file=ImageFile(draw_picture(kind, colour, label), name=filename),
            collection=collection,
        )
        image.save()
    return image


def get_or_create_organism(slug, name, nature, family, sectors):
    organism, created = Organism.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "nature": OrganismNature.objects.get(slug=nature),
            "family": ActorFamily.objects.get(slug=family),
        },
    )
    if created:
        organism.sectors.set(Sector.objects.filter(slug__in=sectors))
    return organism


@transaction.atomic
def load_demo_trips(home):
    taxonomy = {"OrganismNature": OrganismNature, "ActorFamily": ActorFamily, "Sector": Sector}
    ensure_terms(taxonomy.__getitem__)
    rng = random.Random(2012)
    index, _ = get_or_create_child_page(
        home,
        TripIndexPage,
        "deplacements",
        title="Déplacements",
        show_in_menus=True,
        introduction=INDEX_INTRODUCTION,
    )
    hearing_ids = list(HearingPage.objects.live().order_by("hearing_date", "pk").values_list("pk", flat=True))
    created_count = 0
    for spec in TRIPS:
        spec = dict(spec)
        slug, colour, organisms = spec.pop("slug"), spec.pop("colour"), spec.pop("organisms")
        if TripEventPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        city = spec["city"]
        spec["picture"] = get_or_create_image(
            f"Déplacement à {city}", f"deplacement-{slug}.png", "cover", colour, city
        )
        spec["gallery_photos"] = [
            TripPhoto(
                image=get_or_create_image(
                    f"{caption} — {city}",
                    f"deplacement-{slug}-{kind}.png",
                    kind,
                    colour,
                    f"{city} - {caption}",  # the default font has no em dash
                ),
                alt_text=alt_text,
                caption=f"{caption}, {city}",
            )
            for kind, alt_text, caption in PHOTOS
        ]
        spec["organisms_met"] = [
            TripOrganism(organism=get_or_create_organism(*organism)) for organism in organisms
        ]
        spec["related_hearings"] = [
            TripHearing(hearing_id=hearing_id)
            for hearing_id in rng.sample(hearing_ids, min(2, len(hearing_ids)))
        ]
        get_or_create_child_page(index, TripEventPage, slug, **spec)
        created_count += 1
    total = TripEventPage.objects.child_of(index).count()
    return f"Trips: {total} ({created_count} created)"
