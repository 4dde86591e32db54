from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from hearings.demo import load_demo_hearings
from hearings.models import ActorFamily, HearingPage, Organism, Sector
from hearings.queries import headline_figures, hearings_under

EXAMPLE = Path(__file__).resolve().parents[2] / "hearings" / "fixtures" / "auditions_exemple.csv"
HEADER = "identifiant,titre,date,type,statut,organismes,nature,famille,secteurs,resume,video\n"


def test_example_file_imports_and_a_second_import_changes_nothing(hearing_index, capsys):
    call_command("import_hearings", str(EXAMPLE))
    assert "5 créées" in capsys.readouterr().out
    joint = HearingPage.objects.get(slug="exemple-table-ronde-musique-2012-10-18")
    assert joint.title == "Table ronde sur la musique en ligne"
    assert [heard.organism.name for heard in joint.organisms_heard.all()] == [
        "Plateforme exemple d’écoute",
        "Société exemple des auteurs-compositeurs",
    ]
    platform = Organism.objects.get(name="Plateforme exemple d’écoute")
    assert platform.nature.slug == "entreprise" and platform.family.slug == "plateformes-services-en-ligne"
    assert HearingPage.objects.get(slug="exemple-fabricant-2012-11-22").status == "declinee"
    books = HearingPage.objects.get(slug="exemple-editeurs-numeriques-2012-10-04")
    assert books.title == "Audition du Syndicat exemple des éditeurs numériques"
    assert {s.slug for s in books.organisms_heard.get().organism.sectors.all()} == {"livre", "presse"}

    counts = HearingPage.objects.count(), Organism.objects.count()
    call_command("import_hearings", str(EXAMPLE))
    assert "0 créées, 0 mises à jour, 5 inchangées" in capsys.readouterr().out
    assert (HearingPage.objects.count(), Organism.objects.count()) == counts


def test_import_updates_a_hearing_keyed_by_its_identifier(hearing_index, tmp_path):
    call_command("import_hearings", str(EXAMPLE))
    changed = tmp_path / "changed.csv"
    changed.write_text(
        HEADER + "exemple-fournisseur-acces-2012-12-13,,2012-12-13 10:00,audition,realisee,"
        "Fournisseur d’accès exemple,,,,Audition tenue.,\n",
        encoding="utf-8",
    )
    call_command("import_hearings", str(changed))
    hearing = HearingPage.objects.get(slug="exemple-fournisseur-acces-2012-12-13")
    assert hearing.status == "realisee" and hearing.summary == "Audition tenue."
    assert HearingPage.objects.filter(slug__startswith="exemple-").count() == 5


@pytest.mark.parametrize(
    "bad_row, reason",
    [
        (
            "x-1,,2012-13-45 10:00,audition,realisee,Nouveau,entreprise,auteurs-artistes,musique,,",
            "ligne 3 : date",
        ),
        (
            "x-1,,2012-11-05 10:00,audition,perdue,Nouveau,entreprise,auteurs-artistes,musique,,",
            "statut « perdue »",
        ),
        (
            "x-1,,2012-11-05 10:00,audition,prevue,Nouveau,entreprise,auteurs-artistes,opera,,",
            "secteur « opera »",
        ),
        ("x-1,,2012-11-05 10:00,audition,prevue,Inconnu sans nature,,,,,", "nature, famille et secteurs"),
        (
            "ok-1,,2012-11-05 10:00,audition,prevue,Nouveau,entreprise,auteurs-artistes,musique,,",
            "déjà utilisé",
        ),
    ],
)
def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row(hearing_index, tmp_path, bad_row, reason):
    path = tmp_path / "bad.csv"
    good_row = (
        "ok-1,,2012-11-05 10:00,audition,prevue,Organisme correct,entreprise,auteurs-artistes,musique,,"
    )
    path.write_text(HEADER + good_row + "\n" + bad_row + "\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_hearings", str(path))
    assert "ligne 3" in str(error.value) and reason in str(error.value)
    assert "rien n’a été importé" in str(error.value)
    assert not HearingPage.objects.exists()
    assert not Organism.objects.filter(name="Organisme correct").exists()


def test_import_refuses_a_file_without_required_columns(hearing_index, tmp_path):
    path = tmp_path / "columns.csv"
    path.write_text("titre,date\nA,2012-11-05\n", encoding="utf-8")
    with pytest.raises(CommandError, match="colonnes manquantes : identifiant, statut, organismes"):
        call_command("import_hearings", str(path))


def test_demo_reproduces_the_seed_figures_and_is_idempotent(hearing_index):
    home = hearing_index.get_parent()
    load_demo_hearings(home)
    figures = headline_figures(hearings_under(hearing_index))
    assert figures == {"held": 60, "planned": 39, "counted": 99, "organisms_heard": 60}
    assert HearingPage.objects.filter(status="declinee").count() == 3
    assert HearingPage.objects.filter(kind="entretien").exists()
    assert Organism.objects.count() >= 60
    used = Organism.objects.filter(hearings__isnull=False)
    for model, field in ((Sector, "sectors"), (ActorFamily, "family")):
        assert set(model.objects.values_list("pk", flat=True)) <= set(used.values_list(field, flat=True))
    dates = HearingPage.objects.values_list("hearing_date", flat=True)
    assert min(dates).year == 2012 and max(dates).year == 2013 and max(dates).month == 1
    counts = HearingPage.objects.count(), Organism.objects.count()
    load_demo_hearings(home)
    assert (HearingPage.objects.count(), Organism.objects.count()) == counts


@pytest.fixture
def admin_client_logged(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "motdepasse")
    client.force_login(user)
    return client


def delete_url(obj):
    return reverse(f"wagtailsnippets_hearings_{obj._meta.model_name}:delete", args=[obj.pk])


def test_deleting_a_sector_in_use_is_refused_with_where_it_is_used(admin_client_logged, hearings, organisms):
    music = Sector.objects.get(slug="musique")
    response = admin_client_logged.get(delete_url(music), follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "« Musique » ne peut pas être supprimé" in text
    assert "Société des auteurs test (SAT)" in text and "Label indépendant test" in text
    response = admin_client_logged.post(delete_url(music), follow=True)
    assert response.status_code == 200
    assert Sector.objects.filter(slug="musique").exists()
    assert organisms["label"].sectors.filter(slug="musique").exists()  # the M2M was not emptied


def test_deleting_an_organism_heard_is_refused_with_the_hearings(admin_client_logged, hearings, organisms):
    response = admin_client_logged.post(delete_url(organisms["library"]), follow=True)
    text = response.content.decode()
    assert response.status_code == 200
    assert (
        "2 auditions l’utilisent" in text
        and "Modifiez-les d’abord" in text
        and "Audition de la bibliothèque" in text
    )
    assert Organism.objects.filter(pk=organisms["library"].pk).exists()


def test_unused_term_can_be_deleted(admin_client_logged, hearing_index):
    photo = Sector.objects.get(slug="photographie")
    assert admin_client_logged.get(delete_url(photo)).status_code == 200
    response = admin_client_logged.post(delete_url(photo))
    assert response.status_code == 302
    assert not Sector.objects.filter(slug="photographie").exists()


def test_bulk_delete_of_a_term_in_use_is_refused(admin_client_logged, hearings):
    music = Sector.objects.get(slug="musique")
    url = (
        reverse("wagtail_bulk_action", args=["hearings", "sector", "delete"]) + f"?id={music.pk}&next=/admin/"
    )
    response = admin_client_logged.post(url, follow=True)
    assert response.status_code == 200
    assert "« Musique » ne peut pas être supprimé" in response.content.decode()
    assert Sector.objects.filter(slug="musique").exists()


def test_admin_searches_and_filters_organisms(admin_client_logged, organisms):
    url = reverse("wagtailsnippets_hearings_organism:list")
    text = admin_client_logged.get(url, {"q": "bibliothèque"}).content.decode()
    assert "Bibliothèque publique test" in text and "Label indépendant test" not in text
    entreprise = organisms["label"].nature
    text = admin_client_logged.get(url, {"nature": entreprise.pk}).content.decode()
    assert "Label indépendant test" in text and "Bibliothèque publique test" not in text


GOOD_ROW = "ok-1,,2012-11-05 10:00,audition,prevue,Organisme correct,entreprise,auteurs-artistes,musique,,"


@pytest.mark.parametrize(
    "title, reason",
    [
        ('"Audition\nde la SACD"', "titre : caractère de contrôle"),
        ('"Audition\rde la SACD"', "titre : caractère de contrôle"),
        ("Audition\x1bde la SACD", "titre : caractère de contrôle"),
        ("Audition\x00de la SACD", "titre"),
    ],
)
def test_a_control_character_in_a_field_is_a_row_error(hearing_index, tmp_path, title, reason):
    """Issue 18, failure 6: a newline in a quoted title later broke the announcement mail."""
    path = tmp_path / "control.csv"
    bad_row = f"x-1,{title},2012-11-05 10:00,audition,prevue,Nouveau,entreprise,auteurs-artistes,musique,,"
    path.write_text(HEADER + GOOD_ROW + "\n" + bad_row + "\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_hearings", str(path))
    assert "ligne 3" in str(error.value) and reason in str(error.value)
    assert not HearingPage.objects.exists()


def test_a_multiline_summary_is_accepted(hearing_index, tmp_path):
    path = tmp_path / "summary.csv"
    row = 'x-1,,2012-11-05 10:00,audition,prevue,Nouveau,entreprise,auteurs-artistes,musique,"Un.\nDeux.",'
    path.write_text(HEADER + row + "\n", encoding="utf-8")
    call_command("import_hearings", str(path), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert HearingPage.objects.get().summary == "Un.\nDeux."


def test_an_oversized_field_is_a_row_error_not_a_traceback(hearing_index, tmp_path):
    """Issue 18, failure 6: a field over 128 KB ended the command with a raw _csv.Error."""
    path = tmp_path / "big.csv"
    big = "x" * (200 * 1024)
    bad_row = f'x-1,"{big}",2012-11-05 10:00,audition,prevue,Nouveau,entreprise,auteurs-artistes,musique,,'
    path.write_text(HEADER + GOOD_ROW + "\n" + bad_row + "\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_hearings", str(path))
    assert "ligne 3" in str(error.value) and "trop long" in str(error.value)
    assert "rien n’a été importé" in str(error.value)
    assert not HearingPage.objects.exists()
