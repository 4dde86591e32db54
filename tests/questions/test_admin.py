import csv
import io

import pytest
from django.contrib.auth import get_user_model

from questions.models import Subscriber

from .conftest import make_subscribers

URL = "/admin/questions/subscriber/"


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("equipe", "equipe@example.org", "motdepasse")
    client.force_login(user)
    return client


@pytest.fixture
def subscribers(db):
    make_subscribers(confirmed=3, pending=2, unsubscribed=1)


def test_admin_lists_searches_and_filters_subscribers(admin_client, subscribers):
    html = admin_client.get(URL).content.decode()
    assert "confirme0@example.org" in html and "attente1@example.org" in html and "parti0@example.org" in html
    assert "Désabonné" in html and "En attente de confirmation" in html
    # Subscriptions come from their owners only.
    assert f'href="{URL}create/"' not in html
    assert admin_client.get(f"{URL}create/").status_code in (302, 403)

    searched = admin_client.get(URL, {"q": "attente1"}).content.decode()
    assert "attente1@example.org" in searched and "confirme0@example.org" not in searched

    confirmed = admin_client.get(URL, {"etat": "confirme"}).content.decode()
    assert "confirme2@example.org" in confirmed
    assert "attente0@example.org" not in confirmed and "parti0@example.org" not in confirmed
    unsubscribed = admin_client.get(URL, {"etat": "desabonne"}).content.decode()
    assert "parti0@example.org" in unsubscribed and "confirme0@example.org" not in unsubscribed


def test_admin_exports_subscribers_as_csv(admin_client, subscribers):
    response = admin_client.get(URL, {"export": "csv", "etat": "confirme"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="abonnes.csv"' in response["Content-Disposition"]
    content = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == ["Adresse Électronique", "État", "Demande", "Confirmation", "Désabonnement"]
    assert sorted(row[0] for row in rows[1:]) == [f"confirme{n}@example.org" for n in range(3)]
    assert {row[1] for row in rows[1:]} == {"Confirmé"}

    everyone = admin_client.get(URL, {"export": "csv"})
    content = b"".join(everyone.streaming_content if everyone.streaming else [everyone.content]).decode()
    assert len(list(csv.reader(io.StringIO(content)))) == 1 + Subscriber.objects.count()


def test_admin_list_is_for_the_team_only(client, subscribers):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_subscriber_export_cells_cannot_run_as_formulas(admin_client, subscribers):
    """Issue 18, failure 4: a subscriber =cmd|'/Ccalc'!A0@example.org came out raw."""
    Subscriber.objects.create(email="=cmd|'/Ccalc'!A0@example.org")
    response = admin_client.get(URL, {"export": "csv"})
    content = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
    emails = [row[0] for row in csv.reader(io.StringIO(content))]
    assert "'=cmd|'/ccalc'!a0@example.org" in emails
    assert not any(email.startswith(("=", "+", "-", "@")) for email in emails)
