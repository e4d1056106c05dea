"""
The film page names the first CREDITS_SHOWN credits of each department and
links to /films/<slug>/cast/, the full cast and crew, paginated.
"""

import pytest

from core.models import Status
from films.models import Role
from public.views import films as film_views
from public.views.films import CREDITS_SHOWN
from tests.factories import make_credit, published_film, published_person, section, text_of

pytestmark = pytest.mark.django_db


def film_with_cast(actors, producers=0):
    """A published film with `actors` billed in order and `producers` producers."""
    film = published_film(slug="big-film")
    for n in range(1, actors + 1):
        make_credit(
            film=film,
            person=published_person(name=f"Actor {n:03}"),
            role=Role.ACTOR,
            character=f"Character {n:03}",
            billing_order=n,
        )
    for n in range(1, producers + 1):
        make_credit(film=film, person=published_person(name=f"Producer {n:03}"), role=Role.PRODUCER)
    return film


def test_film_page_shows_the_top_billed_cast_and_links_to_the_full_cast(client):
    film = film_with_cast(CREDITS_SHOWN + 5)
    cast = section(client.get(film.get_absolute_url()).content.decode(), "cast")
    names = [f"Actor {n:03}" for n in range(1, CREDITS_SHOWN + 1)]
    text = text_of(cast)
    assert [text.index(name) for name in names] == sorted(text.index(name) for name in names)
    assert f"Actor {CREDITS_SHOWN + 1:03}" not in text
    assert '<a class="more-link" href="/films/big-film/cast/">' in cast
    assert f"Full cast and crew: all {CREDITS_SHOWN + 5} credits" in text


def test_film_page_bounds_each_crew_department(client):
    film = film_with_cast(1, producers=CREDITS_SHOWN + 2)
    html = client.get(film.get_absolute_url()).content.decode()
    crew = text_of(section(html, "crew"))
    assert crew.count("· Producer") == CREDITS_SHOWN
    assert "Actor 001" in text_of(section(html, "cast"))
    assert 'href="/films/big-film/cast/"' in section(html, "crew")


def test_film_page_without_hidden_credits_has_no_full_cast_link(client):
    film = film_with_cast(3, producers=2)
    assert "/cast/" not in client.get(film.get_absolute_url()).content.decode()


def test_full_cast_page_lists_cast_then_crew_by_department(client):
    film = film_with_cast(CREDITS_SHOWN + 5, producers=2)
    make_credit(film=film, person=published_person(name="The Director"), role=Role.DIRECTOR)
    html = client.get("/films/big-film/cast/").content.decode()
    cast = text_of(section(html, "cast"))
    assert all(f"Actor {n:03}" in cast for n in range(1, CREDITS_SHOWN + 6))
    assert html.index('id="cast"') < html.index('id="directing"') < html.index('id="production"')
    assert "Producer 002" in text_of(section(html, "production"))
    assert 'href="/films/big-film/"' in html


def test_full_cast_page_is_paginated(client, monkeypatch):
    monkeypatch.setattr(film_views, "CAST_PER_PAGE", 10)
    film_with_cast(25)
    first = text_of(client.get("/films/big-film/cast/").content.decode())
    assert "Actor 010" in first
    assert "Actor 011" not in first
    assert "Page 1 of 3" in first
    last = text_of(client.get("/films/big-film/cast/?page=3").content.decode())
    assert "Actor 025" in last
    assert "Actor 020" not in last
    past = client.get("/films/big-film/cast/?page=9").content.decode()
    assert "There is no page 9: this is the last page, 3." in text_of(past)


def test_full_cast_page_hides_unpublished_people_and_films(client):
    film = film_with_cast(1)
    make_credit(
        film=film,
        person=published_person(name="Hidden Actor", status=Status.DRAFT),
        role=Role.ACTOR,
        billing_order=2,
    )
    assert "Hidden Actor" not in client.get("/films/big-film/cast/").content.decode()
    film.status = Status.DRAFT
    film.save()
    assert client.get("/films/big-film/cast/").status_code == 404


def test_full_cast_page_answers_in_korean_and_at_old_slugs(client):
    film = film_with_cast(2)
    assert client.get("/ko/films/big-film/cast/").status_code == 200
    film.slug = "renamed-film"
    film.save()
    response = client.get("/ko/films/big-film/cast/")
    assert response.status_code == 301
    assert response["Location"] == "/ko/films/renamed-film/cast/"


@pytest.mark.parametrize("count", [1, 150])
def test_full_cast_page_query_count_does_not_grow_with_credits(
    client, django_assert_num_queries, count
):
    film_with_cast(count)
    # 1. the film  2. the count of its published credits  3. the page's credits
    # with their people and the name forms they were credited under
    with django_assert_num_queries(3):
        response = client.get("/films/big-film/cast/")
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == min(count, film_views.CAST_PER_PAGE)
