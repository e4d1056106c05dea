"""/sitemap.xml lists every public page with when it last changed; /robots.txt points to it."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from films.models import Film
from tests.conftest import make_article, make_film, make_person, make_review
from tests.factories import (
    published_article,
    published_film,
    published_person,
    published_review,
    seeded,
)

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
LATER = datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)


@pytest.fixture(scope="class")
def seed(django_db_setup, django_db_blocker):
    with seeded(django_db_blocker):
        yield


def sitemap(client):
    """{address: lastmod or None} of /sitemap.xml, parsed as XML."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['sm']}}}urlset"
    entries = {}
    for url in root.findall("sm:url", NS):
        lastmod = url.find("sm:lastmod", NS)
        entries[url.find("sm:loc", NS).text] = lastmod.text if lastmod is not None else None
    return entries


@pytest.mark.usefixtures("seed")
class TestSeedRecord:
    def test_every_seed_page_is_listed(self, client):
        entries = sitemap(client)
        assert "http://testserver/films/crossing/" in entries
        assert "http://testserver/people/kim-tae-kyun/" in entries
        assert "http://testserver/press/crossing-screens-at-us-library-of-congress/" in entries
        assert "http://testserver/reviews/crossing-review/" in entries
        assert "http://testserver/ko/films/crossing/" in entries
        assert "http://testserver/ko/reviews/crossing-review/" in entries
        # 3 lists, 5 films, 21 people, 6 articles, 1 review, in two languages
        assert len(entries) == 2 * (3 + 5 + 21 + 6 + 1)

    def test_each_page_names_its_other_language(self, client):
        root = ET.fromstring(client.get("/sitemap.xml").content)
        links = {
            url.find("sm:loc", NS).text: {
                link.get("hreflang"): link.get("href")
                for link in url.findall("{http://www.w3.org/1999/xhtml}link")
            }
            for url in root.findall("sm:url", NS)
        }
        expected = {
            "en": "http://testserver/films/crossing/",
            "ko": "http://testserver/ko/films/crossing/",
            "x-default": "http://testserver/films/crossing/",
        }
        assert links["http://testserver/films/crossing/"] == expected
        assert links["http://testserver/ko/films/crossing/"] == expected

    def test_lists_are_listed_without_lastmod(self, client):
        entries = sitemap(client)
        for path in ("/", "/press/", "/reviews/", "/ko/", "/ko/press/", "/ko/reviews/"):
            assert entries[f"http://testserver{path}"] is None

    def test_lastmod_is_when_the_entry_was_last_updated(self, client):
        film = Film.objects.get(slug="crossing")
        day = timezone.localtime(film.updated).date().isoformat()
        assert sitemap(client)["http://testserver/films/crossing/"] == day


def test_entries_have_lastmod_from_updated(client):
    film = published_film()
    Film.objects.filter(pk=film.pk).update(
        updated=datetime.datetime(2020, 5, 17, tzinfo=datetime.UTC)
    )
    assert sitemap(client)[f"http://testserver{film.get_absolute_url()}"] == "2020-05-17"


def test_drafts_and_scheduled_entries_are_left_out(client):
    shown = [published_film(), published_person(), published_article(), published_review()]
    hidden = [
        make_film(),
        make_film(status="published", published_at=LATER),
        make_person(),
        make_article(),
        make_article(status="published", published_at=LATER),
        make_review(film=shown[0]),
        # A published review of a draft film is not public either.
        make_review(film=make_film(), status="published"),
    ]
    entries = sitemap(client)
    for entry in shown:
        assert f"http://testserver{entry.get_absolute_url()}" in entries
    for entry in hidden:
        assert f"http://testserver{entry.get_absolute_url()}" not in entries


@pytest.mark.parametrize("count", [1, 20])
def test_sitemap_query_count_does_not_grow_with_entries(client, django_assert_num_queries, count):
    for _ in range(count):
        published_film()
        published_person()
        published_article()
        published_review()
    # The rows of films, people, articles, reviews: with languages, the
    # Sitemap lists its items once and pairs each with each language.
    with django_assert_num_queries(4):
        entries = sitemap(client)
    assert len(entries) == 2 * (3 + 4 * count + count)  # each review's film is published too


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
