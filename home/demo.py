"""Helpers that build the demo content; the same helpers serve tests and benchmarks.

Each helper is idempotent: it finds the page by its slug under its parent, creates it when it is
missing and otherwise brings its fields back to the demo values.
"""

import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from fpdf import FPDF
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page, Site

from accessibility.models import AccessibilityStatementPage
from home.models import HomePage, NewsAttachment, NewsIndexPage, NewsPage, StandardPage

HOME_INTRODUCTION = (
    "Mission de concertation sur les contenus numériques et la politique culturelle à l’ère du "
    "numérique, confiée à Pierre Lescure. Suivez les auditions, répondez aux questions de la "
    "mission, venez à sa rencontre en région."
)

# The RGAA accessibility statement (« déclaration d’accessibilité »), following the official model.
# Its conformity level, rate, non-conformities, derogations and date are computed from the audit
# grid (accessibility/audit/); this editorial part describes the checks run on every change: keep it
# equal to tests/accessibility/ and .ci/run.
ACCESSIBILITY_STATEMENT = [
    ("heading", {"text": "Ce qui est vérifié à chaque modification", "level": "h2"}),
    (
        "paragraph",
        "<p>En plus de l’audit, chaque modification du site est vérifiée automatiquement avant "
        "sa mise en ligne, dans le navigateur Chromium :</p>"
        "<ul>"
        "<li>les règles des WCAG 2.1 niveaux A et AA que l’outil axe-core sait tester, en thème "
        "clair et en thème sombre : aucune erreur grave ou critique n’est acceptée ;</li>"
        "<li>la validité du code HTML, avec le validateur du W3C (Nu Html Checker) : aucune erreur "
        "n’est acceptée ;</li>"
        "<li>la navigation au clavier seul : le lien d’évitement « Contenu » mène au contenu "
        "principal, le menu principal s’atteint et s’ouvre avec les touches Tab et Entrée, y "
        "compris sur petit écran, et l’élément qui a le focus reste visible ;</li>"
        "<li>sans JavaScript, le menu principal et le fil d’Ariane restent accessibles sur petit "
        "écran ;</li>"
        "<li>l’affichage sur un écran de 320 pixels de large et avec un zoom de 200 % sans "
        "défilement horizontal.</li>"
        "</ul>"
        "<p>Les pages vérifiées sont trouvées par le site lui-même : une page de chaque type, la "
        "première page et une page du milieu de chaque liste, une liste filtrée, la recherche avec "
        "et sans résultat, et les pages d’erreur (page non trouvée, trop de demandes, service "
        "indisponible).</p>"
        "<p>Ces outils ne testent qu’une partie des critères du RGAA : la pertinence des textes "
        "alternatifs, des titres ou de l’ordre de lecture, par exemple, demande l’examen humain de "
        "l’audit.</p>",
    ),
    ("heading", {"text": "Technologies utilisées", "level": "h2"}),
    (
        "paragraph",
        "<p>HTML5, CSS et JavaScript, avec le système de design de l’État (DSFR).</p>",
    ),
    ("heading", {"text": "Retour d’information et contact", "level": "h2"}),
    (
        "paragraph",
        "<p>Si vous n’arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter la "
        "mission pour être orienté vers une alternative accessible ou obtenir le contenu sous une "
        "autre forme :</p>"
        "<ul>"
        "<li>par courrier électronique : "
        '<a href="mailto:accessibilite@culture-acte2.fr">accessibilite@culture-acte2.fr</a> ;</li>'
        "<li>par courrier : Mission culture-acte 2, ministère de la Culture et de la "
        "Communication, 3 rue de Valois, 75001 Paris.</li>"
        "</ul>",
    ),
    ("heading", {"text": "Voies de recours", "level": "h2"}),
    (
        "paragraph",
        "<p>Cette procédure est à utiliser dans le cas suivant : vous avez signalé à la mission un "
        "défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un service du site, et "
        "vous n’avez pas obtenu de réponse satisfaisante.</p>"
        "<ul>"
        "<li>Écrire un message au "
        '<a href="https://formulaire.defenseurdesdroits.fr/">Défenseur des droits</a> ;</li>'
        "<li>contacter le délégué du Défenseur des droits dans votre région ;</li>"
        "<li>envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des "
        "droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>"
        "</ul>",
    ),
]

MISSION_PAGES = [
    {
        "slug": "la-mission",
        "title": "La mission",
        "show_in_menus": True,
        "introduction": (
            "Une mission de concertation sur les contenus numériques et la politique culturelle à "
            "l’ère du numérique, confiée par le gouvernement à Pierre Lescure, ancien "
            "président-directeur général du groupe Canal+."
        ),
        "body": [
            ("heading", {"text": "L’Acte II de l’exception culturelle", "level": "h2"}),
            (
                "paragraph",
                "<p>Cette mission doit permettre de préparer « l’Acte II de l’exception culturelle », "
                "c’est-à-dire l’adaptation des mécanismes et instruments mis en place dans les années "
                "1980 pour favoriser la création et la diffusion des oeuvres culturelles, aux enjeux de "
                "la révolution numérique, qui renouvelle les contenus et transforme les relations entre "
                "créateurs, industries créatives et usagers.</p>",
            ),
            ("heading", {"text": "Le bilan d’étape du 6 décembre 2012", "level": "h2"}),
            (
                "paragraph",
                "<p>Le 6 décembre 2012, Aurélie Filippetti, ministre de la Culture et de la "
                "Communication, a présenté le bilan d’étape de la mission culture-acte 2, en présence "
                "de Pierre Lescure.</p>"
                "<p>Les contraintes d’agenda de certains auditionnés ont conduit la mission à prolonger "
                "sa phase d’auditions, qui devait s’achever fin décembre 2012, jusqu’au 15 janvier "
                "2013.</p>",
            ),
        ],
    },
    {
        "parent": "la-mission",
        "slug": "lettre-de-mission",
        "title": "Lettre de mission",
        "show_in_menus": False,
        "introduction": (
            "Par une lettre du 6 août 2012 signée de la ministre de la Culture et de la Communication, "
            "le gouvernement a confié à Pierre Lescure une « mission de concertation sur les contenus "
            "numériques et la politique culturelle à l’heure du numérique »."
        ),
        "body": [
            ("heading", {"text": "Les objectifs fixés à la mission", "level": "h2"}),
            (
                "quote",
                {
                    "text": (
                        "de favoriser le développement des œuvres et des pratiques culturelles "
                        "numériques et d’assurer l’accès de tous à celles-ci, de soutenir la création "
                        "et la diversité, de valoriser les retombées économiques pour le territoire "
                        "national et de lutter contre la contrefaçon commerciale"
                    ),
                    "author": "Lettre de mission",
                    "source": "6 août 2012",
                },
            ),
            (
                "paragraph",
                "<p>Les propositions de la mission doivent permettre d’atteindre ces objectifs en "
                "préparant « l’Acte II de l’exception culturelle » : l’adaptation aux enjeux de la "
                "révolution numérique des mécanismes mis en place dans les années 1980 pour favoriser "
                "la création et la diffusion des oeuvres.</p>",
            ),
        ],
    },
    {
        "parent": "la-mission",
        "slug": "composition-de-la-mission",
        "title": "Composition de la mission",
        "show_in_menus": False,
        "introduction": "La mission culture-acte 2 est présidée par Pierre Lescure.",
        "body": [
            ("heading", {"text": "Président de la mission", "level": "h2"}),
            (
                "paragraph",
                "<p><b>Pierre Lescure</b>, ancien président-directeur général du groupe Canal+, à qui "
                "le gouvernement a confié la mission par une lettre du 6 août 2012.</p>",
            ),
            ("heading", {"text": "L’équipe", "level": "h2"}),
            (
                "paragraph",
                "<p>La mission s’appuie sur une équipe de rapporteurs et sur le ministère de la "
                "Culture et de la Communication. Les rapporteurs lisent et analysent l’ensemble des "
                "contributions publiées sur ce site pour nourrir le rapport final.</p>",
            ),
        ],
    },
    {
        "slug": "mentions-legales",
        "title": "Mentions légales",
        "show_in_menus": False,
        "introduction": "Informations légales sur le site de la mission culture-acte 2.",
        "body": [
            ("heading", {"text": "Éditeur", "level": "h2"}),
            (
                "paragraph",
                "<p>Ministère de la Culture et de la Communication, 3 rue de Valois, 75001 Paris. "
                "Directeur de la publication : le président de la mission culture-acte 2.</p>",
            ),
            ("heading", {"text": "Données personnelles", "level": "h2"}),
            (
                "paragraph",
                "<p>Les adresses électroniques laissées pour commenter ou s’abonner servent "
                "uniquement à confirmer les contributions et à envoyer les notifications demandées. "
                "Elles ne sont jamais publiées. Vous pouvez demander leur suppression à tout "
                "moment.</p>",
            ),
            ("heading", {"text": "Cookies et mesure d’audience", "level": "h2"}),
            (
                "paragraph",
                "<p>Ce site ne dépose aucun cookie de mesure d’audience ni de suivi. La fréquentation "
                "est mesurée sans cookie et sans conserver d’adresse IP : pour reconnaître un même "
                "visiteur pendant une journée, le site calcule une empreinte chiffrée de l’adresse "
                "avec une clé tirée au hasard chaque jour ; cette empreinte n’est gardée "
                "qu’en mémoire jusqu’à la fin de la journée, puis la clé et l’empreinte disparaissent. "
                "Seuls des totaux anonymes sont conservés : nombre de visites et de pages vues par "
                "jour et par page. Chaque page vue est signalée au site par un petit script : les "
                "visiteurs dont le navigateur n’exécute pas JavaScript ne sont pas comptés, ni les "
                "robots, ni l’équipe de la mission.</p>"
                "<p>Aucun bandeau de consentement n’est donc nécessaire : rien n’est lu ni déposé "
                "sur votre terminal, aucune donnée ne permet de vous identifier ni de vous suivre "
                "d’un jour à l’autre ou d’un site à l’autre, et la mesure, strictement limitée aux "
                "statistiques agrégées de fréquentation du site, n’est partagée avec personne. C’est "
                "le cadre dans lequel la CNIL dispense la mesure d’audience de consentement.</p>",
            ),
            ("heading", {"text": "Contenus de démonstration", "level": "h2"}),
            (
                "paragraph",
                "<p>Les contenus de démonstration reprennent les faits du bilan d’étape du 6 décembre "
                "2012 ; les noms d’organismes, les comptes rendus et les commentaires sont "
                "illustratifs.</p>",
            ),
        ],
    },
    {
        "slug": "accessibilite",
        "model": AccessibilityStatementPage,
        "title": "Accessibilité",
        "show_in_menus": False,
        "introduction": (
            "Le ministère de la Culture et de la Communication s’engage à rendre ses sites internet "
            "accessibles conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005. Cette "
            "déclaration d’accessibilité s’applique au site de la mission culture-acte 2."
        ),
        "body": ACCESSIBILITY_STATEMENT,
    },
]


def get_home_page(hostname=None, port=None):
    """The site's home page, creating it (and pointing the default site at it) if needed.

    `hostname` and `port` set the default site's address, which absolute links (sitemap, feeds,
    mails) are built from."""
    home = HomePage.objects.first()
    if home is None:
        # After a test database flush even Wagtail's root page and default locale are gone.
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Racine", slug="root"))
        home = root.add_child(instance=HomePage(title="Mission culture-acte 2", slug="accueil"))
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.root_page = home
    site.site_name = "Mission culture-acte 2"
    site.hostname = hostname or site.hostname or "localhost"
    site.port = port or site.port or 80
    site.save()
    return home


def get_or_create_child_page(parent, model, slug, **fields):
    """The page `slug` under `parent`: created and published when missing, otherwise left as the
    team may have edited it. Returns (page, created)."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is not None:
        return page, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


@transaction.atomic
def load_mission_pages(hostname=None, port=None):
    home = get_home_page(hostname, port)
    if not home.introduction:
        home.introduction = HOME_INTRODUCTION
        home.save_revision().publish()
    pages = {}
    for spec in MISSION_PAGES:
        spec = dict(spec)
        parent = pages[spec.pop("parent")] if "parent" in spec else home
        slug = spec.pop("slug")
        model = spec.pop("model", StandardPage)
        pages[slug], _ = get_or_create_child_page(parent, model, slug, **spec)
    return home, pages


DEMO_REFERENCE_DATE = datetime.date(2012, 12, 6)  # the mission's progress report


def load_demo_settings(home):
    """The demo is read as on 6 December 2012 (home.MissionSettings.reference_date), so that its
    home page, statuses and figures tell the story of the progress report."""
    from home.models import MissionSettings

    site = Site.objects.filter(root_page=home).first() or Site.objects.get(is_default_site=True)
    mission_settings = MissionSettings.for_site(site)
    mission_settings.reference_date = DEMO_REFERENCE_DATE
    mission_settings.save()
    return f"Reference date: {DEMO_REFERENCE_DATE:%Y-%m-%d}"


# --- Press and news -------------------------------------------------------------------------------

NEWS_INTRODUCTION = "Les annonces et communiqués de la mission culture-acte 2."
PROGRESS_REPORT_SUMMARY = (
    "Le 6 décembre 2012, Aurélie Filippetti, ministre de la Culture et de la Communication, a présenté "
    "le bilan d’étape de la mission culture-acte 2, en présence de Pierre Lescure : 99 auditions "
    "réalisées ou prévues, trois déplacements en région, un blog participatif de 11 492 visites, "
    "295 abonnés et 248 commentaires."
)
PROGRESS_REPORT_BODY = [
    ("heading", {"text": "Les auditions", "level": "h2"}),
    (
        "paragraph",
        "<p>La mission a auditionné 60 organismes, entreprises ou personnalités. Au total, une "
        "centaine d’auditions est prévue : les 99 auditions réalisées ou prévues sont réparties par "
        "nature d’organisme, par métier / famille d’acteurs et par secteur. Les contraintes d’agenda "
        "de certains auditionnés ont conduit la mission à prolonger cette phase, qui devait "
        "s’achever fin décembre 2012, jusqu’au 15 janvier 2013.</p>",
    ),
    ("heading", {"text": "Les déplacements", "level": "h2"}),
    (
        "paragraph",
        "<p>Trois déplacements en province, à Rennes les 8 et 9 novembre, à Aix-Marseille les 27 et "
        "28 novembre et à Bordeaux les 12 et 13 décembre, permettent à la mission de rencontrer plus "
        "largement les acteurs du monde de la culture et du numérique et de dialoguer avec les "
        "étudiants et le grand public.</p>",
    ),
    ("heading", {"text": "Le blog participatif", "level": "h2"}),
    (
        "paragraph",
        "<p>Il permet de commenter les auditions mises en ligne et de donner son point de vue sur les "
        "thèmes proposés par la mission : 10 questions à ce jour, telles que « Internet a-t-il "
        "changé votre rapport à la culture et aux médias ? » ou « Combien êtes-vous prêts à payer "
        "pour une œuvre ? ».</p>"
        "<p>Depuis son ouverture, il a enregistré 11 492 visites, avec un pic en octobre, au moment "
        "des premières auditions (5 317). Il compte 295 abonnés et a donné lieu à 248 commentaires ; "
        "le sujet le plus commenté est celui sur les modes de consommation culturelle en ligne "
        "(56 commentaires). Ces contributions argumentées et ces propositions alimenteront la "
        "réflexion de la mission.</p>",
    ),
]


def press_kit_pdf():
    """The demo's press kit of the progress report: a one-page PDF drawn here, nothing downloaded."""
    pdf = FPDF(format="A4")
    pdf.set_title("Bilan d'étape de la mission culture-acte 2 - dossier de presse")
    pdf.set_lang("fr")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 9, "Bilan d'étape de la mission culture-acte 2")
    pdf.set_font("Helvetica", "", 11)
    pdf.ln(4)
    pdf.multi_cell(
        0,
        6,
        "6 décembre 2012. Dossier de presse (document de démonstration).\n\n"
        "99 auditions réalisées ou prévues ; 60 organismes, entreprises ou personnalités auditionnés.\n"
        "3 déplacements : Rennes, Aix-Marseille, Bordeaux.\n"
        "Blog participatif : 10 questions, 11 492 visites, 295 abonnés, 248 commentaires.",
    )
    return bytes(pdf.output())


def load_demo_news(home):
    """« Presse et actualités » (/presse/) with the announcement of the 6 December 2012 progress
    report, built from the seed's facts, and its press kit attached."""
    index, _ = get_or_create_child_page(
        home, NewsIndexPage, "presse", title="Presse et actualités", introduction=NEWS_INTRODUCTION
    )
    if not NewsPage.objects.child_of(index).filter(slug="bilan-d-etape-6-decembre-2012").exists():
        document_model = get_document_model()
        document = document_model(
            title="Bilan d’étape — dossier de presse",
            collection=Collection.get_first_root_node() or Collection.add_root(name="Root"),
        )
        document.file.save("bilan-d-etape-dossier-de-presse.pdf", ContentFile(press_kit_pdf()))
        get_or_create_child_page(
            index,
            NewsPage,
            "bilan-d-etape-6-decembre-2012",
            title="Aurélie Filippetti présente le bilan d’étape de la mission culture-acte 2",
            published_on=datetime.date(2012, 12, 6),
            summary=PROGRESS_REPORT_SUMMARY,
            body=PROGRESS_REPORT_BODY,
            attachments=[NewsAttachment(document=document, title="Dossier de presse du bilan d’étape")],
        )
    return f"News: {NewsPage.objects.child_of(index).count()}"
