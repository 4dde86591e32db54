"""search/html.py gives, to the byte, what the template loops it replaced gave: compared here
with those loops (kept below) on cards and facets holding every case and hostile text."""

import datetime
from types import SimpleNamespace

import pytest
from django.template import engines
from django.test import override_settings
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy

from search.engine import Result
from search.html import facet_lists, result_cards
from search.registry import OrganismName, registry

# The loops of search/templates/search/search.html before search/html.py, verbatim.
CARDS_TEMPLATE = """{% for result in results %}
                  <li class="fr-mb-3w">
                    <div class="fr-card fr-enlarge-link fr-card--sm search-result">
                      <div class="fr-card__body">
                        <div class="fr-card__content">
                          <h3 class="fr-card__title"><a href="{{ result.url }}">{{ result.page.title }}</a></h3>
                          {% if result.excerpt %}<p class="fr-card__desc search-excerpt">{{ result.excerpt }}</p>{% endif %}
                          <div class="fr-card__start">
                            <ul class="fr-tags-group">
                              <li><p class="fr-tag fr-tag--sm">{{ result.searchable_type.label }}</p></li>
                              {% if result.status %}<li><p class="fr-tag fr-tag--sm search-status">{{ result.status }}</p></li>{% endif %}
                            </ul>
                            {% if result.date %}<p class="fr-card__detail fr-icon-calendar-line">{{ result.date|date:"j F Y" }}</p>{% endif %}
                          </div>
                          <div class="fr-card__end">
                            {% if result.organisms %}
                              <p class="fr-card__detail">Organisme{{ result.organisms|pluralize }} : {% for organism in result.organisms %}{{ organism.name }}{% if organism.acronym %} ({{ organism.acronym }}){% endif %}{% if not forloop.last %}, {% endif %}{% endfor %}</p>
                            {% endif %}
                            {% if result.comment_count is not None %}
                              <p class="fr-card__detail fr-icon-chat-3-line">{{ result.comment_count }} commentaire{{ result.comment_count|pluralize }}</p>
                            {% endif %}
                          </div>
                        </div>
                      </div>
                    </div>
                  </li>
                {% endfor %}"""  # noqa: E501

FACETS_TEMPLATE = """{% for facet in facets %}
                <fieldset class="fr-fieldset" id="facet-{{ facet.name }}" aria-labelledby="facet-{{ facet.name }}-legend">
                  <legend class="fr-fieldset__legend fr-text--md" id="facet-{{ facet.name }}-legend">{{ facet.label }}</legend>
                  {% for option in facet.options %}
                    <div class="fr-fieldset__element">
                      <div class="fr-checkbox-group fr-checkbox-group--sm">
                        <input type="checkbox" id="{{ option.id }}" name="{{ facet.name }}" value="{{ option.value }}"{% if option.selected %} checked{% endif %}>
                        <label class="fr-label" for="{{ option.id }}">{{ option.label }} ({{ option.count }})</label>
                      </div>
                    </div>
                  {% endfor %}
                </fieldset>
              {% endfor %}"""  # noqa: E501

HOSTILE = "<script>alert('x')</script> & \"Cie\""


def template_output(source, **context):
    return engines["django"].from_string(source).render(context)


def cards():
    hearing, question, trip = (registry.get(slug) for slug in ("audition", "question", "deplacement"))
    page = SimpleNamespace
    return [
        Result(
            page=page(title=HOSTILE),
            searchable_type=hearing,
            url="/auditions/l-audition/?a=1&b=<2>",
            # 23:30 UTC: the next day in Paris, as the template showed it.
            date=datetime.datetime(2012, 12, 31, 23, 30, tzinfo=datetime.UTC),
            status="Réalisée",
            organisms=[OrganismName("Bêta & fils", "B<F>"), OrganismName("Alpha", "")],
            excerpt=escape("… un <mark> pas à nous") + "",
            comment_count=1,
        ),
        Result(
            page=page(title="Audition seule"),
            searchable_type=hearing,
            url="/auditions/seule/",
            date=timezone.make_aware(datetime.datetime(2024, 3, 1, 10)),
            status="",
            organisms=[OrganismName("SACEM", "SACEM")],
            excerpt="",
            comment_count=0,
        ),
        Result(
            page=page(title="Question ouverte"),
            searchable_type=question,
            url="/questions/ouverte/",
            date=datetime.date(2023, 5, 9),
            excerpt=escape("La <b>question</b>"),
            comment_count=1234,
        ),
        Result(page=page(title="Déplacement"), searchable_type=trip, url="/deplacements/lyon/"),
    ]


def facets():
    return [
        {
            "name": "type",
            "label": gettext_lazy("Type de contenu"),
            "options": [
                {"value": "audition", "label": gettext_lazy("Audition"), "count": 1, "selected": True,
                 "id": "facet-type-audition"},
                {"value": "question", "label": "Question", "count": 12_345, "selected": False,
                 "id": "facet-type-question"},
            ],
        },
        {
            "name": "secteur",
            "label": "Secteur",
            "options": [
                {"value": "a&b", "label": HOSTILE, "count": 0, "selected": False, "id": "facet-secteur-a&b"},
            ],
        },
    ]  # fmt: skip


@pytest.mark.parametrize("thousands", [False, True])
def test_result_cards_are_those_the_template_gave(thousands):
    with override_settings(USE_THOUSAND_SEPARATOR=thousands, TIME_ZONE="Europe/Paris"):
        expected = template_output(CARDS_TEMPLATE, results=cards())
        assert result_cards(cards()) == expected
    assert "1 janvier 2013" in expected
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Cie&quot;" in expected
    assert "Organismes : Bêta &amp; fils (B&lt;F&gt;), Alpha</p>" in expected
    assert "1 commentaire</p>" in expected and "0 commentaires</p>" in expected
    assert result_cards([]) == ""


@pytest.mark.parametrize("thousands", [False, True])
def test_facet_lists_are_those_the_template_gave(thousands):
    with override_settings(USE_THOUSAND_SEPARATOR=thousands):
        expected = template_output(FACETS_TEMPLATE, facets=facets())
        assert facet_lists(facets()) == expected
    assert 'value="a&amp;b"' in expected and " checked>" in expected
    assert facet_lists([]) == ""
