"""What makes cached fragments and pages stale, and what is done about it (docs/caching.md).

The fragments (frontcache/fragments.py) hold what only the team changes: any edit a page may show
renews them all. A frontend cache is purged of the pages that show the change
(frontcache/purges.py); Wagtail itself purges a page published or unpublished.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import BaseViewRestriction, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from frontcache import fragments, purges

EDITORIAL_BASES = (
    Site,
    BaseViewRestriction,
    SearchPromotion,
    AbstractImage,
    AbstractDocument,
    BaseGenericSetting,
    BaseSiteSetting,
)


def is_snippet(instance):
    return type(instance) in get_snippet_models()


def is_editorial(instance):
    """Whether saving or deleting this object may change what the fragments hold."""
    return isinstance(instance, EDITORIAL_BASES) or is_snippet(instance)


def watched_models():
    """The models whose saves and deletes may make a fragment or a cached page stale.

    Listening to these only (not to every model) leaves the others' saves free of this work and
    lets Django delete them in bulk (a model with delete listeners is deleted row by row).
    Snippets are known once wagtail.snippets is ready: INSTALLED_APPS lists frontcache after it.
    """
    from discussion.models import DiscussionComment, VisitorReaction

    bases = (Page, DiscussionComment, VisitorReaction, *EDITORIAL_BASES)
    snippets = set(get_snippet_models())
    return [model for model in apps.get_models() if issubclass(model, bases) or model in snippets]


def on_page_change(sender, instance, **kwargs):
    fragments.renew()
    purges.purge_publication(instance)


def on_page_move(sender, instance, url_path_before, url_path_after, **kwargs):
    fragments.renew()
    purges.purge_move(instance, url_path_before, url_path_after)


def on_model_change(sender, instance, **kwargs):
    from discussion.models import DiscussionComment, VisitorReaction

    if isinstance(instance, Page):
        # A page deleted (published or not: menus and listings may name it), or saved live
        # maybe without the publish signal (code, imports, fixtures). A draft leaves it alone.
        if kwargs.get("signal") is post_delete or instance.live:
            fragments.renew()
        return
    if isinstance(instance, VisitorReaction):
        # A like or a flag changes a count on one page only; a flag that hides a comment saves
        # the comment, handled below.
        purges.purge_reaction(instance)
        return
    if isinstance(instance, DiscussionComment):
        # A comment waiting for its email confirmation shows nowhere: posting (or spamming)
        # purges nothing; confirming it saves it again. Comments never renew the fragments.
        if instance.confirmed_at is not None:
            purges.purge_comment(instance)
        return
    if is_editorial(instance):
        fragments.renew()
        if isinstance(instance, (AbstractImage, AbstractDocument)) or is_snippet(instance):
            purges.purge_referencing(instance)


def connect():
    page_published.connect(on_page_change, dispatch_uid="frontcache_published")
    page_unpublished.connect(on_page_change, dispatch_uid="frontcache_unpublished")
    post_page_move.connect(on_page_move, dispatch_uid="frontcache_moved")
    for model in watched_models():
        label = model._meta.label_lower
        post_save.connect(on_model_change, sender=model, dispatch_uid=f"frontcache_saved_{label}")
        post_delete.connect(on_model_change, sender=model, dispatch_uid=f"frontcache_deleted_{label}")
