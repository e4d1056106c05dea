"""/people/<slug>/: every form of a person's name, their filmography and tracks."""

import re

import pytest

from films.models import NameKind, Role
from public.views.films import LIST_SHOWN
from tests.factories import (
    make_credit,
    make_person_image,
    make_person_name,
    make_track,
    make_track_credit,
    person_with_rows,
    published_article,
    published_film,
    published_person,
    section,
    text_of,
)

pytestmark = pytest.mark.django_db


def get_page(client, slug):
    response = client.get(f"/people/{slug}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.usefixtures("seed")
class TestSeedRecord:
    def test_person_page_lists_every_name_form_with_its_kind_and_source(self, client):
        names = section(get_page(client, "kim-tae-kyun"), "names")
        rows = [text_of(row) for row in re.findall(r"<tr>(.*?)</tr>", names, re.S)[1:]]
        assert rows[0].startswith("김태균 Hangul [movie 2008] Crossing 크로싱 › Post 1 by huangsy")
        for name in ["Kim Tae-kyun", "Kim Tae-gyun", "Kim Tae Gyoon", "KIM Tae-kyun"]:
            assert any(row.startswith(f"{name} As published") for row in rows), name
        assert any(row.startswith("Kim T'ae-gyun McCune–Reischauer") for row in rows)
        assert '<th scope="row" lang="ko">김태균</th>' in names
        kofic = "/press/crossing-screens-at-us-library-of-congress/"
        assert f'href="{kofic}"' in names

    def test_filmography_is_grouped_by_role_with_character_names(self, client):
        filmography = text_of(section(get_page(client, "cha-in-pyo"), "filmography"))
        assert filmography.startswith("Filmography Actor Crossing (2008): as Kim Yong-soo")
        assert "Hanbando" in filmography

    def test_director_filmography_lists_films_newest_first(self, client):
        filmography = text_of(section(get_page(client, "kim-tae-kyun"), "filmography"))
        films = ["Crossing", "A Millionaire’s First Love", "Temptation of Wolves", "Volcano High"]
        positions = [filmography.index(title) for title in films]
        assert positions == sorted(positions)

    def test_person_page_lists_their_tracks(self, client):
        tracks = section(get_page(client, "kim-tae-seong"), "tracks")
        assert tracks.count('href="/films/crossing/#track-') == 21
        assert "Artist (as listed)" in tracks

    def test_person_page_lists_what_they_wrote_and_where_they_are_mentioned(self, client):
        writer = get_page(client, "yang-sung-jin")
        assert "/press/crossing-depicts-the-plight-of-north-korean-defectors/" in section(
            writer, "writing"
        )
        mentions = section(get_page(client, "an-in-ok"), "mentions")
        assert "/press/nkorean-refugees-film-strikes-chord-at-us-screening/" in mentions


def test_person_page_shows_photo_with_its_description_and_credit(client):
    photo = make_person_image(
        person=published_person(),
        image="images/people/cha.jpg",
        alt_text="Cha In-pyo in 2008",
        credit="A photographer",
    )
    html = get_page(client, photo.person.slug)
    assert 'src="/media/images/people/cha.jpg" alt="Cha In-pyo in 2008"' in html
    assert "Credit: A photographer" in html


def test_person_photo_is_fetched_first_not_lazily(client):
    # The photo heads the page: lazy loading would hold back its largest paint.
    photo = make_person_image(
        person=published_person(), image="images/people/cha.jpg", alt_text="Cha In-pyo"
    )
    html = get_page(client, photo.person.slug)
    assert 'alt="Cha In-pyo" fetchpriority="high">' in html
    assert 'loading="lazy"' not in html


def test_name_form_note_and_kind_are_shown(client):
    person = published_person()
    make_person_name(person=person, name="Gim Tae-gyun", kind=NameKind.REVISED, note="Strict RR")
    names = text_of(section(get_page(client, person.slug), "names"))
    assert "Gim Tae-gyun Revised Romanization Strict RR" in names


def test_credits_on_several_films_are_grouped_under_each_role(client):
    person = published_person()
    first, second = published_film(title="First", year=2001), published_film(title="Second")
    make_credit(film=first, person=person, role=Role.DIRECTOR)
    make_credit(film=second, person=person, role=Role.DIRECTOR)
    make_credit(film=second, person=person, role=Role.SCREENWRITER)
    filmography = text_of(section(get_page(client, person.slug), "filmography"))
    assert re.search(r"Director Second \(2008\) First \(2001\) Screenwriter Second", filmography)


def test_unknown_person_is_404(client):
    assert client.get("/people/nobody/").status_code == 404


# One row of each kind, and one more than the page lists of the longest.
@pytest.mark.parametrize("count", [1, LIST_SHOWN + 1])
def test_person_page_query_count_does_not_grow_with_rows(client, django_assert_num_queries, count):
    person = person_with_rows(count)
    # 1. the person  2. photos  3. name forms  4-6. where each name was found:
    # articles, reviews, other documents  7. credits with their films
    # 8. track credits with tracks and films  9. articles written
    # 10. reviews written  11. articles mentioning the person
    with django_assert_num_queries(11):
        response = client.get(person.get_absolute_url())
    assert len(response.context["names"]) == count
    assert len(response.context["track_credits"]) == count
    assert len(response.context["person"].visible_mentions) == min(count, LIST_SHOWN)
    assert response.context["person"].mentions_total == count


def test_track_credit_links_to_the_track_on_its_film_page(client):
    person = published_person()
    film = published_film(slug="with-tracks")
    make_track_credit(track=make_track(film=film, position=3, title="노래"), person=person)
    tracks = section(get_page(client, person.slug), "tracks")
    assert 'href="/films/with-tracks/#track-3"' in tracks
    assert '<span lang="ko">노래</span>' in tracks


def test_article_written_appears_under_writing(client):
    person = published_person()
    article = published_article(title="By this critic")
    article.authors.add(person)
    assert "By this critic" in section(get_page(client, person.slug), "writing")


def test_mentions_are_bounded_with_a_link_to_them_all(client, monkeypatch):
    monkeypatch.setattr("public.views.films.LIST_SHOWN", 2)
    person = published_person()
    for _ in range(3):
        published_article().people.add(person)
    response = client.get(person.get_absolute_url())
    assert len(response.context["person"].visible_mentions) == 2
    assert f"/press/?person={person.slug}" in response.content.decode()
    listed = client.get(f"/press/?person={person.slug}")
    assert listed.status_code == 200
    assert len(listed.context["page_obj"]) == 3
