"""A « Réponse de la mission » is signed publicly with the mission's name (site settings), the
editor who wrote it is named in the admin only."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Site

from discussion.demo import create_comment
from discussion.models import DiscussionComment
from search.models import SearchDocument

EDITOR = "Julie Rédactrice-Interne"


@pytest.fixture
def answer(hearing):
    question = create_comment(hearing, "Quelle suite la mission donnera-t-elle ?", name="Anne")
    answer = create_comment(hearing, "La mission reprendra cette idée.", name=EDITOR, parent=question)
    DiscussionComment.objects.filter(pk=answer.pk).update(is_mission_answer=True)
    answer.refresh_from_db()
    answer.save()  # as the admin's edit form does: the search document follows
    return answer


def test_public_pages_sign_with_the_mission_not_the_editor(client, hearing, answer):
    html = client.get(hearing.url).content.decode()
    assert "La mission reprendra cette idée." in html
    assert EDITOR not in html
    assert html.count("La mission culture-acte 2") >= 2  # in the thread and the highlighted answers
    assert "Anne" in html  # others keep their names
    feed = client.get(reverse("comment_feed", args=[hearing.pk])).content.decode()
    assert "La mission culture-acte 2" in feed and EDITOR not in feed
    reply_form = client.get(reverse("discussion:reply", args=[answer.pk])).content.decode()
    assert "Répondre à La mission culture-acte 2" in reply_form and EDITOR not in reply_form
    document = SearchDocument.objects.filter(comment_id=answer.pk).first()
    assert document.author == "La mission culture-acte 2"


def test_the_signature_set_in_the_site_settings(client, admin_client, hearing, answer):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["home", "missionsettings", site.pk])
    admin_client.post(url, {"reference_date": "", "mission_signature": "La mission Lescure"})
    html = client.get(hearing.url).content.decode()
    assert "La mission Lescure" in html and EDITOR not in html


def test_the_admin_keeps_the_editor_s_name(client, django_user_model, hearing, answer):
    moderator = django_user_model.objects.create_user("moderatrice", "mod@example.org", "x")
    moderator.groups.add(Group.objects.get(name="Modérateurs"))
    client.force_login(moderator)
    queue = client.get("/admin/discussion/discussioncomment/").content.decode()
    assert EDITOR in queue
    inspect = client.get(f"/admin/discussion/discussioncomment/inspect/{answer.pk}/").content.decode()
    assert EDITOR in inspect
    assert "le public la lit signée « La mission culture-acte 2 »" in inspect
