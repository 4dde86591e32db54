"""Who cites what: the sources of a proposal, and the proposals citing a page or a comment.

Only live, public proposals cite anything the public sees, and only published comments are shown
as cited (`discussion.models.PUBLISHED`).
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from discussion.models import PUBLISHED, DiscussionComment
from proposals.models import SOURCE_PAGE_TYPES, CitedComment, ProposalPage, ProposalSource


@dataclass
class Citation:
    number: int
    title: str
    url: str


def public_proposals():
    return ProposalPage.objects.live().public()


def citing(links, key, request=None):
    """{key value: [Citation, ...]} of the link rows (`ProposalSource` or `CitedComment`
    querysets) made by live public proposals, in number order; two queries."""
    rows = list(
        links.filter(proposal__in=public_proposals())
        .order_by("proposal__number", "proposal_id")
        .values_list(key, "proposal_id")
        .distinct()
    )
    proposals = ProposalPage.objects.in_bulk({proposal_id for _, proposal_id in rows})
    found = {}
    for value, proposal_id in rows:
        proposal = proposals[proposal_id]
        citation = Citation(proposal.number, proposal.title, proposal.get_url(request))
        if citation not in found.setdefault(value, []):
            found[value].append(citation)
    return found


def proposals_citing_page(page, request=None):
    return citing(ProposalSource.objects.filter(page_id=page.pk), "page_id", request).get(page.pk, [])


def proposals_citing_comments_of(page, request=None):
    """{comment id: [Citation, ...]} for the published comments of `page` cited by proposals."""
    links = CitedComment.objects.filter(comment__object_pk=str(page.pk)).filter(
        comment__in=DiscussionComment.objects.filter(PUBLISHED)
    )
    return citing(links, "comment_id", request)


def source_pages(proposal):
    """The live, public pages a proposal cites, in the editor's order, as their specific types."""
    ids = list(proposal.sources.order_by("sort_order").values_list("page_id", flat=True))
    visible = Page.objects.live().public().filter(pk__in=ids).specific().in_bulk(ids)
    return [visible[page_id] for page_id in ids if page_id in visible]


def source_comments(proposal):
    """The published comments a proposal cites, in the editor's order, each with its `page`
    (live and public; a comment on a page no longer shown is left out)."""
    links = list(
        proposal.cited_comments.filter(comment__in=DiscussionComment.objects.filter(PUBLISHED))
        .order_by("sort_order")
        .select_related("comment")
    )
    page_ids = {int(link.comment.object_pk) for link in links if link.comment.object_pk.isdigit()}
    pages = Page.objects.live().public().in_bulk(page_ids)
    comments = []
    for link in links:
        page = pages.get(int(link.comment.object_pk)) if link.comment.object_pk.isdigit() else None
        if page is not None:
            link.comment.cited_page = page
            comments.append(link.comment)
    return comments


def source_content_types():
    """The content types of the pages a proposal may cite (the comments it may cite are theirs)."""
    return [ContentType.objects.get_for_model(apps.get_model(label)) for label in SOURCE_PAGE_TYPES]
