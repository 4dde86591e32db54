from django.core.management.base import BaseCommand, CommandError

from home.demo import load_mission_pages


class Command(BaseCommand):
    help = "Load the demo content (idempotent: running it again creates nothing twice)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--site",
            metavar="HOST:PORT",
            help="Address of the default Wagtail site, used for absolute links (e.g. 127.0.0.1:8000).",
        )

    def handle(self, *args, site=None, **options):
        hostname = port = None
        if site:
            hostname, _, port_text = site.partition(":")
            if not hostname or (port_text and not port_text.isdigit()):
                raise CommandError("--site expects HOST or HOST:PORT, e.g. 127.0.0.1:8000")
            port = int(port_text) if port_text else 80
        home, pages = load_mission_pages(hostname, port)
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready: home page and {len(pages)} mission pages.")
        )
