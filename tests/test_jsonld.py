"""
schema.org JSON-LD on each page, parsed as JSON: the properties each type
needs, nothing the record does not hold (no invented rating scale), no
draft, and no way for curators' text to leave the <script> element.
"""

import datetime
import json
from decimal import Decimal
from html.parser import HTMLParser

import pytest

from films.models import DatePrecision, Fact, Rank, Role, TrackRole
from tests.factories import (
    make_claim,
    make_credit,
    make_film_image,
    make_person,
    make_person_image,
    make_person_name,
    make_publication,
    make_track,
    make_track_credit,
    published_article,
    published_film,
    published_person,
    published_review,
)

pytestmark = pytest.mark.django_db

CONTEXT = "https://schema.org"


class Scripts(HTMLParser):
    """The text of each <script> and its type, and the Open Graph properties."""

    def __init__(self):
        super().__init__()
        self.scripts, self.meta, self._type = [], {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self._type = attrs.get("type")
            self.scripts.append([self._type, ""])
        if tag == "meta" and attrs.get("property", "").startswith("og:"):
            self.meta[attrs["property"]] = attrs["content"]

    def handle_data(self, data):
        if self._type is not None:
            self.scripts[-1][1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._type = None


def parse_page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    parser = Scripts()
    parser.feed(response.content.decode())
    return parser


def json_ld(client, url):
    """The page's one JSON-LD block, parsed, with its @graph (if any) as a list of nodes."""
    scripts = parse_page(client, url).scripts
    assert [kind for kind, _text in scripts] == ["application/ld+json"]
    data = json.loads(scripts[0][1])
    assert data["@context"] == CONTEXT
    return data


def nodes(data):
    return data.get("@graph", [data])


def node(data, kind):
    (found,) = [item for item in nodes(data) if item["@type"] == kind]
    return found


@pytest.mark.usefixtures("seed")
class TestSeedRecord:
    def test_movie(self, client):
        movie = node(json_ld(client, "/films/crossing/"), "Movie")
        assert movie["name"] == "Crossing"
        assert movie["url"] == "http://testserver/films/crossing/"
        assert "크로싱" in movie["alternateName"]
        assert movie["director"] == [
            {
                "@type": "Person",
                "@id": "http://testserver/people/kim-tae-kyun/#person",
                "name": "Kim Tae-kyun",
                "url": "http://testserver/people/kim-tae-kyun/",
            }
        ]
        assert [actor["name"] for actor in movie["actor"]][0] == "Cha In-pyo"
        # The curators' preferred claim among the three release dates.
        assert movie["datePublished"] == "2008-06-26"
        assert movie["inLanguage"] == "ko"

    def test_seed_review_has_no_rating_because_its_scale_is_unknown(self, client):
        movie = node(json_ld(client, "/films/crossing/"), "Movie")
        (review,) = movie["review"]
        assert review["@type"] == "Review"
        assert review["url"] == "http://testserver/reviews/crossing-review/"
        # 2.5 stars of an unstated scale: a Rating would read as 2.5 out of 5.
        assert "reviewRating" not in review
        assert "aggregateRating" not in movie
        review_page = json_ld(client, "/reviews/crossing-review/")
        assert review_page["@type"] == "Review"
        assert "reviewRating" not in review_page
        assert review_page["itemReviewed"]["@id"] == "http://testserver/films/crossing/#film"
        # The document names neither critic nor publication nor date.
        assert not {"author", "publisher", "datePublished"} & review_page.keys()

    def test_soundtrack(self, client):
        album = node(json_ld(client, "/films/crossing/"), "MusicAlbum")
        assert album["albumProductionType"] == "https://schema.org/SoundtrackAlbum"
        assert album["numTracks"] == 22 == len(album["track"])
        first = album["track"][0]
        assert first["@type"] == "MusicRecording"
        assert first["position"] == 1
        assert first["url"] == "http://testserver/films/crossing/#track-1"
        assert first["byArtist"][0]["name"] == "Kim Tae-seong"
        # Track 22's artist is not known: no byArtist rather than a guess.
        assert "byArtist" not in album["track"][21]

    def test_person_has_every_name_form(self, client):
        person = json_ld(client, "/people/kim-tae-kyun/")
        assert person["@type"] == "Person"
        assert person["name"] == "Kim Tae-kyun"
        assert {"김태균", "Kim Tae-gyun", "Kim Tae Gyoon", "KIM Tae-kyun"} <= set(
            person["alternateName"]
        )

    def test_news_article(self, client):
        article = json_ld(client, "/press/crossing-screens-at-us-library-of-congress/")
        assert article["@type"] == "NewsArticle"
        assert article["headline"] == "Crossing Screens at US Library of Congress"
        assert article["datePublished"] == "2008-05-06"
        assert article["publisher"] == {"@type": "Organization", "name": "KOFIC"}
        assert [author["name"] for author in article["author"]] == ["Nigel D'Sa"]
        assert {film["name"] for film in article["about"]} >= {"Crossing", "Hanbando"}

    @pytest.mark.parametrize(
        "url",
        [
            "/films/crossing/",
            "/people/kim-tae-kyun/",
            "/press/crossing-screens-at-us-library-of-congress/",
            "/reviews/crossing-review/",
        ],
    )
    def test_open_graph(self, client, url):
        meta = parse_page(client, url).meta
        assert meta["og:url"] == f"http://testserver{url}"
        assert meta["og:site_name"] == "Crossing Archive"
        assert meta["og:title"]
        assert meta["og:type"] in {"video.movie", "profile", "article"}


def rated_film():
    film = published_film(title="Rated", runtime_minutes=107, original_language="ko")
    make_film_image(film=film, image="images/films/rated.jpg", alt_text="The poster", width=800)
    make_credit(film=film, person=published_person(name="The Director"), role=Role.DIRECTOR)
    for order, name in [(2, "Second Billed"), (1, "Top Billed")]:
        make_credit(
            film=film, person=published_person(name=name), role=Role.ACTOR, billing_order=order
        )
    make_claim(
        film=film,
        fact=Fact.RELEASE_DATE,
        value="June 2008",
        date_start=datetime.date(2008, 6, 1),
        date_precision=DatePrecision.MONTH,
        rank=Rank.PREFERRED,
    )
    published_review(film=film, title="Known scale", rating=Decimal("3"), rating_scale=Decimal("4"))
    published_review(film=film, title="Also known", rating=Decimal("8"), rating_scale=Decimal("10"))
    published_review(film=film, title="Unknown scale", rating=Decimal("2.5"))
    return film


def test_movie_with_image_duration_and_month_precision_date(client):
    film = rated_film()
    movie = node(json_ld(client, film.get_absolute_url()), "Movie")
    assert movie["image"]["contentUrl"] == "http://testserver/media/images/films/rated.jpg"
    assert movie["image"]["caption"] == "The poster"
    assert movie["duration"] == "PT107M"
    assert movie["datePublished"] == "2008-06"
    assert [actor["name"] for actor in movie["actor"]] == ["Top Billed", "Second Billed"]
    assert [director["name"] for director in movie["director"]] == ["The Director"]


def test_ratings_only_with_a_known_scale(client):
    film = rated_film()
    movie = node(json_ld(client, film.get_absolute_url()), "Movie")
    ratings = {review["name"]: review.get("reviewRating") for review in movie["review"]}
    assert ratings == {
        "Known scale": {"@type": "Rating", "ratingValue": 3, "bestRating": 4, "worstRating": 0},
        "Also known": {"@type": "Rating", "ratingValue": 8, "bestRating": 10, "worstRating": 0},
        "Unknown scale": None,
    }
    # The mean of the scores 75 and 80; the review without a scale is not counted.
    assert movie["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": 77.5,
        "bestRating": 100,
        "worstRating": 0,
        "ratingCount": 2,
    }


def test_review_page_rating_has_its_best_rating(client):
    review = published_review(rating=Decimal("2.5"), rating_scale=Decimal("4"))
    data = json_ld(client, review.get_absolute_url())
    assert data["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 2.5,
        "bestRating": 4,
        "worstRating": 0,
    }
    assert data["itemReviewed"]["name"] == review.film.title


def test_review_page_names_critic_and_publication_when_known(client):
    critic = published_person(name="A Critic")
    review = published_review(
        author=critic,
        publication=make_publication(name="The Paper"),
        date=datetime.date(2008, 7, 1),
    )
    data = json_ld(client, review.get_absolute_url())
    assert data["author"]["name"] == "A Critic"
    assert data["publisher"]["name"] == "The Paper"
    assert data["datePublished"] == "2008-07-01"


def test_soundtrack_recordings_carry_duration_and_composer(client):
    film = published_film()
    track = make_track(
        film=film, position=1, title="노래", length=datetime.timedelta(minutes=3, seconds=5)
    )
    make_track_credit(track=track, person=published_person(name="Singer"), role=TrackRole.PERFORMER)
    make_track_credit(track=track, person=published_person(name="Writer"), role=TrackRole.COMPOSER)
    album = node(json_ld(client, film.get_absolute_url()), "MusicAlbum")
    (recording,) = album["track"]
    assert recording["duration"] == "PT3M5S"
    assert [artist["name"] for artist in recording["byArtist"]] == ["Singer"]
    assert recording["recordingOf"]["composer"][0]["name"] == "Writer"


def test_film_without_tracks_has_no_album(client):
    film = published_film()
    assert [item["@type"] for item in nodes(json_ld(client, film.get_absolute_url()))] == ["Movie"]


def test_person_with_photo(client):
    person = published_person(name="Pictured", bio="A short life.")
    make_person_image(person=person, image="images/people/p.jpg", alt_text="Pictured, smiling")
    data = json_ld(client, person.get_absolute_url())
    assert data["image"]["contentUrl"] == "http://testserver/media/images/people/p.jpg"
    assert data["description"] == "A short life."
    meta = parse_page(client, person.get_absolute_url()).meta
    assert meta["og:image"].startswith("http://testserver/media/images/people/p.jpg")
    assert meta["og:image:alt"] == "Pictured, smiling"


def test_drafts_are_left_out(client):
    film = published_film()
    make_credit(film=film, person=make_person(name="Draft Director"), role=Role.DIRECTOR)
    make_credit(film=film, person=make_person(name="Draft Actor"), role=Role.ACTOR, billing_order=1)
    make_track_credit(track=make_track(film=film), person=make_person(name="Draft Singer"))
    published_review(film=film, title="Shown review")
    published_review(film=film, title="Draft review", status="draft")
    published_review(film=film, author=make_person(name="Draft Critic"), title="By a draft")
    article = published_article()
    article.films.add(film, published_film(title="Shown film"))
    article.films.add(published_film(title="Draft film", status="draft"))
    article.authors.add(make_person(name="Draft Author"))
    article.people.add(make_person(name="Draft Mention"))
    make_person_name(person=make_person(name="Draft Person"))
    text = json.dumps(
        [json_ld(client, url) for url in (film.get_absolute_url(), article.get_absolute_url())]
    )
    for word in ("Draft Director", "Draft Actor", "Draft Singer", "Draft review", "Draft Critic"):
        assert word not in text
    for word in ("Draft film", "Draft Author", "Draft Mention"):
        assert word not in text
    assert "Shown review" in text
    assert "Shown film" in text


def test_curator_text_cannot_leave_the_script_element(client):
    attack = "</script><script>alert(1)</script><!-- & -->"
    film = published_film(title=attack, synopsis=attack)
    person = published_person(name=attack)
    make_credit(film=film, person=person, role=Role.DIRECTOR)
    article = published_article(title=attack, byline=attack)
    for url in (film.get_absolute_url(), person.get_absolute_url(), article.get_absolute_url()):
        html = client.get(url).content.decode()
        block = html[html.index('<script type="application/ld+json">') :]
        block = block[: block.index("</script>") + len("</script>")]
        assert "<" not in block[len('<script type="application/ld+json">') : -len("</script>")]
        assert "\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)" in block
        # The page holds exactly one script element, the data block, and the
        # text comes back from the JSON exactly as typed.
        parser = Scripts()
        parser.feed(html)
        assert [kind for kind, _ in parser.scripts] == ["application/ld+json"]
        assert attack in strings(json.loads(parser.scripts[0][1]))


def strings(data):
    """Every string in parsed JSON."""
    if isinstance(data, dict):
        return [text for value in data.values() for text in strings(value)]
    if isinstance(data, list):
        return [text for value in data for text in strings(value)]
    return [data] if isinstance(data, str) else []
