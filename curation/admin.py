"""
The base of every archive admin: history with revert and recovery, edit
conflicts, publishing by permission with previews, and export of any
filtered changelist. Nothing is registered here.
"""

from django.db import models
from import_export.admin import ExportMixin

from curation.conflicts import ConflictMixin
from curation.forms import UniqueRowsInlineFormSet
from curation.history import HistoryAdmin
from curation.imports import EXPORT_FORMATS, RowReportImportMixin
from curation.publishing import PublishingMixin

# An address typed without a scheme is taken as https, as Django 6 will do.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class ArchiveAdmin(ConflictMixin, PublishingMixin, ExportMixin, HistoryAdmin):
    export_formats = EXPORT_FORMATS
    formfield_overrides = URL_FIELDS


class InlineBase:
    """The base of every inline: no blank rows, unique constraints checked across rows."""

    formset = UniqueRowsInlineFormSet
    extra = 0
    formfield_overrides = URL_FIELDS


class ImportableArchiveAdmin(RowReportImportMixin, ArchiveAdmin):
    """An archive admin that also imports CSV and JSON files."""
