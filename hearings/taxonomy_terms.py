"""The taxonomy's starting terms, seeded by a data migration and by the demo content.

The team edits them in the admin afterwards: these lists are only where they start.
"""

NATURES = [
    ("administration-etablissement-public", "Administration et établissement public"),
    ("organisation-professionnelle-syndicat", "Organisation professionnelle ou syndicat"),
    ("societe-de-gestion-collective", "Société de gestion collective"),
    ("entreprise", "Entreprise"),
    ("association", "Association"),
    ("personnalite-qualifiee", "Personnalité qualifiée"),
]
FAMILIES = [
    ("auteurs-artistes", "Auteurs et artistes"),
    ("producteurs-editeurs", "Producteurs et éditeurs"),
    ("distributeurs-diffuseurs", "Distributeurs et diffuseurs"),
    ("plateformes-services-en-ligne", "Plateformes et services en ligne"),
    ("operateurs-fai", "Opérateurs et fournisseurs d’accès"),
    ("fabricants-materiel", "Fabricants de matériel"),
    ("consommateurs-usagers", "Consommateurs et usagers"),
    ("pouvoirs-publics-regulateurs", "Pouvoirs publics et régulateurs"),
]
SECTORS = [
    ("musique", "Musique"),
    ("cinema", "Cinéma"),
    ("audiovisuel", "Audiovisuel"),
    ("livre", "Livre"),
    ("presse", "Presse"),
    ("jeu-video", "Jeu vidéo"),
    ("photographie", "Photographie"),
    ("arts-visuels", "Arts visuels"),
    ("spectacle-vivant", "Spectacle vivant"),
    ("transversal", "Transversal"),
]

TERMS_BY_MODEL = {"OrganismNature": NATURES, "ActorFamily": FAMILIES, "Sector": SECTORS}


def ensure_terms(get_model):
    """Create the missing starting terms; `get_model(name)` returns the model (real or historical)."""
    for model_name, terms in TERMS_BY_MODEL.items():
        model = get_model(model_name)
        for order, (slug, name) in enumerate(terms):
            model.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
