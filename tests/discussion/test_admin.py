"""The moderation queue in the Wagtail admin, the groups, and RGPD erasure."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from discussion.demo import create_comment
from discussion.models import DiscussionComment, PersonalDataRequest
from discussion.services import approve

QUEUE = "/admin/discussion/discussioncomment/"


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderatrice", "mod@example.org", "x")
    user.groups.add(Group.objects.get(name="Modérateurs"))
    return user


def held(page, text, **fields):
    comment = create_comment(page, text, **fields)
    DiscussionComment.objects.filter(pk=comment.pk).update(is_public=False, published_at=None)
    return DiscussionComment.objects.get(pk=comment.pk)


def test_groups_are_created_with_minimal_permissions(db):
    moderators = Group.objects.get(name="Modérateurs")
    codenames = set(moderators.permissions.values_list("codename", flat=True))
    assert {
        "access_admin",
        "view_discussioncomment",
        "change_discussioncomment",
        "moderate_comment",
    } <= codenames
    assert not any(code.endswith("_page") for code in codenames)
    assert "delete_discussioncomment" not in codenames
    assert moderators.page_permissions.count() == 0
    communication = Group.objects.get(name="Équipe communication")
    assert communication.page_permissions.filter(permission__codename="publish_page").exists()
    assert communication.permissions.filter(codename="change_organism").exists()
    assert communication.permissions.filter(codename="moderate_comment").exists()
    assert not communication.permissions.filter(codename__in=["add_user", "change_site"]).exists()


def test_moderator_sees_the_queue_with_filters_and_search(client, moderator, hearing):
    create_comment(hearing, "Publié et visible", name="Anne", email="anne@example.org")
    held(hearing, "En attente de relecture", name="Paul", email="paul@example.org")
    client.force_login(moderator)
    html = client.get(QUEUE).content.decode()
    assert "Publié et visible" in html and "En attente de relecture" in html
    assert "Audition de la SACD" in html
    html = client.get(QUEUE + "?etat=a-moderer").content.decode()
    assert "En attente de relecture" in html and "Publié et visible" not in html
    html = client.get(QUEUE + "?q=paul@example").content.decode()
    assert "En attente de relecture" in html and "Publié et visible" not in html
    html = client.get(QUEUE + f"?page_commentee={hearing.pk}").content.decode()
    assert "Publié et visible" in html
    assert client.get(QUEUE + "?etat=nimporte").status_code == 200


def test_queue_query_count_does_not_grow(client, moderator, hearing, django_assert_max_num_queries):
    from discussion.demo import create_threads

    create_threads(hearing, threads=40, replies=1)
    client.force_login(moderator)
    client.get(QUEUE)
    with django_assert_max_num_queries(40):
        assert client.get(QUEUE).status_code == 200


def test_inspect_shows_the_thread_context(client, moderator, hearing):
    root = create_comment(hearing, "La question de départ", name="Anne")
    reply = create_comment(hearing, "La réponse discutée", name="Paul", parent=root)
    client.force_login(moderator)
    html = client.get(f"{QUEUE}inspect/{reply.pk}/").content.decode()
    assert "La question de départ" in html and "La réponse discutée" in html
    assert "(ce commentaire)" in html


def test_remove_with_a_reason_shows_it_publicly(client, moderator, hearing):
    comment = create_comment(hearing, "Achetez mes produits", name="Vendeur")
    client.force_login(moderator)
    url = f"/admin/discussion/commentaires/{comment.pk}/retirer/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "rien"}).status_code == 400
    assert client.post(url, {"reason": "publicite"}).status_code == 302
    comment.refresh_from_db()
    assert comment.is_removed and comment.removal_reason == "publicite"
    html = client.get(hearing.url).content.decode()
    assert "Commentaire retiré par la modération : publicité" in html
    assert "Achetez mes produits" not in html


def test_bulk_approve_and_remove(client, moderator, hearing):
    first = held(hearing, "Premier en attente")
    second = held(hearing, "Second en attente")
    third = create_comment(hearing, "Troisième")
    client.force_login(moderator)
    response = client.post(
        "/admin/discussion/commentaires/lot/", {"action": "approve", "selected": [first.pk, second.pk]}
    )
    assert response.status_code == 302
    assert DiscussionComment.objects.get(pk=first.pk).is_published
    assert DiscussionComment.objects.get(pk=second.pk).is_published
    # Removing needs a reason.
    client.post("/admin/discussion/commentaires/lot/", {"action": "remove", "selected": [third.pk]})
    assert not DiscussionComment.objects.get(pk=third.pk).is_removed
    client.post(
        "/admin/discussion/commentaires/lot/",
        {"action": "remove", "reason": "hors-sujet", "selected": [second.pk, third.pk]},
    )
    assert DiscussionComment.objects.filter(is_removed=True, removal_reason="hors-sujet").count() == 2


def test_unconfirmed_comment_cannot_be_approved(hearing):
    comment = held(hearing, "Jamais confirmé")
    DiscussionComment.objects.filter(pk=comment.pk).update(confirmed_at=None)
    comment.refresh_from_db()
    assert approve(comment) is False
    assert not DiscussionComment.objects.get(pk=comment.pk).is_public


def test_marks_mission_answer_and_remarkable_through_the_edit_form(client, moderator, hearing):
    comment = create_comment(hearing, "Une analyse")
    create_comment(hearing, "Un avis ordinaire")
    client.force_login(moderator)
    response = client.post(f"{QUEUE}edit/{comment.pk}/", {"is_mission_answer": "on", "is_remarkable": "on"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_mission_answer and comment.is_remarkable
    remarkable = client.get(QUEUE + "?is_remarkable__exact=1").content.decode()
    assert "Une analyse" in remarkable and "Un avis ordinaire" not in remarkable


def test_visitor_and_editor_without_permission_cannot_moderate(client, django_user_model, hearing):
    comment = create_comment(hearing, "Texte")
    assert (
        client.post(f"/admin/discussion/commentaires/{comment.pk}/retirer/", {"reason": "autre"}).status_code
        == 302
    )
    editor = django_user_model.objects.create_user("editeur", "e@example.org", "x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.post(f"/admin/discussion/commentaires/{comment.pk}/retirer/", {"reason": "autre"})
    # Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard.
    assert response.status_code == 403 or response["Location"] == "/admin/"
    assert not DiscussionComment.objects.get(pk=comment.pk).is_removed


def test_rgpd_command_anonymises_every_comment_of_an_email_and_logs_it(hearing):
    first = create_comment(hearing, "Premier", name="Claire Dupont", email="claire@example.org")
    create_comment(hearing, "Second", name="Claire D.", email="CLAIRE@example.org", followup=True)
    create_comment(hearing, "Autre personne", name="Paul", email="paul@example.org")
    call_command("erase_commenter", "claire@example.org", "--by", "dpo")
    assert not DiscussionComment.objects.filter(user_email__iexact="claire@example.org").exists()
    first.refresh_from_db()
    assert first.user_name == "Anonyme" and first.comment == "Premier"
    log = PersonalDataRequest.objects.get()
    assert log.comment_count == 2 and log.action == "anonymiser" and log.done_by == "dpo"
    assert "claire" not in log.email_hash


def test_rgpd_delete_in_the_admin_keeps_replies_by_others(client, moderator, hearing):
    root = create_comment(hearing, "Mes données", name="Claire", email="claire@example.org")
    create_comment(hearing, "Réponse d’un autre", name="Paul", email="paul@example.org", parent=root)
    lone = create_comment(hearing, "Seul", name="Claire", email="claire@example.org")
    client.force_login(moderator)
    url = "/admin/discussion/donnees-personnelles/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"email": "claire@example.org", "action": "supprimer"})
    assert response.status_code == 302
    assert not DiscussionComment.objects.filter(pk=lone.pk).exists()
    root.refresh_from_db()
    assert root.is_removed and root.user_email == "" and root.removal_reason == "donnees-personnelles"
    assert "Réponse d’un autre" in client.get(hearing.url).content.decode()
    assert PersonalDataRequest.objects.get().action == "supprimer"
