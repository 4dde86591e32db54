"""Moderation at a glance: flag reasons, no preselected bulk action, the dashboard counts, the
page filter through the page chooser (never a link per commented page), the section filter."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from discussion.demo import create_comment
from discussion.models import DiscussionComment, VisitorReaction
from tests.discussion.conftest import make_hearing
from tests.discussion.test_export import make_question, make_trip

QUEUE = "/admin/discussion/discussioncomment/"


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderatrice", "mod@example.org", "x")
    user.groups.add(Group.objects.get(name="Modérateurs"))
    return user


def flag(comment, *reasons):
    for number, reason in enumerate(reasons):
        VisitorReaction.objects.create(comment=comment, kind="flag", visitor=f"v{number}", reason=reason)
    VisitorReaction.objects.create(comment=comment, kind="like", visitor="fan")
    DiscussionComment.objects.filter(pk=comment.pk).update(flag_count=len(reasons))


def test_flag_reasons_in_the_queue_and_on_the_inspect_page(client, moderator, hearing):
    flagged = create_comment(hearing, "Un propos discuté", name="Anne")
    flag(flagged, "injurieux", "injurieux", "hors-sujet")
    create_comment(hearing, "Un propos tranquille", name="Paul")
    client.force_login(moderator)
    html = client.get(QUEUE).content.decode()
    assert "signalements" in html.lower()
    assert "3 : propos injurieux ou haineux (2), hors sujet" in html
    inspect = client.get(f"{QUEUE}inspect/{flagged.pk}/").content.decode()
    assert "Signalements (3)" in inspect
    assert "<strong>propos injurieux ou haineux</strong> (2), <strong>hors sujet</strong>." in inspect
    assert inspect.count("— propos injurieux ou haineux</li>") == 2


def test_no_bulk_action_is_preselected_and_none_applies_without_a_choice(client, moderator, hearing):
    held = create_comment(hearing, "En attente", name="Anne")
    DiscussionComment.objects.filter(pk=held.pk).update(is_public=False, published_at=None)
    client.force_login(moderator)
    html = client.get(QUEUE).content.decode()
    select = html[html.index('id="bulk-action"') : html.index("</select>", html.index('id="bulk-action"'))]
    assert '<option value="" selected>' in select
    assert select.count("selected") == 1
    response = client.post("/admin/discussion/commentaires/lot/", {"selected": [held.pk]}, follow=True)
    assert "Choisissez l’action à appliquer aux commentaires cochés." in response.content.decode()
    assert not DiscussionComment.objects.get(pk=held.pk).is_public


def test_dashboard_panel_counts_link_to_the_filtered_queue(client, moderator, hearing, django_user_model):
    now = timezone.now()
    yesterday = now - datetime.timedelta(days=2)
    for number in range(2):
        waiting = create_comment(hearing, f"En attente {number}", name="Anne", when=yesterday)
        DiscussionComment.objects.filter(pk=waiting.pk).update(is_public=False, published_at=None)
    flag(create_comment(hearing, "Signalé", name="Paul", when=yesterday), "publicite")
    create_comment(hearing, "Publié aujourd’hui", name="Chloé", when=now)
    create_comment(hearing, "Publié avant-hier", name="Dan", when=yesterday)
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    assert f'href="{QUEUE}?etat=a-moderer"' in html and "<strong" in html
    panel = html[html.index('id="moderation-heading"') :]
    assert '<strong style="font-size:1.6rem;">2</strong> à modérer' in panel
    assert '<strong style="font-size:1.6rem;">1</strong> signalé<' in panel
    assert '<strong style="font-size:1.6rem;">1</strong> publié aujourd’hui' in panel
    today = client.get(QUEUE + "?publication=aujourdhui").content.decode()
    assert "Publié aujourd’hui" in today and "Publié avant-hier" not in today and "Signalé" not in today
    flagged = client.get(QUEUE + "?etat=signale").content.decode()
    assert "Signalé" in flagged and "Publié aujourd’hui" not in flagged
    editor = django_user_model.objects.create_user("redacteur", "red@example.org", "x")
    editor.groups.add(Group.objects.get(name="Rédaction des pages (sans publication)"))
    client.force_login(editor)
    assert "moderation-heading" not in client.get("/admin/").content.decode()


def test_page_filter_is_a_chooser_not_a_list_of_pages(client, moderator, hearing):
    others = [
        make_hearing(slug=f"audition-{number}", title=f"Audition numéro {number}") for number in range(3)
    ]
    for page in [hearing, *others]:
        create_comment(page, f"Sur {page.title}", name="Anne")
    client.force_login(moderator)
    html = client.get(QUEUE).content.decode()
    assert "Audition numéro 1" in html  # in the page column of the rows
    sidebar = html[html.index("changelist-filter") : html.index("result-list")]
    assert "Audition numéro" not in sidebar and "Audition de la SACD" not in sidebar
    assert 'name="page_commentee"' in html and "page-chooser" in html
    chosen = client.get(QUEUE, {"page_commentee": others[1].pk, "etat": "publie"}).content.decode()
    assert "Sur Audition numéro 1" in chosen and "Sur Audition numéro 2" not in chosen
    sidebar = chosen[chosen.index("changelist-filter") : chosen.index("result-list")]
    assert "Audition numéro 1" in sidebar
    # The chooser form keeps the other filters.
    assert '<input type="hidden" name="etat" value="publie">' in chosen
    for bad in ["abc", "99999999999", "0"]:
        response = client.get(QUEUE, {"page_commentee": bad})
        assert response.status_code in (200, 302)


def test_section_filter(client, moderator, hearing):
    create_comment(hearing, "Sur l’audition", name="Anne")
    create_comment(make_question("remuneration", "Rémunérer ?"), "Sur la question", name="Paul")
    create_comment(make_trip("rennes", "Rennes"), "Sur le déplacement", name="Chloé")
    client.force_login(moderator)
    html = client.get(QUEUE, {"section": "tripeventpage"}).content.decode()
    assert "Sur le déplacement" in html and "Sur la question" not in html and "Sur l’audition" not in html
    html = client.get(QUEUE, {"section": "questionpage"}).content.decode()
    assert "Sur la question" in html and "Sur le déplacement" not in html
