"""Moderation rules, the same for every commentable page type.

django_comments' moderator looks rules up by the exact model class of the object the form was
rendered with; a rule registered for one page class silently misses its siblings or a generic
`Page`. Here the rules are looked up on the *specific* page, and every concrete subclass of
CommentableMixin gets them (`moderator_for` falls back to the generic rules).
"""

from django.apps import apps
from django.conf import settings

from discussion.text import count_links


class CommentableModerator:
    """What happens to a comment on a commentable page."""

    def allow(self, page, now=None):
        return page.comments_are_open(now=now)

    def hold_reason(self, comment, page):
        """Why a confirmed comment waits for a moderator, or "" when it may be published."""
        if page.comments_premoderated:
            return "premoderation"
        if count_links(comment.comment) > settings.DISCUSSION_MAX_LINKS:
            return "links"
        return ""


def commentable_models():
    from discussion.models import CommentableMixin  # noqa: PLC0415

    return [
        model
        for model in apps.get_models()
        if issubclass(model, CommentableMixin) and not model._meta.abstract and not model._meta.proxy
    ]


_registry = {}


def register(model, moderator_class=CommentableModerator):
    _registry[model] = moderator_class()


def moderator_for(page):
    specific_class = type(page)
    if specific_class not in _registry:
        # A page type created after startup (or a test model) still gets the generic rules.
        register(specific_class)
    return _registry[specific_class]
