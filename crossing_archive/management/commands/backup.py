import time
from pathlib import Path

from django.core.management.base import BaseCommand

from crossing_archive.backup import write_backup


class Command(BaseCommand):
    help = (
        "Write the whole archive (every row and every media file) to one zip file, "
        "from one consistent snapshot, while the site runs. Sessions, lockout logs "
        "and the search index are left out. `manage.py restore FILE` reads it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup (a .zip file).")

    def handle(self, *args, file, verbosity=1, **options):
        started = time.monotonic()
        manifest = write_backup(file)
        if verbosity:
            rows = sum(manifest["rows"].values())
            size = Path(file).stat().st_size
            self.stdout.write(
                self.style.SUCCESS(
                    f"Backed up {rows} rows and {len(manifest['files'])} media files to {file} "
                    f"({size:,} bytes, {time.monotonic() - started:.1f} s)."
                )
            )
