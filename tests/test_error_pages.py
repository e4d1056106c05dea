"""The site's own 404 and 500 pages replace Django's."""

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_unknown_address_gets_the_sites_404_page(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page not found</h1>" in html
    assert 'href="/press/"' in html
    assert '<a class="skip-link" href="#content">' in html


def test_404_page_is_translated(client):
    response = client.get("/ko/films/no-such-film/")
    assert "페이지를 찾을 수 없습니다" in response.content.decode()


def test_500_page_renders_without_a_request_or_context_processors():
    # Django renders 500.html with an empty context: nothing may depend on one.
    with translation.override("en"):
        html = engines["django"].get_template("500.html").render()
    assert "<h1>Something went wrong</h1>" in html
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html


def test_server_error_view_uses_the_sites_500_page():
    with translation.override("en"):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content


def test_500_page_is_translated():
    with translation.override("ko"):
        html = engines["django"].get_template("500.html").render()
    assert '<html lang="ko">' in html
    assert "문제가 생겼습니다" in html
