"""Made-up demo contributions that read like the real ones: argued comments (a position, an
argument, an example or a source, a proposal) and replies that answer their parent. Every text is
composed from the parts of one theme (the questions' themes, questions.models.QuestionPage.Theme);
no two comments of the demo are the same. People, figures and surveys here are illustrative."""

# For each theme: positions, arguments, examples or sources, proposals; a comment takes one of each.
THEMES = {
    "pratiques": {
        "label": "les usages",
        "positions": [
            "Internet n’a pas remplacé mes pratiques culturelles, il les a élargies.",
            "Je découvre aujourd’hui plus d’œuvres qu’avant, mais je les écoute moins attentivement.",
            "Le streaming est devenu mon premier accès à la musique, et je ne reviendrai pas en arrière.",
            "Les réseaux sociaux font désormais office de prescripteurs, avant la presse et les libraires.",
        ],
        "arguments": [
            "Ce qui compte pour le public, c’est la disponibilité immédiate : une œuvre introuvable en "
            "ligne est une œuvre qui n’existe plus pour une partie des moins de trente ans.",
            "La recommandation automatique enferme vite dans ses goûts : on réécoute ce qu’on connaît "
            "au lieu d’être surpris.",
            "Le numérique a abaissé le coût de la découverte, mais il a déplacé la valeur vers ceux qui "
            "organisent l’accès plutôt que vers ceux qui créent.",
            "Les pratiques se cumulent plus qu’elles ne se remplacent : je vais toujours au concert, et "
            "c’est souvent une écoute en ligne qui m’y a conduit.",
        ],
        "examples": [
            "Dans ma famille, mes enfants n’ont jamais acheté un disque, mais ils connaissent des groupes "
            "que je n’aurais jamais entendus à la radio.",
            "Notre association de spectateurs a interrogé ses 300 adhérents : deux sur trois disent avoir "
            "découvert un artiste en ligne avant de le voir sur scène (enquête interne, 2012).",
            "Je tiens un petit blog de critiques : la moitié de mes lecteurs arrivent par un partage sur "
            "un réseau social, très peu par un moteur de recherche.",
            "À la médiathèque de mon quartier, les prêts de disques baissent, mais les ateliers d’écoute "
            "sont complets chaque mois.",
        ],
        "proposals": [
            "Les politiques publiques devraient soutenir la médiation (bibliothèques, festivals, critiques) "
            "autant que la production.",
            "Il faudrait que les plateformes expliquent comment leurs recommandations sont faites.",
            "Je propose que les services financés en partie par l’argent public mettent en avant la "
            "création française et européenne.",
        ],
    },
    "acces": {
        "label": "l’offre légale",
        "positions": [
            "L’offre légale progresse, mais elle reste trop éclatée pour le public.",
            "Je suis prêt à payer, à condition de pouvoir lire ou regarder ce que j’achète sur tous mes "
            "appareils.",
            "Le prix n’est pas le premier frein : c’est l’absence de certaines œuvres en ligne.",
            "Un abonnement unique à bas prix ne peut pas suffire à rémunérer toute la chaîne.",
        ],
        "arguments": [
            "Quand un film n’est disponible nulle part pendant des mois, la tentation du téléchargement "
            "illégal n’a rien d’un choix idéologique : c’est un manque d’offre.",
            "Les verrous techniques punissent surtout ceux qui achètent légalement : le pirate, lui, "
            "n’en subit aucun.",
            "Un livre numérique vendu presque au prix du papier paraît injuste au lecteur, qui ne peut "
            "ni le prêter ni le revendre.",
            "Multiplier les abonnements finit par coûter plus cher qu’un achat à l’unité, et chacun "
            "n’offre qu’une partie du catalogue.",
        ],
        "examples": [
            "J’ai cherché le mois dernier un documentaire primé en 2010 : introuvable en vidéo à la "
            "demande, alors que le DVD est épuisé.",
            "Libraire à Rennes, je vois des clients renoncer au livre numérique après un premier achat "
            "illisible sur leur liseuse.",
            "Sur les dix films que j’ai voulu revoir cette année, quatre seulement étaient proposés par "
            "une plateforme légale française.",
            "Mes étudiants citent tous le même site étranger pour les séries, parce qu’il propose les "
            "épisodes le lendemain de leur diffusion.",
        ],
        "proposals": [
            "Un portail public qui indique, œuvre par œuvre, où la trouver légalement serait un vrai "
            "service.",
            "Les aides publiques à la numérisation devraient être liées à une obligation d’exploitation "
            "en ligne.",
            "Il faut imposer l’interopérabilité des fichiers achetés : ce que j’achète doit rester lisible.",
        ],
    },
    "createurs": {
        "label": "la rémunération des créateurs",
        "positions": [
            "La rémunération des auteurs doit rester la première question de la mission.",
            "Les artistes-interprètes sont les grands perdants du passage au numérique.",
            "Je crois que le partage de la valeur entre plateformes et créateurs est aujourd’hui injuste.",
            "Les créateurs ne demandent pas la charité, mais une part lisible de ce que rapporte leur "
            "travail.",
        ],
        "arguments": [
            "Une écoute en streaming rapporte quelques millièmes d’euro à l’interprète : il faut des "
            "centaines de milliers d’écoutes pour un mois de loyer.",
            "Les contrats signés avant le numérique n’avaient pas prévu ces exploitations, et les taux "
            "appliqués sont souvent ceux du disque physique.",
            "Sans rémunération proportionnelle, seuls ceux qui ont un autre revenu peuvent continuer à "
            "créer, et la diversité en souffre.",
            "La transparence fait défaut : un auteur ne sait souvent ni combien de fois son œuvre a été "
            "vendue en ligne, ni à quel prix.",
        ],
        "examples": [
            "Musicien, j’ai reçu l’an dernier 43 euros pour un album écouté plus de 80 000 fois en ligne.",
            "Un photographe de mon collectif a retrouvé ses images dans trois magazines en ligne, sans "
            "autorisation ni paiement.",
            "Notre syndicat a relevé que la moitié des relevés de droits numériques reçus par ses "
            "membres ne détaillent pas les ventes (relevé de 2012).",
            "Une traductrice de mes amies a découvert par hasard que son texte était vendu en livre "
            "numérique depuis deux ans.",
        ],
        "proposals": [
            "Je propose une rémunération minimale garantie pour chaque exploitation numérique, négociée "
            "par branche.",
            "Les plateformes devraient fournir des relevés détaillés et vérifiables aux ayants droit.",
            "Il faudrait renégocier les taux des contrats anciens pour les exploitations en ligne.",
        ],
    },
    "financement": {
        "label": "le financement de la création",
        "positions": [
            "Le financement de la création ne peut plus reposer seulement sur les diffuseurs historiques.",
            "Ceux qui profitent de la circulation des œuvres doivent contribuer à leur financement.",
            "La copie privée finance une part importante de la création : il faut la préserver.",
            "Je doute qu’une nouvelle taxe soit la bonne réponse à la baisse des ventes.",
        ],
        "arguments": [
            "Les fournisseurs d’accès vendent des abonnements dont l’attrait tient en partie aux œuvres, "
            "sans participer à leur production.",
            "Le compte de soutien du cinéma a montré qu’un financement mutualisé peut soutenir la "
            "diversité sans dépendre du succès de chaque film.",
            "Une part des sommes de la copie privée va aux festivals et aux premières œuvres : la réduire "
            "frapperait d’abord les plus fragiles.",
            "Une taxe de plus pèserait sur le consommateur final sans garantir que l’argent revienne aux "
            "créateurs les moins connus.",
        ],
        "examples": [
            "Le festival de ma ville vit en partie de l’aide à l’action culturelle financée par la copie "
            "privée.",
            "Notre court métrage n’aurait jamais existé sans l’aide sélective du CNC.",
            "Les plateformes de vidéo étrangères proposent des catalogues français sans être soumises aux "
            "mêmes obligations d’investissement que les chaînes.",
            "Le jeu vidéo indépendant que je développe a été financé par le public sur une plateforme "
            "participative : c’est possible, mais pas pour tout le monde.",
        ],
        "proposals": [
            "Toute entreprise qui diffuse des œuvres en France devrait contribuer au financement de la "
            "création, quel que soit son pays d’établissement.",
            "Le produit des taxes devrait être affecté à la création et publié chaque année, ligne par "
            "ligne.",
            "Je propose d’étendre le modèle du compte de soutien à la musique et au jeu vidéo.",
        ],
    },
    "droit-auteur": {
        "label": "le droit d’auteur",
        "positions": [
            "La riposte graduée a surtout montré ses limites : elle punit sans rien construire.",
            "Le droit d’auteur reste légitime, mais ses exceptions doivent s’adapter aux usages.",
            "Il faut distinguer le partage entre particuliers de la contrefaçon commerciale.",
            "Je défends la protection des œuvres, à condition qu’elle vise ceux qui en tirent profit.",
        ],
        "arguments": [
            "Les sites qui vivent de la publicité autour d’œuvres piratées gagnent de l’argent : ce sont "
            "eux qu’il faut viser, pas l’adolescent qui partage un morceau.",
            "L’exception pédagogique est si étroite que les enseignants enfreignent la loi en projetant "
            "un extrait en classe.",
            "Le remix et la citation font partie de la culture numérique ; les interdire revient à "
            "interdire une forme de création.",
            "Des milliers de courriers d’avertissement n’ont pas fait remonter les ventes, alors que "
            "l’arrivée d’une offre légale simple l’a fait.",
        ],
        "examples": [
            "Enseignante, je renonce chaque année à montrer des extraits de films faute de savoir si j’en "
            "ai le droit.",
            "Une vidéo de mon association, qui reprenait dix secondes d’une chanson, a été retirée "
            "automatiquement d’une plateforme.",
            "Plusieurs sites de téléchargement payant ont été fermés à l’étranger après une enquête sur "
            "leurs revenus publicitaires : l’approche par l’argent marche.",
            "Dans notre bibliothèque, nous ne pouvons pas prêter la plupart des livres numériques que "
            "nous avons pourtant achetés.",
        ],
        "proposals": [
            "La lutte devrait se concentrer sur les intermédiaires qui financent la contrefaçon "
            "commerciale : publicité et paiement.",
            "Il faudrait une exception claire pour les usages pédagogiques et de recherche en ligne.",
            "Je propose de reconnaître les usages transformatifs non commerciaux, avec une rémunération "
            "forfaitaire des auteurs.",
        ],
    },
    "politique": {
        "label": "la politique culturelle",
        "positions": [
            "La priorité doit être l’accès de tous aux œuvres, partout sur le territoire.",
            "La politique culturelle doit soutenir la création avant de réguler la diffusion.",
            "L’exception culturelle a encore un sens à l’ère numérique, à condition d’être repensée.",
            "La diversité culturelle est menacée par la concentration des plateformes de diffusion.",
        ],
        "arguments": [
            "Dans les zones rurales mal desservies, le numérique pourrait être la seule porte d’entrée "
            "vers certaines œuvres, encore faut-il un débit suffisant.",
            "Les aides publiques profitent surtout à ceux qui savent déjà les demander : les jeunes "
            "créateurs s’y perdent.",
            "Les quotas qui ont soutenu la chanson française à la radio n’ont pas d’équivalent pour les "
            "plateformes.",
            "Une politique qui ne parle que de répression se coupe de la génération qui a grandi avec "
            "internet.",
        ],
        "examples": [
            "Dans mon village, la connexion ne permet pas de regarder un film en ligne ; la salle la plus "
            "proche est à quarante kilomètres.",
            "J’ai monté un dossier d’aide à la création : six mois et quatre formulaires pour une réponse "
            "négative sans motif.",
            "Les pages d’accueil des grandes plateformes de musique mettent rarement en avant des artistes "
            "francophones, selon un relevé fait par notre collectif sur un mois.",
            "Le Pass culture d’autres pays européens a été cité lors d’une audition : l’idée mérite "
            "d’être étudiée.",
        ],
        "proposals": [
            "Je propose que chaque aide à la création comporte un volet de diffusion numérique.",
            "Il faudrait des obligations d’exposition de la diversité pour les plateformes, comme pour "
            "la radio.",
            "Simplifier les demandes d’aide, avec un guichet unique en ligne, serait un premier pas.",
        ],
    },
}

# How a reply answers its parent: agreeing, nuancing or disagreeing, then its own argument.
REPLY_OPENINGS = [
    "{name}, je vous rejoins sur {label} : {claim}",
    "{name}, je nuancerais ce que vous dites sur {label}. Vous écrivez : « {claim} »",
    "Je ne partage pas l’avis de {name} sur {label}.",
    "Réponse à {name} : votre exemple est juste, mais il ne vaut pas partout.",
    "{name}, merci pour ce témoignage sur {label}, qui rejoint le mien.",
]


def comment_text(theme, choice):
    """An argued comment of `theme`: `choice(list)` picks each part (a position, an argument, an
    example or a source, a proposal). Returns (text, its position: what a reply takes up)."""
    parts = THEMES[theme]
    position = choice(parts["positions"])
    return " ".join(
        [position, choice(parts["arguments"]), choice(parts["examples"]), choice(parts["proposals"])]
    ), position


def reply_text(theme, parent_name, parent_claim, choice, parent_text=""):
    """A reply that answers its parent: names its author, takes up its claim, then argues with an
    argument and a proposal of its own, never one its parent already made (`parent_text`). Returns
    (text, its argument: what a reply to it takes up)."""
    parts = THEMES[theme]
    claim = parent_claim.rstrip(".")
    claim = claim[0].lower() + claim[1:]
    opening = choice(REPLY_OPENINGS).format(name=parent_name, label=parts["label"], claim=claim)
    if not opening.endswith("."):
        opening += "."
    argument = choice([text for text in parts["arguments"] if text not in parent_text] or parts["arguments"])
    proposal = choice([text for text in parts["proposals"] if text not in parent_text] or parts["proposals"])
    return " ".join([opening, argument, proposal]), argument
