import datetime
import re

import pytest
from wagtail.test.utils import WagtailPageTestCase

from discussion.demo import create_comment, create_threads
from hearings.models import HearingIndexPage, HearingPage
from home.demo import get_or_create_child_page, load_mission_pages
from home.models import HomePage
from questions.demo import MOST_COMMENTED_SLUG, load_demo_questions
from questions.models import QuestionIndexPage, QuestionPage, QuestionRelatedHearing, Subscriber

from .conftest import make_question, make_subscribers

SEED_TITLES = [
    "Internet a-t-il changé votre rapport à la culture et aux médias ?",
    "Quelles devraient être les priorités de la politique culturelle à l’ère numérique ?",
    "Combien êtes vous prêts à payer pour une oeuvre ?",
]


def h1s(html):
    return re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)


def card_titles(html):
    return re.findall(r'<h2 class="fr-card__title"><a href="[^"]+">(.*?)</a></h2>', html)


@pytest.fixture
def three_questions(blog):
    old = make_question(blog, "ancienne", "Ancienne question ?", asked_on=datetime.date(2012, 9, 1))
    closed = make_question(
        blog,
        "close",
        "Question close ?",
        asked_on=datetime.date(2012, 10, 1),
        closes_on=datetime.date(2012, 11, 1),
    )
    new = make_question(blog, "recente", "Question récente ?", asked_on=datetime.date(2012, 11, 1))
    make_question(blog, "brouillon", "Brouillon ?", asked_on=datetime.date(2012, 12, 1), publish=False)
    return old, closed, new


def test_index_lists_questions_newest_first_with_their_state(client, three_questions):
    response = client.get("/questions/")
    assert response.status_code == 200
    html = response.content.decode()
    assert h1s(html) == ["Le blog participatif"]
    assert card_titles(html) == ["Question récente ?", "Question close ?", "Ancienne question ?"]
    assert "Brouillon" not in html
    assert html.count(">Ouverte</p>") == 2 and html.count(">Close</p>") == 1
    assert "3 questions, des plus récentes aux plus anciennes" in html
    assert "Introduction de « Question récente ? »" in html


def test_index_sorts_by_most_commented(client, three_questions):
    old, closed, new = three_questions
    create_threads(old, threads=4, replies=2)  # 12 comments
    create_threads(closed, threads=14, replies=3)  # 56 comments
    html = client.get("/questions/?tri=commentees").content.decode()
    assert card_titles(html) == ["Question close ?", "Ancienne question ?", "Question récente ?"]
    assert "56 commentaires" in html and "0 commentaire<" in html
    assert '<option value="commentees" selected>' in html


def test_index_ignores_an_unknown_sort_with_a_message(client, three_questions):
    response = client.get("/questions/?tri=%3Cscript%3E&page=-3")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ce tri ou cette page n’existe pas" in html
    assert card_titles(html) == ["Question récente ?", "Question close ?", "Ancienne question ?"]
    assert "<script>" not in html.split("</header>")[1].split("<footer")[0]


def test_index_paginates(client, blog):
    for number in range(12):
        make_question(
            blog, f"q{number}", f"Question {number} ?", asked_on=datetime.date(2012, 10, 1 + number)
        )
    first = client.get("/questions/").content.decode()
    second = client.get("/questions/?page=2").content.decode()
    beyond = client.get("/questions/?page=99")
    assert len(card_titles(first)) == 10 and card_titles(second) == ["Question 1 ?", "Question 0 ?"]
    assert beyond.status_code == 200 and card_titles(beyond.content.decode()) == card_titles(second)


def test_index_query_count_does_not_grow_with_questions(client, blog, django_assert_max_num_queries):
    for number in range(10):
        make_question(blog, f"q{number}", f"Question {number} ?")
    with django_assert_max_num_queries(20):
        client.get("/questions/")


def test_index_shows_the_counted_subscribers_and_one_subscribe_form(client, blog):
    make_subscribers(confirmed=4, pending=2, unsubscribed=1)
    html = client.get("/questions/").content.decode()
    assert re.search(r'id="blog-compteur">\s*4 abonnés', html)
    assert html.count('name="email"') == 1
    assert 'action="/abonnement/"' in html


def test_footer_follow_block_on_other_pages(client, blog):
    html = client.get("/la-mission/").content.decode()
    assert 'class="fr-follow"' in html
    assert '<label class="fr-label" for="pied-email">' in html
    assert 'action="/abonnement/"' in html


def test_question_page_shows_the_question_and_its_hearings(client, mission_site, blog):
    home, _ = mission_site
    hearings_index, _ = get_or_create_child_page(home, HearingIndexPage, "auditions", title="Auditions")
    hearing = HearingPage(title="Audition du CNC", slug="cnc", hearing_date="2012-10-10T10:00:00+02:00")
    hearings_index.add_child(instance=hearing)
    hearing.save_revision().publish()
    draft = HearingPage(
        title="Audition non publiée", slug="brouillon", hearing_date="2012-10-11T10:00:00+02:00"
    )
    hearings_index.add_child(instance=draft)
    draft.unpublish()
    question = QuestionPage(
        title="La chronologie des médias est-elle encore adaptée ?",
        slug="chronologie",
        introduction="Quatre mois entre la salle et la vidéo à la demande.",
        theme=QuestionPage.Theme.ACCESS,
        asked_on=datetime.date(2012, 10, 26),
        closes_on=datetime.date(2012, 11, 30),
        related_hearings=[QuestionRelatedHearing(hearing=hearing), QuestionRelatedHearing(hearing=draft)],
    )
    blog.add_child(instance=question)
    question.save_revision().publish()

    response = client.get("/questions/chronologie/")
    assert response.status_code == 200
    html = response.content.decode()
    assert h1s(html) == ["La chronologie des médias est-elle encore adaptée ?"]
    assert "Quatre mois entre la salle et la vidéo à la demande." in html
    assert "Accès aux œuvres et offre légale" in html
    assert "Question posée le 26 octobre 2012" in html
    assert "Question close" in html and "close le 30 novembre 2012" in html
    assert '<a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/auditions/cnc/">' in html
    assert "Audition non publiée" not in html
    assert 'href="/questions/"' in html


def test_question_is_open_until_its_closing_day(db):
    question = QuestionPage(closes_on=datetime.date(2012, 11, 30))
    assert question.is_open(today=datetime.date(2012, 11, 30))
    assert not question.is_open(today=datetime.date(2012, 12, 1))
    assert QuestionPage().is_open(today=datetime.date(2030, 1, 1))


def test_home_shows_the_open_questions(client, three_questions):
    html = client.get("/").content.decode()
    section = html[html.index('id="questions-ouvertes"') :]
    assert "Question récente ?" in section and "Ancienne question ?" in section
    assert "Question close ?" not in section
    assert 'href="/questions/"' in section


class TestQuestionPageTree(WagtailPageTestCase):
    def setUp(self):
        load_mission_pages()

    def test_index_under_home_only_once(self):
        self.assertAllowedParentPageTypes(QuestionIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(QuestionIndexPage, {QuestionPage})
        self.assertCanCreateAt(HomePage, QuestionIndexPage)
        home = HomePage.objects.get()
        index = home.add_child(instance=QuestionIndexPage(title="Le blog participatif", slug="questions"))
        self.assertFalse(QuestionIndexPage.can_create_at(home))
        self.assertPageIsRenderable(index)

    def test_question_only_under_the_index_and_has_no_children(self):
        self.assertAllowedParentPageTypes(QuestionPage, {QuestionIndexPage})
        self.assertAllowedSubpageTypes(QuestionPage, set())
        self.assertCanNotCreateAt(HearingIndexPage, QuestionPage)
        self.assertCanNotCreateAt(HomePage, QuestionPage)


def test_demo_questions_reproduce_the_seed_and_are_idempotent(mission_site):
    home, _ = mission_site
    summary = load_demo_questions(home)
    assert "10 questions" in summary and "295 confirmed subscribers" in summary
    titles = set(QuestionPage.objects.live().values_list("title", flat=True))
    assert len(titles) == 10
    assert set(SEED_TITLES) <= titles
    consumption = QuestionPage.objects.get(slug=MOST_COMMENTED_SLUG)
    assert "modes de consommation culturelle en ligne" in consumption.title
    assert Subscriber.objects.counted().count() == 295
    assert Subscriber.objects.pending().exists() and Subscriber.objects.unsubscribed().exists()
    counts = QuestionPage.objects.count(), Subscriber.objects.count()
    emails = set(Subscriber.objects.values_list("email", flat=True))
    load_demo_questions(home)
    assert (QuestionPage.objects.count(), Subscriber.objects.count()) == counts
    assert set(Subscriber.objects.values_list("email", flat=True)) == emails
    assert QuestionIndexPage.objects.get().url == "/questions/"


def test_mission_answers_and_remarkable_contributions_come_first(client, three_questions):
    question = three_questions[2]
    plain = create_comment(question, "Un avis ordinaire.", name="Paul")
    remarkable = create_comment(question, "Une analyse étayée.", name="Claire", is_remarkable=True)
    create_comment(question, "Réponse officielle.", name="La mission", parent=plain, is_mission_answer=True)
    create_comment(question, "Retiré.", name="Spam", is_remarkable=True, is_removed=True)
    html = client.get(question.url).content.decode()
    section = html[
        html.index("Réponses de la mission et contributions remarquables") : html.index("Commentaires (")
    ]
    assert section.index("Réponse officielle.") < section.index("Une analyse étayée.")
    assert "Un avis ordinaire." not in section and "Retiré." not in section
    assert f'href="#c{remarkable.pk}"' in section
    # Each stays in its thread too.
    thread = html[html.index("Commentaires (") :]
    assert "Un avis ordinaire." in thread and "Une analyse étayée." in thread


def test_no_highlighted_section_without_marked_comments(client, three_questions):
    question = three_questions[2]
    create_comment(question, "Un avis ordinaire.", name="Paul")
    assert "Réponses de la mission" not in client.get(question.url).content.decode()
