"""Every response carries a strict Content-Security-Policy and a Permissions-Policy."""

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import make_film


def policy(response):
    header = response["Content-Security-Policy"]
    directives = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


@pytest.fixture
def pages(db, admin_client):
    film = make_film(status="published")
    return [
        (Client(), "/"),
        (Client(), film.get_absolute_url()),
        (Client(), "/search/?q=Kim"),
        (Client(), "/admin/login/"),
        (admin_client, "/admin/films/film/add/"),
    ]


def test_every_page_sends_a_strict_content_security_policy(pages):
    for client, url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        directives = policy(response)
        assert directives["default-src"] == ["'self'"], url
        assert directives["script-src"] == ["'self'"], url
        assert directives["style-src"] == ["'self'"], url
        assert directives["object-src"] == ["'none'"], url
        assert directives["base-uri"] == ["'none'"], url
        assert directives["frame-ancestors"] == ["'none'"], url
        assert "unsafe" not in response["Content-Security-Policy"], url


def test_images_from_an_off_site_media_host_are_allowed():
    from tests.test_settings import run

    result = run(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(*settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])",
        ],
        DJANGO_SETTINGS_MODULE="crossing_archive.settings",
        MEDIA_URL="https://media.example.org/archive/",
    )
    assert result.stdout.split() == ["'self'", "data:", "https://media.example.org"]


def test_every_page_turns_off_unused_browser_features(pages):
    for client, url in pages:
        header = client.get(url)["Permissions-Policy"]
        assert "camera=()" in header, url
        assert "geolocation=()" in header, url
        assert "microphone=()" in header, url


def test_the_security_middleware_adds_no_cookie_to_anonymous_pages(pages):
    # The language switch's form still sets the CSRF cookie; nothing else may.
    for client, url in pages[:3]:
        assert set(client.get(url).cookies) <= {settings.CSRF_COOKIE_NAME}, url
