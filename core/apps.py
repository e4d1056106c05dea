from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The bases every record app shares: publishing status, languages, slugs."""

    name = "core"
    verbose_name = "Shared bases"
