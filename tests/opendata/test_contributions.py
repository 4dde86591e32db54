"""Written contributions: attached to their hearing, listed in « Contributions écrites » with
filters, their links announcing title, format and size, found by the site search; the demo
draws its PDFs itself."""

import re

import pytest
from wagtail.models import PageViewRestriction

from hearings.demo import DEMO_CONTRIBUTIONS, attach_contribution, load_demo_contributions
from hearings.models import ContributionIndexPage, HearingContribution

pytestmark = pytest.mark.django_db

INDEX = "/contributions/"
TITLE = "Pour une rémunération équitable des auteurs"


@pytest.fixture
def index(content):
    load_demo_contributions(content["home"])
    return INDEX


def listed_titles(html):
    return re.findall(
        r'class="fr-link fr-link--download download-link" download id="contribution-\d+"[^>]*>'
        r'<span class="download-link__label">([^<—]+?)(?: —|</span>)',
        html,
    )


def test_index_lists_each_contribution_with_its_organism_hearing_format_and_size(client, content, index):
    contribution = content["contribution"]
    response = client.get(index)
    assert response.status_code == 200
    html = response.content.decode()
    assert listed_titles(html) == [TITLE]
    assert f'href="{contribution.document.url}"' in html
    size = contribution.document.get_file_size()
    assert size > 500
    link = re.search(r"<a [^>]*download[^>]*>(.*?)</a>", html, re.S).group(1)
    assert TITLE in link and "PDF – 1,8\xa0Kio" in link  # title, format and size in the link
    assert "Société des auteurs test" in html
    assert f'href="{content["held"].url}"' in html  # each links to its hearing


def test_hearing_page_links_its_contribution_with_an_anchor(client, content):
    contribution = content["contribution"]
    html = client.get(content["held"].url).content.decode()
    assert f'id="contribution-{contribution.pk}"' in html
    assert "Société des auteurs test" in html[html.index(f'id="contribution-{contribution.pk}"') :][:400]


def test_filters_by_nature_family_sector_and_organism(client, content, index):
    authors, library = content["organisms"]
    attach_contribution(content["planned"], library, "Les bibliothèques et le prêt numérique")
    both = {TITLE, "Les bibliothèques et le prêt numérique"}
    assert set(listed_titles(client.get(index).content.decode())) == both
    cases = {
        f"nature={authors.nature.slug}": {TITLE},
        f"famille={library.family.slug}": {"Les bibliothèques et le prêt numérique"},
        "secteur=musique": {TITLE},
        "secteur=livre": {"Les bibliothèques et le prêt numérique"},
        f"organisme={library.slug}": {"Les bibliothèques et le prêt numérique"},
        "secteur=cinema": set(),
    }
    for query, expected in cases.items():
        assert set(listed_titles(client.get(f"{index}?{query}").content.decode())) == expected, query


def test_unknown_filter_values_are_ignored_with_a_message(client, content, index):
    for query in ("secteur=inconnu", "organisme=personne", "page=abc", "page=999"):
        response = client.get(f"{index}?{query}")
        assert response.status_code == 200, query
        assert listed_titles(response.content.decode()) == [TITLE], query
    html = client.get(f"{index}?secteur=inconnu").content.decode()
    assert "n’existe pas pour ce filtre" in html and "Ce filtre n’est pas appliqué" in html


def test_contributions_of_private_or_unpublished_hearings_are_not_listed(client, content, index):
    PageViewRestriction.objects.create(page=content["held"], restriction_type="login")
    assert listed_titles(client.get(index).content.decode()) == []


def test_found_by_search_by_title_and_by_organism(client, content):
    contribution = content["contribution"]
    for query in ("rémunération équitable", "Société des auteurs test"):
        html = client.get("/recherche/", {"q": query}).content.decode()
        assert f'href="{content["held"].url}#contribution-{contribution.pk}"' in html, query
        assert "Contribution écrite" in html
    # The type facet offers it.
    html = client.get("/recherche/", {"q": "rémunération", "type": "contribution"}).content.decode()
    assert f"#contribution-{contribution.pk}" in html


def test_demo_attaches_drawn_pdfs_to_held_hearings_once(content, index):
    assert ContributionIndexPage.objects.live().count() == 1
    contributions = HearingContribution.objects.select_related("document", "page")
    assert contributions.count() == 1  # the fixture's only held hearing already had one
    document = contributions.get().document
    with document.file.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert all(item.page.specific.status == "realisee" for item in contributions)
    load_demo_contributions(content["home"])
    assert HearingContribution.objects.count() == 1
    assert DEMO_CONTRIBUTIONS > 1


def test_pages_use_the_site_pagination_with_the_valid_filters(client, content, index, monkeypatch):
    import hearings.models

    authors, library = content["organisms"]
    for number in range(2):
        attach_contribution(content["planned"], library, f"Le prêt numérique, note {number + 1}")
    monkeypatch.setattr(hearings.models, "CONTRIBUTIONS_PER_PAGE", 1)
    html = client.get(f"{index}?organisme={library.slug}&secteur=inconnu").content.decode()
    nav = html[html.index('aria-label="Pages de contributions"') :]
    nav = nav[: nav.index("</nav>")]
    # First page: DSFR's disabled state on the way back, numbered pages, the valid filter kept.
    assert re.search(r'<a class="[^"]*--prev[^"]*" aria-disabled="true" role="link">Page précédente</a>', nav)
    assert f'href="?organisme={library.slug}&amp;page=2"' in nav
    assert "secteur=inconnu" not in nav
    second = client.get(f"{index}?organisme={library.slug}&page=2").content.decode()
    assert len(listed_titles(second)) == 1 and 'aria-current="page" title="Page 2"' in second
