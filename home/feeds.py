import datetime

from django.utils import timezone

from mission_site.feeds import FEED_LENGTH, SectionFeed


class NewsFeed(SectionFeed):
    """The mission's news and press releases, the newest first."""

    description = "Les actualités et communiqués de la mission culture-acte 2."

    def items(self):
        return self.index.news()[:FEED_LENGTH]

    def item_title(self, news):
        return news.title

    def item_description(self, news):
        return news.summary

    def item_pubdate(self, news):
        # The date the team gives the news (a press release's day), at noon in Paris.
        return timezone.make_aware(datetime.datetime.combine(news.published_on, datetime.time(12)))
