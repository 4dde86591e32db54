from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from discussion.demo import load_demo_comments, load_participation_charter
from events.demo import load_demo_trips
from hearings.demo import load_demo_contributions, load_demo_hearings
from home.demo import load_demo_news, load_demo_settings, load_mission_pages
from proposals.demo import load_demo_proposals
from questions.demo import load_demo_questions
from questions.subscriptions import publication_mails_suspended
from stats.demo import load_demo_visits


class Command(BaseCommand):
    help = "Load the demo content (idempotent: running it again creates nothing twice)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--site",
            metavar="HOST:PORT",
            help="Address of the default Wagtail site, used for absolute links (e.g. 127.0.0.1:8000).",
        )

    @transaction.atomic
    def handle(self, *args, site=None, **options):
        hostname = port = None
        if site:
            hostname, _, port_text = site.partition(":")
            if not hostname or (port_text and not port_text.isdigit()):
                raise CommandError("--site expects HOST or HOST:PORT, e.g. 127.0.0.1:8000")
            port = int(port_text) if port_text else 80
        home, pages = load_mission_pages(hostname, port)
        self.stdout.write(f"Mission pages: {len(pages)}")
        # Each section adds its loader here, in page-tree order; each loader is idempotent and
        # returns a one-line summary.
        loaders = [
            load_demo_hearings,
            load_demo_contributions,
            load_demo_questions,
            load_demo_trips,
            load_demo_comments,
            load_participation_charter,
            load_demo_news,
            load_demo_proposals,
            # After every section: the visits are spread over the pages the demo holds.
            load_demo_visits,
            load_demo_settings,
        ]
        # Demo pages are not news: publishing them must not mail the demo subscribers.
        with publication_mails_suspended():
            for loader in loaders:
                self.stdout.write(loader(home))
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
