"""The demo's contributions read like the real ones (discussion/demo_texts.py): at least 120
distinct argued comments, replies that answer their parent, remarkable contributions that deserve
the mark; the seed's figures stay those of the progress report (tests/stats/test_demo.py)."""

import re

import pytest
from django.core.management import call_command

from discussion.models import PUBLISHED, DiscussionComment


@pytest.fixture
def demo_comments(db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return list(DiscussionComment.objects.filter(PUBLISHED).exclude(is_mission_answer=True))


def sentences(text):
    return [part for part in re.split(r"(?<=[.?!])\s+", text.strip()) if part]


def test_at_least_120_distinct_argued_comments(demo_comments):
    texts = [comment.comment for comment in demo_comments]
    assert len(texts) == 247  # 248 published, one of them the mission's answer
    assert len(set(texts)) == len(texts)  # no text twice
    roots = [comment for comment in demo_comments if comment.parent_id == comment.pk]
    assert len({comment.comment for comment in roots}) >= 120
    for comment in roots:
        assert len(sentences(comment.comment)) >= 4, comment.comment  # position, argument, example, proposal
        assert len(comment.comment) >= 250


def test_replies_answer_their_parent(demo_comments):
    by_pk = {comment.pk: comment for comment in demo_comments}
    replies = [comment for comment in demo_comments if comment.parent_id != comment.pk]
    assert len(replies) >= 80
    for reply in replies:
        parent = by_pk.get(reply.parent_id) or DiscussionComment.objects.get(pk=reply.parent_id)
        assert parent.user_name in reply.comment, (parent.user_name, reply.comment)
        assert reply.user_name != parent.user_name
        assert reply.comment != parent.comment
        # Its own argument and proposal (its last two sentences), not its parent's again.
        for sentence in sentences(reply.comment)[-2:]:
            assert sentence not in parent.comment, (sentence, parent.comment)


def test_remarkable_contributions_deserve_the_mark(demo_comments):
    remarkable = [comment for comment in demo_comments if comment.is_remarkable]
    assert len(remarkable) == 2
    for comment in remarkable:
        assert not comment.comment.startswith("Merci")
        assert len(sentences(comment.comment)) >= 4


def test_the_demo_gives_moderators_something_to_do(demo_comments):
    from discussion.moderation import dashboard_counts

    counts = {label: count for label, count, _url in dashboard_counts("/admin/discussion/discussioncomment/")}
    assert counts["à modérer"] == 1
    assert counts["signalé"] == 1
    flagged = DiscussionComment.objects.get(flag_count=2)
    assert flagged.is_published  # two flags: still shown, three would hide it
    assert sorted(flagged.reactions.values_list("reason", flat=True)) == ["hors-sujet", "publicite"]
