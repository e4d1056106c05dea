"""
`make serve` runs this first: it stops with one line, not a traceback, when the
environment lacks what the production server needs.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

HINT = "see the README, Deploy"


class Command(BaseCommand):
    help = "Checks that SECRET_KEY and ALLOWED_HOSTS are set for the production server."
    requires_system_checks = []

    def handle(self, *args, **options):
        if settings.DEBUG:
            raise CommandError(f"DEBUG is on: the production server runs with DEBUG off ({HINT}).")
        try:
            settings.SECRET_KEY  # noqa: B018 (Django raises when it is empty)
        except ImproperlyConfigured:
            raise CommandError(f"Set SECRET_KEY to serve the archive ({HINT}).") from None
        if not settings.ALLOWED_HOSTS:
            raise CommandError(
                f"Set ALLOWED_HOSTS to the host names the archive answers to ({HINT})."
            )
