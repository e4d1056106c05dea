"""
The machinery every archive resource shares, for bulk import and export
(django-import-export) in the admin and `manage.py import_records`; each app
declares its own resources on top of ArchiveResource.

Rows are matched on their slug: importing a file again updates what changed
and leaves the rest alone. Related entries are named by slug too (films and
people separated by "|"). A row that cannot be imported is refused with its
reasons and the other rows go in.
"""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import NOT_PROVIDED
from django.utils.translation import gettext as _
from import_export import resources, widgets
from import_export.resources import Diff
from import_export.results import RowResult
from reversion import add_to_revision, is_active, is_registered

from core.batching import bulk_writes
from core.models import Publishable, Status
from curation.imports import IMPORT_TURN_WAIT, take_import_turn
from curation.publishing import may_publish

# Entries read at once to add an import to history.
HISTORY_CHUNK = 500


def resolve_model(model):
    """A model class, or one named by its label ("films.Person") so no app imports another's."""
    return apps.get_model(model) if isinstance(model, str) else model


class SlugLookup:
    """
    Finds related entries by slug, remembering what it found: a file names
    the same few publications and films on row after row. ArchiveResource
    empties `found` as each import starts.
    """

    found = None

    def find(self, slugs):
        """{slug: entry} for the `slugs` that exist (one query for the ones not seen yet)."""
        if self.found is None:
            self.found = {}
        unseen = [slug for slug in slugs if slug not in self.found]
        if unseen:
            entries = {entry.slug: entry for entry in self.model.objects.filter(slug__in=unseen)}
            for slug in unseen:
                self.found[slug] = entries.get(slug)
        return {slug: self.found[slug] for slug in slugs if self.found[slug] is not None}

    def missing_message(self, slugs):
        return _("No %(model)s has the slug %(slugs)s.") % {
            "model": self.model._meta.verbose_name,
            "slugs": ", ".join(f"“{slug}”" for slug in slugs),
        }


class SlugWidget(SlugLookup, widgets.ForeignKeyWidget):
    """A related entry named by its slug; an unknown slug refuses the row."""

    def __init__(self, model):
        super().__init__(resolve_model(model), field="slug")

    def clean(self, value, row=None, **kwargs):
        slug = str(value or "").strip()
        if not slug:
            return None
        entry = self.find([slug]).get(slug)
        if entry is None:
            raise ValueError(self.missing_message([slug]))
        return entry


class SlugsWidget(SlugLookup, widgets.ManyToManyWidget):
    """Related entries named by their slugs, separated by "|"; every slug must exist."""

    def __init__(self, model):
        super().__init__(resolve_model(model), separator="|", field="slug")

    def clean(self, value, row=None, **kwargs):
        slugs = [slug.strip() for slug in str(value or "").split(self.separator) if slug.strip()]
        slugs = list(dict.fromkeys(slugs))
        found = self.find(slugs)
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            raise ValueError(self.missing_message(missing))
        return [found[slug] for slug in slugs]


class RowDiff(Diff):
    """
    The preview's comparison, reading many-to-many fields from what the row
    had (after_init_instance) or was given (save_m2m) instead of asking the
    database: the original is a deep copy, and a deep copy drops the rows
    prefetched for the entry.
    """

    def __init__(self, resource, instance, new):
        self.left = self.values(resource, instance)
        self.right = []
        self.new = new

    def compare_with(self, resource, instance):
        self.right = self.values(resource, instance)

    @staticmethod
    def values(resource, instance):
        links = getattr(instance, "_links_given", None) or getattr(instance, "_links_before", {})
        return [
            links[field.attribute] if field.attribute in links else field.export(instance)
            for field in resource.get_import_fields()
        ]


class QuietDiff:
    """No comparison: a confirmed import shows no preview, and skips reading every field twice."""

    def __init__(self, resource, instance, new):
        pass

    def compare_with(self, resource, instance):
        pass

    def as_html(self):
        return []


class ArchiveResource(resources.ModelResource):
    """
    Rows matched on slug; an empty cell for a field with a default keeps the
    default (a new row) or the present value (an existing row). For a
    publishable model, a user without its publish permission may not change
    status or published_at: such a row is refused. Only the file's columns
    are read, compared and shown.
    """

    columns = None
    preview = True

    def import_data(self, dataset, dry_run=False, rollback_on_validation_errors=False, **kwargs):
        """
        Imports in one transaction of its own, rolled back after a dry run or
        any error. django-import-export would also wrap each row in a
        savepoint, two more round trips a row, to keep the rows before a
        failing one; but any error rolls the whole import back here, and a
        refused row writes nothing, since it is refused before it is saved.
        A confirmed import first waits up to `turn_wait` seconds for another
        import of the same kind to end (curation.imports.take_import_turn).
        """
        self.columns = set(dataset.headers or ())
        self.preview = dry_run
        self.imported_ids = set()
        for field in self.fields.values():
            if isinstance(field.widget, SlugLookup):
                field.widget.found = {}
        kwargs.pop("use_transactions", None)
        turn_wait = kwargs.pop("turn_wait", IMPORT_TURN_WAIT)
        with transaction.atomic(using=self.get_db_connection_name()):
            if not dry_run:
                take_import_turn(self._meta.model, self.get_db_connection_name(), turn_wait)
            # The saved rows' follow-up work (their search entries) is done in
            # bulk once every row is in, rather than row by row; a dry run,
            # rolled back, leaves it undone (core.batching).
            with bulk_writes(discard=dry_run):
                result = super().import_data(
                    dataset, dry_run=False, use_transactions=False, **kwargs
                )
            if (
                dry_run
                or result.has_errors()
                or (rollback_on_validation_errors and result.has_validation_errors())
            ):
                transaction.set_rollback(True, using=self.get_db_connection_name())
        return result

    def get_import_fields(self):
        """
        The fields of the file's columns, worked out once an import (rows
        ask for them some forty times each).
        """
        cached = getattr(self, "_import_fields", None)
        if cached is not None and cached[0] == self.columns:
            return cached[1]
        fields = super().get_import_fields()
        if self.columns is not None:
            fields = [field for field in fields if field.column_name in self.columns]
        self._import_fields = (self.columns, fields)
        return fields

    def get_queryset(self):
        """
        The existing entries, loaded once for the whole file (the instance
        loader), with the related entries the file's columns compare.
        """
        fields = self.get_import_fields()
        return (
            super()
            .get_queryset()
            .select_related(*(f.attribute for f in fields if isinstance(f.widget, SlugWidget)))
            .prefetch_related(*(f.attribute for f in fields if isinstance(f.widget, SlugsWidget)))
        )

    def after_import(self, dataset, result, **kwargs):
        """
        Adds every created or updated entry to the import's revision, when
        one is open (a confirmed import): read again in chunks with their
        links prefetched, rather than serialised one query per link field
        as each row is saved, when its links are not even saved yet.

        ModelResource.after_import is skipped: it resets the table's ID
        sequence to the highest ID, which no rollback undoes, and ran even for
        a preview (import_data passes dry_run=False on). On PostgreSQL a
        preview or a second import during an import set the sequence back
        under IDs the first had taken, and its next row failed on a duplicate
        key. Rows here are matched on slug and never bring an ID (no resource
        lists "id"), so the sequence needs no reset.
        """
        resources.Resource.after_import(self, dataset, result, **kwargs)
        model = self._meta.model
        if not is_active() or not is_registered(model):
            return
        changed = (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE)
        pks = [row.object_id for row in result.rows if row.import_type in changed]
        links = [f.name for f in model._meta.many_to_many]
        for start in range(0, len(pks), HISTORY_CHUNK):
            chunk = pks[start : start + HISTORY_CHUNK]
            for entry in model.objects.filter(pk__in=chunk).prefetch_related(*links):
                add_to_revision(entry)

    def get_diff_class(self):
        return RowDiff if self.preview else QuietDiff

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """
        full_clean(), less two lookups per row that are known already: the
        slug widgets fetched every related entry, and the instance loader
        read every existing entry the file names, so a row's slug can clash
        only with an earlier row of the same file.
        """
        errors = dict(import_validation_errors or {})
        related = [
            field.attribute
            for field in self.get_import_fields()
            if isinstance(field.widget, SlugWidget) and field.attribute not in errors
        ]
        id_fields = self.get_import_id_fields()
        exclude = [*errors, *related]
        try:
            instance.full_clean(exclude=exclude, validate_unique=False)
            if validate_unique:
                instance.validate_unique(exclude=[*exclude, *id_fields])
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        key = tuple(getattr(instance, name) for name in id_fields)
        if key in self.imported_ids:
            errors.setdefault(id_fields[0], []).append(
                ValidationError(
                    _("An earlier row of this file has this %(field)s.") % {"field": id_fields[0]},
                    code="duplicate_row",
                )
            )
        if errors:
            raise ValidationError(errors)
        self.imported_ids.add(key)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        model_field = self.model_field(field)
        value = row.get(field.column_name)
        if (
            model_field is not None
            and model_field.default is not NOT_PROVIDED
            and (value is None or str(value).strip() == "")
        ):
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def model_field(self, field):
        try:
            return self._meta.model._meta.get_field(field.attribute)
        except FieldDoesNotExist:
            return None

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._imported_new = new
        # Read before the row is compared: the loader prefetched them.
        instance._links_before = {
            field.attribute: self.links_text(
                field, [] if new else getattr(instance, field.attribute).all()
            )
            for field in self.link_fields()
        }
        if isinstance(instance, Publishable):
            instance._publication_before = (instance.status, instance.published_at)

    def save_m2m(self, instance, row, **kwargs):
        """
        Saves the many-to-many cells of the file. A new row's links are
        inserted in one query each; an existing row's are set as Django does.
        A dry run saves too, in the transaction import_data rolls back.
        """
        instance._links_given = {}
        for field in self.link_fields():
            related = field.clean(row)
            manager = getattr(instance, field.attribute)
            if instance._imported_new:
                through = manager.through
                source, target = manager.source_field_name, manager.target_field_name
                through.objects.bulk_create(
                    [through(**{source: instance, target: entry}) for entry in related]
                )
            else:
                manager.set(related)
            instance._links_given[field.attribute] = self.links_text(field, related)

    def link_fields(self):
        """The file's many-to-many columns."""
        return [
            f for f in self.get_import_fields() if isinstance(f.widget, widgets.ManyToManyWidget)
        ]

    @staticmethod
    def links_text(field, entries):
        return field.widget.separator.join(sorted(entry.slug for entry in entries))

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """
        An existing row whose cells all match the entry, links included, is
        left alone (compared with what after_init_instance read, for the
        reason RowDiff gives).
        """
        if instance._imported_new or import_validation_errors or not self._meta.skip_unchanged:
            return False
        for field in self.get_import_fields():
            if field in self.link_fields():
                if (
                    self.links_text(field, field.clean(row))
                    != instance._links_before[field.attribute]
                ):
                    return False
            elif field.get_value(instance) != field.get_value(original):
                return False
        return True

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Many-to-many cells are saved after the row; check them now so that
        # a bad one refuses the row instead of failing the whole import.
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [ValidationError(str(error), code="invalid")]
        if self.changes_publication(instance, kwargs.get("user")):
            errors["status"] = [
                ValidationError(
                    _(
                        "Only an Editor may publish or unpublish: keep status and published_at "
                        "as they are (draft and empty for a new entry)."
                    ),
                    code="publish_permission",
                )
            ]
        if errors:
            raise ValidationError(errors)

    def changes_publication(self, instance, user):
        if user is None or not isinstance(instance, Publishable):
            return False
        if may_publish(user, type(instance)):
            return False
        if instance.status not in Status.values:
            return False  # full_clean() names the bad value instead.
        return (instance.status, instance.published_at) != instance._publication_before
