from events.models import live_trips
from mission_site.feeds import FEED_LENGTH, AtomFeed


class TripFeed(AtomFeed):
    """The mission's trips, the most recently published first."""

    description = "Les déplacements de la mission culture-acte 2 en région."

    def __init__(self, index):
        super().__init__()
        self.index = index

    def title(self):
        return f"{self.index.title} — Mission culture-acte 2"

    def link(self):
        return self.absolute(self.index)

    def items(self):
        return live_trips().descendant_of(self.index).order_by("-first_published_at", "-pk")[:FEED_LENGTH]

    def item_title(self, trip):
        return trip.title

    def item_description(self, trip):
        return f"{trip.city} ({trip.region}), {trip.dates_label()}. {trip.summary}".strip()

    def item_categories(self, trip):
        return [trip.region]
