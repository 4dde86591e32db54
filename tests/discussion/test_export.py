"""The rapporteurs' export of the contributions: every commentable page type, filtered by section,
page, date range and state, as CSV and threaded HTML, moderators only, never with emails."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from discussion.demo import create_comment, create_threads
from discussion.models import DiscussionComment
from events.models import TripEventPage, TripIndexPage
from home.demo import get_home_page, get_or_create_child_page
from questions.models import QuestionIndexPage, QuestionPage
from tests.discussion.conftest import make_hearing

EXPORT = "/admin/contributions/export/"


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderatrice", "mod@example.org", "x")
    user.groups.add(Group.objects.get(name="Modérateurs"))
    return user


def make_question(slug, title):
    blog, _ = get_or_create_child_page(
        get_home_page(), QuestionIndexPage, "questions", title="Le blog participatif", introduction="Q."
    )
    question = QuestionPage(
        slug=slug,
        title=title,
        introduction="Introduction.",
        theme=QuestionPage.Theme.PRACTICES,
        asked_on=datetime.date(2012, 10, 1),
    )
    blog.add_child(instance=question)
    question.save_revision().publish()
    return question


def make_trip(slug, city):
    index, _ = get_or_create_child_page(get_home_page(), TripIndexPage, "deplacements", title="Déplacements")
    trip, _ = get_or_create_child_page(
        index,
        TripEventPage,
        slug,
        title=f"Déplacement à {city}",
        city=city,
        region="Bretagne",
        start_date=datetime.date(2012, 11, 8),
        end_date=datetime.date(2012, 11, 8),
        programme=[],
    )
    return trip


@pytest.fixture
def hearing(db):
    return make_hearing()


@pytest.fixture
def question(hearing):
    return make_question("remuneration", "Comment rémunérer les créateurs ?")


@pytest.fixture
def threads(question):
    """Three threads of two replies, a reply to a reply, and what the default export leaves out."""
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
    DiscussionComment.objects.filter(pk=marked.pk).update(
        is_mission_answer=True, is_remarkable=True, like_count=4, flag_count=1
    )
    return comments + [deep]


def rows_of(response):
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(content[1:]), delimiter=";"))


def test_csv_holds_every_published_comment_once_parents_first(client, moderator, question, threads):
    client.force_login(moderator)
    response = client.get(EXPORT, {"page": question.pk, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="contributions-remuneration.csv"'
    rows = rows_of(response)
    ids = [int(row["id"]) for row in rows]
    assert sorted(ids) == sorted(comment.pk for comment in threads)
    assert len(ids) == len(set(ids))
    seen = set()
    for row in rows:
        if row["parent_id"]:
            assert int(row["parent_id"]) in seen
        seen.add(int(row["id"]))
    assert {row["section"] for row in rows} == {"Questions"}
    assert {row["page"] for row in rows} == {"Comment rémunérer les créateurs ?"}
    assert {row["page_url"] for row in rows} == {question.get_url()}
    deep = next(row for row in rows if row["texte"] == "Réponse à une réponse")
    assert deep["niveau"] == "2" and deep["auteur"] == "Zoé"
    # The second thread's first reply's own first reply.
    assert deep["position"] == "1.1.1"
    assert [row["position"] for row in rows[:4]] == ["1", "1.1", "1.1.1", "1.2"]
    first = next(row for row in rows if int(row["id"]) == threads[0].pk)
    assert first["marques"] == "Réponse de la mission | Contribution remarquable"
    assert first["j_aime"] == "4" and first["signalements"] == "1"
    assert first["parent_id"] == "" and first["niveau"] == "0" and first["etat"] == "signalé"
    assert rows[-1]["position"] == "3.2"
    body = response.content.decode()
    assert "@" not in body
    assert "Propos retiré" not in body and "Jamais confirmé" not in body


def test_removed_state_carries_the_reason_and_keeps_positions(client, moderator, question, threads):
    client.force_login(moderator)
    rows = rows_of(client.get(EXPORT, {"page": question.pk, "etat": "retire", "format": "csv"}))
    assert [(row["texte"], row["etat"], row["motif_retrait"]) for row in rows] == [
        ("Propos retiré", "retiré", "injurieux")
    ]
    assert rows[0]["position"] == "4"  # the fourth thread of the page, counted with every comment
    everything = rows_of(client.get(EXPORT, {"page": question.pk, "etat": "tous", "format": "csv"}))
    assert len(everything) == len(threads) + 2
    assert "@" not in "".join(str(row) for row in everything)
    html = client.get(EXPORT, {"page": question.pk, "etat": "retire", "format": "html"}).content.decode()
    assert "Propos retiré" in html and "motif du retrait : injurieux" in html


def test_every_page_type_section_and_date_filters(client, moderator, hearing, question):
    trip = make_trip("rennes", "Rennes")
    october = timezone.make_aware(datetime.datetime(2012, 10, 15, 12))
    november = timezone.make_aware(datetime.datetime(2012, 11, 20, 12))
    create_comment(hearing, "Sur l’audition", name="Anne", when=october)
    create_comment(question, "Sur la question", name="Bruno", when=november)
    create_comment(trip, "Sur le déplacement", name="Chloé", when=november)
    client.force_login(moderator)
    rows = rows_of(client.get(EXPORT, {"format": "csv"}))
    assert {(row["section"], row["texte"]) for row in rows} == {
        ("Auditions", "Sur l’audition"),
        ("Questions", "Sur la question"),
        ("Déplacements", "Sur le déplacement"),
    }
    hearings = rows_of(client.get(EXPORT, {"section": "hearingpage", "format": "csv"}))
    assert [row["texte"] for row in hearings] == ["Sur l’audition"]
    trips = rows_of(client.get(EXPORT, {"section": "tripeventpage", "format": "csv"}))
    assert [row["page"] for row in trips] == ["Déplacement à Rennes"]
    november_only = rows_of(client.get(EXPORT, {"du": "2012-11-01", "au": "2012-11-30", "format": "csv"}))
    assert sorted(row["texte"] for row in november_only) == ["Sur la question", "Sur le déplacement"]
    october_only = rows_of(client.get(EXPORT, {"au": "2012-10-31", "format": "csv"}))
    assert [row["texte"] for row in october_only] == ["Sur l’audition"]
    html = client.get(EXPORT, {"format": "html"}).content.decode()
    assert "<h2>Audition de la SACD</h2>" in html and "<h2>Déplacement à Rennes</h2>" in html
    assert html.count('class="comment"') == 3


def test_html_keeps_the_threads_without_emails(client, moderator, question, threads):
    client.force_login(moderator)
    response = client.get(EXPORT, {"page": question.pk, "format": "html"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "<h2>Comment rémunérer les créateurs ?</h2>" in html
    for comment in threads:
        assert html.count(f'id="c{comment.pk}"') == 1
    root, reply = threads[0], threads[1]
    deep = threads[-1]
    assert html.index(f'id="c{root.pk}"') < html.index(f'id="c{reply.pk}"') < html.index(f'id="c{deep.pk}"')
    for parent, child in [(root, reply), (reply, deep)]:
        between = html[html.index(f'id="c{parent.pk}"') : html.index(f'id="c{child.pk}"')]
        assert '<ol class="replies">' in between and "</li>" not in between
    assert '<span class="position">1.1.1</span>' in html
    assert "Réponse de la mission" in html and "Contribution remarquable" in html
    assert "@example.org" not in html and "mailto:" not in html
    assert "Propos retiré" not in html and "Jamais confirmé" not in html
    download = client.get(EXPORT, {"page": question.pk, "format": "html", "telecharger": "1"})
    assert download["Content-Disposition"] == 'attachment; filename="contributions-remuneration.html"'


def test_text_is_escaped_plain_text(client, moderator, question):
    create_comment(question, "<script>alert(1)</script>\n=SOMME(A1)", name="=Malin")
    client.force_login(moderator)
    html = client.get(EXPORT, {"page": question.pk, "format": "html"}).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    rows = rows_of(client.get(EXPORT, {"page": question.pk, "format": "csv"}))
    assert rows[0]["auteur"] == "'=Malin"


def test_reply_to_a_removed_comment_is_kept(client, moderator, question):
    root = create_comment(question, "Racine retirée", name="Anne")
    reply = create_comment(question, "Réponse encore publiée", name="Paul", parent=root)
    DiscussionComment.objects.filter(pk=root.pk).update(is_removed=True)
    client.force_login(moderator)
    rows = rows_of(client.get(EXPORT, {"page": question.pk, "format": "csv"}))
    assert [(int(row["id"]), row["position"]) for row in rows] == [(reply.pk, "1.1")]
    html = client.get(EXPORT, {"page": question.pk, "format": "html"}).content.decode()
    assert "Réponse encore publiée" in html and "pas dans cet export" in html and "Racine retirée" not in html


def test_all_pages_export_query_count_does_not_grow(
    client, moderator, question, django_assert_max_num_queries
):
    second = make_question("seconde", "Seconde question ?")
    create_threads(question, threads=2, replies=1)
    create_threads(second, threads=3, replies=2)
    client.force_login(moderator)
    rows = rows_of(client.get(EXPORT, {"format": "csv"}))
    assert len(rows) == 4 + 9
    create_threads(second, threads=20, replies=2, seed=1)
    with django_assert_max_num_queries(25):
        html = client.get(EXPORT, {"format": "html"}).content.decode()
    assert html.count('class="comment"') == 4 + 9 + 60


def test_refusals(client, django_user_model, question):
    assert client.get(EXPORT, {"format": "csv"}).status_code == 302
    editor = django_user_model.objects.create_user("redacteur", "red@example.org", "x")
    editor.groups.add(Group.objects.get(name="Rédaction des pages (sans publication)"))
    client.force_login(editor)
    response = client.get(EXPORT, {"format": "csv"})
    assert response.status_code in (302, 403)
    assert "text/csv" not in response["Content-Type"]
    assert "Export des contributions" not in client.get("/admin/").content.decode()


def test_form_and_bad_input(client, moderator, question):
    client.force_login(moderator)
    page = client.get(EXPORT)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Export des contributions" in client.get("/admin/").content.decode()
    assert "Toutes les sections" in html and "Déplacements" in html and "Auditions" in html
    assert "Comment rémunérer" not in html  # the page comes from the chooser, not a list of every page
    for query, message in [
        ({"page": "abc", "format": "csv"}, "Choisissez une page commentable."),
        ({"page": 999999, "format": "csv"}, "Choisissez une page commentable."),
        ({"page": question.get_parent().pk, "format": "csv"}, "Choisissez une page commentable"),
        ({"format": "pdf"}, "Choisissez le format HTML ou CSV."),
        ({"section": "nope", "format": "csv"}, "Choisissez une section dans la liste."),
        ({"etat": "nope", "format": "csv"}, "Choisissez un état dans la liste."),
        ({"du": "2012-13-01", "format": "csv"}, "Indiquez une date au format AAAA-MM-JJ."),
        (
            {"du": "2012-11-02", "au": "2012-11-01", "format": "csv"},
            "La date de fin précède la date de début.",
        ),
    ]:
        response = client.get(EXPORT, query)
        assert response.status_code == 400, query
        assert message in response.content.decode(), query
