"""Curators' passwords and sessions."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

EIGHT_HOURS = 8 * 60 * 60


def test_a_password_of_eleven_characters_is_refused():
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("tr0ub4dor&3")


def test_a_password_of_twelve_characters_is_accepted():
    validate_password("tr0ub4dor&3x")


def test_sessions_end_after_eight_hours_without_a_request():
    assert settings.SESSION_COOKIE_AGE == EIGHT_HOURS
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert not settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_each_admin_request_moves_the_session_expiry_forward(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == EIGHT_HOURS


def test_anonymous_visits_create_no_session(db):
    from django.contrib.sessions.models import Session

    response = Client().get("/")
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not Session.objects.exists()
