"""/films/<slug>/: the film's whole record, with every fact beside its source."""

import datetime
import re

import pytest
from django.test import Client

from films.models import Role, TrackRole
from public.templatetags.archive import track_length
from public.views.films import CREDITS_SHOWN, LIST_SHOWN
from tests.factories import (
    film_with_rows,
    make_credit,
    make_film_image,
    make_track,
    make_track_credit,
    published_film,
    published_person,
    section,
    text_of,
)
from tests.seed_record import SOUNDTRACK

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="class")
def page(seed, django_db_blocker):
    """The seed film's page, asked for once by the class whose tests read it."""
    with django_db_blocker.unblock():
        response = Client().get("/films/crossing/")
    assert response.status_code == 200
    return response.content.decode()


class TestSeedRecord:
    def test_film_page_lists_all_22_tracks_in_order(self, page):
        rows = re.findall(r'<li id="track-(\d+)">(.*?)</li>', section(page, "soundtrack"), re.S)
        assert [int(position) for position, _ in rows] == list(range(1, 23))
        for (position, row), title in zip(rows, SOUNDTRACK, strict=True):
            assert f"{text_of(row)} ".startswith(f"{position} {title} ")

    def test_film_page_soundtrack_marks_hangul_and_credits_the_artist(self, page):
        soundtrack = section(page, "soundtrack")
        assert 'E Minor<span lang="ko">로 쌓아 올리다</span>' in soundtrack
        assert '<span lang="ko">渡江(도강)</span>' in soundtrack
        assert "The listing names no artist for this track." in soundtrack

    def test_soundtrack_says_the_shared_artist_once_with_the_exception(self, page):
        soundtrack = section(page, "soundtrack")
        assert soundtrack.count('href="/people/kim-tae-seong/"') == 1
        shared = text_of(re.search(r'<p class="shared-credits">.*?</p>', soundtrack, re.S).group())
        assert shared == (
            "Artist (as listed): Kim Tae-seong 김태성, tracks 1–21; track 22: no artist listed"
        )

    def test_soundtrack_draws_no_length_column_when_no_track_has_one(self, page):
        soundtrack = section(page, "soundtrack")
        assert "track-length" not in soundtrack
        assert "with-lengths" not in soundtrack

    def test_hangul_titles_carry_the_archives_romanization_marked_as_such(self, page):
        soundtrack = section(page, "soundtrack")
        track_3 = re.search(r'<li id="track-3">(.*?)</li>', soundtrack, re.S).group(1)
        assert '<span lang="ko-Latn">Ttatteuthada</span>' in track_3
        assert "romanized by the archive" in track_3
        main_theme = re.search(r'<li id="track-2">(.*?)</li>', soundtrack, re.S).group(1)
        assert "romanized" not in main_theme
        assert "Romanized by the archive (Revised Romanization)" in soundtrack

    def test_film_page_cast_is_in_billing_order_with_characters(self, page):
        rows = re.findall(r"<tr>(.*?)</tr>", section(page, "cast"), re.S)
        assert [text_of(row) for row in rows[1:]] == [
            "Cha In-pyo 차인표 (credited as Cha In Pyo) Kim Yong-soo The father. Spelled Kim "
            "Yong-soo (The Chosun Ilbo), Yong-soo (KOFIC, the review) and Yong-su "
            "(The Korea Herald).",
            "Shin Myung-chul 신명철 (credited as Shin Myung Chul) Juni The 11-year-old son: "
            "Juni in The Chosun Ilbo, Joon in the review.",
            "Suh Young-hwa Yong-soo's wife The character has no name; the review calls her "
            "'mysteriously left nameless'.",
        ]

    def test_film_page_groups_the_crew_by_department(self, page):
        crew = text_of(section(page, "crew"))
        expected = [
            "Directing Kim Tae-kyun 김태균 (credited as Kim Tae Gyoon) · Director",
            "Assistant direction Kim Chul-yong · Assistant director",
            "Writing Lee Yoo-jin · Screenwriter",
            "Production Patrick Cheh · Producer",
            "Music Kim Tae-seong 김태성 · Music",
        ]
        positions = [crew.index(line) for line in expected]
        assert positions == sorted(positions)

    def test_film_page_shows_release_date_claims_preferred_first_with_sources(self, page):
        facts = section(page, "facts")
        release = re.search(r"<dt>Release date</dt>(.*?)</dd>", facts, re.S).group(1)
        preferred, others = release.split('<div class="other-claims">')
        # The headline is the normalised date; the source's words are its evidence.
        assert '<p class="claim-value"><span>June 26, 2008</span>' in preferred
        assert "Stated as “<span>26 June 2008</span>”" in preferred
        assert "Post 1 by huangsy" in preferred
        assert "3 other claims" in others
        assert "<details" not in release
        for value, source_url in [
            ("June 5", "/press/crossing-screens-at-us-library-of-congress/"),
            ("May", "/press/daring-movie-tells-plight-of-nkorean-refugees/"),
            (
                "not yet set",
                "/press/north-korean-defector-crisis-of-2002-hits-movie-screens-in-crossing/",
            ),
        ]:
            assert f"Stated as “<span>{value}</span>”" in others or value in text_of(others)
            assert f'href="{source_url}"' in others

    def test_film_page_keeps_both_shooting_claims(self, page):
        facts = text_of(section(page, "facts"))
        assert "between July and September last year" in facts
        assert "four years since it was filmed" in facts

    def test_film_page_shows_the_review_with_its_rating_as_published(self, page):
        reviews = section(page, "reviews")
        assert 'href="/reviews/crossing-review/"' in reviews
        assert "Review of Crossing" in reviews
        assert "Critic and publication not recorded" in text_of(reviews)
        assert "Rating: 2.5 STARS — scale not stated" in text_of(reviews)
        assert "out of 100" not in reviews

    def test_film_page_header_names_director_top_cast_and_release_before_the_sources(self, page):
        header = re.search(r'<header class="film-header.*?</header>', page, re.S).group()
        text = text_of(header)
        assert "Directed by Kim Tae-kyun 김태균" in text
        assert "Starring Cha In-pyo 차인표 as Kim Yong-soo" in text
        assert "Released June 26, 2008" in text
        assert "Based on the real-life accounts" in text
        order = [page.index(f'<section id="{name}"') for name in ("cast", "soundtrack", "facts")]
        assert order == sorted(order)
        assert page.index('<section id="titles"') > page.index('<section id="reviews"')

    def test_film_page_titles_mark_hangul_as_korean(self, page):
        titles = section(page, "titles")
        assert '<th scope="row" lang="ko">크로싱</th>' in titles
        assert '<th scope="row" lang="ko-Latn">Keurosing</th>' in titles
        assert '<p class="original-title" lang="ko">크로싱</p>' in page

    def test_film_page_synopsis_names_its_source(self, page):
        synopsis = section(page, "synopsis")
        assert "Based on the real-life accounts" in synopsis
        assert 'href="/press/crossing-screens-at-us-library-of-congress/"' in synopsis

    def test_film_page_latest_press_links_to_all_of_it(self, page):
        press = section(page, "press")
        assert press.count('<article class="item">') == 5
        assert 'href="/press/?film=crossing"' in press

    def test_film_page_lists_company_credits_and_links(self, page):
        companies = text_of(section(page, "companies"))
        assert "Camp B: Production" in companies
        assert "Fine Cut: International sales" in companies
        assert "Big House: Credited, role not stated" in companies
        assert 'href="http://www.crossing2008.co.kr/"' in section(page, "links")


def test_film_page_shows_transliteration_translation_and_length_when_stored(client):
    film = published_film()
    make_track(
        film=film,
        position=1,
        title="따뜻하다",
        transliteration="Ttatteuthada",
        translation="It is warm",
        length=datetime.timedelta(minutes=3, seconds=5),
    )
    soundtrack = section(client.get(film.get_absolute_url()).content.decode(), "soundtrack")
    assert '<span class="romanized" lang="ko-Latn">Ttatteuthada</span>' in soundtrack
    assert "romanized by the archive" not in soundtrack
    assert "It is warm" in soundtrack
    assert "3:05" in soundtrack


def test_track_credits_name_the_role(client):
    film = published_film()
    track = make_track(film=film, position=1, title="Main Theme")
    person = published_person(name="Composer Name")
    make_track_credit(track=track, person=person, role=TrackRole.COMPOSER)
    html = client.get(film.get_absolute_url()).content.decode()
    assert "Composer Name · Composer" in text_of(section(html, "soundtrack"))


def test_track_length_is_minutes_and_seconds():
    assert track_length(datetime.timedelta(seconds=65)) == "1:05"
    assert track_length(datetime.timedelta(hours=1, seconds=1)) == "1:00:01"
    assert track_length(None) == ""


def test_cast_without_billing_order_comes_after_billed_cast(client):
    film = published_film()
    make_credit(film=film, person=published_person(name="Unbilled"), role=Role.ACTOR)
    make_credit(film=film, person=published_person(name="Billed"), role=Role.ACTOR, billing_order=1)
    cast = text_of(section(client.get(film.get_absolute_url()).content.decode(), "cast"))
    assert cast.index("Billed") < cast.index("Unbilled")


def test_film_without_rows_shows_only_what_it_has(client):
    film = published_film(title="Bare")
    html = client.get(film.get_absolute_url()).content.decode()
    for section_id in ("titles", "facts", "cast", "crew", "soundtrack", "reviews"):
        assert f'<section id="{section_id}"' not in html
    assert "No press coverage in the archive yet." in html


def test_unknown_film_is_404(client):
    assert client.get("/films/no-such-film/").status_code == 404


# One row of each kind, and one more than the page shows of any.
@pytest.mark.parametrize("count", [1, max(CREDITS_SHOWN, LIST_SHOWN) + 1])
def test_film_page_query_count_does_not_grow_with_rows(client, django_assert_num_queries, count):
    film = film_with_rows(count)
    # 1. the film, with its synopsis source and that article's publication and
    # the counts of its reviews and credits  2. images  3. titles  4. claims with
    # their sources  5. the first CREDITS_SHOWN credits of each department with
    # their people  6. company credits with companies  7. tracks with their
    # listing document  8. track credits with their people  9. links  10. reviews
    # 11. the ids of the articles about the film  12. latest press  13. the largest
    # publications and 14. press per month and publication, for the coverage chart
    with django_assert_num_queries(14):
        response = client.get(film.get_absolute_url())
    # The top-billed cast and crew, with the count of all the credits.
    assert len(response.context["cast"]) == min(count, CREDITS_SHOWN)
    assert response.context["credits_hidden"] == 2 * count - 2 * min(count, CREDITS_SHOWN)
    assert len(response.context["tracks"]) == count
    # The newest LIST_SHOWN reviews, with the count of them all.
    assert len(response.context["film"].visible_reviews) == min(count, LIST_SHOWN)
    assert response.context["film"].reviews_total == count
    assert len(response.context["film"].stills) == count


def test_film_page_shows_poster_and_stills_with_captions(client):
    film = published_film()
    make_film_image(film=film, image="images/films/p.jpg", alt_text="The poster of Film")
    make_film_image(
        film=film, kind="still", image="images/films/s.jpg", alt_text="A scene", caption="크로싱"
    )
    html = client.get(film.get_absolute_url()).content.decode()
    assert 'src="/media/images/films/p.jpg"' in html
    assert 'alt="The poster of Film"' in html
    stills = section(html, "stills")
    assert 'alt="A scene"' in stills
    assert '<figcaption><span lang="ko">크로싱</span></figcaption>' in stills


def test_poster_is_fetched_first_and_stills_lazily(client):
    # The poster heads the page; stills lie below the fold.
    film = published_film()
    make_film_image(film=film, image="images/films/p.jpg", alt_text="The poster")
    make_film_image(film=film, kind="still", image="images/films/s.jpg", alt_text="A scene")
    html = client.get(film.get_absolute_url()).content.decode()
    assert 'alt="The poster" fetchpriority="high">' in html
    assert 'alt="A scene" loading="lazy">' in section(html, "stills")


def test_poster_offers_its_smaller_copies_in_srcset(client):
    film = published_film()
    make_film_image(
        film=film,
        image="images/films/p.jpg",
        alt_text="The poster",
        width=1280,
        height=1800,
        renditions=[
            {"name": "images/films/p-320w.jpg", "width": 320, "height": 450},
            {"name": "images/films/p-640w.jpg", "width": 640, "height": 900},
        ],
    )
    html = client.get(film.get_absolute_url()).content.decode()
    assert (
        '<img class="poster" src="/media/images/films/p-640w.jpg" '
        'srcset="/media/images/films/p-320w.jpg 320w, /media/images/films/p-640w.jpg 640w, '
        '/media/images/films/p.jpg 1280w" sizes="(min-width: 60rem) 14rem, 40vw" '
        'width="1280" height="1800" alt="The poster" fetchpriority="high">'
    ) in html
