from django.core.management.base import BaseCommand
from django.db import transaction

from search.index import rebuild
from search.models import Kind


class Command(BaseCommand):
    help = (
        "Rebuild the search entries of every film, person, character, track, publication, "
        "article and review. Saves keep the entries up to date; run this after changes "
        "that skip them (QuerySet.update(), bulk_create, raw SQL)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            action="append",
            choices=[kind.name.lower() for kind in Kind],
            help="Only this kind (may repeat).",
        )

    def handle(self, *args, kind=None, verbosity=1, **options):
        kinds = [Kind[name.upper()] for name in kind] if kind else None
        # One transaction: searches see the old entries until the new ones are complete.
        with transaction.atomic():
            total = rebuild(kinds=kinds, stdout=self.stdout if verbosity > 1 else None)
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {total} entries."))
