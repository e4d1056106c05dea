"""
/sitemap.xml is an index of sections that together list every public page
once, with when it last changed; /robots.txt points to it.
"""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from articles.models import Article
from films.models import Film
from public.sitemaps import ArticleSitemap, LanguageItems
from tests.factories import (
    LATER,
    make_article,
    make_film,
    make_person,
    make_review,
    published_article,
    published_film,
    published_person,
    published_review,
)

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def parse(client, path, tag):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['sm']}}}{tag}"
    return root


def section_locations(client):
    """The sections /sitemap.xml lists, as paths."""
    index = parse(client, "/sitemap.xml", "sitemapindex")
    return [
        loc.text.removeprefix("http://testserver") for loc in index.findall("sm:sitemap/sm:loc", NS)
    ]


def sitemap(client):
    """
    {address: lastmod or None} of every section the index lists; an address
    listed twice fails.
    """
    entries = {}
    for path in section_locations(client):
        for url in parse(client, path, "urlset").findall("sm:url", NS):
            lastmod = url.find("sm:lastmod", NS)
            address = url.find("sm:loc", NS).text
            assert address not in entries, f"{address} is listed twice"
            entries[address] = lastmod.text if lastmod is not None else None
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
        root = parse(client, "/sitemap-films.xml", "urlset")
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


def test_index_lists_one_section_per_kind(client):
    assert section_locations(client) == [
        "/sitemap-pages.xml",
        "/sitemap-films.xml",
        "/sitemap-people.xml",
        "/sitemap-articles.xml",
        "/sitemap-reviews.xml",
    ]


def test_large_sections_are_paged_and_list_every_entry_once(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 6)  # three articles, two languages each
    articles = [published_article() for _ in range(7)]
    pages = [path for path in section_locations(client) if "articles" in path]
    assert pages == [
        "/sitemap-articles.xml",
        "/sitemap-articles.xml?p=2",
        "/sitemap-articles.xml?p=3",
    ]
    entries = sitemap(client)
    for article in articles:
        assert f"http://testserver{article.get_absolute_url()}" in entries


def test_a_page_past_the_end_of_a_section_is_a_404(client):
    published_article()
    assert client.get("/sitemap-articles.xml?p=2").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_the_index_gives_each_section_its_latest_change(client):
    """The latest change of a published entry: a draft changed since does not count."""
    changed = {
        published_article(): datetime.datetime(2021, 3, 4, 5, 6, tzinfo=datetime.UTC),
        published_article(): datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
        make_article(): datetime.datetime(2022, 1, 1, tzinfo=datetime.UTC),
    }
    for article, updated in changed.items():
        Article.objects.filter(pk=article.pk).update(updated=updated)
    index = parse(client, "/sitemap.xml", "sitemapindex")
    lastmods = {
        node.find("sm:loc", NS).text: node.find("sm:lastmod", NS)
        for node in index.findall("sm:sitemap", NS)
    }
    assert lastmods["http://testserver/sitemap-articles.xml"].text.startswith("2021-03-04")
    assert lastmods["http://testserver/sitemap-pages.xml"] is None


@pytest.mark.parametrize("count", [1, 20])
def test_sitemap_query_count_does_not_grow_with_entries(client, django_assert_num_queries, count):
    for _ in range(count):
        published_film()
        published_person()
        published_article()
        published_review()
    # The index: a count and the latest change of films, people, articles, reviews.
    with django_assert_num_queries(8):
        client.get("/sitemap.xml")
    # A section: its count and latest change (the section's figures, which the index
    # reads too: with the figure cache on, both come from it), and its page of rows.
    with django_assert_num_queries(3):
        client.get("/sitemap-articles.xml")
    entries = sitemap(client)
    assert len(entries) == 2 * (3 + 4 * count + count)  # each review's film is published too


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


class FakeQuerySet(list):
    def count(self):
        return len(self)


@pytest.mark.parametrize("start,stop", [(0, 4), (1, 6), (3, 5), (5, 20), (0, 0)])
def test_language_items_slice_as_the_expanded_list_would(start, stop):
    entries = FakeQuerySet(["a", "b", "c", "d", "e"])
    items = LanguageItems(entries, ["en", "ko"])
    expanded = [(entry, language) for entry in entries for language in ("en", "ko")]
    assert items.count() == len(items) == 10
    assert items[start:stop] == expanded[start:stop]
