from django.apps import AppConfig
from django.db.models.signals import pre_save


class CoreConfig(AppConfig):
    """The bases every record app shares: publishing status, languages, slugs."""

    name = "core"
    verbose_name = "Shared bases"

    def ready(self):
        from core.slugs import remember_old_slug

        pre_save.connect(remember_old_slug, dispatch_uid="core.remember_old_slug")
