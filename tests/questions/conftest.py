import datetime

import pytest
from django.utils import timezone

from home.demo import get_or_create_child_page
from questions.models import QuestionIndexPage, QuestionPage, Subscriber


@pytest.fixture
def blog(mission_site):
    home, _ = mission_site
    index, _ = get_or_create_child_page(
        home, QuestionIndexPage, "questions", title="Le blog participatif", introduction="Les questions."
    )
    return index


def make_question(index, slug, title, *, asked_on=datetime.date(2012, 10, 1), closes_on=None, publish=True):
    question = QuestionPage(
        slug=slug,
        title=title,
        introduction=f"Introduction de « {title} »",
        theme=QuestionPage.Theme.PRACTICES,
        asked_on=asked_on,
        closes_on=closes_on,
        live=False,
    )
    index.add_child(instance=question)
    if publish:
        question.save_revision().publish()
    return question


def make_subscribers(confirmed=0, pending=0, unsubscribed=0):
    now = timezone.now()
    rows = []
    for number in range(confirmed):
        rows.append(Subscriber(email=f"confirme{number}@example.org", confirmed_at=now))
    for number in range(pending):
        rows.append(Subscriber(email=f"attente{number}@example.org"))
    for number in range(unsubscribed):
        rows.append(Subscriber(email=f"parti{number}@example.org", confirmed_at=now, unsubscribed_at=now))
    return Subscriber.objects.bulk_create(rows)
