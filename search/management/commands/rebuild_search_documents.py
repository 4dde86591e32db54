from time import monotonic

from django.core.management.base import BaseCommand

from search.documents import rebuild_all


class Command(BaseCommand):
    help = "Rewrite every search document (pages and published comments), their facets and the vocabulary."

    def handle(self, *args, **options):
        started = monotonic()
        written = rebuild_all()
        total = sum(written.values())
        details = ", ".join(f"{kind}: {count}" for kind, count in sorted(written.items()))
        self.stdout.write(f"{total} search documents written in {monotonic() - started:.1f} s ({details}).")
