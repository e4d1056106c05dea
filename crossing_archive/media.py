"""
The files under MEDIA_ROOT, and which of them the archive still uses.

A file is in use when a row names it or a revision (django-reversion) does:
a deleted image can be brought back from its history, so its files stay
until no revision names them either. A row names a file in a FileField
(ImageField included) or in a JSONField: the image models keep the names of
their smaller copies in `renditions` (films/models/images.py). Revisions are
read the same way, from their serialized fields, so a model removed or
changed since keeps its files. Every model of every app is scanned: a new
model with files is covered without a change here.
"""

import json
import os
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

# restore (crossing_archive/backup.py) unpacks files here before moving them into place.
STAGING_PREFIX = ".restore-"
# A file younger than this may belong to an upload whose row is not committed yet.
GRACE_SECONDS = 3600


def stored_files(root=None):
    """Relative paths ('images/films/ab12.jpg') of every file under MEDIA_ROOT, sorted."""
    root = Path(root or settings.MEDIA_ROOT)
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith(STAGING_PREFIX))
        relative = Path(folder).relative_to(root)
        found += [(relative / name).as_posix() for name in files]
    return sorted(found)


def strings_in(value):
    """Every string inside a JSON value (nested lists and objects included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)


def file_fields(model):
    """The fields of `model` that may name a stored file."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField | models.JSONField)
    ]


def names_in_rows():
    """Every file name that a row of any model holds (one query per model with files)."""
    names = set()
    for model in apps.get_models():
        fields = file_fields(model)
        if not fields or model._meta.proxy:
            continue
        for row in model._base_manager.values_list(*(field.attname for field in fields)):
            for value in row:
                names.update(strings_in(value))
    return names


def names_in_revisions(older_than=None):
    """
    Every string in the serialized fields of the stored versions; with `older_than`
    (a datetime), leaves out the versions of revisions made before it, as
    `deleterevisions --days` would delete them.
    """
    from reversion.models import Version

    versions = Version.objects.all()
    if older_than is not None:
        versions = versions.exclude(revision__date_created__lt=older_than)
    names = set()
    for data in versions.values_list("serialized_data", flat=True).iterator():
        try:
            objects = json.loads(data)
        except ValueError:
            continue
        for obj in objects if isinstance(objects, list) else [objects]:
            if isinstance(obj, dict):
                names.update(strings_in(obj.get("fields", {})))
    return names


def unused_files(root=None, revisions_older_than=None, now=None):
    """
    The stored files that no row and no revision names, and that were last
    written more than GRACE_SECONDS ago.
    """
    root = Path(root or settings.MEDIA_ROOT)
    in_use = names_in_rows() | names_in_revisions(revisions_older_than)
    cutoff = (now or time.time()) - GRACE_SECONDS
    return [
        name
        for name in stored_files(root)
        if name not in in_use and (root / name).stat().st_mtime < cutoff
    ]
