"""
Several app servers on one database and one cache: the settings that select
the shared parts, and two gunicorn servers that see each other's writes and
logins at once.
"""

import contextlib
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit, urlunsplit

import pytest
from django.conf import settings

REDIS_URL = os.environ.get("CROSSING_TEST_REDIS_URL", "")
POSTGRES_URL = os.environ.get("CROSSING_TEST_POSTGRES_URL", "")
SECRET = "two-servers-test-secret-key"
CURATOR, PASSWORD = "curator", "curator-password-5d1e"


def settings_in(**env):
    """Settings as a fresh process reads them from `env`, as `repr`s by name."""
    # Reading a setting runs the whole settings module; loading the apps
    # (django.setup) would add nothing to what is read, only time.
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps({name: repr(getattr(settings, name)) for name in "
        "['CACHES', 'STORAGES', 'DATABASES', 'SESSION_ENGINE', 'PAGE_CACHE']}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CACHE_", "MEDIA_", "AWS_"))}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "crossing_archive.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# ---------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------


def test_the_default_cache_is_a_database_table_every_worker_shares():
    found = settings_in()
    assert "django.core.cache.backends.db.DatabaseCache" in found["CACHES"]
    assert "'crossing_cache'" in found["CACHES"]
    assert "backends.db'" in found["SESSION_ENGINE"]


def test_cache_url_selects_redis_with_sessions_read_from_it():
    found = settings_in(CACHE_URL="redis://127.0.0.1:6379/2")
    assert "django.core.cache.backends.redis.RedisCache" in found["CACHES"]
    assert "redis://127.0.0.1:6379/2" in found["CACHES"]
    assert "cached_db" in found["SESSION_ENGINE"]


def test_cache_url_selects_a_file_cache():
    found = settings_in(CACHE_URL="file:///var/cache/crossing")
    assert "FileBasedCache" in found["CACHES"] and "/var/cache/crossing" in found["CACHES"]


def test_media_stay_on_the_local_disk_by_default():
    found = settings_in()
    assert "FileSystemStorage" in found["STORAGES"]
    assert "s3" not in found["STORAGES"].lower()


def test_media_storage_s3_selects_the_s3_backend_with_its_bucket():
    found = settings_in(
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="crossing-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.org",
    )
    assert "storages.backends.s3.S3Storage" in found["STORAGES"]
    assert "'bucket_name': 'crossing-media'" in found["STORAGES"]
    assert "'endpoint_url': 'https://s3.example.org'" in found["STORAGES"]


def test_the_s3_backend_class_is_installed():
    from django.utils.module_loading import import_string

    assert import_string("storages.backends.s3.S3Storage").__name__ == "S3Storage"


def test_postgresql_connections_are_kept_and_checked():
    found = settings_in(DATABASE_URL="postgres://u:p@127.0.0.1:5432/crossing")
    assert "'CONN_MAX_AGE': 60" in found["DATABASES"]
    assert "'CONN_HEALTH_CHECKS': True" in found["DATABASES"]


def test_the_page_cache_is_on_unless_turned_off():
    assert settings_in()["PAGE_CACHE"] == "True"
    assert settings_in(PAGE_CACHE="0")["PAGE_CACHE"] == "False"


# ---------------------------------------------------------------------------
# Two app servers
# ---------------------------------------------------------------------------


class FormValues(HTMLParser):
    """What a browser submits from the page's form with the given id."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.values = form_id, False, []
        self.select = self.textarea = None
        self.first_option = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or "disabled" in a:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.values.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self.select, self.first_option, self.chosen = a.get("name"), None, False
        elif tag == "option" and self.select:
            value = a.get("value", "")
            if self.first_option is None:
                self.first_option = value
            if "selected" in a:
                self.values.append((self.select, value))
                self.chosen = True
        elif tag == "textarea":
            self.textarea = [a.get("name"), ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select:
            if not self.chosen and self.first_option is not None:
                self.values.append((self.select, self.first_option))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.values.append((self.textarea[0], self.textarea[1].lstrip("\n")))
            self.textarea = None


class Server:
    """One gunicorn process on its own port."""

    def __init__(self, env):
        self.port = free_port()
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(settings.BASE_DIR / ".venv" / "bin" / "gunicorn")
                if (settings.BASE_DIR / ".venv" / "bin" / "gunicorn").exists()
                else "gunicorn",
                "crossing_archive.wsgi",
                "--workers=2",
                f"--bind=127.0.0.1:{self.port}",
                "--log-level=warning",
            ],
            cwd=settings.BASE_DIR,
            env=env,
        )

    def request(self, path, method="GET", cookie="", body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        all_headers = {"Cookie": cookie} if cookie else {}
        all_headers.update(headers or {})
        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            content = response.read().decode()
            cookies = SimpleCookie()
            for value in response.headers.get_all("Set-Cookie") or []:
                cookies.load(value)
            return response.status, content, cookies, response.headers
        finally:
            connection.close()

    def wait(self):
        for _ in range(240):
            with contextlib.suppress(OSError):
                if self.request("/robots.txt")[0] == 200:
                    return
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn stopped")
            time.sleep(0.25)
        raise RuntimeError(f"gunicorn did not answer on port {self.port}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fresh_database(url):
    """A new, empty database next to CROSSING_TEST_POSTGRES_URL's; returns its URL."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_two_servers"
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlunsplit(parts._replace(path=f"/{name}"))


def log_in(server):
    status, page, cookies, _ = server.request("/admin/login/")
    csrf = cookies["csrftoken"].value
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urlencode(
        {"csrfmiddlewaretoken": token, "username": CURATOR, "password": PASSWORD, "next": "/admin/"}
    )
    status, _, cookies, _ = server.request(
        "/admin/login/",
        method="POST",
        cookie=f"csrftoken={csrf}",
        body=form,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 302 and "sessionid" in cookies, status
    return csrf, f"csrftoken={csrf}; sessionid={cookies['sessionid'].value}"


@pytest.mark.skipif(
    not (REDIS_URL and POSTGRES_URL),
    reason="needs CROSSING_TEST_REDIS_URL and CROSSING_TEST_POSTGRES_URL (.ci/run sets both)",
)
def test_two_servers_share_saves_and_logins():
    import redis

    database = fresh_database(POSTGRES_URL)
    redis.Redis.from_url(REDIS_URL).flushdb()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("CACHE_", "PAGE_", "DEBUG"))},
        "DATABASE_URL": database,
        "CACHE_URL": REDIS_URL,
        "PAGE_CACHE": "1",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",
        "API_ANON_RATE": "",
        "DJANGO_SETTINGS_MODULE": "crossing_archive.settings",
    }
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput", "-v0"], ["seed"]):
        subprocess.run([*manage, *command], cwd=settings.BASE_DIR, env=env, check=True)  # noqa: S603
    made = subprocess.run(  # noqa: S603
        [
            *manage,
            "shell",
            "-c",
            "from django.contrib.auth.models import Group, User\n"
            f"u = User.objects.create_user('{CURATOR}', password='{PASSWORD}', is_staff=True)\n"
            "u.groups.add(Group.objects.get(name='Curator'))\n"
            "from articles.models import Publication\n"
            "p = Publication.objects.filter(articles__status='published').first()\n"
            "print(p.pk, p.slug, p.name, sep='|')",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    pk, _, name = made.stdout.strip().splitlines()[-1].split("|")
    a, b = Server(env), Server(env)
    try:
        a.wait()
        b.wait()
        api = "/api/publications/"
        # B has the API answer and the press list cached before the save.
        for path in (api, api, "/press/", "/press/"):
            status, content, _, _ = b.request(path)
            assert status == 200 and name in content, path
        assert redis.Redis.from_url(REDIS_URL).keys("*page:*")

        # A curator signs in on A and renames the publication there.
        csrf, cookie = log_in(a)
        change = f"/admin/articles/publication/{pk}/change/"
        status, page, _, _ = a.request(change, cookie=cookie)
        assert status == 200
        parser = FormValues("publication_form")
        parser.feed(page)
        values = [(k, v) for k, v in parser.values if k != "name"]
        values += [("name", "Renamed On Server A"), ("csrfmiddlewaretoken", csrf)]
        status, _, _, _ = a.request(
            change,
            method="POST",
            cookie=cookie,
            body=urlencode(values),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert status == 302

        # B's next anonymous answers show it.
        for path in (api, "/press/"):
            status, content, _, _ = b.request(path)
            assert status == 200 and "Renamed On Server A" in content, path

        # The session made on A is valid on B.
        status, content, _, _ = b.request("/admin/", cookie=cookie)
        assert status == 200 and "Log out" in content
        status, _, _, headers = b.request("/admin/")
        assert status == 302  # and without the cookie, B asks for a login
    finally:
        a.stop()
        b.stop()
