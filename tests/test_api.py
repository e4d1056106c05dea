"""
The read-only JSON API at /api/: the same articles as /press/ for the same
filters, stable pages, links to the public pages, published entries only,
a 400 (never a 500) for a filter value it cannot use, a 405 for a write.
"""

import datetime
import itertools

import pytest

from core.models import LanguageCode
from films.models import NameKind, Role
from tests.factories import (
    LATER,
    make_article,
    make_credit,
    make_film,
    make_person,
    make_person_name,
    make_publication,
    make_review,
    make_track,
    make_track_credit,
    published_article,
    published_film,
    published_person,
    published_review,
)

pytestmark = pytest.mark.django_db


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def all_results(client, url):
    """Every result of an API list, following `next` from page to page."""
    results = []
    while url:
        page = get(client, url)
        results += page["results"]
        url = page["next"]
    return results


def press_slugs(client, path, query):
    """Every entry the public list shows for the query, across its pages."""
    slugs = []
    for page in itertools.count(1):
        separator = "&" if query else "?"
        response = client.get(f"{path}{query}{separator}page={page}")
        assert response.status_code == 200
        slugs += [entry.slug for entry in response.context["page_obj"]]
        if not response.context["page_obj"].has_next():
            return slugs


# ---------------------------------------------------------------------------
# The same articles as /press/
# ---------------------------------------------------------------------------


@pytest.fixture(scope="class")
def press(seed, django_db_blocker):
    """
    Articles for the comparison, with the seed record: three sources, two
    films, two languages, four months, titles and dates that tie (so order
    depends on the tie breaker), and drafts and scheduled articles that must
    show nowhere. Rolled back with the seed when the class ends.
    """
    with django_db_blocker.unblock():
        crossing, other = published_film(slug="api-film"), published_film(slug="api-other")
        herald = make_publication(slug="api-herald", name="Herald")
        daily = make_publication(slug="api-daily", name="Daily")
        weekly = make_publication(slug="api-weekly", name="Weekly")
        sources = itertools.cycle([herald, daily, weekly, herald])
        for n in range(45):
            article = published_article(
                publication=next(sources),
                title=f"Report {n % 7}" + (" defectors" if n % 3 == 0 else ""),
                text="Refugees crossing the border." if n % 4 == 0 else "A screening.",
                date=datetime.date(2009, 1 + n % 4, 1 + n % 5),
                language=LanguageCode.KOREAN if n % 5 == 0 else LanguageCode.ENGLISH,
            )
            article.films.add(crossing if n % 2 else other)
            if n % 6 == 0:
                article.films.add(crossing)
        make_article(publication=herald, title="Draft defectors", date=datetime.date(2009, 2, 1))
        published_article(
            publication=herald, title="Scheduled defectors", published_at=LATER
        ).films.add(crossing)
        yield


FILTERS = [
    "",
    "?source=api-herald",
    "?source=api-herald&source=api-weekly",
    "?source=korea-herald",
    "?date_after=2009-02-01",
    "?date_before=2009-02-03",
    "?date_after=2009-02-01&date_before=2009-03-31",
    "?date_after=2009-03-04&date_before=2009-03-04",
    "?date_after=2008-03-19&date_before=2008-03-19",
    "?film=api-film",
    "?film=api-other&source=api-weekly",
    "?film=crossing",
    "?language=ko",
    "?language=en&source=api-weekly&date_after=2009-02-01",
    "?q=defectors",
    "?q=REFUGEES",
    "?q=defectors&source=api-herald&film=api-film",
    "?ordering=oldest",
    "?ordering=title",
    "?ordering=title&source=api-daily&date_before=2009-03-01",
    "?source=api-herald&source=api-daily&film=api-film&language=en"
    "&date_after=2009-01-02&date_before=2009-04-04&q=report&ordering=oldest",
]


@pytest.mark.usefixtures("press")
class TestSameAsPress:
    @pytest.mark.parametrize("query", FILTERS)
    def test_api_lists_the_same_articles_as_press_in_the_same_order(self, client, query):
        expected = press_slugs(client, "/press/", query)
        assert expected, "each combination should list something"
        api = all_results(client, f"/api/articles/{query}")
        assert [article["slug"] for article in api] == expected

    def test_pages_neither_share_nor_skip_a_row(self, client):
        pages = [get(client, f"/api/articles/?page={n}") for n in (1, 2, 3)]
        ids = [article["id"] for page in pages for article in page["results"]]
        assert len(ids) == len(set(ids)) == pages[0]["count"] == 45 + 6
        assert pages[0]["next"] == "http://testserver/api/articles/?page=2"
        assert pages[2]["next"] is None


@pytest.mark.parametrize("query", ["", "?film=crossing", "?source=api-herald", "?q=crossing"])
def test_api_lists_the_same_reviews_as_the_reviews_page(client, query):
    film = published_film(slug="crossing-film")
    source = make_publication(slug="api-herald")
    for n in range(3):
        published_review(film=film, publication=source, title=f"Crossing {n}")
    published_review(title="Elsewhere")
    make_review(film=film, title="Crossing draft")
    expected = press_slugs(
        client, "/reviews/", query.replace("film=crossing", "film=crossing-film")
    )
    api = all_results(
        client, f"/api/reviews/{query.replace('film=crossing', 'film=crossing-film')}"
    )
    assert [review["slug"] for review in api] == expected


# ---------------------------------------------------------------------------
# What each entry holds
# ---------------------------------------------------------------------------


def test_article_fields_and_links(client):
    film, author = published_film(), published_person()
    article = published_article(byline="By Someone", url="https://example.org/a")
    article.films.add(film, make_film())
    article.authors.add(author, make_person())
    data = get(client, f"/api/articles/{article.slug}/")
    assert data["id"] == article.pk
    assert data["url"] == f"http://testserver/press/{article.slug}/"
    assert data["api_url"] == f"http://testserver/api/articles/{article.slug}/"
    assert data["original_url"] == "https://example.org/a"
    assert (
        data["publication"]["url"] == f"http://testserver/press/?source={article.publication.slug}"
    )
    assert [entry["slug"] for entry in data["films"]] == [film.slug]
    assert [entry["slug"] for entry in data["authors"]] == [author.slug]
    assert data["citations"] == {
        "ris": f"http://testserver/press/{article.slug}/citation.ris",
        "bibtex": f"http://testserver/press/{article.slug}/citation.bib",
        "csl_json": f"http://testserver/press/{article.slug}/citation.json",
    }


def test_person_has_every_name_form(client):
    person = published_person(name="Kim Tae-kyun", name_hangul="김태균")
    for name, kind in [
        ("김태균", NameKind.HANGUL),
        ("Kim Tae-gyun", NameKind.REVISED),
        ("Kim T'ae-gyun", NameKind.MCCUNE_REISCHAUER),
        ("Kim Tae Gyoon", NameKind.PUBLISHED),
    ]:
        make_person_name(person=person, name=name, kind=kind)
    data = get(client, f"/api/people/{person.slug}/")
    assert data["name_hangul"] == "김태균"
    assert {(row["name"], row["kind"]) for row in data["names"]} == {
        ("김태균", "hangul"),
        ("Kim Tae-gyun", "rr"),
        ("Kim T'ae-gyun", "mr"),
        ("Kim Tae Gyoon", "published"),
    }
    assert data["credits_url"] == f"http://testserver/api/credits/?person={person.slug}"


def test_film_links_to_its_lists(client):
    film = published_film(slug="linked")
    data = get(client, "/api/films/linked/")
    assert data["url"] == "http://testserver/films/linked/"
    assert data["credits_url"] == "http://testserver/api/credits/?film=linked"
    assert data["articles_url"] == "http://testserver/api/articles/?film=linked"
    assert data["poster"] is None
    assert get(client, data["tracks_url"])["count"] == 0
    assert film.title == data["title"]


def test_credits_and_tracks_by_film_person_and_role(client):
    film, person = published_film(), published_person()
    make_credit(film=film, person=person, role=Role.DIRECTOR)
    make_credit(film=film, person=published_person(), role=Role.ACTOR, character="Joon")
    make_credit(film=published_film(), person=person, role=Role.PRODUCER)
    track = make_track(film=film, position=1, length=datetime.timedelta(minutes=3, seconds=5))
    make_track_credit(track=track, person=person)
    assert get(client, f"/api/credits/?film={film.slug}")["count"] == 2
    assert get(client, f"/api/credits/?person={person.slug}")["count"] == 2
    (credit,) = get(client, f"/api/credits/?film={film.slug}&role=actor")["results"]
    assert credit["character"] == "Joon"
    assert credit["film"]["url"] == f"http://testserver{film.get_absolute_url()}"
    (row,) = get(client, f"/api/tracks/?film={film.slug}")["results"]
    assert row["url"] == f"http://testserver{film.get_absolute_url()}#track-1"
    assert row["length"] == "P0DT00H03M05S"
    assert row["credits"][0]["person"]["slug"] == person.slug


def test_review_rating_keeps_an_unknown_scale_unknown(client):
    review = published_review(rating="2.5", rating_text="2.5 STARS")
    data = get(client, f"/api/reviews/{review.slug}/")
    assert (data["rating"], data["rating_scale"], data["score"]) == (2.5, None, None)
    assert data["critic"] is None
    review = published_review(rating="3", rating_scale="4", author=make_person())
    data = get(client, f"/api/reviews/{review.slug}/")
    assert (data["rating"], data["rating_scale"], data["score"]) == (3, 4, 75)
    assert data["critic"] is None  # a draft critic is not shown


# ---------------------------------------------------------------------------
# Drafts, bad values, writes
# ---------------------------------------------------------------------------


def test_drafts_and_their_rows_are_nowhere(client):
    film, draft_film = published_film(), make_film()
    person, draft_person = published_person(), make_person()
    make_credit(film=film, person=draft_person, role=Role.DIRECTOR)
    make_credit(film=draft_film, person=person, role=Role.PRODUCER)
    make_track_credit(track=make_track(film=film), person=draft_person)
    make_track(film=draft_film)
    make_review(film=film)
    published_review(film=draft_film)
    article = published_article()
    article.films.add(draft_film)
    article.people.add(draft_person)
    make_article()
    assert [row["slug"] for row in get(client, "/api/films/")["results"]] == [film.slug]
    assert [row["slug"] for row in get(client, "/api/people/")["results"]] == [person.slug]
    assert get(client, "/api/credits/")["count"] == 0
    (track,) = get(client, "/api/tracks/")["results"]
    assert track["credits"] == []
    assert get(client, "/api/reviews/")["count"] == 0
    (listed,) = get(client, "/api/articles/")["results"]
    assert listed["films"] == listed["people"] == []
    for url in (f"/api/films/{draft_film.slug}/", f"/api/people/{draft_person.slug}/"):
        assert "detail" in get(client, url, status=404)


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("?source=nope", "source", "There is no source with this name."),
        ("?date_after=2008-02-30", "date_after", "Enter a date that exists"),
        ("?date_before=yesterday", "date_before", "Enter a date that exists"),
        ("?film=no-such-film", "film", "There is no film with this name in the archive."),
        ("?language=xx", "language", "There is no language with this code."),
        ("?ordering=random", "ordering", "Choose newest, oldest or title."),
        ("?q=" + "x" * 201, "q", "at most 200 characters"),
        ("?q=%00", "q", "Null characters are not allowed."),
        ("?source=%00", "source", "Null characters are not allowed."),
        (
            "?date_after=2008-05-01&date_before=2008-01-01",
            "non_field_errors",
            "is later than the “to” date",
        ),
    ],
)
def test_bad_filter_value_is_a_400_that_says_why(client, query, field, message):
    data = get(client, f"/api/articles/{query}", status=400)
    assert message in " ".join(data[field])


def test_unknown_film_or_person_in_credits_is_a_400(client):
    assert "film" in get(client, "/api/credits/?film=nope", status=400)
    assert "person" in get(client, "/api/credits/?person=nope", status=400)
    assert "film" in get(client, "/api/tracks/?film=nope", status=400)


@pytest.mark.parametrize("page", ["9", "0", "-1", "two"])
def test_page_that_does_not_exist_is_a_404_that_says_so(client, page):
    published_article()
    data = get(client, f"/api/articles/?page={page}", status=404)
    assert data["detail"].startswith(f"There is no page “{page}”")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", ["/api/articles/", "/api/films/crossing/", "/api/credits/"])
def test_writes_are_refused(client, method, url):
    published_film(slug="crossing")
    response = getattr(client, method)(url, data={}, content_type="application/json")
    assert response.status_code == 405


def test_root_lists_the_endpoints(client):
    data = get(client, "/api/")
    assert set(data) == {
        "films",
        "people",
        "credits",
        "tracks",
        "publications",
        "articles",
        "reviews",
    }


def test_schema_is_openapi_3(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    parameters = {
        parameter["name"]: parameter
        for parameter in schema["paths"]["/api/articles/"]["get"]["parameters"]
    }
    assert set(parameters) >= {"source", "date_after", "date_before", "film", "language", "q"}
    assert parameters["source"]["schema"] == {"type": "array", "items": {"type": "string"}}
    assert parameters["film"]["schema"] == {"type": "string"}


# ---------------------------------------------------------------------------
# Query counts
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 20])
def test_query_counts_do_not_grow_with_rows(client, django_assert_num_queries, count):
    film = published_film()
    source = make_publication()
    for n in range(count):
        person = published_person()
        make_person_name(person=person)
        article = published_article(publication=source)
        article.films.add(film)
        article.authors.add(person)
        article.people.add(person)
        make_credit(film=film, person=person, role=Role.ACTOR, billing_order=n + 1)
        make_track_credit(track=make_track(film=film, position=n + 1), person=person)
        published_review(film=film, publication=source, author=person)
    # 1. the source asked for  2. the film asked for  3. the ids of its articles
    # 4. count  5. articles with publications  6. authors  7. films  8. people
    with django_assert_num_queries(8):
        get(client, f"/api/articles/?source={source.slug}&film={film.slug}")
    # 1. count  2. reviews with films, publications and critics
    with django_assert_num_queries(2):
        get(client, "/api/reviews/")
    # 1. count  2. people  3. name forms  4. photos
    with django_assert_num_queries(4):
        get(client, "/api/people/")
    # 1. count  2. films  3. titles  4. links  5. posters
    with django_assert_num_queries(5):
        get(client, "/api/films/")
    # 1. the film asked for  2. count  3. credits with films, people, name forms
    with django_assert_num_queries(3):
        get(client, f"/api/credits/?film={film.slug}")
    # 1. count  2. tracks with films  3. track credits with people
    with django_assert_num_queries(3):
        get(client, "/api/tracks/")
