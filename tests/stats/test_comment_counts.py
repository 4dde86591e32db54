"""The published comments per page kept by triggers (stats.comment_counts) and the figures that
read them: exact whatever publishes, hides, removes or deletes a comment, and under concurrency."""

import datetime
import re
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import close_old_connections, connection, transaction
from django.db.models import Count
from django.utils import timezone

from discussion import services
from discussion.counts import published_comment_rows
from discussion.demo import create_comment
from discussion.models import DiscussionComment, RemovalReason, VisitorReaction
from hearings.models import HearingPage, Organism, Sector
from questions.models import QuestionPage
from stats.figures import key_figures
from stats.models import PublishedCommentCount
from tests.stats.test_figures import small_hearings  # noqa: F401 - a fixture

HELD = HearingPage.Status.HELD
PLANNED = HearingPage.Status.PLANNED
THEME = QuestionPage.Theme.values[0]


def counted(page):
    return (
        PublishedCommentCount.objects.filter(page_id=page.pk).values_list("comments", flat=True).first() or 0
    )


def recounted(page):
    """The same count, from the comment tables (the definition the figures had before)."""
    return published_comment_rows().filter(object_pk=str(page.pk)).count()


def assert_counts(page, expected):
    assert (counted(page), recounted(page)) == (expected, expected)


def add_question(home, slug="une-question", title="Une question ?"):
    question = QuestionPage(
        title=title,
        slug=slug,
        introduction="Votre avis.",
        theme=THEME,
        asked_on=datetime.date(2012, 10, 1),
    )
    home.add_child(instance=question)
    return question


def test_counts_follow_publication_moderation_flags_and_deletion(stats_site):
    question = add_question(stats_site["home"])
    first = create_comment(question, "Un avis.")
    unconfirmed = create_comment(
        question, "En attente.", is_public=False, confirmed_at=None, published_at=None
    )
    reply = create_comment(question, "Une réponse.", parent=first)
    assert_counts(question, 2)

    unconfirmed.confirmed_at = timezone.now()
    unconfirmed.save()
    assert services.approve(unconfirmed)
    assert_counts(question, 3)

    # Three flags hide a comment (a queryset update, then a save of one field).
    for visitor in ("a", "b", "c"):
        services.react(reply, VisitorReaction.Kind.FLAG, visitor, reason="hors-sujet")
    assert DiscussionComment.objects.get(pk=reply.pk).hidden_by_flags
    assert_counts(question, 2)
    # A moderator publishes it again, then removes another one.
    services.approve(DiscussionComment.objects.get(pk=reply.pk))
    assert_counts(question, 3)
    services.remove(DiscussionComment.objects.get(pk=first.pk), RemovalReason.OFF_TOPIC)
    assert_counts(question, 2)
    # Held back by an update of the base table only.
    DiscussionComment.objects.filter(pk=unconfirmed.pk).update(is_public=False)
    assert_counts(question, 1)

    # Deleted: a published one, a hidden one, a removed one.
    hidden = create_comment(question, "Bientôt masqué.")
    DiscussionComment.objects.filter(pk=hidden.pk).update(hidden_by_flags=True)
    assert_counts(question, 1)
    hidden.delete()
    DiscussionComment.objects.get(pk=first.pk).delete()
    assert_counts(question, 1)
    DiscussionComment.objects.get(pk=reply.pk).delete()
    assert_counts(question, 0)


def test_a_comment_born_hidden_or_moved_to_another_page_is_counted_right(stats_site):
    question = add_question(stats_site["home"])
    other = add_question(stats_site["home"], "une-autre-question", "Une autre question ?")
    create_comment(question, "Masqué d’emblée.", hidden_by_flags=True)
    moved = create_comment(question, "Déplacé.")
    assert_counts(question, 1)
    DiscussionComment.objects.filter(pk=moved.pk).update(object_pk=str(other.pk))
    assert_counts(question, 0)
    assert_counts(other, 1)


def test_the_key_figures_page_shows_a_new_comment_at_once(client, stats_site):
    question = add_question(stats_site["home"])
    create_comment(question, "Un avis.")

    def tiles():
        html = client.get("/chiffres-cles/").content.decode()
        tile = r'<span class="stats-figure">(\d+)</span> <span class="stats-figure__label">{}</span>'
        return [
            int(re.search(tile.format(label), html).group(1))
            for label in ("commentaires publiés", "commentaires sur le sujet le plus commenté")
        ]

    assert tiles() == [1, 1]
    create_comment(question, "Un autre avis.")
    assert tiles() == [2, 2]
    other = add_question(stats_site["home"], "une-autre-question", "Une autre question ?")
    for n in range(3):
        create_comment(other, f"Avis {n}.")
    assert tiles() == [5, 3]
    # A comment on an unpublished page is not counted.
    other.unpublish()
    assert tiles() == [2, 2]


def test_rebuild_recounts_every_page(stats_site):
    question = add_question(stats_site["home"])
    for n in range(3):
        create_comment(question, f"Avis {n}.")
    PublishedCommentCount.objects.update(comments=0)
    call_command("rebuild_comment_counts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert_counts(question, 3)


@pytest.mark.django_db(transaction=True)
def test_concurrent_comments_keep_the_count_exact():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: concurrency is tested on PostgreSQL")
    from home.demo import get_home_page, load_mission_pages

    load_mission_pages()
    question = add_question(get_home_page())
    first = create_comment(question, "Le premier.")
    barrier = threading.Barrier(8)
    errors = []

    def write(number):
        try:
            barrier.wait()
            for n in range(5):
                with transaction.atomic():
                    comment = create_comment(question, f"Avis {number}-{n}.")
                    if n == 4:
                        # Hidden in the transaction that wrote it, as a moderation would.
                        DiscussionComment.objects.filter(pk=comment.pk).update(hidden_by_flags=True)
            # Everyone publishes and hides the first comment, each in a transaction of its own.
            services.approve(DiscussionComment.objects.get(pk=first.pk))
            with transaction.atomic():
                # As the flag view does: the base row first, as a moderator's save does.
                services.lock_base_row(first.pk)
                DiscussionComment.objects.filter(pk=first.pk).update(hidden_by_flags=number % 2 == 0)
        except Exception as error:
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=write, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    expected = 8 * 4 + (0 if DiscussionComment.objects.get(pk=first.pk).hidden_by_flags else 1)
    assert_counts(question, expected)


def test_key_figures_follow_a_hearing_status_change(client, small_hearings):  # noqa: F811
    figures = key_figures()
    assert (figures.hearings.held, figures.hearings.planned) == (2, 1)
    planned = HearingPage.objects.get(slug="arp")
    planned.status = HELD
    planned.save_revision().publish()
    figures = key_figures()
    assert (figures.hearings.held, figures.hearings.planned) == (3, 0)
    cinema = next(row for row in figures.breakdowns[2].rows if row.slug == "cinema")
    assert (cinema.held, cinema.planned) == (2, 0)
    html = client.get("/chiffres-cles/").content.decode()
    assert re.search(
        r'<span class="stats-figure">3</span> <span class="stats-figure__label">auditions réalisées<', html
    )


def test_key_figures_follow_an_organisms_sectors(small_hearings):  # noqa: F811
    def sector_rows():
        return {row.slug: (row.held, row.planned) for row in key_figures().breakdowns[2].rows}

    assert sector_rows()["livre"] == (0, 0)
    organism = Organism.objects.get(slug="arp")
    organism.sectors.add(Sector.objects.get(slug="livre"))
    assert sector_rows()["livre"] == (0, 1)
    organism.sectors.clear()
    assert sector_rows()["livre"] == (0, 0)
    assert sector_rows()["cinema"] == (1, 0)


def test_the_demo_content_and_the_scale_data_fill_the_counts(db):
    """Bulk inserts fire the triggers too: nothing to rebuild after load_demo_content or
    generate_scale_data."""
    call_command("load_demo_content", stdout=StringIO())
    call_command("generate_scale_data", hearings=40, comments=4000, stdout=StringIO())
    rows = published_comment_rows().order_by().values("object_pk").annotate(total=Count("pk"))
    expected = {int(row["object_pk"]): row["total"] for row in rows}
    assert (
        dict(PublishedCommentCount.objects.filter(comments__gt=0).values_list("page_id", "comments"))
        == expected
    )
    assert sum(expected.values()) > 3000
