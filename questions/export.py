"""The rapporteurs' export of the contributions to the questions: CSV and a printable HTML document.

Only *published* comments are exported (`discussion.models.PUBLISHED`): comments removed by a
moderator, held, hidden by flags or never confirmed are left out, so that the export says exactly
what the public read. Emails are never exported. Comments come in thread order (xtd's
`thread_id`, `order`), which puts every parent before its replies.
"""

import io

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from discussion.models import PUBLISHED, DiscussionComment
from hardening import spreadsheet
from questions.models import QuestionPage

CSV_HEADER = [
    "question_id",
    "question",
    "id",
    "parent_id",
    "niveau",
    "date",
    "auteur",
    "texte",
    "j_aime",
    "signalements",
    "etat",
    "marques",
]


def questions_to_export(question=None):
    if question is not None:
        return [question]
    return list(QuestionPage.objects.order_by("path"))


def published_comments(questions):
    """{question pk: [comments in thread order]} in one query."""
    by_question = {question.pk: [] for question in questions}
    comments = DiscussionComment.objects.filter(
        PUBLISHED,
        content_type=ContentType.objects.get_for_model(QuestionPage),
        object_pk__in=[str(pk) for pk in by_question],
    ).order_by("thread_id", "order")
    for comment in comments:
        by_question[int(comment.object_pk)].append(comment)
    return by_question


def marks(comment):
    labels = []
    if comment.is_mission_answer:
        labels.append("Réponse de la mission")
    if comment.is_remarkable:
        labels.append("Contribution remarquable")
    return labels


def parent_pk(comment):
    # xtd makes a top-level comment its own parent.
    return "" if comment.level == 0 or comment.parent_id == comment.pk else comment.parent_id


def export_csv(questions):
    """UTF-8 with a BOM and semicolons: what a French spreadsheet opens without an import dialog."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = spreadsheet.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    by_question = published_comments(questions)
    for question in questions:
        for comment in by_question[question.pk]:
            writer.writerow(
                [
                    question.pk,
                    question.title,
                    comment.pk,
                    parent_pk(comment),
                    comment.level,
                    timezone.localtime(comment.submit_date).strftime("%Y-%m-%d %H:%M"),
                    comment.user_name,
                    comment.comment,
                    comment.like_count,
                    comment.flag_count,
                    comment.get_state_display(),
                    " | ".join(marks(comment)),
                ]
            )
    return buffer.getvalue()


def export_threads(questions):
    """[(question, [root comments with .replies])]; a reply whose parent is not published starts
    a list of its own (flagged `orphan`), so that nothing published is lost."""
    by_question = published_comments(questions)
    result = []
    for question in questions:
        comments = by_question[question.pk]
        by_id = {comment.pk: comment for comment in comments}
        roots = []
        for comment in comments:
            comment.replies = []
            comment.marks = marks(comment)
            parent = by_id.get(parent_pk(comment))
            comment.orphan = comment.level > 0 and parent is None
            if parent is None:
                roots.append(comment)
            else:
                parent.replies.append(comment)
        result.append((question, roots, len(comments)))
    return result
