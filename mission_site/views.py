"""Project-wide views outside the page tree: robots.txt, the site map, the CSRF failure page and
the file-like routes of pages."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.views.decorators.http import require_GET
from wagtail.models import Site
from wagtail.views import serve

from home.models import StandardPage

# File-like routes of RoutablePageMixin pages (see mission_site/urls.py).
PAGE_FILES = r"export\.csv|export\.json|calendar\.ics"


def serve_page_file(request, path, filename):
    return serve(request, f"{path}{filename}/")


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def site_map(request):
    """The human-readable site map that DSFR's footer links to: the sections below the home page,
    with the pages of the editorial ones."""
    site = Site.find_for_request(request)
    sections = []
    if site is not None:
        root = site.root_page
        pages = root.get_descendants().live().public().filter(depth__lte=root.depth + 2)
        for page in pages:  # tree order: a section comes before its children
            if page.depth == root.depth + 1:
                sections.append({"page": page, "children": []})
            elif sections and sections[-1]["page"].specific_class is StandardPage:
                # Editorial sections list their pages; listings (hearings, questions, trips) have
                # their own index page, which a site map should not repeat item by item.
                sections[-1]["children"].append(page)
    return render(request, "site_map.html", {"sections": sections})


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent without a valid token. The comment forms of cached pages get
    their token from JavaScript; without it (or with an expired cookie) the visitor sees the form
    again, filled in, with a fresh token; so do the buttons of the pages that mailed links open. Any
    other form gets a French explanation."""
    from discussion import views as discussion_views
    from questions import views as questions_views

    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    resubmit_link = {
        "discussion:confirm": discussion_views.resubmit_confirm,
        "discussion:unsubscribe": discussion_views.resubmit_unsubscribe,
        "questions:subscription_confirm": questions_views.resubmit_confirm_subscription,
    }
    response = None
    if match is not None and match.view_name == "discussion:post":
        response = discussion_views.resubmit_comment(request)
    elif match is not None and match.view_name == "discussion:like":
        response = discussion_views.resubmit_like(request, match.kwargs["comment_id"])
    elif match is not None and match.view_name in resubmit_link:
        response = resubmit_link[match.view_name](request, match.kwargs["token"])
    if response is None:
        response = render(request, "403_csrf.html", status=403)
    return response
