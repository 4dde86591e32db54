"""Helpers that build the demo content; the same helpers serve tests and benchmarks.

Each helper is idempotent: it finds the page by its slug under its parent, creates it when it is
missing and otherwise brings its fields back to the demo values.
"""

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from home.models import HomePage, StandardPage

HOME_INTRODUCTION = (
    "Mission de concertation sur les contenus numériques et la politique culturelle à l’ère du "
    "numérique, confiée à Pierre Lescure. Suivez les auditions, répondez aux questions de la "
    "mission, venez à sa rencontre en région."
)

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
                "visiteur pendant une journée, le site calcule une empreinte chiffrée de l’adresse et "
                "du navigateur avec une clé tirée au hasard chaque jour ; cette empreinte n’est gardée "
                "qu’en mémoire jusqu’à la fin de la journée, puis la clé et l’empreinte disparaissent. "
                "Seuls des totaux anonymes sont conservés : nombre de visites et de pages vues par "
                "jour et par page. Les robots et l’équipe de la mission ne sont pas comptés.</p>"
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
        "title": "Accessibilité",
        "show_in_menus": False,
        "introduction": (
            "Le ministère de la Culture s’engage à rendre ce site accessible conformément à "
            "l’article 47 de la loi n° 2005-102 du 11 février 2005."
        ),
        "body": [
            ("heading", {"text": "État de conformité", "level": "h2"}),
            (
                "paragraph",
                "<p>Le site de la mission culture-acte 2 est <b>non conforme</b> au référentiel "
                "général d’amélioration de l’accessibilité (RGAA 4.1) : aucun audit n’a encore été "
                "réalisé. Le site utilise le système de design de l’État (DSFR) et ses pages sont "
                "vérifiées automatiquement à chaque modification.</p>",
            ),
            ("heading", {"text": "Retour d’information et contact", "level": "h2"}),
            (
                "paragraph",
                "<p>Si vous n’arrivez pas à accéder à un contenu ou à un service, vous pouvez écrire "
                "à la mission pour être orienté vers une alternative accessible ou obtenir le contenu "
                "sous une autre forme.</p>",
            ),
            ("heading", {"text": "Voies de recours", "level": "h2"}),
            (
                "paragraph",
                "<p>Si vous constatez un défaut d’accessibilité vous empêchant d’accéder à un contenu "
                "et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez saisir le "
                "Défenseur des droits.</p>",
            ),
        ],
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
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
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
        pages[slug], _ = get_or_create_child_page(parent, StandardPage, slug, **spec)
    return home, pages
