"""HTTP caching of the public site: validators, 304s, Cache-Control, compression, no cookie."""

import gzip

import pytest
from django.core.cache import cache
from django.test import Client

from core.models import Status
from tests.factories import make_article, make_film

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def film():
    return make_film(title="Border", slug="border", status=Status.PUBLISHED)


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_an_anonymous_page_may_be_kept_a_minute_by_a_shared_cache(film):
    response = Client().get(film.get_absolute_url())
    assert response.status_code == 200
    assert directives(response) == {"public", "max-age=0", "s-maxage=60", "must-revalidate"}


def test_a_page_answers_304_to_its_etag(film):
    first = Client().get(film.get_absolute_url())
    assert first.status_code == 200 and first["ETag"]
    again = Client().get(film.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_a_changed_page_answers_200_to_the_old_etag(film, committed):
    first = Client().get(film.get_absolute_url())
    with committed():
        film.title = "Borderline"
        film.save()
    again = Client().get(film.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200
    assert b"Borderline" in again.content


def test_a_feed_answers_304_to_if_modified_since():
    make_article(title="Defectors cross over", status=Status.PUBLISHED)
    first = Client().get("/press/feed.atom")
    assert first.status_code == 200 and first["Last-Modified"]
    again = Client().get("/press/feed.atom", headers={"if-modified-since": first["Last-Modified"]})
    assert again.status_code == 304


def test_a_page_is_compressed_when_the_client_asks(film):
    plain = Client().get(film.get_absolute_url())
    assert not plain.has_header("Content-Encoding")
    packed = Client().get(film.get_absolute_url(), headers={"accept-encoding": "gzip"})
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 2
    assert "Accept-Encoding" in packed["Vary"]


def test_a_compressed_page_answers_304_to_its_weak_etag(film):
    packed = Client().get(film.get_absolute_url(), headers={"accept-encoding": "gzip"})
    assert packed["ETag"].startswith('W/"')
    again = Client().get(
        film.get_absolute_url(),
        headers={"accept-encoding": "gzip", "if-none-match": packed["ETag"]},
    )
    assert again.status_code == 304


def test_a_cached_page_is_compressed_once_when_stored_not_on_every_visit(film, monkeypatch):
    plain = Client().get(film.get_absolute_url())  # stored, compressed

    def compress_again(*args, **kwargs):
        raise AssertionError("a stored page was compressed again")

    monkeypatch.setattr("django.middleware.gzip.compress_string", compress_again)
    packed = Client().get(film.get_absolute_url(), headers={"accept-encoding": "gzip"})
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert packed["Content-Length"] == str(len(packed.content))
    assert packed["ETag"] == "W/" + plain["ETag"]
    assert "Accept-Encoding" in packed["Vary"]
    # A client that takes no gzip gets the page as it is, decompressed from the entry.
    again = Client().get(film.get_absolute_url(), headers={"accept-encoding": "identity"})
    assert again.content == plain.content
    assert not again.has_header("Content-Encoding")
    assert again["ETag"] == plain["ETag"]


def test_an_anonymous_page_sets_no_cookie(film):
    for path in ["/", film.get_absolute_url(), "/press/", "/reviews/", "/search/?q=border"]:
        response = Client().get(path)
        assert response.status_code == 200, path
        assert not response.cookies, path
        assert "Cookie" not in response.get("Vary", ""), path


def test_the_admin_is_private_and_not_stored(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)


def test_a_signed_in_curators_public_page_is_private(film, curator_client):
    response = curator_client.get(film.get_absolute_url())
    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)
    assert "public" not in directives(response)


def test_an_answer_that_sets_a_cookie_is_private():
    response = Client().get("/admin/login/")
    assert response.cookies
    assert {"private", "no-store"} <= directives(response)


def test_a_missing_page_is_not_stored(committed):
    assert Client().get("/films/border/").status_code == 404
    with committed():
        make_film(slug="border", status=Status.PUBLISHED)
    assert Client().get("/films/border/").status_code == 200


def test_a_hit_reads_the_compressed_body_alone_whichever_the_client_takes(film, monkeypatch):
    plain = Client().get(film.get_absolute_url())  # stored, compressed
    read = []
    get_many = cache.get_many

    def reading(keys, *args, **kwargs):
        found = get_many(keys, *args, **kwargs)
        read.extend(len(value["content"]) for value in found.values() if isinstance(value, dict))
        return found

    monkeypatch.setattr(cache, "get_many", reading)
    packed = Client().get(film.get_absolute_url(), headers={"accept-encoding": "gzip"})
    assert read == [len(packed.content)] and len(packed.content) < len(plain.content)
    read.clear()
    assert Client().get(film.get_absolute_url()).content == plain.content
    assert read == [len(packed.content)]
