from django.core.management.base import BaseCommand

from stats.comment_counts import rebuild


class Command(BaseCommand):
    help = (
        "Recount the published comments of every page (stats_publishedcommentcount) from the comment "
        "tables. Triggers keep the counts exact; this is for after restoring a dump or disabling them."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{rebuild()} published comment(s) counted")
