from events.models import live_trips
from mission_site.feeds import FEED_LENGTH, SectionFeed


class TripFeed(SectionFeed):
    """The mission's trips, the most recently published first."""

    description = "Les déplacements de la mission culture-acte 2 en région."

    def items(self):
        return live_trips().descendant_of(self.index).order_by("-first_published_at", "-pk")[:FEED_LENGTH]

    def item_title(self, trip):
        return trip.title

    def item_description(self, trip):
        return f"{trip.city} ({trip.region}), {trip.dates_label()}. {trip.summary}".strip()

    def item_categories(self, trip):
        return [trip.region]
