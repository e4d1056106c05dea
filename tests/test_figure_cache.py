"""
The coverage charts' counts, computed once a generation (public.cache.remember())
and never stale: a committed write, or a scheduled publication coming due, makes
the next page count again.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import Status
from tests.factories import make_article, make_publication, published_article, published_film

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def figure_cache(settings):
    settings.FIGURE_CACHE = True


def chart_total(client, path):
    return client.get(path).context["timeline"].total


def counts_months(client, path):
    """Whether answering `path` counted the articles by month."""
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return any('AS "month"' in query["sql"] for query in context.captured_queries)


def test_the_press_chart_is_counted_once_for_every_page_and_order_of_a_filter(client):
    publication = make_publication(slug="herald")
    for n in range(30):
        published_article(title=f"Report {n}", publication=publication)
    assert counts_months(client, "/press/?source=herald")
    assert not counts_months(client, "/press/?source=herald")
    assert not counts_months(client, "/press/?source=herald&page=2")
    assert not counts_months(client, "/press/?source=herald&ordering=oldest")
    # Other filters are another chart.
    assert counts_months(client, "/press/?source=herald&language=en")


def test_a_committed_article_is_counted_at_once(client, committed):
    published_article(title="First")
    assert chart_total(client, "/press/") == 1
    with committed():
        published_article(title="Second")
    assert chart_total(client, "/press/") == 2


def test_an_article_linked_to_a_film_is_counted_on_its_page_at_once(client, committed):
    film = published_film(slug="the-film")
    published_article(title="About it").films.add(film)
    assert chart_total(client, "/films/the-film/") == 1
    with committed():
        published_article(title="About it too").films.add(film)
    assert chart_total(client, "/films/the-film/") == 2


def test_a_scheduled_article_is_counted_when_its_time_comes(client, monkeypatch):
    now = timezone.now()
    published_article(title="Now")
    make_article(
        title="Tomorrow", status=Status.PUBLISHED, published_at=now + datetime.timedelta(days=1)
    )
    assert chart_total(client, "/press/") == 1
    assert chart_total(client, "/press/") == 1
    later = now + datetime.timedelta(days=1, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert chart_total(client, "/press/") == 2


def test_the_most_covered_sources_are_counted_once_a_generation(client, committed):
    published_article(title="One", publication=make_publication(name="Herald", slug="herald"))

    def counts_sources(path):
        with CaptureQueriesContext(connection) as context:
            html = client.get(path).content.decode()
        return any('AS "entries"' in query["sql"] for query in context.captured_queries), html

    assert counts_sources("/press/")[0]
    assert not counts_sources("/press/?language=en")[0]  # every filter offers the same
    with committed():
        published_article(title="Two", publication=make_publication(name="Times", slug="times"))
    counted, html = counts_sources("/press/")
    assert counted
    assert 'value="times"' in html


def test_the_sitemap_counts_its_sections_once_a_generation(client, committed):
    published_article(title="First")

    def counted():
        with CaptureQueriesContext(connection) as context:
            response = client.get("/sitemap.xml")
            assert response.status_code == 200
        return [
            q["sql"]
            for q in context.captured_queries
            if 'FROM "articles_article"' in q["sql"]
            and ("COUNT(*)" in q["sql"] or '"articles_article"."updated"' in q["sql"])
        ]

    assert len(counted()) == 2  # the articles' number and their latest change
    assert counted() == []
    with committed():
        published_article(title="Second")
    assert len(counted()) == 2
    with committed():
        # A later change: the index shows it at once.
        article = published_article(title="Third")
    article_entries = client.get("/sitemap.xml").content.decode()
    # In the archive's time zone, to the microsecond: this article's change, no other's.
    latest = timezone.localtime(article.updated).isoformat()
    assert f"<lastmod>{latest}</lastmod>" in article_entries
