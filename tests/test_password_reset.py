"""A curator resets a forgotten password by email, offered only when email is configured."""

import importlib

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client, override_settings
from django.urls import clear_url_caches

import crossing_archive.urls

LINK = "Forgotten your login credentials?"


def load_urls(**settings):
    with override_settings(**settings):
        importlib.reload(crossing_archive.urls)
    clear_url_caches()


@pytest.fixture
def email_configured():
    load_urls(EMAIL_CONFIGURED=True)
    yield
    load_urls()


@pytest.fixture
def curator(db):
    return User.objects.create_user(
        "curator", "curator@example.org", "an old long password", is_staff=True
    )


def test_the_login_page_hides_the_link_without_email(curator):
    response = Client().get("/admin/login/")
    assert response.status_code == 200
    assert LINK not in response.text
    assert Client().get("/admin/password_reset/").status_code != 200


def test_the_login_page_offers_the_reset_with_email(curator, email_configured):
    response = Client().get("/admin/login/")
    assert LINK in response.text


def test_a_curator_resets_the_password_by_email(curator, email_configured):
    client = Client()
    page = client.get("/admin/password_reset/")
    assert page.status_code == 200
    assert "Crossing Archive" in page.text  # in the admin's look
    response = client.post("/admin/password_reset/", {"email": "curator@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    [link] = [word for word in mail.outbox[0].body.split() if "/admin/reset/" in word]
    form = client.get(link, follow=True)
    assert form.status_code == 200
    new_password = "a brand new password"
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
        follow=True,
    )
    assert done.status_code == 200
    curator.refresh_from_db()
    assert curator.check_password(new_password)


def test_no_mail_for_an_unknown_address(curator, email_configured):
    Client().post("/admin/password_reset/", {"email": "stranger@example.org"})
    assert not mail.outbox
