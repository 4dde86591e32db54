"""Public comments on pages, on top of django-comments-xtd (COMMENTS_APP = "discussion")."""


def get_model():
    from discussion.models import DiscussionComment  # noqa: PLC0415

    return DiscussionComment


def get_form():
    from discussion.forms import CommentForm  # noqa: PLC0415

    return CommentForm
