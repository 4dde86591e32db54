"""Sub-pages a frontend cache holds beside a routable page (its feed, calendar, exports)."""


class PurgedRoutesMixin:
    """For a page with RoutablePageMixin: purging the page purges its routes named in
    `purged_routes` too (routes without parameters), through Wagtail's `get_cached_paths`."""

    purged_routes = ()

    def get_cached_paths(self):
        return [
            *super().get_cached_paths(),
            *("/" + self.reverse_subpage(name) for name in self.purged_routes),
        ]
