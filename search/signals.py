"""Keeping the search documents current.

A page's documents are rewritten when it is published or unpublished (or created live, as the
hearings import does), and when an organism it names is edited; a comment's when it is saved
(posted, confirmed, approved, removed, hidden, anonymised). Deleting a page or a comment deletes
its documents (foreign keys, CASCADE). Moving a page or restricting its view needs nothing: URLs
and privacy are read at search time.
"""

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.signals import page_published, page_unpublished

from search.models import SearchDocument
from search.registry import TYPES
from search.tasks import rebuild_comment_document, rebuild_page_documents


def page_published_handler(sender, instance, **kwargs):
    rebuild_page_documents.enqueue(instance.pk)


def page_created_live(sender, instance, created=False, raw=False, **kwargs):
    """A page created already live (the hearings import, demo content) is published without
    Wagtail's page_published: its documents are written once the transaction commits, when its
    organisms are saved too."""
    if created and instance.live and not raw:
        page_id = instance.pk
        transaction.on_commit(lambda: rebuild_page_documents.enqueue(page_id))


def page_unpublished_handler(sender, instance, **kwargs):
    # At once, not through a task: Wagtail also sends this just before deleting a live page, whose
    # row still says live then.
    SearchDocument.objects.filter(page_id=instance.pk).delete()


def organism_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    for searchable_type in TYPES:
        if searchable_type.organisms_attr:
            lookup = f"{searchable_type.organisms_attr}__organism"
            pages = searchable_type.model.objects.live().filter(**{lookup: instance}).distinct()
            for page_id in pages.values_list("pk", flat=True):
                rebuild_page_documents.enqueue(page_id)


def comment_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        rebuild_comment_document.enqueue(instance.pk)


def connect():
    page_published.connect(page_published_handler, dispatch_uid="search-page-published")
    page_unpublished.connect(page_unpublished_handler, dispatch_uid="search-page-unpublished")
    for searchable_type in TYPES:
        post_save.connect(
            page_created_live,
            sender=searchable_type.model,
            dispatch_uid=f"search-created-{searchable_type.kind}",
        )
    post_save.connect(organism_saved, sender="hearings.Organism", dispatch_uid="search-organism-saved")
    post_save.connect(
        comment_saved, sender="discussion.DiscussionComment", dispatch_uid="search-comment-saved"
    )
