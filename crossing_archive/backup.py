"""
The whole archive in one file, and back.

A backup is a zip file holding

- `manifest.json`: the format and its version, when and from which database
  the backup was made, the versions of the code and the migrations applied,
  the number of rows of each model, and the size and SHA-256 of `data.json`
  and of every media file;
- `data.json`: every row of every model in Django's JSON serialization,
  primary keys kept (reversion's versions and the admin's log name objects by
  primary key, as text);
- `media/…`: every file under MEDIA_ROOT, as stored.

Content types, permissions and groups are rows that every migrated install
makes for itself, under ids of its own: a backup names them, and every
foreign key to them (a version's or log entry's content type, a group's
permissions), by natural key, and a restore matches them to the install's
rows instead of adding copies. Left out: sessions and lockout logs (django-axes),
which mean nothing in another install, and the search index, which a restore
rebuilds from the rows.
"""

import datetime
import hashlib
import io
import json
import os
import platform
import shutil
import tempfile
import time
import zipfile
from collections import Counter
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Prefetch
from django.utils import timezone

from crossing_archive.media import STAGING_PREFIX, stored_files
from public.cache import bump

FORMAT = "crossing-archive-backup"
FORMAT_VERSION = 1
MANIFEST, DATA, MEDIA = "manifest.json", "data.json", "media/"
# App labels and model labels whose rows a backup leaves out.
LEFT_OUT = {"sessions", "axes", "search.searchentry"}
# Rows derived from the others, and the command that rebuilds them after a restore.
REBUILT_BY = {"search.searchentry": "rebuild_search_index"}
# Rows a migrated install already has, matched by natural key; in this order,
# since each one's natural key may name the ones before.
MATCHED = ("contenttypes.contenttype", "auth.permission", "auth.group")
CHUNK = 2000
CODE = ("crossing-archive", "Django", "django-reversion")


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why and what to do."""


def label(model):
    return model._meta.label_lower


def archived_models():
    """The models whose rows a backup holds: the MATCHED ones first, then app by app."""
    found = [
        model
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.app_label not in LEFT_OUT
        and label(model) not in LEFT_OUT
    ]
    first = {name: position for position, name in enumerate(MATCHED)}
    return sorted(found, key=lambda model: first.get(label(model), len(MATCHED)))


def matched_relations(model):
    """The names of the foreign keys of `model` to MATCHED models."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and label(field.related_model) in MATCHED
    ]


def rows(model, using):
    """Every row of `model` by primary key, with what its serialization reads prefetched."""
    queryset = model._base_manager.using(using).order_by("pk")
    if related := matched_relations(model):
        queryset = queryset.select_related(*related)
    for field in model._meta.many_to_many:
        if not field.remote_field.through._meta.auto_created:
            continue  # an explicit through model is backed up as a model of its own
        target = field.related_model
        queryset = queryset.prefetch_related(
            Prefetch(
                field.name,
                queryset=target._base_manager.select_related(*matched_relations(target)).order_by(
                    "pk"
                ),
            )
        )
    return queryset.iterator(chunk_size=CHUNK)


class ExactJSONEncoder(DjangoJSONEncoder):
    """
    Times to the microsecond: DjangoJSONEncoder cuts them to the millisecond, so a
    restore would change every timestamp whose microseconds are not a whole number of
    milliseconds (a revision's date, a log entry's time).
    """

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class ArchiveSerializer(JSONSerializer):
    """Django's JSON serialization, with the MATCHED rows named by natural key and times
    to the microsecond."""

    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactJSONEncoder

    def get_dump_object(self, obj):
        data = super().get_dump_object(obj)
        if label(obj) in MATCHED:
            del data["pk"]
        return data

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = label(field.related_model) in MATCHED
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = label(field.related_model) in MATCHED
        super().handle_m2m_field(obj, field)


class HashingWriter(io.RawIOBase):
    """Writes through to `stream`, keeping the size and SHA-256 of what went by."""

    def __init__(self, stream):
        self.stream, self.sha256, self.size = stream, hashlib.sha256(), 0

    def writable(self):
        return True

    def write(self, data):
        self.stream.write(data)
        self.sha256.update(data)
        self.size += len(data)
        return len(data)

    def summary(self):
        return {"size": self.size, "sha256": self.sha256.hexdigest()}


@contextmanager
def snapshot(using):
    """
    One read transaction: every query inside sees the database as it was at the
    first one, while the site goes on writing. PostgreSQL is asked for it;
    SQLite gives it in WAL mode (settings.py turns it on) and otherwise keeps
    writers waiting until the backup has read everything.
    """
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def applied_migrations(using):
    """{app label: [names of the applied migrations]} of the apps a backup holds (one query)."""
    applied = {}
    for app_label, name in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        if app_label not in LEFT_OUT:
            applied.setdefault(app_label, []).append(name)
    return applied


def code_versions():
    versions = {"Python": platform.python_version()}
    for distribution in CODE:
        try:
            versions[distribution] = metadata.version(distribution)
        except metadata.PackageNotFoundError:
            pass
    return versions


def write_rows(archive, using):
    """Writes data.json; returns the row count of each model and the file's checksum."""
    models = archived_models()
    counts = Counter()

    def every_row():
        for model in models:
            for obj in rows(model, using):
                counts[label(model)] += 1
                yield obj

    info = zipfile.ZipInfo(DATA, date_time=time.localtime()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as member:
        hashing = HashingWriter(member)
        text = io.TextIOWrapper(hashing, encoding="utf-8")
        ArchiveSerializer().serialize(every_row(), stream=text)
        text.flush()
        text.detach()
    return {label(model): counts[label(model)] for model in models}, hashing.summary()


def write_media(archive, root):
    """Copies every file under `root` into the archive; returns {name: size and checksum}."""
    files = {}
    for name in stored_files(root):
        info = zipfile.ZipInfo.from_file(root / name, MEDIA + name)
        info.compress_type = zipfile.ZIP_STORED  # images are compressed already
        with open(root / name, "rb") as source, archive.open(info, "w", force_zip64=True) as member:
            hashing = HashingWriter(member)
            shutil.copyfileobj(source, hashing)
        files[name] = hashing.summary()
    return files


def write_backup(path, using="default", media_root=None):
    """
    Writes the whole archive to `path` and returns its manifest. The rows are read
    in one snapshot; the media files afterwards: a file is never changed once
    stored, and only purge_media deletes files, those no row names.
    """
    path, root = Path(path), Path(media_root or settings.MEDIA_ROOT)
    manifest = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "created": timezone.now().isoformat(),
        "database": connections[using].vendor,
        "code": code_versions(),
    }
    partial = path.with_name(f"{path.name}.partial")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            with snapshot(using):
                manifest["migrations"] = applied_migrations(using)
                manifest["rows"], manifest["data"] = write_rows(archive, using)
            manifest["files"] = write_media(archive, root) if root.is_dir() else {}
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


# ---------------------------------------------------------------------------
# Restoring
# ---------------------------------------------------------------------------


def read_manifest(archive):
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise BackupError("This is not a Crossing Archive backup: it has no manifest.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError("This is not a Crossing Archive backup.")
    if manifest.get("version") != FORMAT_VERSION:
        raise BackupError(
            f"This backup is in format version {manifest.get('version')}; "
            f"this version of the code reads version {FORMAT_VERSION}."
        )
    return manifest


def check_migrations(manifest, using):
    """Refuses a backup made by another version of the code (its tables differ)."""
    theirs = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    ours = {(app, name) for app, names in applied_migrations(using).items() for name in names}
    if theirs == ours:
        return
    lines = [f"  only in the backup: {app} {name}" for app, name in sorted(theirs - ours)]
    lines += [f"  only in this install: {app} {name}" for app, name in sorted(ours - theirs)]
    raise BackupError(
        "The backup was made by another version of the code: the migrations differ.\n"
        + "\n".join(lines)
        + "\nRestore into an install of the version that made it (migrated with "
        "`manage.py migrate`), then upgrade that install."
    )


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def checked_name(name):
    """A media file name from a manifest, refused if it would land outside MEDIA_ROOT."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"The backup names a file outside the media folder: {name!r}.")
    return name


def entries_in_install(manifest, using, root):
    """What in this install a restore would overwrite: models with rows, differing files."""
    found = [
        label(model)
        for model in archived_models()
        if label(model) not in MATCHED and model._base_manager.using(using).exists()
    ]
    for name, stored in manifest["files"].items():
        path = root / checked_name(name)
        if path.exists() and sha256_of(path) != stored["sha256"]:
            found.append(f"media file {name}")
    return found


def unpack_media(archive, manifest, staging):
    """Copies the backup's media files into `staging`, checking each against the manifest."""
    for name, stored in manifest["files"].items():
        target = staging / checked_name(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(MEDIA + name) as member, open(target, "wb") as file:
            shutil.copyfileobj(member, file)
        if sha256_of(target) != stored["sha256"]:
            raise BackupError(f"The media file {name} in the backup is damaged (checksum).")


def clear_install(using):
    """Deletes every row but the content types and permissions (replacing an install)."""
    connection = connections[using]
    kept = {"contenttypes.contenttype", "auth.permission"}
    with connection.cursor() as cursor:
        # Foreign keys are checked at commit (or by load_rows), so the order does not matter.
        for model in apps.get_models(include_auto_created=True):
            if model._meta.managed and not model._meta.proxy and label(model) not in kept:
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (a model's table name)


def insert(batch, using):
    """Inserts deserialized rows of one model as they are, with their many-to-many links."""
    model = type(batch[0].object)
    objects = [deserialized.object for deserialized in batch]
    # As loaddata saves them (raw): values as stored, auto_now dates included, no signals.
    fields = [field for field in model._meta.local_concrete_fields if not field.generated]
    size = min(max(connections[using].ops.bulk_batch_size(fields, objects), 1), CHUNK)
    manager = model._base_manager.using(using)
    for start in range(0, len(objects), size):
        manager._insert(objects[start : start + size], fields=fields, using=using, raw=True)
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        if not through._meta.auto_created:
            continue
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        links = [
            through(**{source: deserialized.object.pk, target: related})
            for deserialized in batch
            for related in deserialized.m2m_data.get(field.name, [])
        ]
        through._base_manager.using(using).bulk_create(links, batch_size=CHUNK)


def load_rows(archive, manifest, using):
    """Loads data.json; returns the number of rows of each model."""
    with archive.open(DATA) as member:
        hashing = HashingWriter(io.BytesIO())
        shutil.copyfileobj(member, hashing)
    if hashing.summary() != manifest["data"]:
        raise BackupError("The rows in the backup (data.json) are damaged (checksum).")
    counts, batch = Counter(), []
    with archive.open(DATA) as member:
        for deserialized in serializers.deserialize("json", member, using=using):
            model = type(deserialized.object)
            counts[label(model)] += 1
            if label(model) in MATCHED:
                # Found by natural key: the install's own row is updated, ids kept.
                deserialized.save(using=using)
                continue
            if batch and (type(batch[0].object) is not model or len(batch) >= CHUNK):
                insert(batch, using)
                batch = []
            batch.append(deserialized)
    if batch:
        insert(batch, using)
    return counts


def restore_backup(path, using="default", media_root=None, replace=False):
    """
    Fills an empty, migrated install from the backup at `path`, all or nothing, and
    returns its manifest. With `replace`, deletes what the install holds first.
    The media files are unpacked to a staging folder and moved into MEDIA_ROOT
    once every row is in; files the restore added are removed if it fails.
    """
    root = Path(media_root or settings.MEDIA_ROOT)
    connection = connections[using]
    ContentType.objects.clear_cache()
    with zipfile.ZipFile(path) as archive:
        manifest = read_manifest(archive)
        check_migrations(manifest, using)
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))
        added = []
        try:
            with transaction.atomic(using=using):
                in_install = entries_in_install(manifest, using, root)
                if in_install and not replace:
                    raise BackupError(
                        "This install already has entries, so the backup was not restored "
                        "(restore fills an empty install: migrate a new database and restore "
                        "before anything else). Found: "
                        + ", ".join(in_install[:10])
                        + (" …" if len(in_install) > 10 else "")
                        + ". To delete them and restore the backup instead, use --replace."
                    )
                unpack_media(archive, manifest, staging)
                if replace:
                    clear_install(using)
                counts = load_rows(archive, manifest, using)
                expected = {name: count for name, count in manifest["rows"].items() if count}
                if counts != expected:
                    raise BackupError("The rows in the backup do not match its manifest.")
                models = [apps.get_model(name) for name in counts]
                connection.check_constraints(table_names=[m._meta.db_table for m in models])
                # Rows came with their primary keys: move PostgreSQL's sequences past them.
                with connection.cursor() as cursor:
                    for statement in connection.ops.sequence_reset_sql(no_style(), models):
                        cursor.execute(statement)
                for model_label, command in REBUILT_BY.items():
                    if apps.is_installed(model_label.split(".")[0]):
                        call_command(command, verbosity=0)
                move_media(staging, root, manifest, added)
                # Rows went in without signals: no cached page may outlive them.
                transaction.on_commit(bump, using=using)
        except BaseException:
            for name in added:
                (root / name).unlink(missing_ok=True)
            raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    ContentType.objects.clear_cache()
    return manifest


def move_media(staging, root, manifest, added):
    """Moves the staged files into place, listing in `added` those that were not there."""
    for name, stored in manifest["files"].items():
        target = root / name
        if target.exists():
            if sha256_of(target) == stored["sha256"]:
                continue
        else:
            added.append(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / name, target)
