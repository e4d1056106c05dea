"""
Citation downloads: each article in RIS, BibTeX and CSL-JSON, and the
selection of /press/ in the same formats, read back with real parsers.
"""

import datetime
import json

import bibtexparser
import pytest
import rispy
from django.urls import reverse

from tests.factories import (
    make_article,
    make_person,
    make_publication,
    published_article,
    published_film,
    published_person,
)

pytestmark = pytest.mark.django_db

KOFIC = "crossing-screens-at-us-library-of-congress"


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response


def ris_entries(response):
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    return rispy.loads(response.content.decode())


def bibtex_entries(response):
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    library = bibtexparser.parse_string(response.content.decode())
    assert library.failed_blocks == []
    return library.entries


def csl_items(response):
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json; charset=utf-8"
    return json.loads(response.content)


def listed_slugs(client, query):
    """Every article /press/ lists for the query, across all its pages."""
    slugs, page = [], 1
    while True:
        response = client.get(f"/press/{query}{'&' if query else '?'}page={page}")
        slugs += [article.slug for article in response.context["page_obj"]]
        if not response.context["page_obj"].has_next():
            return slugs
        page += 1


class TestSeedArticle:
    def test_ris_download(self, client, seed):
        response = download(client, reverse("article_citation_ris", args=[KOFIC]))
        assert response["Content-Disposition"] == f'attachment; filename="{KOFIC}.ris"'
        (entry,) = ris_entries(response)
        assert entry["type_of_reference"] == "NEWS"
        assert entry["title"] == "Crossing Screens at US Library of Congress"
        assert entry["secondary_title"] == "KOFIC"
        assert entry["authors"] == ["Nigel D'Sa"]
        assert entry["date"] == "2008/05/06/"
        assert entry["urls"] == [f"http://testserver/press/{KOFIC}/"]
        assert entry["notes"] == [
            "Byline as published: Nigel D'Sa (KOFIC), image from news.yahoo.kr"
        ]

    def test_bibtex_download(self, client, seed):
        response = download(client, reverse("article_citation_bib", args=[KOFIC]))
        assert response["Content-Disposition"] == f'attachment; filename="{KOFIC}.bib"'
        (entry,) = bibtex_entries(response)
        assert entry.entry_type == "article"
        assert entry.key == KOFIC
        assert entry.fields_dict["journal"].value == "KOFIC"
        assert entry.fields_dict["entrysubtype"].value == "newspaper"
        assert entry.fields_dict["date"].value == "2008-05-06"

    def test_csl_json_download(self, client, seed):
        response = download(client, reverse("article_citation_json", args=[KOFIC]))
        (item,) = csl_items(response)
        assert item["type"] == "article-newspaper"
        assert item["container-title"] == "KOFIC"
        assert item["issued"] == {"date-parts": [[2008, 5, 6]]}
        assert item["author"] == [{"literal": "Nigel D'Sa"}]

    def test_article_without_linked_author_has_no_author(self, client, seed):
        slug = "daring-movie-tells-plight-of-nkorean-refugees"
        (entry,) = ris_entries(download(client, reverse("article_citation_ris", args=[slug])))
        # The credit line names no person: it is kept in the note, not made an author.
        assert "authors" not in entry
        assert entry["notes"] == ["Byline as published: Credits: englishnews@chosun.com"]

    def test_article_page_links_its_three_downloads(self, client, seed):
        html = client.get(f"/press/{KOFIC}/").content.decode()
        for extension in ("ris", "bib", "json"):
            assert f'href="/press/{KOFIC}/citation.{extension}" download' in html

    @pytest.mark.parametrize(
        "query",
        [
            "",
            "?source=chosun-ilbo",
            "?source=chosun-ilbo&source=kofic",
            "?date_after=2008-03-01&date_before=2008-03-31",
            "?film=hanbando",
            "?ordering=oldest",
            "?q=library+of+congress",
        ],
    )
    def test_press_export_holds_what_press_lists_in_its_order(self, client, seed, query):
        expected = listed_slugs(client, query)
        entries = ris_entries(download(client, f"/press/citations.ris{query}"))
        assert [entry["id"] for entry in entries] == expected
        entries = bibtex_entries(download(client, f"/press/citations.bib{query}"))
        assert [entry.key for entry in entries] == expected
        items = csl_items(download(client, f"/press/citations.json{query}"))
        assert [item["id"] for item in items] == expected

    def test_press_page_links_the_export_of_its_filters(self, client, seed):
        html = client.get("/press/?source=kofic&page=1").content.decode()
        assert 'href="/press/citations.ris?source=kofic" download' in html
        assert 'href="/press/citations.bib?source=kofic" download' in html
        assert 'href="/press/citations.json?source=kofic" download' in html


def test_export_of_all_pages_not_just_the_first(client):
    publication = make_publication()
    for n in range(25):
        published_article(publication=publication, date=datetime.date(2008, 1, 1 + n))
    items = csl_items(download(client, "/press/citations.json?page=2"))
    assert len(items) == 25


@pytest.mark.parametrize(
    "query",
    ["?source=nope", "?date_after=2008-02-30", "?date_after=2008-05-01&date_before=2008-01-01"],
)
def test_bad_filter_is_a_400_with_the_reason(client, query):
    response = client.get(f"/press/citations.ris{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "cannot be used" in response.content.decode()


def test_press_page_with_contradicting_dates_offers_no_export(client):
    published_article()
    html = client.get("/press/?date_after=2008-05-01&date_before=2008-01-01").content.decode()
    assert "/press/citations." not in html


def test_draft_article_has_no_citation(client):
    article = make_article()
    for extension in ("ris", "bib", "json"):
        url = reverse(f"article_citation_{extension}", args=[article.slug])
        assert client.get(url).status_code == 404


def test_draft_author_is_left_out(client):
    article = published_article()
    article.authors.add(make_person(name="Draft Writer"), published_person(name="Shown Writer"))
    (item,) = csl_items(download(client, reverse("article_citation_json", args=[article.slug])))
    assert item["author"] == [{"literal": "Shown Writer"}]


def test_press_export_leaves_out_drafts(client):
    shown = published_article(title="Shown")
    make_article(title="Draft", publication=shown.publication)
    items = csl_items(download(client, "/press/citations.json"))
    assert [item["title"] for item in items] == ["Shown"]


@pytest.mark.parametrize("count", [1, 30])
def test_press_export_query_count_does_not_grow_with_articles(
    client, django_assert_num_queries, count
):
    film = published_film()
    publication = make_publication()
    for _ in range(count):
        article = published_article(publication=publication)
        article.films.add(film)
        article.authors.add(published_person())
    # 1. the source asked for  2. the film asked for  3. the ids of its articles
    # 4. the count of the selection  5. a file of articles with their publications
    # 6.-8. their published authors, films and people (Article.objects.with_links())
    with django_assert_num_queries(8):
        response = client.get(f"/press/citations.ris?source={publication.slug}&film={film.slug}")
    assert len(rispy.loads(response.content.decode())) == count


def test_article_citation_query_count(client, django_assert_num_queries):
    article = published_article()
    for _ in range(5):
        article.authors.add(published_person())
    # 1. the article with its publication  2.-4. its published authors,
    # films and people (Article.objects.with_links())
    with django_assert_num_queries(4):
        client.get(reverse("article_citation_bib", args=[article.slug]))


@pytest.fixture
def two_per_file(monkeypatch):
    monkeypatch.setattr("public.citations.CITATIONS_PER_FILE", 2)
    monkeypatch.setattr("public.templatetags.open_data.CITATIONS_PER_FILE", 2)


@pytest.mark.usefixtures("two_per_file")
def test_a_large_selection_is_written_a_file_at_a_time_with_links_to_the_rest(client):
    publication = make_publication(slug="daily")
    for n in range(5):
        published_article(publication=publication, date=datetime.date(2008, 1, 1 + n))
    first = client.get("/press/citations.ris?source=daily")
    assert len(rispy.loads(first.content.decode())) == 2
    assert first["X-Total-Count"] == "5"
    assert first["Link"] == (
        '<http://testserver/press/citations.ris?source=daily&file=2>; rel="next"'
    )
    middle = client.get("/press/citations.ris?source=daily&file=2")
    assert 'rel="next"' in middle["Link"] and 'rel="prev"' in middle["Link"]
    assert 'filename="press-2.ris"' in middle["Content-Disposition"]
    last = client.get("/press/citations.ris?source=daily&file=3")
    assert len(rispy.loads(last.content.decode())) == 1
    assert "next" not in last["Link"]
    keys = [
        entry["id"]
        for file in (first, middle, last)
        for entry in rispy.loads(file.content.decode())
    ]
    assert len(set(keys)) == 5


@pytest.mark.usefixtures("two_per_file")
@pytest.mark.parametrize("file", ["4", "0", "two", "-1"])
def test_a_file_that_does_not_exist_is_a_400_with_the_reason(client, file):
    for n in range(5):
        published_article(date=datetime.date(2008, 1, 1 + n))
    response = client.get(f"/press/citations.bib?file={file}")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"


@pytest.mark.usefixtures("two_per_file")
def test_press_page_says_how_a_large_selection_is_split_and_links_every_file(client):
    for n in range(5):
        published_article(date=datetime.date(2008, 1, 1 + n))
    html = client.get("/press/").content.decode()
    assert "the first 2 of 5 articles" in html
    assert 'href="/press/citations.ris?file=2" download' in html
    assert 'href="/press/citations.ris?file=3" download' in html
    assert 'href="/api/articles/"' in html


def test_press_page_with_one_file_lists_no_more_files(client):
    published_article()
    html = client.get("/press/").content.decode()
    assert "file=2" not in html
