from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from import_export.formats.base_formats import CSV
from reversion import create_revision, set_comment

from articles.resources import ArticleResource, PublicationResource
from curation.imports import ImportBusy, JSONRecords, refusal_reasons

RESOURCES = {"articles": ArticleResource, "publications": PublicationResource}
FORMATS = {".csv": CSV, ".json": JSONRecords}
# Seconds the command waits for another import of the same kind to end.
TURN_WAIT = 30 * 60


class ProgressResource:
    """Reports each row to `progress`, refused or not."""

    progress = None

    def import_row(self, row, instance_loader, **kwargs):
        row_result = super().import_row(row, instance_loader, **kwargs)
        if self.progress is not None:
            self.progress.advance()
        return row_result


class ProgressBar:
    """
    A bar redrawn in place on a terminal; on anything else a line every
    tenth. `stream` is a command's OutputWrapper.
    """

    def __init__(self, total, stream, width=40):
        self.total, self.stream, self.width = max(total, 1), stream, width
        self.done = 0
        self.interactive = stream.isatty()

    def advance(self):
        self.done += 1
        if self.interactive:
            filled = self.width * self.done // self.total
            bar = "#" * filled + "-" * (self.width - filled)
            ending = "\n" if self.done == self.total else ""
            self.stream.write(f"\r[{bar}] {self.done}/{self.total}", ending=ending)
        elif self.done * 10 // self.total > (self.done - 1) * 10 // self.total:
            self.stream.write(f"{self.done}/{self.total} rows")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Import publications or articles from a CSV or JSON file, as the admin's import does: "
        "rows are matched on slug, a refused row is reported with its reasons and the others "
        "go in, and importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(RESOURCES))
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--format", choices=["csv", "json"], help="Default: from the file's extension."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; save nothing."
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show the progress bar."
        )

    def handle(self, kind, file, format=None, dry_run=False, no_progress=False, **options):
        input_format = self.input_format(file, format)
        try:
            data = file.read_bytes() if input_format.is_binary() else file.read_text("utf-8-sig")
            dataset = input_format.create_dataset(data)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error

        resource_class = type(
            f"Progress{RESOURCES[kind].__name__}", (ProgressResource, RESOURCES[kind]), {}
        )
        resource = resource_class()
        if not no_progress:
            resource.progress = ProgressBar(len(dataset), self.stderr)
        try:
            if dry_run:
                result = resource.import_data(dataset, dry_run=True)
            else:
                with create_revision(manage_manually=True):
                    set_comment(f"Imported from {file.name} by manage.py import_records.")
                    result = resource.import_data(dataset, turn_wait=TURN_WAIT)
        except ImportBusy as busy:
            raise CommandError(str(busy)) from None
        self.report(result, dry_run)

    def input_format(self, file, name):
        if name:
            return FORMATS[f".{name}"]()
        try:
            return FORMATS[file.suffix.lower()]()
        except KeyError:
            raise CommandError(f"Give --format: cannot tell the format of {file.name}.") from None

    def report(self, result, dry_run):
        if result.has_errors():
            for error in result.base_errors:
                self.stderr.write(str(error.error))
            for number, errors in result.row_errors():
                for error in errors:
                    self.stderr.write(f"Row {number}: {error.error}")
            raise CommandError("The import failed and nothing was saved.")
        for row in result.invalid_rows:
            self.stdout.write(f"Row {row.number} refused: {'; '.join(refusal_reasons(row))}")
        totals = result.totals
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(
            f"{verb}: {totals['new']} new, {totals['update']} updated, "
            f"{totals['skip']} unchanged, {totals['invalid']} refused."
        )
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")
