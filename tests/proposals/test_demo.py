import pytest
from django.core.management import call_command

from discussion.models import DiscussionComment
from proposals.models import CitedComment, ConsultationTextPage, ProposalPage, ProposalUpdate

pytestmark = pytest.mark.django_db


def test_demo_proposals_show_every_screen_and_load_once(client):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    comments = DiscussionComment.objects.count()
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert DiscussionComment.objects.count() == comments
    assert ProposalPage.objects.live().count() == 6
    assert set(ProposalPage.objects.values_list("status", flat=True)) == {
        s.value for s in ProposalPage.Status
    }
    assert ProposalUpdate.objects.count() == 5
    assert CitedComment.objects.count() >= 4

    html = client.get("/propositions/").content.decode()
    assert "6 propositions du rapport" in html and "Avancement par thème" in html
    assert "rapport-final-demonstration" in html
    cited = CitedComment.objects.select_related("proposal", "comment").first()
    page_url = cited.comment.get_absolute_url().split("#")[0]
    html = client.get(page_url).content.decode()
    assert f"Cité dans la proposition n° {cited.proposal.number}" in html
    html = client.get(cited.proposal.url).content.decode()
    assert "Ce qui a nourri cette proposition" in html and "Commentaires du public" in html
    text = ConsultationTextPage.objects.get()
    assert text.url == "/la-mission/lettre-de-mission-en-consultation/"
    html = client.get(text.url).content.decode()
    assert "mission de concertation sur les contenus numériques" in html
