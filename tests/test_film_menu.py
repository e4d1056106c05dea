"""
The film menu of /press/ and /reviews/ stays small however many films the archive
holds: it offers the films with the most entries of the list and the one the address
names; every film's page links to its own press and reviews.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from public.filters import PressFilterSet
from tests.factories import make_article, published_article, published_film, published_review

pytestmark = pytest.mark.django_db

OFFERED = PressFilterSet.FILM_CHOICES


def film_options(html):
    menu = re.search(r'<select name="film"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"', menu)


def test_press_offers_the_films_with_the_most_articles_and_the_one_asked_for(client):
    quiet = published_film(slug="quiet", title="A Quiet Film")
    published_article().films.add(quiet)
    published_film(slug="no-press")
    for n in range(OFFERED + 3):
        film = published_film(slug=f"busy-{n:02d}", title=f"Busy {n:02d}")
        for _ in range(2):
            published_article().films.add(film)
    offered = film_options(client.get("/press/").content.decode())
    assert offered[0] == ""  # Any film
    assert len(offered) == OFFERED + 1
    assert "quiet" not in offered and "no-press" not in offered
    asked = client.get("/press/?film=quiet").content.decode()
    assert sorted(film_options(asked)) == sorted([*offered, "quiet"])
    assert re.search(r'<option value="quiet" selected>A Quiet Film', asked)
    # Not offered, still a filter: the quiet film's one article.
    assert "1 article" in asked


def test_reviews_offer_the_films_with_the_most_reviews(client):
    reviewed = published_film(slug="reviewed")
    published_review(film=reviewed)
    published_film(slug="unreviewed")
    assert film_options(client.get("/reviews/").content.decode()) == ["", "reviewed"]


def test_a_film_menu_that_is_not_a_slug_is_refused_and_not_offered_back(client):
    published_article().films.add(published_film(slug="crossing"))
    response = client.get("/press/?film=%3Cb%3E")
    assert response.status_code == 200
    assert film_options(response.content.decode()) == ["", "crossing"]


def press_queries(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/press/").status_code == 200
    return len(captured)


def test_press_form_query_count_does_not_grow_with_films(client):
    published_article().films.add(published_film())
    few = press_queries(client)
    for _ in range(OFFERED + 5):
        published_article().films.add(published_film())
    assert press_queries(client) == few


def test_draft_films_take_no_place_in_the_menu(client):
    # Many articles about drafts: the menu still offers the published film.
    for n in range(OFFERED):
        draft = published_film(slug=f"draft-{n:02d}", status="draft")
        for _ in range(2):
            published_article().films.add(draft)
    published_article().films.add(published_film(slug="shown"))
    assert film_options(client.get("/press/").content.decode()) == ["", "shown"]


def test_the_menu_links_to_every_film(client):
    published_article().films.add(published_film(slug="crossing"))
    assert '<a href="/">Every film</a>' in client.get("/press/").content.decode()
    assert '<a href="/ko/">영화 전체 목록</a>' in client.get("/ko/reviews/").content.decode()


def test_a_film_whose_articles_are_all_drafts_is_not_offered(client):
    published_article().films.add(published_film(slug="covered"))
    drafts_only = published_film(slug="drafts-only")
    for _ in range(3):
        make_article(status="draft").films.add(drafts_only)
    assert film_options(client.get("/press/").content.decode()) == ["", "covered"]


def test_films_linked_by_many_drafts_crowd_out_no_film_with_published_articles(client):
    for n in range(2 * OFFERED + 1):
        film = published_film(slug=f"drafty-{n:02d}")
        for _ in range(2):
            make_article(status="draft").films.add(film)
    published_article().films.add(published_film(slug="covered"))
    assert film_options(client.get("/press/").content.decode()) == ["", "covered"]
