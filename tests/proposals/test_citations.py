import pytest
from django.template.loader import render_to_string
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from discussion import services
from discussion.demo import create_comment
from hearings.models import Sector
from proposals.models import CitedComment, ProposalPage, ProposalSource
from stats.figures import key_figures, proposal_figures
from tests.discussion.conftest import make_hearing

pytestmark = pytest.mark.django_db


@pytest.fixture
def hearing(report):
    return make_hearing(slug="audition-musique", title="Audition des musiciens")


@pytest.fixture
def comments(hearing):
    return {
        "cited": create_comment(hearing, "Il faut un fonds pour la musique en ligne.", name="Claire"),
        "other": create_comment(hearing, "Un autre avis.", name="Paul"),
    }


def proposal_form(report, hearing, comment, number=12):
    return nested_form_data(
        {
            "title": "Créer un fonds pour la musique en ligne",
            "slug": "fonds-musique",
            "number": number,
            "status": "a-l-etude",
            "theme": Sector.objects.get(slug="musique").pk,
            "lead_body": "Ministère de la Culture",
            "text": rich_text("Un fonds alimenté par les acteurs du numérique."),
            "sources": inline_formset([{"page": hearing.pk}]),
            "cited_comments": inline_formset([{"comment": comment.pk}]),
            "action-publish": "publish",
        }
    )


def test_editor_links_sources_and_every_cited_contribution_says_so(
    admin_client, client, report, hearing, comments
):
    response = admin_client.post(
        f"/admin/pages/add/proposals/proposalpage/{report.pk}/",
        proposal_form(report, hearing, comments["cited"]),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    proposal = ProposalPage.objects.get(number=12)
    assert proposal.live
    assert list(proposal.sources.values_list("page_id", flat=True)) == [hearing.pk]

    html = client.get(proposal.url).content.decode()
    assert "Ce qui a nourri cette proposition" in html
    assert "Audition des musiciens" in html
    assert "Il faut un fonds pour la musique en ligne." in html
    assert f"{hearing.url}#c{comments['cited'].pk}" in html

    html = client.get(hearing.url).content.decode()
    # Once for the hearing itself, once on the cited comment; the other comment is not marked.
    assert html.count("Cité dans la proposition n° 12") == 2
    assert f'href="{proposal.url}"' in html
    cited_at = html.index(f'id="c{comments["cited"].pk}"')
    other_at = html.index(f'id="c{comments["other"].pk}"')
    # The marker on the comment sits inside the cited comment's article.
    article = html[cited_at : html.index("</article>", cited_at)]
    assert "Cité dans la proposition n° 12" in article
    article = html[other_at : html.index("</article>", other_at)]
    assert "Cité dans la proposition n° 12" not in article


def test_a_draft_or_unpublished_proposal_cites_nothing_publicly(client, report, hearing, comments):
    proposal = ProposalPage(
        title="Brouillon",
        slug="brouillon",
        number=3,
        theme=Sector.objects.get(slug="musique"),
        lead_body="Ministère",
        text="<p>x</p>",
        live=False,
    )
    proposal.sources.add(ProposalSource(page=hearing))
    proposal.cited_comments.add(CitedComment(comment=comments["cited"]))
    report.add_child(instance=proposal)
    assert "Cité dans la proposition" not in client.get(hearing.url).content.decode()
    proposal.save_revision().publish()
    assert "Cité dans la proposition n° 3" in client.get(hearing.url).content.decode()
    proposal.refresh_from_db()
    proposal.unpublish()
    assert "Cité dans la proposition" not in client.get(hearing.url).content.decode()


def test_a_removed_comment_is_no_longer_shown_as_a_source(client, report, hearing, comments):
    proposal = ProposalPage(
        title="Fonds",
        slug="fonds",
        number=4,
        theme=Sector.objects.get(slug="musique"),
        lead_body="Ministère",
        text="<p>x</p>",
    )
    proposal.cited_comments.add(CitedComment(comment=comments["cited"]))
    report.add_child(instance=proposal)
    proposal.save_revision().publish()
    assert "Il faut un fonds" in client.get(proposal.url).content.decode()
    assert proposal_figures().contributions_cited == 1
    services.remove(comments["cited"], "hors-sujet")
    assert "Il faut un fonds" not in client.get(proposal.url).content.decode()
    assert proposal_figures().contributions_cited == 0


def test_the_admin_refuses_an_unpublished_comment(admin_client, report, hearing, comments):
    held = create_comment(hearing, "En attente.", name="Léa", is_public=False)
    response = admin_client.post(
        f"/admin/pages/add/proposals/proposalpage/{report.pk}/", proposal_form(report, hearing, held)
    )
    assert response.status_code == 200
    assert not ProposalPage.objects.filter(number=12).exists()


def test_comment_chooser_finds_published_comments_by_page_and_text(admin_client, report, hearing, comments):
    held = create_comment(hearing, "Musique en attente.", name="Léa", is_public=False)
    response = admin_client.get("/admin/propositions/commentaires/results/?page_title=musiciens&q=musique")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Il faut un fonds" in html
    assert "Un autre avis" not in html
    assert "Musique en attente" not in html
    assert "Audition des musiciens" in html
    response = admin_client.get("/admin/propositions/commentaires/results/?page_title=inconnue")
    assert "Il faut un fonds" not in response.content.decode()
    assert held.pk


def test_key_figures_count_proposals_and_cited_contributions(client, report, proposals, hearing, comments):
    cited = proposals["books"]
    cited.cited_comments.add(CitedComment(comment=comments["cited"]))
    cited.cited_comments.add(CitedComment(comment=comments["other"]))
    cited.save_revision().publish()
    proposals["music"].sources.add(ProposalSource(page=hearing))
    proposals["music"].save_revision().publish()
    figures = key_figures().proposals
    assert (figures.proposals, figures.citing_public, figures.contributions_cited) == (3, 1, 2)
    assert figures.citing_public_percent == 33
    html = render_to_string("proposals/includes/key_figures.html", {"proposal_figures": figures})
    assert "propositions dans le rapport" in html
    assert "33" in html and "des propositions citent au moins une contribution du public (1 sur 3)" in html


def test_thread_citations_cost_one_query_whatever_the_number_of_cited_comments(client, report, hearing):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries():
        """The queries reading the proposals' tables (the rest of the page is not ours to pin)."""
        with CaptureQueriesContext(connection) as queries:
            assert client.get(hearing.url).status_code == 200
        return len([query for query in queries if "proposals_" in query["sql"]])

    proposal = ProposalPage(
        title="Fonds",
        slug="fonds",
        number=4,
        theme=Sector.objects.get(slug="musique"),
        lead_body="Ministère",
        text="<p>x</p>",
    )
    report.add_child(instance=proposal)
    first = create_comment(hearing, "Premier.", name="A")
    proposal.cited_comments.add(CitedComment(comment=first))
    proposal.save_revision().publish()
    count_queries()
    few = count_queries()
    for number in range(8):
        comment = create_comment(hearing, f"Avis {number}.", name=f"N{number}")
        proposal.cited_comments.add(CitedComment(comment=comment))
    proposal.save_revision().publish()
    count_queries()
    assert count_queries() == few <= 4
    assert client.get(hearing.url).content.decode().count("Cité dans la proposition n° 4") == 9


def test_the_edit_form_offers_the_page_and_comment_choosers(admin_client, proposals, hearing, comments):
    proposal = proposals["books"]
    proposal.cited_comments.add(CitedComment(comment=comments["cited"]))
    proposal.save_revision().publish()
    response = admin_client.get(f"/admin/pages/{proposal.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choisir un commentaire" in html or "Choisir un autre commentaire" in html
    assert "/admin/propositions/commentaires/" in html
    assert "Claire : Il faut un fonds" in html
