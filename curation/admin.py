"""
The base of every archive admin: history with revert and recovery, edit
conflicts, publishing by permission with previews, and export of any
filtered changelist. Nothing is registered here.
"""

from import_export.admin import ExportMixin

from curation.conflicts import ConflictMixin
from curation.history import HistoryAdmin
from curation.imports import EXPORT_FORMATS, RowReportImportMixin
from curation.publishing import PublishingMixin


class ArchiveAdmin(ConflictMixin, PublishingMixin, ExportMixin, HistoryAdmin):
    export_formats = EXPORT_FORMATS


class ImportableArchiveAdmin(RowReportImportMixin, ArchiveAdmin):
    """An archive admin that also imports CSV and JSON files."""
