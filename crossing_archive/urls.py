from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView, TemplateView

from public.sitemaps import SITEMAPS
from public.urls import open_data_patterns

admin.site.site_header = "Crossing Archive"
admin.site.site_title = "Crossing Archive admin"
admin.site.index_title = "Curate the archive"

urlpatterns = [
    path("admin/", admin.site.urls),
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
    # Browsers ask for /favicon.ico whatever the page links to; the icon is an SVG.
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy(static_url, str)("favicon.svg"), permanent=True),
        name="favicon",
    ),
    # Feeds and citation downloads: one address each, in no language.
    path("", include(open_data_patterns)),
    # Every page in English at its address and in Korean under /ko/; / never
    # redirects (crossing_archive/middleware.py reads the language from the path).
    *i18n_patterns(path("", include("public.urls")), prefix_default_language=False),
]

if settings.EMAIL_CONFIGURED:
    # Before the admin's own URLs, which would take admin/password_reset/ for a model.
    urlpatterns = [path("", include("crossing_archive.password_reset_urls")), *urlpatterns]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
