"""« Données ouvertes »: the page, each dataset in CSV and JSON validated against the
datapackage.json, anonymised comments, and no email address in any export."""

import json
import re

import pytest

from hearings.demo import create_hearing
from home.demo import load_demo_news
from opendata.datasets import DATASETS
from tests.opendata.conftest import at
from tests.opendata.table_schema import validate_csv, validate_package

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def package(client):
    response = client.get("/donnees/datapackage.json")
    assert response.status_code == 200
    return json.loads(response.content)


def csv_text(client, name):
    response = client.get(f"/donnees/{name}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'rel="license"' in response["Link"]
    return response.content.decode("utf-8")


def test_page_lists_every_dataset_with_its_fields_formats_and_licence(client, content):
    response = client.get("/donnees/")
    assert response.status_code == 200
    html = response.content.decode()
    for dataset in DATASETS:
        assert f'id="{dataset.name}"' in html
        assert f'href="/donnees/{dataset.name}.csv"' in html
        assert f'href="/donnees/{dataset.name}.json"' in html
        for field in dataset.fields:
            assert f"<code>{field.name}</code>" in html
    assert 'href="/donnees/datapackage.json"' in html
    assert "Licence Ouverte" in html
    assert 'href="/questions/feed/"' in html


def test_every_csv_validates_against_its_schema_in_the_datapackage(client, content):
    descriptor = package(client)
    assert validate_package(descriptor) == []
    assert descriptor["licenses"][0]["name"] == "etalab-2.0"
    assert [resource["name"] for resource in descriptor["resources"]] == [d.name for d in DATASETS]
    for resource in descriptor["resources"]:
        assert resource["path"].startswith("http://testserver/donnees/")
        text = csv_text(client, resource["name"])
        assert validate_csv(text, resource["schema"]) == [], resource["name"]
        assert text.count("\n") > 1, f"{resource['name']} has rows"  # the fixture fills each one


def test_validator_finds_a_wrong_file(client, content):
    resource = package(client)["resources"][0]
    text = csv_text(client, resource["name"]).replace("realisee", "realisee,extra", 1)
    assert validate_csv(text, resource["schema"])
    wrong_date = csv_text(client, resource["name"]).replace("2012-10-04T", "04/10/2012T", 1)
    assert validate_csv(wrong_date, resource["schema"])


def test_json_carries_licence_description_fields_and_the_same_rows(client, content):
    for dataset in DATASETS:
        response = client.get(f"/donnees/{dataset.name}.json")
        assert response.status_code == 200
        document = json.loads(response.content)
        assert document["licence"]["name"] == "etalab-2.0"
        assert document["description"] == dataset.description
        assert [field["name"] for field in document["champs"]] == [field.name for field in dataset.fields]
        assert document["nombre"] == len(document["enregistrements"])
        for record in document["enregistrements"]:
            assert list(record) == [field.name for field in dataset.fields]


def test_comments_are_anonymised_and_removed_ones_keep_only_their_reason(client, content):
    records = json.loads(client.get("/donnees/commentaires.json").content)["enregistrements"]
    by_id = {record["identifiant"]: record for record in records}
    kept = by_id[content["comment"].pk]
    assert kept["auteur"] == "Claire" and kept["texte"] == "Un avis publié." and kept["etat"] == "publie"
    assert kept["reponse_a"] is None
    removed = by_id[content["removed"].pk]
    assert removed["etat"] == "retire" and removed["motif_du_retrait"] == "injurieux"
    assert removed["auteur"] == "" and removed["texte"] == ""
    assert content["held_back"].pk not in by_id  # never published: not in the data
    reply = next(record for record in records if record["texte"] == "Une réponse.")
    assert reply["reponse_a"] == content["comment"].pk and reply["niveau"] == 1


def test_cells_that_a_spreadsheet_would_run_are_neutralised(client, content):
    create_hearing(
        content["hearing_index"], '=HYPERLINK("https://evil.example")', at(6), content["organisms"][:1]
    )
    text = csv_text(client, "auditions")
    assert "'=HYPERLINK" in text
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


def test_unknown_dataset_and_wrong_methods(client, content):
    assert client.get("/donnees/inconnu.csv").status_code == 404
    assert client.get("/donnees/auditions.xlsx").status_code == 404
    assert client.post("/donnees/auditions.csv").status_code == 405


def test_no_export_contains_an_email_address(client, content):
    """Every dataset, the data package and every feed: the fixture's comments were written with
    email addresses (claire@example.org...), none of which may come out."""
    load_demo_news(content["home"])
    urls = ["/donnees/datapackage.json", "/presse/feed/"]
    for dataset in DATASETS:
        urls += [f"/donnees/{dataset.name}.csv", f"/donnees/{dataset.name}.json"]
    urls += ["/auditions/feed/", "/questions/feed/", "/deplacements/feed/"]
    urls += [
        f"/flux/commentaires/{content['question'].pk}/",
        "/auditions/export.csv",
        "/auditions/export.json",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        found = EMAIL.findall(response.content.decode())
        assert found == [], (url, found)
    # The scan itself sees addresses where there are some.
    assert EMAIL.findall("écrire à claire@example.org") == ["claire@example.org"]


def test_the_hearings_exports_point_to_the_licence_too(client, content):
    for url in ("/auditions/export.csv", "/auditions/export.json"):
        response = client.get(url)
        assert response["Link"] == '<https://www.etalab.gouv.fr/licence-ouverte-open-licence/>; rel="license"'
    assert json.loads(client.get("/auditions/export.json").content)["licence"].startswith(
        "https://www.etalab"
    )
