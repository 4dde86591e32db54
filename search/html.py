"""The HTML of the result cards and of the facet lists of the search page, built in Python.

Through the template engine a page of results cost ~1.3 ms of CPU (ten cards of some twenty
variable lookups and filters each) and the facets ~0.9 ms (up to ~60 checkboxes of eight lookups
each), a third of the page's Python outside the search itself; here ~0.15 ms each. The
markup, line breaks and indentation included, is what the loops of search/search.html gave, so
that the page is the same to the byte.

Every value goes through `_text`, which escapes it as `{{ value }}` does (an excerpt is already
safe HTML: search/excerpts.py escapes each word).
"""

import datetime
import html

from django.conf import settings
from django.utils.dates import MONTHS
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

CARD_START = (
    '\n                  <li class="fr-mb-3w">'
    '\n                    <div class="fr-card fr-enlarge-link fr-card--sm search-result">'
    '\n                      <div class="fr-card__body">'
    '\n                        <div class="fr-card__content">'
    '\n                          <h3 class="fr-card__title"><a href="{url}">{title}</a></h3>'
    "\n                          "
)
CARD_END = (
    "\n                          </div>"
    "\n                        </div>"
    "\n                      </div>"
    "\n                    </div>"
    "\n                  </li>"
    "\n                "
)
OPTION = (
    '\n                    <div class="fr-fieldset__element">'
    '\n                      <div class="fr-checkbox-group fr-checkbox-group--sm">'
    '\n                        <input type="checkbox" id="{id}" name="{name}" value="{value}"{checked}>'
    '\n                        <label class="fr-label" for="{id}">{label} ({count})</label>'
    "\n                      </div>"
    "\n                    </div>"
    "\n                  "
)


def _text(value):
    """`{{ value }}` in a template: localised (numbers), turned to text, escaped unless safe
    (`conditional_escape`, its lazy-argument checks left out: `html.escape` is what Django's
    `escape` applies)."""
    if not isinstance(value, str):
        if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
            return str(value)  # what localize() gives then, without looking up the formats
        value = str(localize(value))
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(value)


def _plural(count):
    """`|pluralize` of a number or a list: "s" unless it is one."""
    return "" if (len(count) if isinstance(count, list | tuple) else count) == 1 else "s"


class _Dates:
    """`|date:"j F Y"` in the current time zone and language, month names translated once."""

    def __init__(self):
        self.months = {}

    def __call__(self, value):
        if isinstance(value, datetime.datetime):
            value = template_localtime(value)
        month = self.months.get(value.month)
        if month is None:
            month = self.months[value.month] = str(MONTHS[value.month])
        return _text(f"{value.day} {month} {value.year:04d}")


def result_cards(results):
    """What `{% for result in results %}…{% endfor %}` of search/search.html gave."""
    date = _Dates()
    parts = []
    for result in results:
        parts.append(CARD_START.format(url=_text(result.url), title=_text(result.page.title)))
        if result.excerpt:
            parts.append(f'<p class="fr-card__desc search-excerpt">{_text(result.excerpt)}</p>')
        parts.append(
            '\n                          <div class="fr-card__start">'
            '\n                            <ul class="fr-tags-group">'
            '\n                              <li><p class="fr-tag fr-tag--sm">'
            f"{_text(result.searchable_type.label)}</p></li>"
            "\n                              "
        )
        if result.status:
            parts.append(f'<li><p class="fr-tag fr-tag--sm search-status">{_text(result.status)}</p></li>')
        parts.append("\n                            </ul>\n                            ")
        if result.date:
            parts.append(f'<p class="fr-card__detail fr-icon-calendar-line">{date(result.date)}</p>')
        parts.append(
            '\n                          </div>\n                          <div class="fr-card__end">'
            "\n                            "
        )
        if result.organisms:
            names = ", ".join(
                _text(organism.name) + (f" ({_text(organism.acronym)})" if organism.acronym else "")
                for organism in result.organisms
            )
            parts.append(
                '\n                              <p class="fr-card__detail">'
                f"Organisme{_plural(result.organisms)} : {names}</p>\n                            "
            )
        parts.append("\n                            ")
        if result.comment_count is not None:
            count = result.comment_count
            parts.append(
                '\n                              <p class="fr-card__detail fr-icon-chat-3-line">'
                f"{_text(count)} commentaire{_plural(count)}</p>\n                            "
            )
        parts.append(CARD_END)
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped by _text


def facet_lists(facets):
    """What `{% for facet in facets %}…{% endfor %}` of search/search.html gave."""
    parts = []
    for facet in facets:
        name = _text(facet["name"])
        parts.append(
            f'\n                <fieldset class="fr-fieldset" id="facet-{name}"'
            f' aria-labelledby="facet-{name}-legend">'
            f'\n                  <legend class="fr-fieldset__legend fr-text--md" id="facet-{name}-legend">'
            f"{_text(facet['label'])}</legend>\n                  "
        )
        for option in facet["options"]:
            parts.append(
                OPTION.format(
                    id=_text(option["id"]),
                    name=name,
                    value=_text(option["value"]),
                    checked=" checked" if option["selected"] else "",
                    label=_text(option["label"]),
                    count=_text(option["count"]),
                )
            )
        parts.append("\n                </fieldset>\n              ")
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped by _text
