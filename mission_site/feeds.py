"""The base of the site's Atom feeds (Django's syndication framework).

Each feed is a subclass: the sections' index feeds (hearings, questions, trips, news, proposal
updates) of SectionFeed, one page's comments (discussion/feeds.py) of AtomFeed. It is
instantiated for each request by the view or page route that serves it: the instance keeps that
request, from which every link is made absolute on the address the visitor used (Django's sites
framework knows only one domain)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

FEED_LENGTH = 30


class AtomFeed(Feed):
    feed_type = Atom1Feed
    language = "fr"
    feed_copyright = "Licence Ouverte / Open Licence version 2.0 (Etalab)"

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def feed_url(self):
        return self.request.build_absolute_uri()

    def absolute(self, page):
        return page.get_full_url(self.request)

    def item_link(self, item):
        return self.absolute(item)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at


class SectionFeed(AtomFeed):
    """The feed of a section's index page (hearings, questions, trips, news, proposals): titled
    and linked after the page; subclasses say what it lists."""

    def __init__(self, index):
        super().__init__()
        self.index = index

    def title(self):
        return f"{self.index.title} — Mission culture-acte 2"

    def link(self):
        return self.absolute(self.index)
