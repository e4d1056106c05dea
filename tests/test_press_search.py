"""`q` on /press/ and /reviews/ is the site's search: title and text, any spelling of a name."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Status
from tests.factories import (
    make_publication,
    published_article,
    published_film,
    published_review,
)

pytestmark = pytest.mark.django_db

HERALD = "crossing-depicts-the-plight-of-north-korean-defectors"
KBS = "belated-release-of-cha-in-pyos-crossing"
JOONGANG = "north-korean-defector-crisis-of-2002-hits-movie-screens-in-crossing"
CHOSUN_MARCH = "daring-movie-tells-plight-of-nkorean-refugees"
CHOSUN_APRIL = "nkorean-refugees-film-strikes-chord-at-us-screening"
KOFIC = "crossing-screens-at-us-library-of-congress"
# Newest first, as the press list orders them.
NAME_THE_DIRECTOR = [KOFIC, HERALD, CHOSUN_MARCH, JOONGANG, KBS]


def listed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return [row.slug for row in response.context["page_obj"]]


@pytest.mark.usefixtures("seed")
class TestSeedRecord:
    @pytest.mark.parametrize(
        "query",
        ["Kim+Tae+Gyoon", "김태균", "kim+taegyun", "KIM+TAE-KYUN", "Kim+T%27ae-gyun"],
    )
    def test_any_spelling_of_the_director_lists_the_articles_naming_him(self, client, query):
        assert listed(client, f"/press/?q={query}") == NAME_THE_DIRECTOR

    @pytest.mark.parametrize(
        "query", ["Shin+Myoung-cheol", "신명철", "Sin+My%C5%8Fng-ch%27%C5%8Fl", "shin+myung+chul"]
    )
    def test_any_spelling_of_the_child_actor(self, client, query):
        assert listed(client, f"/press/?q={query}") == [KOFIC, CHOSUN_APRIL, HERALD, JOONGANG, KBS]

    def test_two_hangul_syllables_find_the_romanized_name_in_a_title(self, client):
        assert listed(client, "/press/?q=인표") == [KBS]

    def test_words_are_found_as_written_in_title_or_text(self, client):
        assert listed(client, "/press/?q=library+of+congress") == [KOFIC, CHOSUN_APRIL]
        assert listed(client, "/press/?q=daring") == [CHOSUN_MARCH]
        assert listed(client, "/press/?q=zzyzx") == []

    def test_search_combines_with_the_other_filters(self, client):
        assert listed(client, "/press/?q=Kim+Tae+Gyoon&source=chosun-ilbo") == [CHOSUN_MARCH]
        assert listed(client, "/press/?q=Kim+Tae+Gyoon&ordering=oldest") == [
            KBS,
            JOONGANG,
            CHOSUN_MARCH,
            HERALD,
            KOFIC,
        ]

    def test_reviews_are_searched_the_same_way(self, client):
        assert listed(client, "/reviews/?q=김태균") == ["crossing-review"]
        assert listed(client, "/reviews/?q=kim+tae+gyoon") == ["crossing-review"]
        assert listed(client, "/reviews/?q=Shin+Myung-chul") == []

    def test_the_search_is_shown_among_the_active_filters(self, client):
        response = client.get("/press/?q=Kim+Tae+Gyoon")
        assert ("Search", "“Kim Tae Gyoon”", "/press/") in response.context["active_filters"]


def test_a_query_with_nothing_to_search_for_lists_nothing(client):
    published_article(title="Some title")
    assert listed(client, "/press/?q=%21%21%21") == []


def test_a_draft_article_stays_out_of_the_results(client):
    published_article(title="Kim Tae-kyun speaks", status=Status.DRAFT)
    published_article(title="Kim Tae-kyun speaks again")
    assert len(listed(client, "/press/?q=Kim+Tae+Gyoon")) == 1


def test_a_review_of_a_draft_film_stays_out(client):
    published_review(text="Kim Tae-kyun's film", film=published_film(status=Status.DRAFT))
    assert listed(client, "/reviews/?q=Kim+Tae-kyun") == []


@pytest.mark.parametrize("url", ["/press/", "/reviews/"])
def test_searching_adds_one_query_to_the_list(client, url):
    publication = make_publication()
    for n in range(3):
        published_article(publication=publication, title=f"Kim Tae-kyun {n}")
        published_review(publication=publication, title=f"Kim Tae-kyun {n}")

    def count(address):
        with CaptureQueriesContext(connection) as context:
            assert client.get(address).status_code == 200
        return len(context.captured_queries)

    # The match runs once, into a list of ids that the count, chart and page reuse.
    assert count(f"{url}?q=Kim+Tae+Gyoon") == count(url) + 1


def test_a_common_word_is_capped_and_says_so(client, monkeypatch):
    monkeypatch.setattr("public.filters.MATCH_CAP", 2)
    publication = make_publication()
    articles = [published_article(publication=publication, title=f"Defector {n}") for n in range(3)]
    response = client.get("/press/?q=defector")
    html = response.content.decode()
    # The last added two of the three matches, and a notice rather than an error.
    assert {article.pk for article in response.context["page_obj"]} == {
        articles[1].pk,
        articles[2].pk,
    }
    assert "matches more than 2 entries" in html
    assert "There is a problem" not in html  # a notice, not an error
    assert response.status_code == 200


def four_defector_articles(source):
    """Two older articles of `source` that hold "defector", then two newer of another."""
    older = [
        published_article(publication=source, title=f"Defector {n}", text="A defector spoke.")
        for n in range(2)
    ]
    other = make_publication(name="Daily")
    for n in range(2):
        published_article(publication=other, title=f"Defector news {n}", text="A defector.")
    return older


def test_a_filter_that_leaves_few_rows_finds_every_match_among_them(client, monkeypatch):
    """Of the whole archive's newest three matches, one is the source's: the source
    filter, which leaves three rows to search, finds both of its own, and the list is
    complete (no notice)."""
    monkeypatch.setattr("public.filters.MATCH_CAP", 3)
    source = make_publication(name="Weekly")
    older = four_defector_articles(source)
    published_article(publication=source, title="Weather", text="Rain.")
    response = client.get(f"/press/?q=defector&source={source.slug}")
    assert {row.pk for row in response.context["page_obj"]} == {row.pk for row in older}
    assert "matches more than" not in response.content.decode()
    # The API's filters are the same.
    data = client.get(f"/api/articles/?q=defector&source={source.slug}").json()
    assert {row["slug"] for row in data["results"]} == {row.slug for row in older}


def test_a_filter_that_leaves_many_rows_says_the_matches_are_of_the_newest(client, monkeypatch):
    monkeypatch.setattr("public.filters.MATCH_CAP", 2)
    monkeypatch.setattr("public.filters.SEARCHED_ROWS", 3)
    source = make_publication(name="Weekly")
    four_defector_articles(source)
    response = client.get("/press/?q=defector&language=en")
    html = response.content.decode()
    assert len(response.context["page_obj"]) == 2
    assert "matches more than 2 entries, and the other filters leave more than 3" in html
    assert "narrow the filters to 3 entries or fewer" in html
    assert "There is a problem" not in html
    korean = client.get("/ko/press/?q=defector&language=en").content.decode()
    assert "다른 필터로 좁힌 목록도 3건을" in korean


def test_a_filter_that_leaves_rows_past_the_cap_finds_every_match_among_them(client, monkeypatch):
    """A word's matches are read from the whole archive only as far as MATCH_CAP, but a
    filter that leaves at most SEARCHED_ROWS rows has them all searched: the source's
    four matches, twice the cap, all older than the archive's two newest matches."""
    monkeypatch.setattr("public.filters.MATCH_CAP", 2)
    monkeypatch.setattr("public.filters.SEARCHED_ROWS", 6)
    source = make_publication(name="Weekly")
    older = [
        published_article(publication=source, title=f"Defector {n}", text="A defector spoke.")
        for n in range(4)
    ]
    published_article(publication=source, title="Weather", text="Rain.")
    other = make_publication(name="Daily")
    newest = [
        published_article(publication=other, title=f"Defector news {n}", text="A defector.")
        for n in range(2)
    ]
    response = client.get(f"/press/?q=defector&source={source.slug}")
    assert {row.pk for row in response.context["page_obj"]} == {row.pk for row in older}
    assert "matches more than" not in response.content.decode()
    # Without the filter: the archive's two newest matches, and the notice.
    response = client.get("/press/?q=defector")
    assert {row.pk for row in response.context["page_obj"]} == {row.pk for row in newest}
    assert "matches more than 2 entries" in response.content.decode()


def test_an_order_alone_does_not_narrow_the_search(client, monkeypatch):
    monkeypatch.setattr("public.filters.MATCH_CAP", 2)
    four_defector_articles(make_publication(name="Weekly"))
    html = client.get("/press/?q=defector&ordering=oldest").content.decode()
    assert "“defector” matches more than 2 entries: these are the 2 added" in html


def test_a_film_filter_finds_every_review_of_the_film_that_matches(client, monkeypatch):
    monkeypatch.setattr("public.filters.MATCH_CAP", 2)
    film = published_film(title="Crossing", slug="crossing")
    older = [published_review(film=film, title=f"Defector {n}") for n in range(2)]
    for n in range(3):
        published_review(title=f"Defector elsewhere {n}")
    response = client.get("/reviews/?q=defector&film=crossing")
    assert {row.pk for row in response.context["page_obj"]} == {row.pk for row in older}
