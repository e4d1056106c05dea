from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.views.generic import TemplateView

from public.sitemaps import SITEMAPS

admin.site.site_header = "Crossing Archive"
admin.site.site_title = "Crossing Archive admin"
admin.site.index_title = "Curate the archive"

urlpatterns = [
    path("admin/", admin.site.urls),
    # The language switch posts here; page addresses stay the same in every language.
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("public.urls")),
    path("api/", include("api.urls")),
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
