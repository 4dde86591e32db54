from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from discussion.feeds import comment_feed
from hearings import views as hearing_views
from mission_site import views as site_views
from opendata.api import api_router
from stats.beacon import visit_beacon

# A database outage anywhere (even while rendering the 404 page) answers the French 503 page.
handler500 = "hardening.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", site_views.robots_txt, name="robots_txt"),
    path("plan-du-site/", site_views.site_map, name="site_map"),
    path("abonnement/", include("questions.urls")),
    path("recherche/", include("search.urls")),
    path("commentaires/", include("discussion.urls")),
    path("sous-titres/<int:caption_id>.vtt", hearing_views.caption_file, name="hearing_caption"),
    path("donnees/", include("opendata.urls")),
    path("api/v2/", api_router.urls),
    path("suivi-des-propositions/", include("proposals.urls")),
    path("flux/commentaires/<int:page_id>/", comment_feed, name="comment_feed"),
    # Page views, posted by every public page's script (stats/beacon.py).
    path("mesure-d-audience/", visit_beacon, name="visit_beacon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves everything else from the page tree: keep it last. Its pattern only matches paths of
# slug-like segments ending with a slash, so the file-like sub-views of pages
# (/auditions/export.csv, /deplacements/rennes/calendar.ics...) are routed first and handed back to it.
urlpatterns += [
    re_path(
        rf"^(?P<path>(?:[\w\-]+/)+)(?P<filename>{site_views.PAGE_FILES})$",
        site_views.serve_page_file,
        name="page_file",
    ),
    path("", include(wagtail_urls)),
]
