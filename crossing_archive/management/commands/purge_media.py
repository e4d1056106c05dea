from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from crossing_archive.media import GRACE_SECONDS, unused_files


class Command(BaseCommand):
    help = (
        "List the files under MEDIA_ROOT that no row and no revision uses (a deleted "
        "image's files stay while its history can bring it back); --delete removes them. "
        f"Files written in the last {GRACE_SECONDS // 60} minutes are never listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Delete the files listed.")
        parser.add_argument(
            "--prune-revisions",
            type=int,
            metavar="DAYS",
            help="First delete the revisions older than DAYS days (reversion's "
            "deleterevisions --days), so that files only they name are listed too. "
            "Without --delete, nothing is deleted: the list is what would go.",
        )

    def handle(self, *args, delete=False, prune_revisions=None, verbosity=1, **options):
        older_than = None
        if prune_revisions is not None:
            older_than = timezone.now() - timedelta(days=prune_revisions)
            if delete:
                call_command("deleterevisions", days=prune_revisions, verbosity=verbosity)
        unused = unused_files(revisions_older_than=older_than)
        for name in unused:
            if delete:
                (Path(settings.MEDIA_ROOT) / name).unlink(missing_ok=True)
            if verbosity:
                self.stdout.write(name)
        if verbosity:
            done = "Deleted" if delete else "Unused (not deleted; use --delete)"
            self.stdout.write(self.style.SUCCESS(f"{done}: {len(unused)} files."))
