"""/: the published films, each with its poster, titles and year."""

import pytest

from public.views.films import FILMS_PER_PAGE
from tests.factories import IMAGE_PATH, make_film_image, published_film, text_of

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("seed")
class TestSeedRecord:
    def test_home_lists_every_published_film_with_titles_and_year(self, client):
        response = client.get("/")
        assert response.status_code == 200
        html = response.content.decode()
        for slug, title, year in [
            ("crossing", "Crossing", "2008"),
            ("volcano-high", "Volcano High", "2001"),
            ("temptation-of-wolves", "Temptation of Wolves", "2004"),
            ("a-millionaires-first-love", "A Millionaire’s First Love", "2006"),
        ]:
            assert f'<a href="/films/{slug}/">{title}</a>' in html
            assert f'<p class="meta">{year}</p>' in html
        assert '<p class="film-original" lang="ko">크로싱</p>' in html
        assert "Year not known" in html  # Hanbando: the documents give no year

    def test_home_lists_newest_film_first(self, client):
        html = client.get("/").content.decode()
        assert html.index("/films/crossing/") < html.index("/films/volcano-high/")


def test_home_with_one_film_links_prominently_to_it(client):
    film = published_film(title="Crossing", slug="only-film")
    response = client.get("/")
    assert list(response.context["films"]) == [film]
    assert b'class="feature-link" href="/films/only-film/"' in response.content


def test_home_with_several_films_has_no_single_feature_link(client):
    published_film()
    published_film()
    assert b"feature-link" not in client.get("/").content


def test_home_shows_a_poster_with_its_description(client):
    make_film_image(
        film=published_film(),
        image="images/films/crossing.jpg",
        alt_text="A father and son at a border",
    )
    html = client.get("/").content.decode()
    assert (
        '<img class="poster" src="/media/images/films/crossing.jpg" '
        'alt="A father and son at a border" loading="lazy">'
    ) in html


def test_home_shows_posters_not_stills(client):
    make_film_image(film=published_film(), kind="still", image=IMAGE_PATH, alt_text="A still")
    html = client.get("/").content.decode()
    assert "A still" not in html


def test_home_without_a_poster_shows_no_image(client):
    published_film()
    assert b"<img" not in client.get("/").content


def test_home_leaves_out_draft_films(client):
    published_film(title="Shown")
    published_film(title="Hidden draft", status="draft")
    html = client.get("/").content.decode()
    assert "Shown" in html
    assert "Hidden draft" not in html


def test_home_with_no_film_says_so(client):
    assert b"No film has been published yet." in client.get("/").content


@pytest.mark.parametrize("count", [1, 8])
def test_home_query_count_does_not_grow_with_films(client, django_assert_num_queries, count):
    for _ in range(count):
        make_film_image(film=published_film(), image=IMAGE_PATH)
    # 1. the count of published films  2. a page of them  3. their posters
    with django_assert_num_queries(3):
        response = client.get("/")
    assert len(response.context["films"]) == min(count, FILMS_PER_PAGE)


@pytest.mark.parametrize("extra", [1, 9])
def test_home_shows_the_films_a_page_at_a_time(client, extra):
    for n in range(FILMS_PER_PAGE + extra):
        published_film(title=f"Film {n:02}", year=1980 + n)
    first = client.get("/")
    assert len(first.context["films"]) == FILMS_PER_PAGE
    assert "Film 00" not in text_of(first.content.decode())  # the oldest is on page 2
    second = client.get("/?page=2")
    assert len(second.context["films"]) == extra
    assert "Film 00" in text_of(second.content.decode())
