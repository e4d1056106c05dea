"""
The migrated SQLite test database, kept between runs.

Each test process creates its database in memory by running every migration:
two seconds, most of it Django working out the models' state migration by
migration. The first process to migrate a given set of migrations saves an
image of the result; later processes copy that image into their own
in-memory database instead. An image is named by a digest of every installed
app's migration files, the project's modules they import (the SQL a migration
runs may live in one: search/text_index.py), Django's version and SQLite's, so a
changed or new migration makes a new image and an old one is never used for it.
"""

import ast
import hashlib
import importlib.util
import os
import sqlite3
import tempfile
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db.backends.base.creation import BaseDatabaseCreation


def project_imports(source):
    """The files of the project's own modules a migration's source imports."""
    files = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            # `from search import text_index`: the name may be a module of the package.
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            try:
                spec = importlib.util.find_spec(name)
            except (ImportError, ValueError):  # a name inside a module, not a module
                continue
            origin = Path(spec.origin) if spec and spec.origin else None
            if origin and origin.is_relative_to(settings.BASE_DIR) and ".venv" not in origin.parts:
                files.add(origin)
    return files


def schema_digest():
    digest = hashlib.sha256(f"{django.__version__} {sqlite3.sqlite_version}".encode())
    imported = set()
    for app_config in apps.get_app_configs():
        folder = Path(app_config.path) / "migrations"
        for path in sorted(folder.glob("*.py")):
            source = path.read_bytes()
            digest.update(f"{app_config.label}/{path.name}\0".encode())
            digest.update(source)
            imported |= project_imports(source)
    for path in sorted(imported):
        digest.update(f"{path.relative_to(settings.BASE_DIR)}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def keep_migrated_databases(folder):
    """Makes SQLite test databases in memory from an image in `folder` when there is one."""
    create_test_db = BaseDatabaseCreation.create_test_db

    def create_from_image(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        name = self._get_test_db_name()
        if self.connection.vendor != "sqlite" or serialize or not self.is_in_memory_db(name):
            return create_test_db(self, verbosity, autoclobber, serialize, keepdb)
        image = Path(folder) / f"sqlite-{schema_digest()}.sqlite3"
        if not image.exists():
            name = create_test_db(self, verbosity, autoclobber, serialize, keepdb)
            handle, partial = tempfile.mkstemp(dir=folder, suffix=".partial")
            os.close(handle)
            # Page by page: the triggers and full-text tables come with the rows.
            with sqlite3.connect(partial) as saved:
                self.connection.connection.backup(saved)
            saved.close()
            os.replace(partial, image)  # whole or not at all, if two processes race
            return name
        self._create_test_db(verbosity, autoclobber, keepdb)
        self.connection.close()
        settings.DATABASES[self.connection.alias]["NAME"] = name
        self.connection.settings_dict["NAME"] = name
        self.connection.ensure_connection()
        with sqlite3.connect(image) as saved:
            saved.backup(self.connection.connection)
        saved.close()
        call_command("createcachetable", database=self.connection.alias)
        return name

    BaseDatabaseCreation.create_test_db = create_from_image
