"""
`manage.py backup` and `restore`: the whole archive, rows and media files, into an
empty install and back, on one database and from SQLite to PostgreSQL and back.
"""

import datetime
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from io import StringIO

import dj_database_url
import pytest
import reversion
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from reversion.models import Version

from crossing_archive.backup import clear_install
from curation.roles import grant_role_permissions
from films.models import Film, FilmImage
from search.models import SearchEntry
from tests.factories import load_seed, make_film, make_film_image, make_staff

POSTGRES_URL = os.environ.get("CROSSING_TEST_POSTGRES_URL", "")
# Rows a backup leaves out on purpose.
LEFT_OUT = {"sessions.session", "search.searchentry"}


def fill_archive():
    """The seed record, a curator, an image with its history and admin log, a session."""
    load_seed()
    curator = make_staff("curator", "Curator")
    with reversion.create_revision():
        reversion.set_user(curator)
        image = make_film_image(film=Film.objects.get(slug="crossing"))
    LogEntry.objects.create(
        user=curator,
        content_type=ContentType.objects.get_for_model(image),
        object_id=str(image.pk),
        object_repr=str(image),
        action_flag=ADDITION,
    )
    SessionStore().create()
    return image


def natural(model, pk):
    """What a row of a table every install fills means, whatever its id."""
    if pk is None:
        return None
    return list(model._base_manager.get(pk=pk).natural_key())


def every_row():
    """
    Every row of every table but those left out, as JSON text, sorted; ids of
    content types, permissions and groups replaced by what they stand for.
    """
    matched = (ContentType, Permission, Group)
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        name = model._meta.label_lower
        if name in LEFT_OUT or model._meta.proxy:
            continue
        relations = {
            field.attname: field.related_model
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model in matched
        }
        rows = []
        for row in model._base_manager.values():
            if model in matched or model._meta.auto_created:
                del row["id"]  # matched by natural key; links carry no id of their own
            for attname, related in relations.items():
                row[attname] = natural(related, row[attname])
            rows.append(json.dumps(row, cls=DjangoJSONEncoder, sort_keys=True))
        tables[name] = sorted(rows)
    return tables


def media_files(root):
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


def search_entries():
    """The index without its ids, duplicates counted."""
    fields = [f.attname for f in SearchEntry._meta.concrete_fields if not f.primary_key]
    return sorted(map(str, SearchEntry.objects.values_list(*fields)))


def make_empty_install():
    """
    Empties the database as a new install is: no rows but the content types and
    permissions, now under other ids, and the role groups anew.
    """
    clear_install("default")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE auth_permission SET content_type_id = content_type_id + 1000")
        cursor.execute("UPDATE django_content_type SET id = id + 1000")
    ContentType.objects.clear_cache()
    grant_role_permissions(apps)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield settings.MEDIA_ROOT
    # make_empty_install() gave content types other ids, which the test's rollback undid.
    ContentType.objects.clear_cache()


def backup(path):
    call_command("backup", str(path), stdout=StringIO())
    return json.loads(zipfile.ZipFile(path).read("manifest.json"))


def restore(path, *args):
    call_command("restore", str(path), *args, stdout=StringIO())


@pytest.mark.django_db
def test_round_trip_restores_every_row_and_file_with_its_primary_key(media, tmp_path):
    image = fill_archive()
    rows, files, entries = every_row(), media_files(media), search_entries()
    backup(tmp_path / "archive.zip")
    make_empty_install()
    for path in media.rglob("*.*"):
        path.unlink()

    restore(tmp_path / "archive.zip")

    assert every_row() == rows
    assert media_files(media) == files
    assert len(files) == 1 + len(image.renditions)
    assert search_entries() == entries
    assert len(set(entries)) == len(entries)
    assert sorted(Group.objects.values_list("name", flat=True)) == ["Curator", "Editor"]
    assert not Session.objects.exists()
    # Content types have other ids here: history and log still find the image.
    restored = FilmImage.objects.get(pk=image.pk)
    assert Version.objects.get_for_object(restored).get().object_id == str(image.pk)
    assert LogEntry.objects.get().get_edited_object() == restored
    assert make_film().pk > Film.objects.exclude(slug__startswith="film-").latest("pk").pk


@pytest.mark.django_db
def test_manifest_counts_rows_and_checksums_files(media, tmp_path):
    image = fill_archive()

    manifest = backup(tmp_path / "archive.zip")

    assert manifest["rows"]["films.film"] == Film.objects.count()
    assert manifest["rows"]["reversion.version"] == 1
    assert not LEFT_OUT & set(manifest["rows"])
    assert manifest["migrations"]["films"]
    stored = manifest["files"][image.image.name]
    assert stored["sha256"] == hashlib.sha256((media / image.image.name).read_bytes()).hexdigest()


@pytest.mark.django_db
def test_restore_refuses_an_install_with_entries(media, tmp_path):
    fill_archive()
    backup(tmp_path / "archive.zip")
    rows = every_row()

    with pytest.raises(CommandError, match="already has entries.*--replace"):
        restore(tmp_path / "archive.zip")
    assert every_row() == rows


@pytest.mark.django_db
def test_replace_restores_over_an_install_with_entries(media, tmp_path):
    fill_archive()
    backup(tmp_path / "archive.zip")
    rows = every_row()
    make_film(slug="made-after-the-backup")

    restore(tmp_path / "archive.zip", "--replace")

    assert every_row() == rows
    assert not Film.objects.filter(slug="made-after-the-backup").exists()


def rewrite_manifest(path, change):
    """A copy of the backup at `path` with its manifest changed by `change`."""
    damaged = path.with_name("damaged.zip")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest)
            target.writestr(info, data)
    return damaged


@pytest.mark.django_db
def test_restore_is_all_or_nothing(media, tmp_path):
    fill_archive()
    backup(tmp_path / "archive.zip")
    make_empty_install()
    for path in media.rglob("*.*"):
        path.unlink()
    # Found only once every row is in: nothing of them, and no file, may stay.
    damaged = rewrite_manifest(
        tmp_path / "archive.zip", lambda manifest: manifest["rows"].update({"films.film": 99})
    )

    with pytest.raises(CommandError, match="do not match"):
        restore(damaged)

    assert not Film.objects.exists()
    assert media_files(media) == {}


@pytest.mark.django_db
def test_restore_refuses_a_backup_of_another_version(media, tmp_path):
    make_film()
    backup(tmp_path / "archive.zip")
    make_empty_install()
    damaged = rewrite_manifest(
        tmp_path / "archive.zip",
        lambda manifest: manifest["migrations"]["films"].append("9999_from_the_future"),
    )

    with pytest.raises(CommandError, match="only in the backup: films 9999_from_the_future"):
        restore(damaged)
    assert not Film.objects.exists()


# ---------------------------------------------------------------------------
# From SQLite to PostgreSQL and back, each step a `manage.py` of its own
# ---------------------------------------------------------------------------


def manage(database_url, media_root, *args):
    """Runs manage.py with this database and media folder; returns what it printed."""
    env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(media_root), "DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def shell(database_url, media_root, code):
    return manage(database_url, media_root, "shell", "-v0", "-c", code)


def recreate_postgres_database(url):
    """Drops and creates the database `url` names: the test's own, empty."""
    import psycopg

    params = dj_database_url.parse(url)
    server = {
        "host": params["HOST"],
        "port": params["PORT"] or 5432,
        "user": params["USER"],
        "password": params["PASSWORD"],
    }
    name = psycopg.sql.Identifier(params["NAME"])
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as conn:
        conn.execute(psycopg.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(name))


SNAPSHOT = "import json; from tests.test_backup import every_row; print(json.dumps(every_row()))"


@pytest.mark.skipif(not POSTGRES_URL, reason="CROSSING_TEST_POSTGRES_URL is not set")
def test_round_trip_sqlite_to_postgresql_and_back(tmp_path):
    sqlite_a = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    sqlite_c = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    media_a, media_b, media_c = tmp_path / "a", tmp_path / "b", tmp_path / "c"

    manage(sqlite_a, media_a, "migrate", "-v0")
    shutil.copy(tmp_path / "a.sqlite3", tmp_path / "c.sqlite3")  # a new install, for the end
    shell(sqlite_a, media_a, "from tests.test_backup import fill_archive; fill_archive()")
    rows = json.loads(shell(sqlite_a, media_a, SNAPSHOT))
    manage(sqlite_a, media_a, "backup", str(tmp_path / "from-sqlite.zip"))

    recreate_postgres_database(POSTGRES_URL)
    manage(POSTGRES_URL, media_b, "migrate", "-v0")
    # Content types under other ids than SQLite's, as in an install grown apart.
    shell(
        POSTGRES_URL,
        media_b,
        "from django.db import connection, transaction\n"
        "with transaction.atomic(), connection.cursor() as c:\n"
        "    c.execute('UPDATE auth_permission SET content_type_id = content_type_id + 1000')\n"
        "    c.execute('UPDATE django_content_type SET id = id + 1000')",
    )
    manage(POSTGRES_URL, media_b, "restore", str(tmp_path / "from-sqlite.zip"))
    assert json.loads(shell(POSTGRES_URL, media_b, SNAPSHOT)) == rows
    assert media_files(media_b) == media_files(media_a)
    manage(POSTGRES_URL, media_b, "backup", str(tmp_path / "from-postgresql.zip"))
    # PostgreSQL's sequences were moved past the restored ids.
    shell(POSTGRES_URL, media_b, "from tests.factories import make_film; make_film()")

    manage(sqlite_c, media_c, "restore", str(tmp_path / "from-postgresql.zip"))
    assert json.loads(shell(sqlite_c, media_c, SNAPSHOT)) == rows
    assert media_files(media_c) == media_files(media_a)


@pytest.mark.django_db
def test_times_come_back_to_the_microsecond(media, tmp_path):
    """Django's JSON cuts times to the millisecond: a restore would change them."""
    film = make_film()
    exact = datetime.datetime(2008, 6, 26, 9, 45, 3, 400, tzinfo=datetime.UTC)
    Film.objects.filter(pk=film.pk).update(updated=exact, created=exact.replace(microsecond=0))
    backup(tmp_path / "archive.zip")
    make_empty_install()

    restore(tmp_path / "archive.zip")

    restored = Film.objects.get(pk=film.pk)
    assert (restored.updated, restored.created) == (exact, exact.replace(microsecond=0))
