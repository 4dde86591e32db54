import re
from datetime import UTC, datetime

import pytest
from django.core import mail

from discussion.forms import CommentForm
from hearings.models import (
    ActorFamily,
    HearingIndexPage,
    HearingOrganism,
    HearingPage,
    Organism,
    OrganismNature,
)
from home.demo import get_home_page, get_or_create_child_page, load_mission_pages

CONFIRM_LINK = re.compile(r"https?://[^\s]+/commentaires/confirmer/[^\s/]+/")


def make_hearing(slug="audition-sacd", title="Audition de la SACD", **fields):
    load_mission_pages()
    home = get_home_page()
    index, _ = get_or_create_child_page(home, HearingIndexPage, "auditions", title="Auditions")
    nature = OrganismNature.objects.first() or OrganismNature.objects.create(name="Société", slug="societe")
    family = ActorFamily.objects.first() or ActorFamily.objects.create(name="Auteurs", slug="auteurs")
    organism, _ = Organism.objects.get_or_create(
        slug=f"org-{slug}", defaults={"name": f"Organisme {slug}", "nature": nature, "family": family}
    )
    hearing = HearingPage(
        title=title,
        slug=slug,
        hearing_date=datetime(2012, 10, 2, 10, tzinfo=UTC),
        status=HearingPage.Status.HELD,
        summary="Résumé de l’audition.",
        **fields,
    )
    hearing.organisms_heard.add(HearingOrganism(organism=organism, speakers="Une personne"))
    index.add_child(instance=hearing)
    hearing.save_revision().publish()
    return HearingPage.objects.get(pk=hearing.pk)


@pytest.fixture
def hearing(db):
    return make_hearing()


def form_data(page, comment="Un avis argumenté.", name="Claire", email="claire@example.org", **extra):
    """What the browser would post: the rendered form's security fields plus the visitor's input."""
    data = CommentForm(page).initial.copy()
    data.update({"name": name, "email": email, "comment": comment, "honeypot": "", "reply_to": 0})
    data.update(extra)
    return data


def post_comment(client, page, **kwargs):
    return client.post("/commentaires/publier/", form_data(page, **kwargs))


def confirmation_link(message=None):
    message = message or mail.outbox[-1]
    return CONFIRM_LINK.search(message.body).group(0)


def path_of(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def confirm(client, link=None):
    """What the author's click on the confirmation page's button sends (the link's GET does nothing)."""
    return client.post(path_of(link or confirmation_link()))
