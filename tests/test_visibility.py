"""Drafts and scheduled entries are invisible to visitors everywhere, and 404 on their pages."""

import datetime

import pytest

from films.models import Role
from tests.conftest import (
    make_article,
    make_claim,
    make_credit,
    make_film,
    make_person,
    make_person_name,
    make_review,
    make_track,
    make_track_credit,
)
from tests.factories import (
    published_article,
    published_film,
    published_person,
    published_review,
)

pytestmark = pytest.mark.django_db

LATER = datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)
EARLIER = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("make", "fields"),
    [
        (make_film, {}),
        (make_film, {"status": "published", "published_at": LATER}),
        (make_person, {}),
        (make_person, {"status": "published", "published_at": LATER}),
        (make_article, {}),
        (make_article, {"status": "published", "published_at": LATER}),
        (make_review, {"film": None}),
        (make_review, {"status": "published", "published_at": LATER, "film": None}),
    ],
)
def test_draft_or_scheduled_entry_page_is_404(client, make, fields):
    if "film" in fields:
        fields["film"] = published_film()
    entry = make(**fields)
    assert client.get(entry.get_absolute_url()).status_code == 404


def test_entry_published_in_the_past_is_shown(client):
    film = published_film(published_at=EARLIER)
    assert client.get(film.get_absolute_url()).status_code == 200


def test_review_of_a_draft_film_is_hidden(client):
    review = published_review(film=make_film(), title="Of a draft film")
    assert client.get(review.get_absolute_url()).status_code == 404
    assert "Of a draft film" not in page(client, "/reviews/")


def test_draft_film_is_missing_from_lists_filmographies_and_mentions(client):
    person = published_person()
    draft = make_film(title="Secret film")
    make_credit(film=draft, person=person, role=Role.DIRECTOR)
    article = published_article()
    article.films.add(draft)
    for url in ["/", person.get_absolute_url(), article.get_absolute_url(), "/press/"]:
        assert "Secret film" not in page(client, url), url
    response = client.get(f"/press/?film={draft.slug}")
    assert response.context["problems"][0]["label"] == "Film"


def test_draft_person_is_missing_from_cast_tracks_and_mentions(client):
    film = published_film()
    draft = make_person(name="Secret person")
    make_credit(film=film, person=draft, role=Role.ACTOR, character="Someone", billing_order=1)
    make_credit(film=film, person=draft, role=Role.PRODUCER)
    make_track_credit(track=make_track(film=film), person=draft)
    article = published_article()
    article.people.add(draft)
    article.authors.add(draft)
    review = published_review(film=film, author=draft, byline="By the critic")
    for url in [film.get_absolute_url(), article.get_absolute_url(), review.get_absolute_url()]:
        assert "Secret person" not in page(client, url), url
    assert draft.get_absolute_url() not in page(client, review.get_absolute_url())


def test_draft_article_is_missing_from_press_counts_film_page_and_people(client):
    film = published_film()
    person = published_person()
    draft = make_article(title="Secret article")
    draft.films.add(film)
    draft.authors.add(person)
    draft.people.add(person)
    name = make_person_name(person=person, name="Spelling")
    name.found_in_articles.add(draft)
    press = client.get("/press/")
    assert press.context["page_obj"].paginator.count == 0
    for url in ["/press/", film.get_absolute_url(), person.get_absolute_url()]:
        assert "Secret article" not in page(client, url), url


def test_claim_citing_a_draft_source_waits_for_it(client):
    film = published_film()
    make_claim(film=film, value="From a draft article", article=make_article())
    make_claim(film=film, value="From a draft review", review=make_review(film=film))
    make_claim(film=film, value="From a published article", article=published_article())
    html = page(client, film.get_absolute_url())
    assert "From a published article" in html
    assert "From a draft article" not in html
    assert "From a draft review" not in html


def test_synopsis_source_is_named_only_once_published(client):
    film = published_film(synopsis="A story.", synopsis_source=make_article(title="Secret"))
    html = page(client, film.get_absolute_url())
    assert "A story." in html
    assert "Secret" not in html


def test_draft_review_is_missing_from_lists_and_the_film_page(client):
    film = published_film()
    make_review(film=film, title="Secret review")
    person = published_person()
    name = make_person_name(person=person)
    name.found_in_reviews.add(make_review(film=film, title="Secret source"))
    assert client.get("/reviews/").context["page_obj"].paginator.count == 0
    for url in ["/reviews/", film.get_absolute_url(), person.get_absolute_url()]:
        html = page(client, url)
        assert "Secret review" not in html, url
        assert "Secret source" not in html, url
