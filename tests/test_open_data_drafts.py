"""
No draft or scheduled entry in any of the machine-readable outputs: feeds,
the sitemap, the API, citation exports, and the JSON-LD of public pages,
even where a published entry is tied to an unpublished one.
"""

import datetime
import re

import pytest

from core.models import Status
from films.models import Role
from tests.conftest import (
    make_article,
    make_credit,
    make_film,
    make_person,
    make_person_name,
    make_publication,
    make_review,
    make_track,
    make_track_credit,
)

pytestmark = pytest.mark.django_db

LATER = datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)
STATES = {
    "shown": {"status": Status.PUBLISHED},
    "draft": {"status": Status.DRAFT},
    "scheduled": {"status": Status.PUBLISHED, "published_at": LATER},
}


def word(kind, state):
    return f"{state}{kind}word"


@pytest.fixture
def entries():
    publication = make_publication(slug="paper")
    made = {}
    for state, fields in STATES.items():
        made[state] = {
            "film": make_film(title=word("film", state), slug=word("film", state), **fields),
            "person": make_person(name=word("person", state), slug=word("person", state), **fields),
            "article": make_article(
                title=word("article", state),
                slug=word("article", state),
                publication=publication,
                **fields,
            ),
        }
    shown = made["shown"]
    for state in STATES:
        make_review(
            film=shown["film"],
            title=word("review", state),
            slug=word("review", state),
            rating="3",
            rating_scale="4",
            **STATES[state],
        )
        if state == "shown":
            continue
        hidden = made[state]
        make_credit(film=shown["film"], person=hidden["person"], role=Role.DIRECTOR)
        make_credit(film=hidden["film"], person=shown["person"], role=Role.PRODUCER)
        make_track_credit(track=make_track(film=shown["film"]), person=hidden["person"])
        make_track(film=hidden["film"], title=word("track", state))
        hidden["article"].films.add(shown["film"])
        shown["article"].films.add(hidden["film"])
        shown["article"].people.add(hidden["person"])
        shown["article"].authors.add(hidden["person"])
        make_person_name(person=shown["person"]).found_in_articles.add(hidden["article"])
        # A published review of an unpublished film is not public either.
        make_review(
            film=hidden["film"],
            status=Status.PUBLISHED,
            title=word("filmreview", state),
            slug=word("filmreview", state),
        )
    shown["article"].films.add(shown["film"])
    shown["article"].people.add(shown["person"])
    return made


def machine_readable_urls(entries):
    shown = entries["shown"]
    film, person = shown["film"].slug, shown["person"].slug
    article, review = shown["article"].slug, word("review", "shown")
    return [
        "/press/feed.atom",
        "/press/feed.rss",
        "/press/feed.atom?source=paper",
        f"/films/{film}/press.atom",
        f"/films/{film}/press.rss",
        "/sitemap.xml",
        "/press/citations.ris",
        "/press/citations.bib",
        "/press/citations.json",
        f"/press/{article}/citation.json",
        "/api/films/",
        f"/api/films/{film}/",
        "/api/people/",
        f"/api/people/{person}/",
        "/api/credits/",
        "/api/tracks/",
        "/api/publications/",
        "/api/articles/",
        f"/api/articles/{article}/",
        "/api/reviews/",
        f"/api/reviews/{review}/",
        # The pages' JSON-LD and Open Graph tags.
        f"/films/{film}/",
        f"/people/{person}/",
        f"/press/{article}/",
        f"/reviews/{review}/",
        "/press/",
    ]


def test_no_unpublished_entry_in_any_machine_readable_output(client, entries):
    hidden = [
        word(kind, state)
        for kind in ("film", "person", "article", "review", "track", "filmreview")
        for state in ("draft", "scheduled")
    ]
    everything = ""
    for url in machine_readable_urls(entries):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        leaked = [token for token in hidden if token in text]
        assert not leaked, f"{url} shows {leaked}"
        everything += text
    # And the published entries are there, so that the test above means something.
    for kind in ("film", "person", "article", "review"):
        assert word(kind, "shown") in everything


def test_unpublished_entries_have_no_feed_api_entry_or_citation(client, entries):
    for state in ("draft", "scheduled"):
        group = entries[state]
        urls = [
            f"/films/{group['film'].slug}/press.atom",
            f"/api/films/{group['film'].slug}/",
            f"/api/people/{group['person'].slug}/",
            f"/api/articles/{group['article'].slug}/",
            f"/api/reviews/{word('review', state)}/",
            f"/api/reviews/{word('filmreview', state)}/",
            f"/press/{group['article'].slug}/citation.ris",
        ]
        for url in urls:
            assert client.get(url).status_code == 404, url


def test_json_ld_counts_only_published_reviews_in_the_rating(client, entries):
    html = client.get(entries["shown"]["film"].get_absolute_url()).content.decode()
    assert re.search(r'"ratingCount": 1\b', html)
