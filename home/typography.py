"""French typography in one place, for the templates (home/templatetags/typography.py), the
hearings' importer and the demo content.

- Élision and contraction before a name: « de l’Observatoire », « du Syndicat », « d’Anne Moreau ».
- Ordinal first day: « 1er octobre ».
- Agreement of a noun with its number, singular for 0 and 1: « 0 audition prévue ».
- One date format and one date-and-time format: « lundi 1er octobre 2012 à 14 h 30 ».
"""

import datetime

from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS

APOSTROPHE = "’"
VOWELS = "aàâäeéèêëiîïoôöuùûüyÿæœ"
# Words starting with a mute h (élision) among those an organism's or a person's name may start with.
MUTE_H = ("hôpital", "histoire", "heure", "hélène", "henri", "hugo", "hervé", "hortense")
# Any other h is taken as aspirated: « de la Haute Autorité », « de Hauts-de-Seine Numérique ».

# Common nouns an institution's name starts with, and their article: « l’Observatoire… »,
# « le Syndicat… », « la Fédération… », « les Éditions… ». A name starting otherwise (a person,
# a brand, an acronym) takes no article: « d’Anne Moreau », « de Belleville Médias ».
MASCULINE = {
    "observatoire", "centre", "conservatoire", "syndicat", "collectif", "réseau", "groupe", "institut",
    "office", "conseil", "ministère", "musée", "forum", "comité", "établissement", "théâtre", "orchestre",
    "collège", "mouvement", "club", "cercle", "service", "bureau", "laboratoire", "label", "festival",
    "salon", "fonds", "secrétariat", "commissariat", "département", "pôle", "regroupement", "cabinet",
    "consortium", "opéra", "studio", "haut",
}  # fmt: skip
FEMININE = {
    "agence", "fédération", "union", "chambre", "société", "association", "commission", "direction",
    "bibliothèque", "fondation", "autorité", "haute", "cinémathèque", "maison", "compagnie", "académie",
    "confédération", "coordination", "alliance", "ligue", "conférence", "délégation", "école",
    "université", "assemblée", "plateforme", "coopérative", "mutuelle", "caisse", "entreprise",
    "médiathèque", "scène", "cité", "chaîne", "radio", "revue", "mission", "fabrique",
}  # fmt: skip
PLURAL = {
    "éditions",
    "studios",
    "amis",
    "artistes",
    "auteurs",
    "producteurs",
    "éditeurs",
    "archives",
    "rencontres",
}


def starts_with_vowel_sound(word):
    lowered = word.lstrip('«“"( ').lower()
    if not lowered:
        return False
    if lowered[0] in VOWELS:
        return True
    first = lowered.split()[0].strip(",.;:")
    return lowered[0] == "h" and first in MUTE_H


def article_of(name):
    """The definite article an institution's name takes (« l’ », « le », « la », « les »), or ""."""
    first = name.split()[0].lower().strip(",.;:") if name.split() else ""
    if first in PLURAL:
        return "les"
    if first in MASCULINE or first in FEMININE:
        if starts_with_vowel_sound(name):
            return "l" + APOSTROPHE
        return "le" if first in MASCULINE else "la"
    return ""


def with_article(name, capital=False):
    """« l’Observatoire national », « le Syndicat des producteurs », « Anne Moreau »."""
    article = article_of(name)
    if not article:
        return name
    text = f"{article}{name}" if article.endswith(APOSTROPHE) else f"{article} {name}"
    return text[0].upper() + text[1:] if capital else text


def de(name):
    """The complement « de » + name, elided and contracted: « de l’Observatoire », « du Syndicat »,
    « des Éditions », « de la Fédération », « d’Anne Moreau », « de Belleville Médias »."""
    article = article_of(name)
    if article == "le":
        return f"du {name}"
    if article == "les":
        return f"des {name}"
    if article:
        return f"de {with_article(name)}"
    if starts_with_vowel_sound(name):
        return f"d{APOSTROPHE}{name}"
    return f"de {name}"


def enumerate_fr(items):
    """« a », « a et b », « a, b et c »."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} et {items[-1]}"


def hearing_title(names, interview=False):
    """The title of a hearing of these organisms: « Audition de l’Observatoire… et du Syndicat… »,
    « Entretien avec Anne Moreau »."""
    if interview:
        return "Entretien avec " + enumerate_fr(with_article(name) for name in names)
    return "Audition " + enumerate_fr(de(name) for name in names)


def agree(count, singular, plural=None):
    """« 0 audition prévue », « 1 audition prévue », « 2 auditions prévues »: French uses the
    singular below 2. `plural` defaults to each word of `singular` with an « s »."""
    if plural is None:
        plural = " ".join(word if word.endswith(("s", "x", "z")) else word + "s" for word in singular.split())
    return f"{count} {singular if abs(count) < 2 else plural}"


def day_number(day):
    return "1er" if day == 1 else str(day)


def date_text(value, weekday=True):
    """« lundi 1er octobre 2012 » (or « 1er octobre 2012 » without the weekday)."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    text = f"{day_number(value.day)} {MONTHS[value.month]} {value.year}"
    return f"{WEEKDAYS[value.weekday()]} {text}" if weekday else text


def time_text(value):
    """« 14 h 30 », « 9 h » (the French typographic hour)."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value.hour} h {value.minute:02d}" if value.minute else f"{value.hour} h"


def datetime_text(value, weekday=True):
    """« lundi 1er octobre 2012 à 14 h 30 »: the site's one date and time format."""
    return f"{date_text(value, weekday)} à {time_text(value)}"
