from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from public.sitemaps import SITEMAPS
from public.urls import open_data_patterns

admin.site.site_header = "Crossing Archive"
admin.site.site_title = "Crossing Archive admin"
admin.site.index_title = "Curate the archive"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    # Feeds and citation downloads: one address each, in no language.
    path("", include(open_data_patterns)),
    # Every page in English at its address and in Korean under /ko/; / never
    # redirects (crossing_archive/middleware.py reads the language from the path).
    *i18n_patterns(path("", include("public.urls")), prefix_default_language=False),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
