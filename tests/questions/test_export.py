"""The rapporteurs' export of the contributions: CSV and threaded HTML, moderators only."""

import csv
import io

import pytest
from django.contrib.auth.models import Group

from discussion.demo import create_comment, create_threads
from discussion.models import DiscussionComment
from tests.questions.conftest import make_question

EXPORT = "/admin/questions/export/"


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderatrice", "mod@example.org", "x")
    user.groups.add(Group.objects.get(name="Modérateurs"))
    return user


@pytest.fixture
def question(blog):
    return make_question(blog, "remuneration", "Comment rémunérer les créateurs ?")


@pytest.fixture
def threads(question):
    """Three threads of two replies, a reply to a reply, and what must stay out of the export."""
    comments = create_threads(question, threads=3, replies=2)
    deep = create_comment(
        question, "Réponse à une réponse", name="Zoé", email="zoe@example.org", parent=comments[1]
    )
    removed = create_comment(question, "Propos retiré", name="Retiré", email="retire@example.org")
    DiscussionComment.objects.filter(pk=removed.pk).update(is_removed=True, removal_reason="injurieux")
    create_comment(
        question,
        "Jamais confirmé",
        name="Fantôme",
        email="fantome@example.org",
        is_public=False,
        confirmed_at=None,
        published_at=None,
    )
    marked = comments[0]
    DiscussionComment.objects.filter(pk=marked.pk).update(is_mission_answer=True, like_count=4, flag_count=1)
    return comments + [deep]


def rows_of(response):
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(content[1:]), delimiter=";"))


def test_csv_holds_every_published_comment_once_parents_first(client, moderator, question, threads):
    client.force_login(moderator)
    response = client.get(EXPORT, {"question": question.pk, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = rows_of(response)
    ids = [int(row["id"]) for row in rows]
    assert sorted(ids) == sorted(comment.pk for comment in threads)
    assert len(ids) == len(set(ids))
    seen = set()
    for row in rows:
        if row["parent_id"]:
            assert int(row["parent_id"]) in seen
        seen.add(int(row["id"]))
    deep = next(row for row in rows if row["texte"] == "Réponse à une réponse")
    assert deep["niveau"] == "2" and deep["auteur"] == "Zoé"
    first = next(row for row in rows if int(row["id"]) == threads[0].pk)
    assert first["marques"] == "Réponse de la mission"
    assert first["j_aime"] == "4" and first["signalements"] == "1"
    assert first["parent_id"] == "" and first["niveau"] == "0"
    body = response.content.decode()
    assert "@" not in body
    assert "Propos retiré" not in body and "Jamais confirmé" not in body


def test_html_keeps_the_threads_without_emails(client, moderator, question, threads):
    client.force_login(moderator)
    response = client.get(EXPORT, {"question": question.pk, "format": "html"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "<h2>Comment rémunérer les créateurs ?</h2>" in html
    for comment in threads:
        assert html.count(f'id="c{comment.pk}"') == 1
    # The reply to a reply sits inside its parent's list, which sits inside the root's.
    root, reply = threads[0], threads[1]
    deep = threads[-1]
    assert html.index(f'id="c{root.pk}"') < html.index(f'id="c{reply.pk}"') < html.index(f'id="c{deep.pk}"')
    for parent, child in [(root, reply), (reply, deep)]:
        between = html[html.index(f'id="c{parent.pk}"') : html.index(f'id="c{child.pk}"')]
        assert '<ol class="replies">' in between and "</li>" not in between
    assert "Réponse de la mission" in html
    assert "@example.org" not in html and "mailto:" not in html
    assert "Propos retiré" not in html and "Jamais confirmé" not in html
    download = client.get(EXPORT, {"question": question.pk, "format": "html", "telecharger": "1"})
    assert download["Content-Disposition"] == 'attachment; filename="contributions-remuneration.html"'


def test_text_is_escaped_plain_text(client, moderator, question):
    create_comment(question, "<script>alert(1)</script>\n=SOMME(A1)", name="=Malin")
    client.force_login(moderator)
    html = client.get(EXPORT, {"question": question.pk, "format": "html"}).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    rows = rows_of(client.get(EXPORT, {"question": question.pk, "format": "csv"}))
    assert rows[0]["auteur"] == "'=Malin"


def test_reply_to_a_removed_comment_is_kept(client, moderator, question):
    root = create_comment(question, "Racine retirée", name="Anne")
    reply = create_comment(question, "Réponse encore publiée", name="Paul", parent=root)
    DiscussionComment.objects.filter(pk=root.pk).update(is_removed=True)
    client.force_login(moderator)
    rows = rows_of(client.get(EXPORT, {"question": question.pk, "format": "csv"}))
    assert [int(row["id"]) for row in rows] == [reply.pk]
    html = client.get(EXPORT, {"question": question.pk, "format": "html"}).content.decode()
    assert "Réponse encore publiée" in html and "plus publié" in html and "Racine retirée" not in html


def test_all_questions_export(client, moderator, blog, django_assert_max_num_queries):
    first = make_question(blog, "premiere", "Première question ?")
    second = make_question(blog, "seconde", "Seconde question ?")
    create_threads(first, threads=2, replies=1)
    create_threads(second, threads=3, replies=2)
    client.force_login(moderator)
    rows = rows_of(client.get(EXPORT, {"format": "csv"}))
    assert len(rows) == 4 + 9
    assert {row["question"] for row in rows} == {"Première question ?", "Seconde question ?"}
    create_threads(second, threads=20, replies=2, seed=1)
    with django_assert_max_num_queries(20):
        html = client.get(EXPORT, {"format": "html"}).content.decode()
    assert "<h2>Première question ?</h2>" in html and "<h2>Seconde question ?</h2>" in html
    assert html.count('class="comment"') == 4 + 9 + 60


def test_refusals(client, django_user_model, question):
    assert client.get(EXPORT, {"question": question.pk, "format": "csv"}).status_code == 302
    editor = django_user_model.objects.create_user("redacteur", "red@example.org", "x")
    editor.groups.add(Group.objects.get(name="Rédaction des pages (sans publication)"))
    client.force_login(editor)
    response = client.get(EXPORT, {"question": question.pk, "format": "csv"})
    assert response.status_code in (302, 403)
    assert "text/csv" not in response["Content-Type"]
    menu = client.get("/admin/").content.decode()
    assert "Export des contributions" not in menu


def test_form_validation_and_unknown_question(client, moderator, question):
    client.force_login(moderator)
    page = client.get(EXPORT)
    assert page.status_code == 200
    assert "Comment rémunérer les créateurs ?" in page.content.decode()
    assert client.get("/admin/").content.decode().count("Export des contributions") >= 1
    assert client.get(EXPORT, {"question": "abc", "format": "csv"}).status_code == 400
    bad_format = client.get(EXPORT, {"question": question.pk, "format": "pdf"})
    assert bad_format.status_code == 400
    assert "Choisissez le format HTML ou CSV." in bad_format.content.decode()
    assert client.get(EXPORT, {"question": 999999, "format": "csv"}).status_code == 404
