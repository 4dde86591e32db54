from stats.counting import count_hit_safely, is_countable_request, is_countable_response


class VisitCountingMiddleware:
    """Counts views and visits of public HTML pages (see stats/counting.py).

    Place it after AuthenticationMiddleware (staff are not counted) and before Django's
    FetchFromCacheMiddleware, so that it also sees pages answered from the cache. The Wagtail page
    served is marked on the request by a `before_serve_page` hook; the mark is copied onto the
    response, which Django's cache stores with it, so a cached page is still counted as that page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        page_id = getattr(request, "stats_page_id", None)
        if page_id is not None:
            response.stats_page_id = page_id
        else:
            page_id = getattr(response, "stats_page_id", None)
        if is_countable_request(request) and is_countable_response(response):
            count_hit_safely(request, page_id)
        return response
