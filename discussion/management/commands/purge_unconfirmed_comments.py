from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from discussion.models import DiscussionComment


class Command(BaseCommand):
    help = (
        "Delete the comments whose confirmation link expired unconfirmed (their email is kept for nothing)."
    )

    def handle(self, *args, **options):
        limit = timezone.now() - timedelta(seconds=settings.DISCUSSION_CONFIRMATION_MAX_AGE)
        expired = DiscussionComment.objects.filter(confirmed_at__isnull=True, submit_date__lt=limit)
        count = 0
        for comment in expired:
            comment.delete()
            count += 1
        self.stdout.write(f"{count} unconfirmed comment(s) deleted")
