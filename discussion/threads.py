"""One page of a page's threads: newest threads first, replies in thread order, fixed query count."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator

from discussion.models import SHOWN, DiscussionComment


def thread_page(page, number=1, per_page=None):
    per_page = per_page or settings.DISCUSSION_THREADS_PER_PAGE
    content_type = ContentType.objects.get_for_model(type(page))
    shown = DiscussionComment.objects.filter(SHOWN, content_type=content_type, object_pk=str(page.pk))
    top_ids = shown.filter(level=0).order_by("-submit_date", "-pk").values_list("pk", flat=True)
    current = Paginator(top_ids, per_page).get_page(number)
    thread_ids = list(current.object_list)
    # All comments of the threads on this page in one query; the user row is never needed
    # (the name is stored on the comment), which avoids xtd's query per author.
    comments = list(shown.filter(thread_id__in=thread_ids).order_by("thread_id", "order"))
    by_id = {comment.pk: comment for comment in comments}
    for comment in comments:
        comment.replies = []
    roots = {}
    for comment in comments:
        if comment.level == 0:
            roots[comment.pk] = comment
        elif comment.parent_id in by_id:
            by_id[comment.parent_id].replies.append(comment)
    threads = [roots[pk] for pk in thread_ids if pk in roots]
    return current, threads
