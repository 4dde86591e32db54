"""The sections of the site under a view restriction, read once per editorial generation."""

from wagtail.models import Page, PageViewRestriction

from frontcache.fragments import cached


def _restrictions():
    restricted = PageViewRestriction.objects.values("page_id")
    return {
        "sections": sorted(set(PageViewRestriction.objects.values_list("page__path", "page__depth"))),
        # Aliases of a restricted page share its restrictions when served (and so do the pages
        # below them): Page.get_view_restrictions resolves every alias among a page's ancestors.
        "aliases": sorted(set(Page.objects.filter(alias_of__in=restricted).values_list("path", "depth"))),
    }


def restricted_sections(with_aliases=False):
    """(path, depth) of every page carrying a view restriction: it and its descendants are
    private; `with_aliases` adds the aliases of those pages. Saving or deleting a restriction,
    and moving or saving a live page, renew them."""
    found = cached("view-restrictions", _restrictions)
    return found["sections"] + found["aliases"] if with_aliases else found["sections"]
