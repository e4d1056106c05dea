"""Admin sign-ins: locked per account and address after repeated failures (django-axes)."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

PASSWORD = "a long enough password"
LOGIN = "/admin/login/"


@pytest.fixture
def curator(db):
    return User.objects.create_user("curator", password=PASSWORD, is_staff=True)


def sign_in(client, password, **extra):
    return client.post(LOGIN, {"username": "curator", "password": password}, **extra)


def fail(client, times, **extra):
    for _ in range(times):
        response = sign_in(client, "wrong password", **extra)
    return response


def test_four_failures_still_let_the_right_password_in(curator):
    client = Client()
    fail(client, 4)
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_five_failures_lock_the_account_with_a_readable_page(curator):
    response = fail(Client(), 5)
    assert response.status_code == 429
    assert "Sign-in locked" in response.text
    assert "after 5 failed sign-ins" in response.text
    assert "Try again in 15 minutes" in response.text


def test_the_right_password_is_refused_while_locked(curator):
    client = Client()
    fail(client, 5)
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_for_one_address_only(curator):
    fail(Client(), 5, REMOTE_ADDR="203.0.113.9")
    assert sign_in(Client(), PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 302


def test_a_superuser_unlocks_from_the_admin(curator):
    fail(Client(), 5)
    attempt = AccessAttempt.objects.get(username="curator")
    admin = Client()
    admin.force_login(User.objects.create_superuser("boss", password=PASSWORD))
    url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert admin.post(url, {"post": "yes"}).status_code == 302
    assert sign_in(Client(), PASSWORD).status_code == 302


def test_the_proxy_header_is_ignored_unless_configured(curator):
    # A client cannot dodge the lock by sending a different X-Forwarded-For each time.
    client = Client()
    for n in range(5):
        sign_in(client, "wrong password", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert sign_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_the_configured_proxy_header_gives_the_address(curator, settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    client = Client()
    fail(client, 5, HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.9")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"
    # Same proxy, another visitor behind it: not locked.
    assert sign_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 302


def test_limit_and_lock_time_come_from_the_environment():
    from tests.test_settings import run

    result = run(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME.total_seconds())",
        ],
        DJANGO_SETTINGS_MODULE="crossing_archive.settings",
        LOGIN_FAILURE_LIMIT="3",
        LOGIN_LOCKOUT_MINUTES="60",
    )
    assert result.stdout.split() == ["3", "3600.0"], result.stderr
