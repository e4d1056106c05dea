from django.apps import AppConfig


class CrossingArchiveConfig(AppConfig):
    """The project itself: its management commands (seed, backup, restore, bench data)."""

    name = "crossing_archive"
    verbose_name = "Crossing Archive"
