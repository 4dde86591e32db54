import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from hearings.models import Sector
from home.models import HomePage
from proposals.models import ProposalPage, ReportPage

pytestmark = pytest.mark.django_db


def test_page_tree_rules():
    assert "proposals.ReportPage" in [
        f"{m._meta.app_label}.{m.__name__}" for m in HomePage.allowed_subpage_models()
    ]
    assert ReportPage.allowed_subpage_models() == [ProposalPage]
    assert ProposalPage.allowed_parent_page_models() == [ReportPage]
    assert ReportPage.max_count == 1


def test_report_lists_every_proposal_in_number_order(client, report, proposals):
    response = client.get("/propositions/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 propositions du rapport" in html
    positions = [
        html.index(p.title) for p in (proposals["music"], proposals["music_adopted"], proposals["books"])
    ]
    assert positions == sorted(positions)
    assert "Proposition n° 12" in html


def test_filters_by_theme_and_status_without_script(client, report, proposals):
    html = client.get("/propositions/?theme=musique").content.decode()
    assert "2 propositions correspondant aux filtres" in html
    assert proposals["books"].title not in html
    html = client.get("/propositions/?theme=musique&statut=retenue").content.decode()
    assert "1 proposition correspondant aux filtres" in html
    assert proposals["music_adopted"].title in html
    assert proposals["music"].title not in html


def test_theme_choices_are_the_sectors_in_use(client, report, proposals):
    html = client.get("/propositions/").content.decode()
    assert '<option value="musique"' in html and '<option value="livre"' in html
    unused = Sector.objects.exclude(slug__in=["musique", "livre"]).first()
    assert f'<option value="{unused.slug}"' not in html


@pytest.mark.parametrize(
    "query", ["theme=inconnu", "statut=%00", "page=abc", "page=999999999999999999", "theme=" + "x" * 5000]
)
def test_bad_filters_are_ignored_with_a_message(client, report, proposals, query):
    response = client.get(f"/propositions/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 propositions du rapport" in html
    if not query.startswith("page=9"):
        assert "Certains filtres n’ont pas pu être appliqués" in html


def test_proposal_page_shows_number_theme_body_and_status(client, proposals):
    proposal = proposals["books"]
    html = client.get(proposal.url).content.decode()
    assert "Proposition n° 12" in html
    assert "Livre" in html or proposal.theme.name in html
    assert "CNL" in html
    assert "Mise en œuvre" in html
    assert "?theme=livre" in html


def test_editor_cannot_give_two_proposals_the_same_number(admin_client, report, proposals):
    theme = Sector.objects.get(slug="musique")
    data = nested_form_data(
        {
            "title": "Doublon",
            "slug": "doublon",
            "number": 12,
            "status": "a-l-etude",
            "theme": theme.pk,
            "lead_body": "Ministère",
            "text": rich_text("Texte"),
            "sources": inline_formset([]),
            "cited_comments": inline_formset([]),
        }
    )
    response = admin_client.post(f"/admin/pages/add/proposals/proposalpage/{report.pk}/", data)
    assert response.status_code == 200
    assert "porte déjà ce numéro" in response.content.decode()
    data["number"] = 13
    response = admin_client.post(f"/admin/pages/add/proposals/proposalpage/{report.pk}/", data)
    assert response.status_code == 302
    assert ProposalPage.objects.filter(number=13).exists()
    assert Page.objects.filter(slug="doublon").count() == 1


def test_proposals_and_report_are_found_by_the_site_search(client, report, proposals):
    html = client.get("/recherche/?q=indisponible").content.decode()
    assert proposals["books"].title in html
    assert "Proposition" in html
    html = client.get("/recherche/?q=illustratifs").content.decode()
    assert report.title in html
    html = client.get("/recherche/?q=propositions&type=proposition&statut=mise-en-oeuvre").content.decode()
    assert "mise-en-oeuvre" in html


NOTICE = (
    "Ce rapport a été remis le lundi 13 mai 2013, après la date de référence du site (jeudi 6 décembre 2012)"
)


def test_read_before_the_report_the_report_and_proposals_say_so(client, report, proposals, reference_date):
    import datetime

    reference_date(datetime.date(2012, 12, 6))
    for url in ("/propositions/", proposals["books"].url):
        html = " ".join(client.get(url).content.decode().split())
        assert NOTICE in html, url
        assert 'class="fr-alert fr-alert--info fr-alert--sm' in html


@pytest.mark.parametrize("day", [None, "2013-05-13", "2013-09-01"])
def test_no_notice_once_the_report_exists_at_the_sites_date(client, report, proposals, reference_date, day):
    import datetime

    reference_date(datetime.date.fromisoformat(day) if day else None)
    for url in ("/propositions/", proposals["books"].url):
        html = " ".join(client.get(url).content.decode().split())
        assert "après la date de référence du site" not in html, url
