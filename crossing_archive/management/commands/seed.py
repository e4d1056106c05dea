from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.core.management.base import BaseCommand

from articles.models import Article, Publication, Review
from core.batching import bulk_writes
from films.models import Film, Person

SEED_FIXTURE = settings.BASE_DIR / "fixtures" / "crossing.json"


class Command(BaseCommand):
    help = (
        "Load the seed record of the film Crossing into a new, empty archive. "
        "Does nothing once the archive holds any entry or any admin edit, so a "
        "restart never overwrites what curators have done."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even into an archive that has entries (rows with the same natural keys "
            "are overwritten with the seed values).",
        )

    def handle(self, *args, force=False, **options):
        if not force and self.archive_in_use():
            self.stdout.write("The archive already has entries: seed record not loaded.")
            return
        # The search entries (and other per-save work) made in bulk at the end.
        with bulk_writes():
            call_command("loaddata", str(SEED_FIXTURE), verbosity=0)
        self.stdout.write(self.style.SUCCESS("Seed record loaded."))

    @staticmethod
    def archive_in_use():
        """True when any entry exists or a curator has ever edited (runs a few queries)."""
        models = (Film, Person, Publication, Article, Review, LogEntry)
        return any(model.objects.exists() for model in models)
