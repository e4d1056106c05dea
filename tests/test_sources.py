"""
The source filter stays small with thousands of publications: /press/ offers
the busiest few and any the address names; /sources/ lists every one A to Z.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from public.filters import PressFilterSet
from tests.factories import make_article, make_publication, published_article

pytestmark = pytest.mark.django_db


def source_boxes(html):
    return html.count('name="source"')


def test_press_offers_the_busiest_sources_and_those_asked_for(client):
    quiet = make_publication(slug="aaa-quiet", name="AAA Quiet")
    published_article(publication=quiet)
    for n in range(PressFilterSet.SOURCE_CHOICES + 8):
        publication = make_publication(slug=f"busy-{n:02d}", name=f"Busy {n:02d}")
        for _ in range(2):
            published_article(publication=publication)
    html = client.get("/press/").content.decode()
    assert source_boxes(html) == PressFilterSet.SOURCE_CHOICES
    assert "aaa-quiet" not in html
    asked = client.get("/press/?source=aaa-quiet").content.decode()
    assert source_boxes(asked) == PressFilterSet.SOURCE_CHOICES + 1
    assert re.search(r'value="aaa-quiet"[^>]* checked', asked)
    assert 'href="/sources/"' in html


def test_a_source_asked_for_still_filters_when_it_is_not_offered(client):
    quiet = make_publication(slug="quiet")
    article = published_article(publication=quiet)
    for n in range(PressFilterSet.SOURCE_CHOICES + 2):
        published_article(publication=make_publication(slug=f"p{n}"))
    html = client.get("/press/?source=quiet").content.decode()
    assert article.get_absolute_url() in html
    assert "1 article" in html


def press_queries(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/press/").status_code == 200
    return len(captured)


def test_press_form_query_count_does_not_grow_with_publications(client):
    published_article()
    few = press_queries(client)
    for _ in range(PressFilterSet.SOURCE_CHOICES + 18):
        published_article()
    assert press_queries(client) == few


def test_sources_lists_every_publication_a_to_z_with_its_published_articles(client):
    zeta = make_publication(slug="zeta", name="Zeta Times")
    alpha = make_publication(slug="alpha", name="Alpha Daily")
    published_article(publication=alpha)
    published_article(publication=alpha)
    make_article(publication=alpha)  # a draft is not counted
    html = client.get("/sources/").content.decode()
    assert html.index("Alpha Daily") < html.index("Zeta Times")
    assert '<a href="/press/?source=alpha">Alpha Daily</a> <span class="meta">2 articles' in html
    assert '<a href="/press/?source=zeta">Zeta Times</a> <span class="meta">0 articles' in html
    assert zeta.slug in html


def test_sources_are_paged_and_a_page_past_the_end_says_so(client, monkeypatch):
    monkeypatch.setattr("public.views.press.SOURCES_PER_PAGE", 2)
    for n in range(5):
        make_publication(slug=f"s{n}", name=f"Source {n}")
    first = client.get("/sources/").content.decode()
    assert "Source 0" in first and "Source 2" not in first
    past = client.get("/sources/?page=9")
    assert past.status_code == 200
    assert "There is no page 9" in past.content.decode()
    assert "Source 4" in past.content.decode()


@pytest.mark.parametrize("count", [1, 25])
def test_sources_query_count_does_not_grow_with_publications(
    client, django_assert_num_queries, count
):
    for n in range(count):
        published_article(publication=make_publication(slug=f"q{n}"))
    # 1. the count of publications  2. the page of them  3. those rows with
    # their published articles counted
    with django_assert_num_queries(3):
        response = client.get("/sources/")
    assert response.status_code == 200
