from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from crossing_archive.sitemaps import SITEMAPS

admin.site.site_header = "Crossing Archive"
admin.site.site_title = "Crossing Archive admin"
admin.site.index_title = "Curate the archive"

urlpatterns = [
    path("admin/", admin.site.urls),
    # The language switch posts here; page addresses stay the same in every language.
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("films.urls")),
    path("", include("articles.urls")),
    path("", include("search.urls")),
    path("api/", include("api.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

if settings.EMAIL_CONFIGURED:
    # Before the admin's own URLs, which would take admin/password_reset/ for a model.
    urlpatterns = [path("", include("crossing_archive.password_reset_urls")), *urlpatterns]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
