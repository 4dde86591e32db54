"""Purges of a frontend cache (reverse proxy or CDN) beyond Wagtail's own purge on publish.

Wagtail's wagtail.contrib.frontend_cache purges a page when it is published or unpublished. A
comment changes its page and the listings that show its count (the page's ancestors: the
question or hearing index, the home page); a snippet changes the pages that reference it, found
through Wagtail's ReferenceIndex, directly or through another object (a sector is referenced by
organisms, which hearings reference).
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, ReferenceIndex


def with_ancestors(pages):
    """The pages and the live ancestors that list them (the site root page excluded)."""
    pages = list(pages)
    ancestors = set()
    for page in pages:
        ancestors.update(page.get_ancestors().filter(depth__gt=1).live().values_list("pk", flat=True))
    ids = {page.pk for page in pages} | ancestors
    return Page.objects.filter(pk__in=ids).live()


def purge_comment_pages(comment_id, object_pk=None):
    from discussion.models import DiscussionComment

    if object_pk is None:
        object_pk = (
            DiscussionComment.objects.filter(pk=comment_id).values_list("object_pk", flat=True).first()
        )
    if not object_pk or not str(object_pk).isdigit():
        return
    pages = Page.objects.filter(pk=int(object_pk)).live()
    batch = PurgeBatch()
    batch.add_pages(with_ancestors(pages))
    batch.purge()


def referencing_page_ids(instance, hops=2):
    """Ids of the pages whose content references `instance`, directly or through `hops - 1`
    other objects."""
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = set()
    targets = [instance]
    seen = set()
    for _ in range(hops):
        next_targets = []
        for target in targets:
            for reference in ReferenceIndex.get_references_to(target):
                source = (reference.base_content_type_id, reference.object_id)
                if source in seen:
                    continue
                seen.add(source)
                if reference.base_content_type_id == page_type.pk:
                    page_ids.add(int(reference.object_id))
                else:
                    model = reference.base_content_type.model_class()
                    source_object = model and model._default_manager.filter(pk=reference.object_id).first()
                    if source_object is not None:
                        next_targets.append(source_object)
        targets = next_targets
    return page_ids


def purge_pages_referencing(instance):
    if instance.pk is None:
        # Deleted: Wagtail refuses to delete taxonomy still in use, so nothing references it.
        return
    pages = Page.objects.filter(pk__in=referencing_page_ids(instance)).live()
    batch = PurgeBatch()
    batch.add_pages(with_ancestors(pages))
    batch.purge()
