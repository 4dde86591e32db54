"""The admin's other save screens while the database refuses writes (a second connection holds
the write lock, as a long import or a stuck transaction would): snippets and the project's model
viewsets keep their form, filled in, with a French message; the screens Wagtail gives no view
class for (images, documents, settings, wagtail-modeladmin) and the project's own admin views
answer the admin's 503 page. Never Django's 500 page, never the public site's 503 page, and
nothing saved."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Site
from wagtail.test.utils.form_data import querydict_from_html

from discussion.demo import create_comment
from discussion.models import DiscussionComment
from hardening.admin_saves import SAVE_REFUSED
from hardening.middleware import ACTION_REFUSED
from hearings.models import ActorFamily, Organism, OrganismNature, Sector
from home.models import MissionSettings
from proposals.models import ProposalUpdate
from tests.discussion.conftest import make_hearing
from tests.hardening.locks import database_write_locked

pytestmark = pytest.mark.django_db(transaction=True)  # the saves really begin transactions

TYPED = "Saisie faite pendant que la base était occupée"
COMMENT_TABLES = ("discussion_discussioncomment", "django_comments_xtd_xtdcomment", "django_comments")


@pytest.fixture
def editor(client, mission_site):
    # What a flushed test database lacks and a site has: the admin draws its pages with the site's
    # settings (created on first read, a write) and files go into the root collection.
    MissionSettings.for_site(Site.objects.get(is_default_site=True))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Racine")
    client.force_login(get_user_model().objects.create_superuser("editrice", "editrice@example.org", "x"))
    return client


def an_organism():
    """An organism and its terms, created here: the transactional tests before may have flushed
    the terms the migrations create."""
    nature, _ = OrganismNature.objects.get_or_create(slug="entreprise", defaults={"name": "Entreprise"})
    family, _ = ActorFamily.objects.get_or_create(slug="auteurs", defaults={"name": "Auteurs"})
    sector, _ = Sector.objects.get_or_create(slug="musique", defaults={"name": "Musique"})
    organism = Organism.objects.create(
        name="Organisme verrou", slug="organisme-verrou", nature=nature, family=family
    )
    organism.sectors.add(sector)
    return organism


def editor_form(client, url):
    return querydict_from_html(client.get(url).content.decode(), form_id="w-editor-form")


def assert_form_kept(response, **typed):
    """Wagtail's form as it was posted, with the French message above it."""
    assert response.status_code == 200
    html = response.content.decode()
    assert "Service momentanément indisponible" not in html
    assert SAVE_REFUSED.replace("’", "&#x27;") in html or SAVE_REFUSED in html
    form = querydict_from_html(html, form_id="w-editor-form")
    for name, value in typed.items():
        assert form[name].strip() == value


def assert_admin_503(response):
    """The admin's own page (its menu), saying that nothing was saved and leading back."""
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Modifications non enregistrées" in html
    assert ACTION_REFUSED.replace("’", "&#x27;") in html or ACTION_REFUSED in html
    assert "Revenir au formulaire" in html
    assert 'id="wagtail-sidebar"' in html  # the admin's page, not the public site's 503


# --- Screens that keep the form -------------------------------------------------------------------


def test_an_organism_edit_the_database_refuses_keeps_the_form(editor, mission_site):
    organism = an_organism()
    url = reverse("wagtailsnippets_hearings_organism:edit", args=[organism.pk])
    data = editor_form(editor, url)
    data.update({"name": TYPED, "description": "Une présentation à ne pas retaper."})

    with database_write_locked("hearings_organism", "hearings_organism_sectors"):
        response = editor.post(url, data)

    assert_form_kept(response, name=TYPED, description="Une présentation à ne pas retaper.")
    assert Organism.objects.get(pk=organism.pk).name == "Organisme verrou"
    assert editor.post(url, data).status_code == 302  # the lock gone, the same form saves
    assert Organism.objects.get(pk=organism.pk).name == TYPED


def test_an_organism_form_opens_and_shows_its_errors_while_the_database_refuses_writes(editor):
    """Drawing the form records the editor's session, a write: the form is drawn without it."""
    organism = an_organism()
    url = reverse("wagtailsnippets_hearings_organism:edit", args=[organism.pk])
    with database_write_locked("wagtailadmin_editingsession"):
        assert editor.get(url).status_code == 200
        data = editor_form(editor, url)
        data.update({"name": TYPED, "nature": ""})
        response = editor.post(url, data)
    assert response.status_code == 200
    assert querydict_from_html(response.content.decode(), form_id="w-editor-form")["name"] == TYPED


def test_a_new_sector_the_database_refuses_keeps_the_form(editor):
    url = reverse("wagtailsnippets_hearings_sector:add")
    data = editor_form(editor, url)
    data.update({"name": TYPED, "slug": "secteur-verrou", "sort_order": "3"})

    with database_write_locked("hearings_sector"):
        response = editor.post(url, data)

    assert_form_kept(response, name=TYPED, slug="secteur-verrou")
    assert not Sector.objects.filter(slug="secteur-verrou").exists()
    assert editor.post(url, data).status_code == 302
    assert Sector.objects.get(slug="secteur-verrou").name == TYPED


def test_a_snippet_autosave_the_database_refuses_gets_wagtails_json_error(editor):
    sector = Sector.objects.create(name="Secteur verrou", slug="secteur-verrou")
    url = reverse("wagtailsnippets_hearings_sector:edit", args=[sector.pk])
    data = editor_form(editor, url)
    data["name"] = TYPED
    with database_write_locked("hearings_sector"):
        response = editor.post(url, data, headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert response.json()["error_code"] == "database_unavailable"
    assert Sector.objects.get(pk=sector.pk).name == "Secteur verrou"


def test_a_proposal_update_the_database_refuses_keeps_the_form(editor, mission_site):
    from proposals.demo import get_or_create_proposal, get_or_create_report

    report, _ = get_or_create_report(mission_site[0])
    theme = Sector.objects.create(name="Musique", slug="musique")
    proposal, _ = get_or_create_proposal(report, 1, "Une proposition", theme, "Ministère")
    url = reverse("proposal_updates:add")
    data = editor_form(editor, url)
    data.update({"proposal": str(proposal.pk), "date": "2013-05-02", "text": TYPED})

    with database_write_locked("proposals_proposalupdate"):
        response = editor.post(url, data)

    assert_form_kept(response, text=TYPED, date="2013-05-02")
    assert not ProposalUpdate.objects.exists()
    assert editor.post(url, data).status_code == 302
    assert ProposalUpdate.objects.get().text == TYPED


# --- Screens answered by the admin's 503 page -------------------------------------------------------


def test_mission_settings_the_database_refuses_answer_the_admin_503(editor):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["home", "missionsettings", site.pk])
    data = editor_form(editor, url)
    data.update({"reference_date": "2012-12-06", "mission_signature": TYPED})

    with database_write_locked("home_missionsettings"):
        response = editor.post(url, data, headers={"Referer": f"http://testserver{url}"})

    assert_admin_503(response)
    assert f'href="http://testserver{url}"' in response.content.decode()
    settings = MissionSettings.for_site(site)
    assert settings.reference_date is None and settings.mission_signature != TYPED


def test_an_image_edit_the_database_refuses_answers_the_admin_503(editor):
    image = Image.objects.create(title="Image verrou", file=get_test_image_file())
    url = reverse("wagtailimages:edit", args=[image.pk])
    data = editor_form(editor, url)
    data["title"] = TYPED
    with database_write_locked("wagtailimages_image"):
        response = editor.post(url, data)
    assert_admin_503(response)
    assert Image.objects.get(pk=image.pk).title == "Image verrou"


def test_a_document_edit_the_database_refuses_answers_the_admin_503(editor):
    document = Document.objects.create(title="Document verrou")
    document.file.save("verrou.txt", ContentFile(b"texte"))
    url = reverse("wagtaildocs:edit", args=[document.pk])
    data = editor_form(editor, url)
    data["title"] = TYPED
    with database_write_locked("wagtaildocs_document"):
        response = editor.post(url, data)
    assert_admin_503(response)
    assert Document.objects.get(pk=document.pk).title == "Document verrou"


def test_a_comment_edit_in_modeladmin_the_database_refuses_keeps_the_form(editor):
    comment = create_comment(make_hearing(), "Une analyse")
    url = f"/admin/discussion/discussioncomment/edit/{comment.pk}/"
    with database_write_locked(*COMMENT_TABLES):
        response = editor.post(url, {"is_mission_answer": "on", "is_remarkable": "on"})
    assert response.status_code == 200
    html = response.content.decode()
    assert SAVE_REFUSED in html.replace("&#x27;", "’")
    assert re.search(r'<input[^>]*name="is_remarkable"[^>]*checked', html)
    assert not DiscussionComment.objects.get(pk=comment.pk).is_remarkable
    assert editor.post(url, {"is_mission_answer": "on", "is_remarkable": "on"}).status_code == 302
    assert DiscussionComment.objects.get(pk=comment.pk).is_remarkable


def test_approving_a_comment_the_database_refuses_answers_the_admin_503(editor):
    comment = create_comment(make_hearing(), "En attente")
    DiscussionComment.objects.filter(pk=comment.pk).update(is_public=False, published_at=None)
    with database_write_locked(*COMMENT_TABLES):
        response = editor.post(reverse("discussion_admin_approve", args=[comment.pk]))
    assert_admin_503(response)
    assert not DiscussionComment.objects.get(pk=comment.pk).is_public


def test_a_hearing_import_the_database_refuses_shows_the_preview_again(editor, mission_site):
    from hearings.demo import get_or_create_hearing_index
    from hearings.models import HearingPage
    from tests.hearings.test_import_and_admin import HEADER

    get_or_create_hearing_index(mission_site[0])
    an_organism()
    data = {"contenu": HEADER + "audition-verrou,,2012-11-21 10:00,,realisee,Organisme verrou,,,,,\n"}
    with database_write_locked("wagtailcore_page", "hearings_organism"):
        response = editor.post(reverse("hearings_admin_import_apply"), data)
    # The preview again, with its button: the checked file is imported again in one click.
    assert response.status_code == 503
    html = response.content.decode()
    assert "L’import n’a pas pu se faire" in html.replace("&#x27;", "’")
    assert "Importer ces 1 ligne" in html and 'name="contenu"' in html
    assert not HearingPage.objects.filter(slug="audition-verrou").exists()
    assert editor.post(reverse("hearings_admin_import_apply"), data).status_code == 302
    assert HearingPage.objects.filter(slug="audition-verrou").exists()


def test_a_json_admin_request_the_database_refuses_gets_a_json_503(editor):
    image = Image.objects.create(title="Image verrou", file=get_test_image_file())
    url = reverse("wagtailimages:edit_multiple", args=[image.pk])
    with database_write_locked("wagtailimages_image"):
        response = editor.post(
            url,
            {f"image-{image.pk}-title": TYPED, f"image-{image.pk}-collection": str(image.collection_id)},
            headers={"X-Requested-With": "XMLHttpRequest"},
        )
    assert response.status_code == 503
    assert response.json()["error_code"] == "database_unavailable"
    assert Image.objects.get(pk=image.pk).title == "Image verrou"
