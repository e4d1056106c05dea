"""
Imports at the same time on PostgreSQL: simultaneous imports of different
records all land, and a preview (a dry run) that runs while an import is
under way breaks neither. `.ci/run` fails when these were skipped on
PostgreSQL.
"""

import csv
import subprocess
import sys
import threading

import pytest
import tablib
from django.conf import settings
from django.db import connection, connections

from articles.models import Article
from articles.resources import ArticleResource
from tests.factories import make_film, make_publication
from tests.live_gunicorn import ROOT, server_env

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="PostgreSQL's sequences and row locks",
    ),
    pytest.mark.django_db(transaction=True),
]

COLUMNS = ["slug", "title", "publication", "date", "language", "text", "films"]


@pytest.fixture
def archive():
    make_publication(slug="korea-herald", name="The Korea Herald")
    make_film(slug="crossing", title="Crossing")


def rows(prefix, count):
    return [
        [
            f"{prefix}-{n}",
            f"{prefix} {n}",
            "korea-herald",
            "2008-06-05",
            "en",
            f"The text of {prefix} {n}.",
            "crossing",
        ]
        for n in range(1, count + 1)
    ]


def test_four_simultaneous_import_commands_all_land(archive, tmp_path):
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    files = []
    for batch in range(1, 5):
        path = tmp_path / f"batch-{batch}.csv"
        with path.open("w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(COLUMNS)
            writer.writerows(rows(f"batch-{batch}", 300))
        files.append(path)
    imports = [
        subprocess.Popen(
            [sys.executable, "manage.py", "import_records", "articles", str(path), "--no-progress"],
            cwd=ROOT,
            env=server_env(url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in files
    ]
    outcomes = [(process.communicate(timeout=300), process.returncode) for process in imports]
    for (out, err), code in outcomes:
        assert code == 0, err
        assert "Imported: 300 new" in out
    for batch in range(1, 5):
        assert Article.objects.filter(slug__startswith=f"batch-{batch}-").count() == 300


class Paused(ArticleResource):
    """Stops before row `pause_at`, or before after_import, until `resume` is set."""

    def __init__(self, pause_at=None):
        super().__init__()
        self.pause_at, self.rows_done = pause_at, 0
        self.reached, self.resume = threading.Event(), threading.Event()

    def pause(self):
        self.reached.set()
        assert self.resume.wait(timeout=60)

    def import_row(self, row, instance_loader, **kwargs):
        self.rows_done += 1
        if self.rows_done == self.pause_at:
            self.pause()
        return super().import_row(row, instance_loader, **kwargs)

    def after_import(self, dataset, result, **kwargs):
        if self.pause_at is None:
            self.pause()
        super().after_import(dataset, result, **kwargs)


def in_thread(resource, dataset, **kwargs):
    outcome = {}

    def run():
        try:
            outcome["result"] = resource.import_data(dataset, **kwargs)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def test_a_preview_during_an_import_breaks_neither(archive):
    """
    The preview takes IDs first and finishes while the import, which took
    the IDs after them, is halfway: the import's remaining rows still get
    new IDs, and the preview saves nothing.
    """
    preview, importing = Paused(), Paused(pause_at=60)
    preview_thread, previewed = in_thread(
        preview, tablib.Dataset(*rows("preview", 50), headers=COLUMNS), dry_run=True
    )
    assert preview.reached.wait(timeout=60)
    import_thread, imported = in_thread(
        importing, tablib.Dataset(*rows("import", 120), headers=COLUMNS)
    )
    assert importing.reached.wait(timeout=60)
    preview.resume.set()
    preview_thread.join(timeout=60)
    importing.resume.set()
    import_thread.join(timeout=60)

    assert not previewed["result"].has_errors()
    assert previewed["result"].totals["new"] == 50
    result = imported["result"]
    assert [error.error for _, errors in result.row_errors() for error in errors] == []
    assert not result.has_errors()
    assert Article.objects.filter(slug__startswith="import-").count() == 120
    assert not Article.objects.filter(slug__startswith="preview-").exists()
