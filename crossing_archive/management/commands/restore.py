import time
import zipfile

from django.core.management.base import BaseCommand, CommandError

from crossing_archive.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Fill an empty, migrated install from a file written by `manage.py backup`: "
        "every row, with its primary key, and every media file, all or nothing; then "
        "rebuild the search index. Refuses an install that already has entries."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup to restore (a .zip file).")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete every entry, user, revision and session this install holds, "
            "then restore the backup (content types and permissions are kept and matched).",
        )

    def handle(self, *args, file, replace=False, verbosity=1, **options):
        started = time.monotonic()
        try:
            manifest = restore_backup(file, replace=replace)
        except (BackupError, zipfile.BadZipFile, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        if verbosity:
            rows = sum(manifest["rows"].values())
            self.stdout.write(
                self.style.SUCCESS(
                    f"Restored {rows} rows and {len(manifest['files'])} media files from {file} "
                    f"(made {manifest['created']} on {manifest['database']}; "
                    f"{time.monotonic() - started:.1f} s)."
                )
            )
