"""French typography filters (home/typography.py): {{ value|date_fr }}, {{ value|datetime_fr }},
{{ value|date_fr:"court" }} (without the weekday), {{ count|agree:"audition prévue" }} or
{{ count|agree:"cheval;chevaux" }}."""

from django import template

from home import typography

register = template.Library()


@register.filter
def date_fr(value, style=""):
    """« lundi 1er octobre 2012 »; « 1er octobre 2012 » with "court"."""
    if not value:
        return ""
    return typography.date_text(value, weekday=style != "court")


@register.filter
def datetime_fr(value, style=""):
    """« lundi 1er octobre 2012 à 14 h 30 »; without the weekday with "court"."""
    if not value:
        return ""
    return typography.datetime_text(value, weekday=style != "court")


@register.filter
def time_fr(value):
    """« 14 h 30 »."""
    return typography.time_text(value) if value else ""


@register.filter
def agree(count, forms):
    """« 0 audition prévue », « 2 auditions prévues »: `forms` is the singular, or
    "singular;plural" when the plural is not the singular with an « s »."""
    singular, _, plural = forms.partition(";")
    try:
        number = int(count)
    except (TypeError, ValueError):
        number = len(count) if hasattr(count, "__len__") else 0
    return typography.agree(number, singular, plural or None)


@register.filter
def de(name):
    """« de l’Observatoire… », « du Syndicat… », « d’Anne Moreau »."""
    return typography.de(str(name))
