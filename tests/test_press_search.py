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
