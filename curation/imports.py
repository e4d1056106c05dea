"""
Bulk import in the admin (django-import-export), adapted to the archive: the
dry run shows every row as new, updated, unchanged or refused with the
reasons, and a file with refused rows can still be confirmed, importing the
others. The confirmed import is one revision in the entries' history.

Confirmed imports of one kind take turns (take_import_turn); a preview
waits for none.
"""

import json
import time

from django.contrib import messages
from django.db import connections
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from import_export.admin import ImportMixin
from import_export.formats.base_formats import CSV, JSON
from import_export.results import RowResult
from reversion import create_revision, set_comment, set_user

# How many refused rows the message after an import lists by number.
LISTED_REFUSALS = 20


class JSONRecords(JSON):
    """
    JSON as a list of objects, where an object may leave out keys (those
    cells are empty); tablib alone wants every object to have every key.
    """

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8")
        records = json.loads(in_stream)
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise ValueError("A JSON file to import is a list of objects.")
        headers = list(dict.fromkeys(key for record in records for key in record))
        rows = [{header: record.get(header) for header in headers} for record in records]
        return super().create_dataset(json.dumps(rows), **kwargs)


IMPORT_FORMATS = [CSV, JSONRecords]

# Seconds a confirmed import waits for another import of the same kind to finish.
IMPORT_TURN_WAIT = 20
# The first key of the advisory locks imports take (the second is the table's).
IMPORT_LOCK_CLASS = 0x1A7C


class ImportBusy(Exception):
    """Another import of the same kind kept running past IMPORT_TURN_WAIT."""


def take_import_turn(model, using, wait=IMPORT_TURN_WAIT):
    """
    One confirmed import of `model` at a time, on PostgreSQL: a transaction
    level advisory lock keyed on the model's table, held until the import's
    transaction ends. Two imports that name the same rows would otherwise
    wait on each other's rows, or deadlock. Polls for at most `wait`
    seconds, then raises ImportBusy; call it inside the import's
    transaction. On SQLite there is nothing to do: every transaction takes
    the database's one write lock as it begins (settings: IMMEDIATE).
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + wait
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                "SELECT pg_try_advisory_xact_lock(%s, hashtext(%s))",
                [IMPORT_LOCK_CLASS, model._meta.db_table],
            )
            if cursor.fetchone()[0]:
                return
            if time.monotonic() >= deadline:
                raise ImportBusy(
                    _(
                        "Another import of %(models)s is still running. Nothing was "
                        "imported: import the file again once it has finished."
                    )
                    % {"models": model._meta.verbose_name_plural}
                )
            time.sleep(0.25)


EXPORT_FORMATS = [CSV, JSON]


def refusal_reasons(invalid_row):
    """What is wrong with an invalid row, as "field: message" lines."""
    reasons = []
    for field_name, errors in invalid_row.error_dict.items():
        for error in errors:
            reasons.append(error if field_name == "__all__" else f"{field_name}: {error}")
    return reasons


class RowReportImportMixin(ImportMixin):
    import_formats = IMPORT_FORMATS
    import_template_name = "curation/import.html"
    import_export_change_list_template = "admin/import_export/change_list_import_export.html"

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        result = context.get("result")
        # django-import-export offers the confirmation only when every row is
        # valid; refused rows are reported and left out instead.
        if (
            result is not None
            and not result.has_errors()
            and result.has_validation_errors()
            and "confirm_form" not in context
        ):
            context["confirm_form"] = self.create_confirm_form(request, import_form=context["form"])
        return response

    def process_import(self, request, **kwargs):
        """The confirmed import; refused with a message while another one runs."""
        try:
            return super().process_import(request, **kwargs)
        except ImportBusy as busy:
            messages.error(request, str(busy))
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_import")
            )

    def process_dataset(self, dataset, form, request, **kwargs):
        file_name = kwargs.get("file_name") or form.cleaned_data.get("original_file_name")
        # Entries join the revision once the whole file is in
        # (ArchiveResource.after_import), not as each row is saved.
        with create_revision(manage_manually=True):
            set_user(request.user)
            set_comment(_("Imported from %(file)s.") % {"file": file_name})
            return super().process_dataset(dataset, form, request, **kwargs)

    def add_success_message(self, result, request):
        totals = result.totals
        messages.success(
            request,
            _(
                "Import finished: %(new)d new, %(updated)d updated, %(skipped)d unchanged, "
                "%(refused)d refused."
            )
            % {
                "new": totals[RowResult.IMPORT_TYPE_NEW],
                "updated": totals[RowResult.IMPORT_TYPE_UPDATE],
                "skipped": totals[RowResult.IMPORT_TYPE_SKIP],
                "refused": totals[RowResult.IMPORT_TYPE_INVALID],
            },
        )
        refused = result.invalid_rows
        if refused:
            lines = [
                _("Row %(number)d: %(reasons)s")
                % {"number": row.number, "reasons": "; ".join(refusal_reasons(row))}
                for row in refused[:LISTED_REFUSALS]
            ]
            if len(refused) > LISTED_REFUSALS:
                lines.append(
                    ngettext(
                        "… and %(count)d more row.",
                        "… and %(count)d more rows.",
                        len(refused) - LISTED_REFUSALS,
                    )
                    % {"count": len(refused) - LISTED_REFUSALS}
                )
            messages.warning(request, " ".join(lines))
