from django.utils import timezone
from django.utils.formats import date_format

from hearings.queries import hearings_under, with_organisms
from mission_site.feeds import FEED_LENGTH, SectionFeed


class HearingFeed(SectionFeed):
    """The hearings put online, the most recently published first."""

    description = "Les auditions de la mission culture-acte 2 mises en ligne."

    def items(self):
        hearings = hearings_under(self.index).order_by("-first_published_at", "-pk")
        return with_organisms(hearings)[:FEED_LENGTH]

    def item_title(self, hearing):
        return hearing.title

    def item_description(self, hearing):
        when = date_format(timezone.localtime(hearing.hearing_date), "j F Y à H\\hi")
        organisms = ", ".join(hearing.organism_names())
        return (
            f"{hearing.get_kind_display()} du {when} ({hearing.get_status_display().lower()}) : "
            f"{organisms}. {hearing.summary}"
        ).strip()

    def item_categories(self, hearing):
        return [sector.name for sector in hearing.classification()["sectors"]]
