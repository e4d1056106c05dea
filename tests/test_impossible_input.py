"""A NUL or other impossible value in an address is a 4xx, never a server error."""

import pytest

from tests.factories import published_article, published_film, published_person

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/films/a%00b/",
    "/api/people/%00/",
    "/api/articles/%00/",
    "/api/reviews/x%00/",
    "/films/a%00b/",
    "/people/%00/",
    "/press/%00/",
    "/press/%00/citation.ris",
    "/reviews/%00/",
    "/search/%00",
    "/admin/films/film/%00/change/",
    "/sitemap-%00.xml",
]


@pytest.mark.parametrize("path", PATHS)
def test_nul_in_a_path_is_a_400(client, path):
    published_film()
    assert client.get(path).status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/api/films/" + "x" * 5000 + "/",
        "/api/people/%F0%9F%92%A9/",
        "/api/articles/%ff/",
        "/films/%E2%80%AE/",
        "/press/?page=99999999999999999999999",
        "/api/articles/?page=99999999999999999999999",
        "/api/articles/?page_size=-5",
        "/press/citations.ris?file=99999999999999999999999",
        "/sitemap-articles.xml?p=99999999999999999999",
        "/sitemap-articles.xml?p=x",
        "/press/?date_after=99999-01-01",
        "/api/articles/?date_after=0000-00-00",
    ],
)
def test_impossible_values_are_answered_without_a_server_error(client, path):
    published_article()
    published_person()
    assert client.get(path).status_code < 500
