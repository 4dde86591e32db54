"""Pages showing a citation are purged from the frontend cache when it changes.

A proposal published or unpublished changes « Cité dans la proposition n° … » on every page it
cites (its links are written when it is published: a link added or removed purges its page); a
cited comment removed or hidden changes the proposals quoting it.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from frontcache import purges


def cited_page_ids(proposal_id):
    from proposals.models import CitedComment, ProposalSource

    ids = set(ProposalSource.objects.filter(proposal_id=proposal_id).values_list("page_id", flat=True))
    for object_pk in CitedComment.objects.filter(proposal_id=proposal_id).values_list(
        "comment__object_pk", flat=True
    ):
        if object_pk and object_pk.isdigit():
            ids.add(int(object_pk))
    return ids


def purge_pages(page_ids):
    page_ids = set(page_ids)
    if page_ids:
        purges.purge_after_commit(
            lambda batch: batch.add_pages(Page.objects.filter(pk__in=page_ids).live().specific())
        )


def proposal_changed(sender, instance, **kwargs):
    purge_pages(cited_page_ids(instance.pk))


def source_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from discussion.models import DiscussionComment

    page_id = getattr(instance, "page_id", None)
    if page_id is None:
        # Read by id: when the comment itself is being deleted, its row may be gone already.
        object_pk = (
            DiscussionComment.objects.filter(pk=instance.comment_id)
            .values_list("object_pk", flat=True)
            .first()
        )
        page_id = int(object_pk) if object_pk and object_pk.isdigit() else None
    purge_pages([page_id] if page_id else [])


def comment_saved(sender, instance, raw=False, **kwargs):
    from proposals.models import CitedComment

    if raw or instance.confirmed_at is None:
        return
    purge_pages(CitedComment.objects.filter(comment_id=instance.pk).values_list("proposal_id", flat=True))


def connect():
    from proposals.models import CitedComment, ConsultationTextPage, ProposalPage, ProposalSource

    page_published.connect(proposal_changed, sender=ProposalPage, dispatch_uid="proposals-published")
    page_unpublished.connect(proposal_changed, sender=ProposalPage, dispatch_uid="proposals-unpublished")
    for model in (ProposalSource, CitedComment):
        post_save.connect(source_changed, sender=model, dispatch_uid=f"proposals-{model.__name__}-saved")
        post_delete.connect(source_changed, sender=model, dispatch_uid=f"proposals-{model.__name__}-deleted")
    post_save.connect(
        comment_saved, sender="discussion.DiscussionComment", dispatch_uid="proposals-comment-saved"
    )
    connect_updates()
    page_published.connect(
        text_published, sender=ConsultationTextPage, dispatch_uid="proposals-text-published"
    )


def text_published(sender, instance, **kwargs):
    """A text in consultation published: the text of each paragraph's version is kept, for the
    comments written on it once the team edits the paragraph."""
    instance.record_versions()


def update_saved(sender, instance, created=False, raw=False, **kwargs):
    """A new update is mailed to the proposal's followers by the task worker once committed; any
    change purges the proposal's page and the report's list."""
    if raw:
        return
    proposal_id = instance.proposal_id
    if created:
        from proposals.tasks import announce_update

        update_id = instance.pk
        transaction.on_commit(lambda: announce_update.enqueue(update_id))
    purges.purge_after_commit(
        lambda batch: batch.add_pages(
            purges.with_ancestors(Page.objects.filter(pk=proposal_id).live().specific())
        )
    )


def connect_updates():
    from proposals.models import ProposalUpdate

    post_save.connect(update_saved, sender=ProposalUpdate, dispatch_uid="proposals-update-saved")
    post_delete.connect(update_saved, sender=ProposalUpdate, dispatch_uid="proposals-update-deleted")
