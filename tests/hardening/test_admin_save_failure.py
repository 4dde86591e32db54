"""Issue 18, failure 8: an editor publishing while the database was busy got the public page
« Service momentanément indisponible – Erreur 503 » inside the admin (`database is locked` in
save_revision), and lost the summary, speakers and video address typed. The database is made to
refuse the save for real: a second connection holds the write lock meanwhile."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from hardening.admin_pages import SAVE_FAILED
from tests.hardening.locks import database_write_locked

pytestmark = pytest.mark.django_db(transaction=True)  # the editor's save really begins a transaction

TYPED_TITLE = "Titre tapé pendant que la base était occupée"
TYPED_INTRODUCTION = "Une introduction que l’éditrice ne veut pas retaper."


def test_a_publish_the_database_refuses_keeps_every_field_and_wagtails_error(client, mission_site):
    _, pages = mission_site
    page = pages["la-mission"]
    revisions_before = page.revisions.count()
    client.force_login(get_user_model().objects.create_superuser("editrice", "editrice@example.org", "x"))
    edit_url = f"/admin/pages/{page.pk}/edit/"
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    data.update({"title": TYPED_TITLE, "introduction": TYPED_INTRODUCTION, "body-count": "0"})
    data["action-publish"] = "action-publish"

    with database_write_locked("wagtailcore_revision"):
        response = client.post(edit_url, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Service momentanément indisponible" not in html
    assert SAVE_FAILED.replace("’", "&#x27;") in html or SAVE_FAILED in html
    assert 'id="page-edit-form"' in html  # Wagtail's editor, not an error page
    form = querydict_from_html(html, form_id="page-edit-form")
    assert form["title"] == TYPED_TITLE
    assert form["introduction"].strip() == TYPED_INTRODUCTION
    saved = Page.objects.get(pk=page.pk)
    assert saved.title == page.title and saved.revisions.count() == revisions_before

    # The lock is gone: the same form, sent again, publishes.
    response = client.post(edit_url, data)
    assert response.status_code == 302
    saved = Page.objects.get(pk=page.pk).specific
    assert saved.title == TYPED_TITLE and saved.introduction == TYPED_INTRODUCTION and saved.live


def test_an_autosave_the_database_refuses_gets_wagtails_json_error(client, mission_site):
    _, pages = mission_site
    page = pages["la-mission"]
    client.force_login(get_user_model().objects.create_superuser("editrice", "editrice@example.org", "x"))
    edit_url = f"/admin/pages/{page.pk}/edit/"
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    data.update({"title": TYPED_TITLE, "body-count": "0"})
    with database_write_locked("wagtailcore_revision"):
        response = client.post(edit_url, data, headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert response.json() == {
        "success": False,
        "error_code": "database_unavailable",
        "error_message": SAVE_FAILED,
    }
    assert Page.objects.get(pk=page.pk).title == page.title


def test_a_new_page_the_database_refuses_keeps_every_field(client, mission_site):
    home, _ = mission_site
    client.force_login(get_user_model().objects.create_superuser("editrice", "editrice@example.org", "x"))
    add_url = f"/admin/pages/add/home/standardpage/{home.pk}/"
    data = querydict_from_html(client.get(add_url).content.decode(), form_id="page-edit-form")
    data.update(
        {"title": TYPED_TITLE, "slug": "tapee", "introduction": TYPED_INTRODUCTION, "body-count": "0"}
    )
    data["action-publish"] = "action-publish"
    with database_write_locked("wagtailcore_revision"):
        response = client.post(add_url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Service momentanément indisponible" not in html
    form = querydict_from_html(html, form_id="page-edit-form")
    assert form["title"] == TYPED_TITLE and form["introduction"].strip() == TYPED_INTRODUCTION
    assert not Page.objects.filter(slug="tapee").exists()
    assert client.post(add_url, data).status_code == 302
    assert Page.objects.get(slug="tapee").live
