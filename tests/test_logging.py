"""Logs: one line per record on stdout; errors mailed to ADMINS."""

import logging
import sys

from django.conf import settings
from django.core import mail

from crossing_archive.log_format import OneLineFormatter
from tests.test_settings import run


def test_a_traceback_is_folded_into_one_line():
    formatter = OneLineFormatter("%(levelname)s %(name)s %(message)s")
    try:
        raise ValueError("bad\ninput")
    except ValueError:
        record = logging.LogRecord("django.request", logging.ERROR, "", 0, "Boom", (), None)
        record.exc_info = sys.exc_info()
    line = formatter.format(record)
    assert "\n" not in line
    assert line.startswith("ERROR django.request Boom | Traceback")
    assert "ValueError: bad | input" in line


def test_an_error_is_logged_as_one_line_on_stdout():
    result = run(
        [
            "-c",
            "import django, logging; django.setup()\n"
            "try:\n    1 / 0\n"
            "except ZeroDivisionError:\n"
            "    logging.getLogger('django.request').exception('Failed')",
        ],
        DJANGO_SETTINGS_MODULE="crossing_archive.settings",
    )
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout + result.stderr
    assert "ERROR django.request Failed | Traceback" in lines[0]
    assert "ZeroDivisionError" in lines[0]


def test_admins_come_from_the_environment():
    result = run(
        [
            "-c",
            "from django.conf import settings; print(settings.ADMINS)",
        ],
        DJANGO_SETTINGS_MODULE="crossing_archive.settings",
        ADMINS="Ada Lovelace <ada@example.org>, ops@example.org",
    )
    assert result.stdout.strip() == (
        "[('Ada Lovelace', 'ada@example.org'), ('', 'ops@example.org')]"
    ), result.stderr


def test_errors_are_mailed_to_admins(settings):
    settings.ADMINS = [("Ada", "ada@example.org")]
    logging.getLogger("django.request").error("Internal Server Error: /press/")
    assert [message.to for message in mail.outbox] == [["ada@example.org"]]


def test_nothing_is_mailed_without_admins():
    assert settings.ADMINS == []
    logging.getLogger("django.request").error("Internal Server Error: /press/")
    assert not mail.outbox
