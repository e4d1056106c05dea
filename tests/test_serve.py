"""
`make serve`, the production server: it refuses to start without its settings,
and serves the site and the admin with hashed, cached static files.
"""

import os
import re
import signal
import subprocess
import sys
import time

import pytest
import requests
from django.conf import settings

from tests import live_gunicorn
from tests.live_gunicorn import server_ports


def production_environment():
    """The README's production environment, as docs/deploy/crossing-archive.env gives it."""
    lines = (settings.BASE_DIR / "docs/deploy/crossing-archive.env").read_text().splitlines()
    pairs = (line.split("=", 1) for line in lines if line and not line.startswith("#"))
    return {name: value for name, value in pairs}


def environment(**env):
    # What the test run itself sets: the browser tests' async escape hatch must
    # not reach a production process (check --deploy rightly refuses it).
    unset = (
        "SECRET_KEY",
        "DEBUG",
        "ALLOWED_HOSTS",
        "MAKEFLAGS",
        "MFLAGS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    )
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return {**clean, "DATABASE_URL": "sqlite:///:memory:", **env}


def make_serve(**env):
    return subprocess.run(
        ["make", "--no-print-directory", "serve", "PORT=8119"],
        cwd=settings.BASE_DIR,
        env=environment(**env),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_make_serve_refuses_to_start_without_a_secret_key():
    result = make_serve(ALLOWED_HOSTS="127.0.0.1")
    assert result.returncode != 0
    assert "CommandError: Set SECRET_KEY to serve the archive" in result.stderr
    assert "Traceback" not in result.stderr


def test_make_serve_refuses_to_start_without_allowed_hosts():
    result = make_serve(SECRET_KEY="a-real-key")
    assert result.returncode != 0
    assert "CommandError: Set ALLOWED_HOSTS" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_deploy_is_silent_with_the_production_environment():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=environment(**{**production_environment(), "DATABASE_URL": "sqlite:///:memory:"}),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    # Only HSTS preload (security.W021) is silenced, on purpose: see settings.
    assert "System check identified no issues (1 silenced)." in result.stdout


def free_port():
    # Each xdist worker looks in its own half of the range, so two never race for a port.
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    ports = server_ports(8101, 8118, half=0)
    half = len(ports) // 2
    return live_gunicorn.free_port(ports[half:] if worker % 2 else ports[:half])


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    """
    One server for the module: collecting the static files takes a while.
    The tests that use it are slow (make, migrate, collectstatic, gunicorn
    and createsuperuser, each a process of its own): `make test-all` runs them.
    """
    tmp_path = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = environment(
        SECRET_KEY="a-secret-key-for-this-test-only",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_COOKIES="0",
        WEB_CONCURRENCY="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PORT={port}"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                if requests.get(url + "/healthz", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert server.poll() is None, "make serve stopped"
            time.sleep(0.5)
        subprocess.run(
            [sys.executable, "manage.py", "createsuperuser", "--noinput"],
            cwd=settings.BASE_DIR,
            env={
                **env,
                "DJANGO_SUPERUSER_USERNAME": "chief",
                "DJANGO_SUPERUSER_EMAIL": "c@x.org",
                "DJANGO_SUPERUSER_PASSWORD": "a long enough password",
            },
            check=True,
            capture_output=True,
        )
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def stylesheets(html):
    return re.findall(r'<link rel="stylesheet" href="(/static/[^"]+)"', html)


@pytest.mark.slow
def test_make_serve_serves_the_site_and_admin_with_cached_static_files(production_server):
    home = requests.get(production_server + "/", timeout=10)
    assert home.status_code == 200
    assert "script-src 'self'" in home.headers["Content-Security-Policy"]
    login = requests.get(production_server + "/admin/login/", timeout=10)
    sheets = stylesheets(home.text) + stylesheets(login.text)
    assert any("/admin/css/base." in sheet for sheet in sheets)
    for sheet in sheets:
        assert re.search(r"\.[0-9a-f]{12}\.css$", sheet), sheet  # a hashed name
        response = requests.get(production_server + sheet, timeout=10)
        assert response.status_code == 200, sheet
        assert response.headers["Cache-Control"] == "max-age=31536000, public, immutable"
        assert response.headers["Content-Encoding"] == "gzip"


@pytest.mark.slow
def test_a_curator_signs_in_over_plain_http_when_cookies_are_not_secure(production_server):
    browser = requests.Session()
    login = browser.get(production_server + "/admin/login/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text)[1]
    response = browser.post(
        production_server + "/admin/login/?next=/admin/",
        data={
            "csrfmiddlewaretoken": token,
            "username": "chief",
            "password": "a long enough password",
            "next": "/admin/",
        },
        headers={"Referer": production_server + "/admin/login/"},
        timeout=10,
    )
    assert response.status_code == 200
    assert response.url == production_server + "/admin/"
    assert "Curate the archive" in response.text
