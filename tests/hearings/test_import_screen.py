"""The hearing spreadsheet import screen: upload, preview of each row's action or errors, then
all or nothing, with the rules of `manage.py import_hearings`; the template file."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from hearings.models import HearingPage, Organism
from tests.hearings.test_import_and_admin import EXAMPLE, HEADER

SCREEN = "/admin/auditions/import/"
APPLY = "/admin/auditions/import/appliquer/"


@pytest.fixture
def editor(client, django_user_model, hearing_index):
    user = django_user_model.objects.create_user("equipe", "equipe@example.org", "x")
    user.groups.add(Group.objects.get(name="Équipe communication"))
    client.force_login(user)
    return user


def upload(client, text, name="auditions.csv"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return client.post(SCREEN, {"fichier": SimpleUploadedFile(name, data, content_type="text/csv")})


def hidden_content(html):
    match = re.search(r'<input type="hidden" name="contenu" value="([^"]*)"', html, re.S)
    assert match, "no apply form"
    from html import unescape

    return unescape(match.group(1))


def test_preview_then_apply_then_unchanged(client, editor):
    page = client.get(SCREEN)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Import des auditions" in client.get("/admin/").content.decode()
    assert "<code>organismes</code>" in html and "Un nom inconnu crée l’organisme." in html
    hearings_before = HearingPage.objects.count()

    preview = upload(client, EXAMPLE.read_text(encoding="utf-8"))
    assert preview.status_code == 200
    html = preview.content.decode()
    assert html.count("<strong>création</strong>") == 5
    assert "5 créations · 0 mise à jour · 0 inchangée" in html
    assert (
        "Nouveaux organismes : Plateforme exemple d’écoute, Société exemple des auteurs-compositeurs" in html
    )
    assert "Audition du Syndicat exemple des éditeurs numériques" in html  # the title the import builds
    assert HearingPage.objects.count() == hearings_before  # nothing saved by the preview

    response = client.post(APPLY, {"contenu": hidden_content(html)}, follow=True)
    assert (
        "Import terminé : 5 auditions créées, 0 mise à jour, 0 inchangée ; "
        "organismes : 6 créés, 0 mis à jour." in response.content.decode()
    )
    assert HearingPage.objects.count() == hearings_before + 5
    assert HearingPage.objects.get(slug="exemple-fabricant-2012-11-22").status == "declinee"

    again = upload(client, EXAMPLE.read_text(encoding="utf-8")).content.decode()
    assert again.count("<strong>inchangée</strong>") == 5 and "Nouveaux organismes" not in again

    changed = EXAMPLE.read_text(encoding="utf-8").replace("2012-10-04 10:00", "2012-10-05 11:00")
    html = upload(client, changed).content.decode()
    assert html.count("<strong>mise à jour</strong>") == 1 and html.count("<strong>inchangée</strong>") == 4


def test_a_bad_row_shows_its_errors_and_nothing_can_be_applied(client, editor):
    text = (
        HEADER
        + "bonne-ligne,,2012-10-04 10:00,audition,realisee,Neuf,entreprise,auteurs-artistes,livre,,\n"
        + "mauvaise-ligne,,pas une date,audition,inconnu,Organisme deux,entreprise,auteurs-artistes,,,\n"
    )
    response = upload(client, text)
    assert response.status_code == 400
    html = response.content.decode()
    assert "1 ligne en erreur : rien ne sera importé." in html
    assert "statut : statut « inconnu » inconnu" in html and "date : " in html
    assert "organisme « Organisme deux » nouveau : nature, famille et secteurs sont obligatoires" in html
    assert "<strong>création</strong>" in html  # the good row still shows what it would do
    assert 'name="contenu"' not in html
    assert not HearingPage.objects.filter(slug="bonne-ligne").exists()
    # A file sent straight to « Importer » goes through the same checks: nothing saved.
    response = client.post(APPLY, {"contenu": text})
    assert response.status_code == 400
    assert "rien n’a été importé" in response.content.decode()
    assert not HearingPage.objects.filter(slug="bonne-ligne").exists()
    assert not Organism.objects.filter(name="Neuf").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("titre,date\nx,2012-10-04\n", "colonnes manquantes : identifiant, statut, organismes"),
        ("\xe9t\xe9".encode("latin-1"), "n’est pas en UTF-8"),
        (HEADER, "le fichier ne contient aucune audition"),
    ],
)
def test_unreadable_files_get_a_message(client, editor, content, message):
    response = upload(client, content)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_no_file_and_missing_content(client, editor):
    response = client.post(SCREEN, {})
    assert (
        response.status_code == 400 and "Choisissez le fichier CSV à importer." in response.content.decode()
    )
    response = client.post(APPLY, {}, follow=True)
    assert "Le fichier à importer manque" in response.content.decode()


def test_template_file_is_the_example_and_imports(client, editor):
    response = client.get("/admin/auditions/import/modele.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="modele-import-auditions.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffidentifiant,titre,date,type,statut,organismes")
    html = upload(client, text.lstrip("\ufeff")).content.decode()
    assert html.count("<strong>création</strong>") == 5


def test_only_those_who_publish_hearings_can_import(client, django_user_model, hearing_index):
    user = django_user_model.objects.create_user("redacteur", "red@example.org", "x")
    user.groups.add(Group.objects.get(name="Rédaction des pages (sans publication)"))
    client.force_login(user)
    assert client.get(SCREEN).status_code in (302, 403)
    assert client.post(APPLY, {"contenu": EXAMPLE.read_text(encoding="utf-8")}).status_code in (302, 403)
    assert client.get("/admin/auditions/import/modele.csv").status_code in (302, 403)
    assert "Import des auditions" not in client.get("/admin/").content.decode()
    assert not HearingPage.objects.filter(slug="exemple-fabricant-2012-11-22").exists()


def test_a_file_with_the_required_columns_only_is_previewed(client, editor):
    # No « titre » column (nor nature, famille, secteurs): the preview lists the row and its
    # error, as for any file (drawing it was a 500).
    text = "identifiant;date;statut;organismes\nessai-minimal;2012-11-21 10:00;prevue;Organisme essai\n"
    response = upload(client, text)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<td>essai-minimal</td>" in html
    assert "organisme « Organisme essai » nouveau : nature, famille et secteurs sont obligatoires" in html
