from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Site


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
    """The human-readable site map that DSFR's footer links to: two levels below the home page."""
    site = Site.find_for_request(request)
    sections = []
    if site is not None:
        root = site.root_page
        pages = root.get_descendants().live().public().filter(depth__lte=root.depth + 2)
        for page in pages:  # tree order: a section comes before its children
            if page.depth == root.depth + 1:
                sections.append({"page": page, "children": []})
            elif sections:
                sections[-1]["children"].append(page)
    return render(request, "home/site_map.html", {"sections": sections})
