"""Settings from the environment: safe defaults, and commands that run without a key."""

import os
import subprocess
import sys

from django.conf import settings


def run(code_or_args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    clean["DATABASE_URL"] = "sqlite:///:memory:"
    return subprocess.run(
        [sys.executable, *code_or_args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_makemigrations_check_runs_without_secret_key_or_debug():
    result = run(["manage.py", "makemigrations", "--check", "--dry-run"])
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_wsgi_application_refuses_to_start_without_secret_key():
    result = run(["-c", "import crossing_archive.wsgi"])
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_wsgi_application_starts_with_a_secret_key():
    result = run(["-c", "import crossing_archive.wsgi"], SECRET_KEY="a-real-key")
    assert result.returncode == 0, result.stderr
