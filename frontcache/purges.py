"""What a frontend cache (Varnish, a CDN: WAGTAILFRONTENDCACHE) must forget beyond Wagtail's own
purges, which cover a page published or unpublished (a deleted page is unpublished first).

Each change purges the pages that show it, found through Wagtail's page tree and ReferenceIndex,
after the transaction commits: a page published or unpublished (the listings above it, with
their feeds); a moved page (its old and new addresses, those of its subpages,
and both listings); a comment published, removed or hidden (its page and the listings above,
which show its count); a like (its page only); a snippet, image or document edited (the pages
referencing it, directly or through another object: a sector is referenced by organisms, which
hearings reference). A change shown on every page (the main menu, a setting of the footer) is
not purged page by page: pages stored before it expire after CACHE_CONTROL_S_MAXAGE seconds.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, ReferenceIndex


def configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_after_commit(collect):
    """Run `collect(batch)` then purge the batch once the transaction commits."""
    if not configured():
        return

    def purge():
        batch = PurgeBatch()
        collect(batch)
        batch.purge()

    transaction.on_commit(purge)


def with_ancestors(pages):
    """The pages and the live ancestors that list them (the tree's root excluded)."""
    pages = list(pages)
    ids = {page.pk for page in pages}
    for page in pages:
        ids.update(page.get_ancestors().filter(depth__gt=1).live().values_list("pk", flat=True))
    return Page.objects.filter(pk__in=ids).live().specific()


def commented_pages(object_pk):
    """The live page a comment's object_pk names (none if it names none)."""
    if not object_pk or not str(object_pk).isdigit():
        return []
    return list(Page.objects.filter(pk=int(object_pk)).live().specific())


def figure_pages():
    """The « Chiffres clés » pages: they count hearings, questions, trips and comments."""
    from stats.models import KeyFiguresPage

    return KeyFiguresPage.objects.live()


def purge_comment(comment):
    """A comment published, removed or hidden: its page, the listings showing its count, the key
    figures and the page's comment feed."""
    object_pk = comment.object_pk

    def collect(batch):
        batch.add_pages(figure_pages())
        for page in commented_pages(object_pk):
            parts = page.get_url_parts()
            if parts is None:
                continue
            batch.add_page(page)
            batch.add_url(parts[1] + reverse("comment_feed", args=[page.pk]))
            # The listings above show the count on their first page; their feeds and exports don't.
            listings = page.get_ancestors().filter(depth__gt=1).live().specific()
            batch.add_urls([url for url in (listing.get_full_url() for listing in listings) if url])

    purge_after_commit(collect)


def purge_publication(page):
    """A page published or unpublished (Wagtail purges the page itself): the live ancestors that
    list it (its index, the home page, with their feeds: frontcache/routes.py) and the key
    figures, which may count it."""
    if not configured():
        return
    # Read now: a page being deleted is unpublished first and gone once the transaction commits.
    ancestor_ids = list(page.get_ancestors().filter(depth__gt=1).values_list("pk", flat=True))

    def collect(batch):
        batch.add_pages([*Page.objects.filter(pk__in=ancestor_ids).live().specific(), *figure_pages()])

    purge_after_commit(collect)


def purge_reaction(reaction):
    """A like changes a count shown on its comment's page only."""
    from discussion.models import DiscussionComment

    comment_id = reaction.comment_id

    def collect(batch):
        object_pk = (
            DiscussionComment.objects.filter(pk=comment_id).values_list("object_pk", flat=True).first()
        )
        batch.add_pages(commented_pages(object_pk))

    purge_after_commit(collect)


def purge_move(page, url_path_before, url_path_after):
    """A moved page: its old addresses and its subpages', its new ones, both listings."""
    page_id = page.pk

    def collect(batch):
        moved = Page.objects.get(pk=page_id)
        for each in Page.objects.descendant_of(moved, inclusive=True).live().specific():
            parts = each.get_url_parts()
            if parts is None:
                continue
            _site_id, root_url, path = parts
            batch.add_page(each)
            # The site root's url_path, then this page's address before the move.
            root_path = each.url_path[: len(each.url_path) - len(path) + 1]
            old_url_path = url_path_before + each.url_path[len(url_path_after) :]
            if old_url_path.startswith(root_path):
                batch.add_url(root_url + "/" + old_url_path[len(root_path) :])
        batch.add_pages(with_ancestors([moved]))

    purge_after_commit(collect)


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


def purge_referencing(instance):
    """A snippet, image or document edited: the pages referencing it and the listings above.
    A deleted one is referenced by nothing (Wagtail refuses to delete what is in use)."""
    if instance.pk is None:
        return
    model, pk = type(instance), instance.pk

    def collect(batch):
        found = model._default_manager.filter(pk=pk).first()
        if found is not None:
            pages = Page.objects.filter(pk__in=referencing_page_ids(found)).live().specific()
            batch.add_pages(with_ancestors(pages))

    purge_after_commit(collect)
