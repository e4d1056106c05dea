from django.apps import AppConfig


class PublicConfig(AppConfig):
    """The public site: pages, filters, feeds, sitemaps, JSON-LD and citations."""

    name = "public"
    verbose_name = "Public site"

    def ready(self):
        from public import cache

        cache.connect_signals()
