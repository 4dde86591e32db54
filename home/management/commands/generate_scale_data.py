import time

from django.core.management.base import BaseCommand, CommandError

from home.page_cache import invalidate_all
from home.scale_data import ScaleDataError, generate


class Command(BaseCommand):
    help = (
        "Add a large data set on top of the demo content (run load_demo_content first): N hearings "
        "with transcripts and M threaded comments, in bulk, with a fixed seed (see home/scale_data.py)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hearings", type=int, default=10_000, help="hearings to add (default 10,000)")
        parser.add_argument(
            "--comments", type=int, default=200_000, help="comments to add (default 200,000, at least 2,500)"
        )
        parser.add_argument("--seed", type=int, default=2012, help="random seed (default 2012)")
        parser.add_argument(
            "--no-index", action="store_true", help="do not add the new hearings to the search index"
        )

    def handle(self, *args, hearings, comments, seed, no_index, **options):
        started = time.perf_counter()
        try:
            result = generate(
                hearings=hearings, comments=comments, seed=seed, index=not no_index, log=self.stdout.write
            )
        except ScaleDataError as error:
            raise CommandError(str(error)) from error
        # Rows inserted in bulk send no signal: renew the cached pages and editorial data.
        invalidate_all()
        self.stdout.write(
            self.style.SUCCESS(
                f"Scale data: {result['hearings']} hearings, {result['comments']} comments "
                f"({result['published']} published) in {time.perf_counter() - started:.1f} s"
            )
        )
