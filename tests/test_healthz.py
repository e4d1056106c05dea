"""/healthz answers load balancers: any host, plain HTTP, no cookie, no details."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client


@pytest.fixture
def probe(db):
    return Client(HTTP_HOST="10.0.0.12:8000")


def test_healthy_answers_ok_to_a_host_not_in_allowed_hosts(probe, settings):
    settings.ALLOWED_HOSTS = ["archive.example.org"]
    response = probe.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert not response.cookies


def test_plain_http_is_answered_even_with_the_https_redirect_on(probe, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert probe.get("/healthz").status_code == 200
    assert Client().get("/").status_code == 301


def test_an_unapplied_migration_answers_503_without_details(probe):
    unapplied = [(mock.Mock(), False)]
    with mock.patch(
        "django.db.migrations.executor.MigrationExecutor.migration_plan", return_value=unapplied
    ):
        response = probe.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable\n"


def test_a_database_that_does_not_answer_gives_503(probe):
    with mock.patch(
        "django.db.migrations.recorder.MigrationRecorder.applied_migrations",
        side_effect=OperationalError("connection refused"),
    ):
        response = probe.get("/healthz")
    assert response.status_code == 503
    assert b"refused" not in response.content
