"""
Several curators at once on SQLite, against a real multi-process server
(tests/live_gunicorn.py) on a database file of its own: simultaneous admin
saves all go in, and during a large import the public pages keep answering
while a save or a sign-in waits its turn or is refused with "busy, try
again", never a server error, and never claimed saved when it was not.
"""

import csv
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
import requests
from django.conf import settings

from tests.live_gunicorn import (
    ROOT,
    admin_form,
    at_once,
    gunicorn,
    manage,
    run_in_archive,
    server_env,
    signed_in,
)

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite's locking: the server runs on a SQLite file",
)

SETUP = """
import json
from django.test import Client
from core.models import Status
from tests.factories import make_article, make_film, make_publication, make_staff

make_film(slug="crossing", title="Crossing", status=Status.PUBLISHED)
paper = make_publication(slug="korea-herald", name="The Korea Herald")
articles, sessions = [], []
for number in range(1, {count} + 1):
    article = make_article(
        slug=f"live-{{number}}", publication=paper, status=Status.PUBLISHED
    )
    client = Client()
    client.force_login(make_staff(f"curator{{number}}", "Curator"))
    articles.append(article.pk)
    sessions.append(client.cookies["sessionid"].value)
print(json.dumps({{"articles": articles, "sessions": sessions}}))
"""


def new_archive(tmp_path, count):
    """A migrated SQLite archive with `count` published articles and as many signed-in curators."""
    url = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    migrated = manage(url, "migrate", "--noinput", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    return url, run_in_archive(url, SETUP.format(count=count))


def titles(tmp_path):
    with sqlite3.connect(tmp_path / "archive.sqlite3") as db:
        return dict(db.execute("SELECT id, title FROM articles_article"))


def save_title(session, base, article_id, title):
    """Posts the article's change form back with a new title, as the Save button does."""
    url = f"{base}/admin/articles/article/{article_id}/change/"
    data = admin_form(session, url)
    data["title"] = [title]
    data["_save"] = ["Save"]

    def post():
        return session.post(url, data=data, allow_redirects=False, timeout=120)

    return post


# Slow, as the import below: a migrated archive and a multi-process server
# of its own (`make test-all` and CI run it).
@pytest.mark.slow
def test_eight_simultaneous_admin_saves_of_different_articles_all_go_in(tmp_path):
    url, archive = new_archive(tmp_path, 8)
    with gunicorn(url, workers=2, threads=4) as base:
        pairs = zip(archive["articles"], archive["sessions"], strict=True)
        posts = [
            save_title(signed_in(base, key), base, pk, f"Saved by curator {n}")
            for n, (pk, key) in enumerate(pairs, 1)
        ]
        responses = at_once(posts)
    statuses = [getattr(r, "status_code", repr(r)) for r in responses]
    assert statuses == [302] * 8
    saved = titles(tmp_path)
    for number, pk in enumerate(archive["articles"], 1):
        assert saved[pk] == f"Saved by curator {number}"


def write_articles_csv(path, count):
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["slug", "title", "publication", "date", "language", "text", "films"])
        for number in range(1, count + 1):
            writer.writerow(
                [
                    f"imported-{number}",
                    f"Imported article {number}",
                    "korea-herald",
                    "2008-06-05",
                    "en",
                    f"The full text of imported article {number}.",
                    "crossing",
                ]
            )


def start_import(url, path):
    """`manage.py import_records` in a process of its own, once it has saved its first rows."""
    process = subprocess.Popen(
        [sys.executable, "manage.py", "import_records", "articles", str(path)],
        cwd=ROOT,
        env=server_env(url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Without a terminal the command writes a progress line every tenth of the file.
    first = process.stderr.readline()
    assert first.endswith("rows\n"), first + process.stderr.read()
    return process


def read_pages_until(base, done, paths, statuses, limit=400):
    with requests.Session() as session:
        for number in range(limit):
            if done.is_set():
                return
            path = paths[number % len(paths)]
            statuses.append((path, session.get(base + path, timeout=120).status_code))


def sign_in(base):
    session = requests.Session()
    session.get(f"{base}/admin/login/", timeout=60)
    return session.post(
        f"{base}/admin/login/",
        data={
            "username": "curator2",
            "password": "pass",
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
            "next": "/admin/",
        },
        allow_redirects=False,
        timeout=120,
    )


def assert_saved_or_refused(response):
    """A 302 (saved) or a 503 asking to retry; never a server error."""
    assert response.status_code in (302, 503), response.status_code
    if response.status_code == 503:
        assert response.headers["Retry-After"]
        assert "The archive is busy" in response.text
        assert "send it again" in response.text
    return response.status_code == 302


@pytest.mark.slow
def test_during_a_20000_row_import_pages_answer_and_a_save_waits_or_is_refused(tmp_path):
    url, archive = new_archive(tmp_path, 2)
    rows = tmp_path / "articles.csv"
    write_articles_csv(rows, 20_000)
    before = titles(tmp_path)[archive["articles"][0]]
    paths = ["/", "/press/", "/press/live-1/", "/films/crossing/", "/search/?q=live"]
    with gunicorn(url, workers=2, threads=2) as base:
        curator = signed_in(base, archive["sessions"][0])
        post = save_title(curator, base, archive["articles"][0], "Saved during the import")
        importing = start_import(url, rows)
        done, statuses = threading.Event(), []
        readers = [
            threading.Thread(target=read_pages_until, args=(base, done, paths, statuses))
            for _ in range(3)
        ]
        for reader in readers:
            reader.start()
        time.sleep(1)
        save, login = at_once([post, lambda: sign_in(base)])
        try:
            out, err = importing.communicate(timeout=900)
        finally:
            done.set()
            for reader in readers:
                reader.join(timeout=180)
    assert importing.returncode == 0, err
    assert "Imported: 20000 new" in out
    assert statuses, "no page was read during the import"
    assert [s for s in statuses if s[1] != 200] == []
    saved = assert_saved_or_refused(save)
    assert titles(tmp_path)[archive["articles"][0]] == (
        "Saved during the import" if saved else before
    )
    assert_saved_or_refused(login)
    with sqlite3.connect(tmp_path / "archive.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM articles_article").fetchone()[0] == 20_002
