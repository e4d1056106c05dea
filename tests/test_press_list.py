"""/press/: published articles, filtered by the query string, 20 a page."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from core.models import Status
from public.views.press import CappedPaginator
from tests.factories import make_publication, published_article, published_film, text_of

pytestmark = pytest.mark.django_db

HERALD = "crossing-depicts-the-plight-of-north-korean-defectors"
KBS = "belated-release-of-cha-in-pyos-crossing"
JOONGANG = "north-korean-defector-crisis-of-2002-hits-movie-screens-in-crossing"
CHOSUN_MARCH = "daring-movie-tells-plight-of-nkorean-refugees"
CHOSUN_APRIL = "nkorean-refugees-film-strikes-chord-at-us-screening"
KOFIC = "crossing-screens-at-us-library-of-congress"


def listed(client, query=""):
    response = client.get(f"/press/{query}")
    assert response.status_code == 200
    return [article.slug for article in response.context["page_obj"]]


@pytest.mark.usefixtures("seed")
class TestSeedRecord:
    def test_all_six_articles_newest_first_by_default(self, client):
        assert listed(client) == [KOFIC, CHOSUN_APRIL, HERALD, CHOSUN_MARCH, JOONGANG, KBS]

    def test_source_korea_herald_lists_exactly_its_one_article(self, client):
        assert listed(client, "?source=korea-herald") == [HERALD]

    def test_march_date_range_lists_the_four_march_articles(self, client):
        query = "?date_after=2008-03-01&date_before=2008-03-31"
        assert listed(client, query) == [HERALD, CHOSUN_MARCH, JOONGANG, KBS]

    def test_date_bounds_are_inclusive(self, client):
        assert listed(client, "?date_after=2008-03-19&date_before=2008-03-19") == [HERALD]

    def test_source_and_dates_combine(self, client):
        query = "?source=chosun-ilbo&date_after=2008-03-01&date_before=2008-03-31"
        assert listed(client, query) == [CHOSUN_MARCH]

    def test_two_sources_give_the_union(self, client):
        assert listed(client, "?source=korea-herald&source=kofic") == [KOFIC, HERALD]

    def test_film_filter_lists_articles_mentioning_the_film(self, client):
        assert listed(client, "?film=hanbando") == [KOFIC]
        assert len(listed(client, "?film=crossing")) == 6

    def test_text_search_is_case_insensitive_over_title_and_text(self, client):
        assert listed(client, "?q=LIBRARY+OF+CONGRESS") == [KOFIC, CHOSUN_APRIL]
        assert listed(client, "?q=daring") == [CHOSUN_MARCH]

    def test_language_filter(self, client):
        assert len(listed(client, "?language=en")) == 6
        assert listed(client, "?language=ko") == []

    def test_ordering_oldest_first(self, client):
        assert listed(client, "?ordering=oldest") == [
            KBS,
            JOONGANG,
            CHOSUN_MARCH,
            HERALD,
            CHOSUN_APRIL,
            KOFIC,
        ]

    def test_number_of_results_is_shown(self, client):
        html = client.get("/press/?source=chosun-ilbo").content.decode()
        assert '<h2 id="results-heading">2 articles</h2>' in html
        html = client.get("/press/?source=korea-herald").content.decode()
        assert '<h2 id="results-heading">1 article</h2>' in html

    def test_active_filters_are_shown_each_with_a_link_that_drops_it(self, client):
        response = client.get("/press/?source=korea-herald&source=kofic&date_after=2008-03-01")
        assert response.context["active_filters"] == [
            ("Source", "KOFIC", "/press/?source=korea-herald&date_after=2008-03-01"),
            ("Source", "The Korea Herald", "/press/?source=kofic&date_after=2008-03-01"),
            ("From", "March 1, 2008", "/press/?source=korea-herald&source=kofic"),
        ]
        html = response.content.decode()
        assert 'href="/press/?source=kofic&amp;date_after=2008-03-01"' in html
        assert "Remove filter Source: The Korea Herald" in html

    def test_filter_form_is_a_get_form_showing_the_current_values(self, client):
        html = client.get("/press/?source=kofic&date_after=2008-03-01&q=film").content.decode()
        assert re.search(r'<form class="filter-form" method="get" action="/press/"', html)
        assert re.search(r'<input type="checkbox" name="source" value="kofic"[^>]* checked', html)
        assert 'name="date_after" value="2008-03-01"' in html
        assert 'name="q" value="film"' in html
        assert '<option value="crossing">Crossing (2008)</option>' in html

    def test_each_article_shows_publication_date_and_byline(self, client):
        html = client.get("/press/?source=korea-herald").content.decode()
        item = text_of(re.search(r'<article class="item">.*?</article>', html, re.S).group())
        assert item == (
            "'Crossing' depicts the plight of North Korean defectors The Korea Herald "
            "March 19, 2008 By Yang Sung-jin (insight@heraldm.com), image from yahoo.kr"
        )


def make_articles(count, **fields):
    publication = make_publication()
    start = datetime.date(2008, 1, 1)
    return [
        published_article(
            publication=publication,
            title=f"Article {n:02d}",
            date=start + datetime.timedelta(days=n),
            **fields,
        )
        for n in range(count)
    ]


def test_pages_hold_twenty_articles_and_keep_the_filters(client):
    articles = make_articles(45)
    source = articles[0].publication.slug
    response = client.get(f"/press/?source={source}&ordering=oldest&page=2")
    page = response.context["page_obj"]
    assert [article.title for article in page] == [f"Article {n:02d}" for n in range(20, 40)]
    html = response.content.decode()
    assert f'href="?source={source}&amp;ordering=oldest&amp;page=3"' in html
    assert f'href="?source={source}&amp;ordering=oldest&amp;page=1"' in html
    assert "Page 2 of 3" in html


def test_a_later_page_reads_its_ids_from_the_index_before_its_rows(client):
    """An OFFSET runs over ids alone (which an index holds), never over whole rows: the
    page's rows are read by the ids a subquery picks, in the same statement."""
    make_articles(45)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/press/?page=3")
    assert [article.title for article in response.context["page_obj"]] == [
        f"Article {n:02d}" for n in range(4, -1, -1)
    ]
    (paging,) = [query["sql"] for query in queries if "OFFSET" in query["sql"]]
    rows, ids = paging.split(" IN (SELECT ", 1)
    assert rows.startswith('SELECT "articles_article"."id", "articles_article"."status"')
    assert ids.startswith('U0."id" AS "pk" FROM "articles_article" U0 WHERE')
    assert "OFFSET 40)" in ids


def test_a_long_list_of_ids_is_sorted_as_ids_not_rows(client):
    """A common word's matches: the first page picks its 20 ids from all of them, in a
    subquery that reads the ordering's columns only, then reads those 20 rows."""
    make_articles(45)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/press/?q=article")
    assert response.context["page_obj"].paginator.count == 45
    assert len(response.context["page_obj"]) == 20
    by_ids = ' IN (SELECT U0."id" AS "pk" FROM "articles_article" U0 '
    (page,) = [query["sql"] for query in queries if by_ids in query["sql"]]
    rows, ids = page.split(by_ids, 1)
    assert "LIMIT 20)" in ids
    assert "LIMIT" not in rows
    # The matches' ids are asked once, by the subquery, not again of every row.
    assert "json_each" not in rows and "ANY(" not in rows
    assert ids.count("json_each") + ids.count("ANY(") == 1


def test_ordering_by_title(client):
    publication = make_publication()
    for title in ["Banana", "Apple", "Cherry"]:
        published_article(publication=publication, title=title, slug=title.lower())
    assert listed(client, "?ordering=title") == ["apple", "banana", "cherry"]


def test_draft_and_scheduled_articles_are_not_listed_or_counted(client):
    shown = published_article(title="Shown")
    published_article(title="Draft", status="draft")
    published_article(
        title="Scheduled",
        published_at=datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC),
    )
    response = client.get("/press/")
    assert list(response.context["page_obj"]) == [shown]
    assert response.context["page_obj"].paginator.count == 1


def test_film_filter_offers_only_published_films(client):
    published_article().films.add(published_film(title="Visible film"))
    published_article().films.add(published_film(title="Draft film", status="draft"))
    html = client.get("/press/").content.decode()
    assert "Visible film" in html
    assert "Draft film" not in html


# One article, and one more than a page holds.
@pytest.mark.parametrize("count", [1, 21])
def test_press_list_query_count_does_not_grow_with_articles(
    client, django_assert_num_queries, count
):
    make_articles(count)
    # 1. count of matching articles, capped  2. the busiest publications and
    # 3. their names, for the source checkboxes  4. the films with the most links
    # to articles (none here, so none to check) and 5. their titles, for the film
    # menu  6. the page's articles with publications  7. the largest publications
    # and 8. matching articles per month and publication, for the coverage chart
    with django_assert_num_queries(8):
        response = client.get("/press/")
    assert len(response.context["page_obj"]) == min(count, 20)


@pytest.mark.parametrize("count", [1, 21])
def test_filtered_press_list_query_count_does_not_grow_with_articles(
    client, django_assert_num_queries, count
):
    film = published_film()
    articles = make_articles(count)
    for article in articles:
        article.films.add(film)
    source = articles[0].publication.slug
    # 1. the sources asked for  2. the film asked for  3. the ids of the film's
    # articles  4. the ids the other filters leave (at most the cap and one)  5. those of
    # them matching `q`  6. count of matching articles, capped  7. the busiest
    # publications and 8. their names with those asked for, for the checkboxes  9. the
    # films with the most links to articles, 10. which of them a published article names
    # and 11. their titles with the one asked for, for the menu  12. the page's articles
    # with publications  13. the largest publications and 14. matching articles per
    # month and publication, for the coverage chart
    with django_assert_num_queries(14):
        response = client.get(f"/press/?source={source}&film={film.slug}&q=article")
    assert len(response.context["page_obj"]) == min(count, 20)


def test_count_past_the_cap_reads_more_than_and_pages_stop(client, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 40)
    make_articles(45)
    response = client.get("/press/?page=3")
    html = response.content.decode()
    assert "More than 40 articles" in html
    assert response.context["page_obj"].paginator.num_pages == 2
    assert response.context["page_obj"].number == 2
    assert "Lists stop at page 2" in html


def test_count_at_the_cap_is_exact(client, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 40)
    make_articles(40)
    html = client.get("/press/").content.decode()
    assert "40 articles" in html
    assert "More than" not in html


@pytest.mark.parametrize("cap", [1, 50_000])
def test_a_film_filter_lists_every_linked_article_and_no_other(client, monkeypatch, cap):
    # Past the link cap (here 1), the film's articles by a join instead of a list.
    monkeypatch.setattr("public.filters.LINKED_CAP", cap)
    film = published_film(slug="the-film")
    about = [published_article(title=f"About {n}") for n in range(3)]
    for article in about:
        article.films.add(film)
    published_article(title="Unrelated")
    draft = published_article(title="Draft about it", status=Status.DRAFT)
    draft.films.add(film)
    response = client.get("/press/?film=the-film")
    assert {article.pk for article in response.context["page_obj"]} == {a.pk for a in about}
    assert response.context["page_obj"].paginator.count == 3
    feed = client.get("/films/the-film/press.atom").content.decode()
    assert feed.count("<entry>") == 3
    assert "Unrelated" not in feed
    assert "Draft about it" not in feed


def test_counts_of_a_thousand_or_more_are_grouped_in_both_languages(client):
    """A list's count reads as a number should: 1,200 articles, 기사 1,200건."""
    publication = make_publication(name="Weekly")
    Article.objects.bulk_create(
        Article(
            publication=publication,
            title=f"Article {n}",
            slug=f"article-{n}",
            date=datetime.date(2008, 1, 1),
            status=Status.PUBLISHED,
        )
        for n in range(1_200)
    )
    assert "1,200 articles" in text_of(client.get("/press/").content.decode())
    assert "기사 1,200건" in text_of(client.get("/ko/press/").content.decode())
    assert "1,200 articles" in text_of(client.get("/sources/").content.decode())
