"""What makes cached pages stale, and what is done about it (docs/page_cache.md).

The page cache (home.page_cache) is invalidated as a whole: the navigation, the home page, the
listings and their comment counts appear on many pages, so any edit that a page may show draws a
new generation. A frontend cache (wagtail.contrib.frontend_cache, when configured) purges the
pages themselves on publish; comments and snippet edits are purged here with a PurgeBatch.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import BaseViewRestriction, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from frontcache.fragments import renew as invalidate_editorial
from home.page_cache import invalidate_all


def is_snippet(instance):
    return type(instance) in get_snippet_models()


def shows_on_pages(instance):
    """Whether saving or deleting this object may change what a public page shows."""
    from discussion.models import DiscussionComment

    if isinstance(instance, (DiscussionComment, Site, BaseViewRestriction, SearchPromotion)):
        return True
    if isinstance(instance, (AbstractImage, AbstractDocument, BaseGenericSetting, BaseSiteSetting)):
        return True
    return is_snippet(instance)


def on_page_change(sender, **kwargs):
    invalidate_all()


def on_model_change(sender, instance, **kwargs):
    from discussion.models import DiscussionComment, VisitorReaction

    if isinstance(instance, Page):
        # Deleting a page: published or not, it may be linked from menus and listings.
        if kwargs.get("signal") is post_delete:
            invalidate_all()
        elif instance.live:
            # Saved live, maybe without the publish signal (code, imports, fixtures): the data
            # cached from the page tree is renewed; the page cache catches up within its timeout
            # (and a draft saved by an editor leaves it warm).
            invalidate_editorial()
        return
    if isinstance(instance, VisitorReaction):
        # A like or a flag changes a count on one page: the like view drops that page's entry
        # only (home.page_cache.forget_page), so that reactions, frequent at the peak of a
        # consultation, never empty the whole cache. A flag that hides a comment saves the
        # comment, which invalidates everything below.
        if getattr(settings, "WAGTAILFRONTENDCACHE", None):
            transaction.on_commit(lambda: purge_frontend_cache_for(instance))
        return
    if not shows_on_pages(instance):
        return
    if isinstance(instance, DiscussionComment) and instance.confirmed_at is None:
        # A comment waiting for its email confirmation shows nowhere: posting (or spamming)
        # leaves the cache alone; confirming it saves it again.
        return
    invalidate_all(editorial=not isinstance(instance, DiscussionComment))
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        transaction.on_commit(lambda: purge_frontend_cache_for(instance))


def purge_frontend_cache_for(instance):
    from discussion.models import DiscussionComment, VisitorReaction
    from home.frontend_cache import purge_comment_pages, purge_pages_referencing

    if isinstance(instance, VisitorReaction):
        purge_comment_pages(instance.comment_id)
    elif isinstance(instance, DiscussionComment):
        purge_comment_pages(instance.pk, object_pk=instance.object_pk)
    elif is_snippet(instance):
        purge_pages_referencing(instance)


def connect():
    page_published.connect(on_page_change, dispatch_uid="page_cache_published")
    page_unpublished.connect(on_page_change, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(on_page_change, dispatch_uid="page_cache_moved")
    post_save.connect(on_model_change, dispatch_uid="page_cache_saved")
    post_delete.connect(on_model_change, dispatch_uid="page_cache_deleted")
