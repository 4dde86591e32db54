from django.utils.text import Truncator

from discussion.models import DiscussionComment
from discussion.services import get_commentable_page
from mission_site.feeds import FEED_LENGTH, AtomFeed


class CommentFeed(AtomFeed):
    """The published comments of one page, the newest first: the name the contributor chose to
    show, never the address."""

    def __init__(self, page_id):
        super().__init__()
        self.page = get_commentable_page(page_id)

    def title(self):
        return f"Commentaires : {self.page.title} — Mission culture-acte 2"

    def description(self):
        return f"Les commentaires publiés sur « {self.page.title} »."

    def link(self):
        return self.absolute(self.page) + "#commentaires"

    def items(self):
        comments = DiscussionComment.objects.published().for_page(self.page)
        return comments.order_by("-published_at", "-pk")[:FEED_LENGTH]

    def item_title(self, comment):
        return f"{comment.public_name} : {Truncator(comment.comment).words(12)}"

    def item_description(self, comment):
        return comment.comment

    def item_link(self, comment):
        return f"{self.absolute(self.page)}#c{comment.pk}"

    def item_author_name(self, comment):
        return comment.public_name

    def item_author_email(self, comment):
        return None

    def item_pubdate(self, comment):
        return comment.published_at or comment.submit_date

    def item_updateddate(self, comment):
        return comment.published_at or comment.submit_date


def comment_feed(request, page_id):
    return CommentFeed(page_id)(request)
