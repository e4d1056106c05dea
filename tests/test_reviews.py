"""/reviews/ and /reviews/<slug>/: critics' reviews with their ratings as published."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import translation

from articles.models import Review
from public.templatetags.archive import rating_on_scale
from public.templatetags.pages import rating_in_words
from tests.factories import (
    make_publication,
    published_film,
    published_person,
    published_review,
    text_of,
)

pytestmark = pytest.mark.django_db


def listed(client, query=""):
    response = client.get(f"/reviews/{query}")
    assert response.status_code == 200
    return [review.slug for review in response.context["page_obj"]]


def rating_text(html):
    return text_of(re.search(r'<p class="rating">.*?</p>', html, re.S).group())


@pytest.mark.usefixtures("seed")
class TestSeedRecord:
    def test_review_list_shows_the_review_with_its_rating_on_no_stated_scale(self, client):
        html = client.get("/reviews/").content.decode()
        assert 'href="/reviews/crossing-review/"' in html
        assert rating_text(html) == ("Rating: 2.5 STARS — scale not stated")

    def test_review_page_gives_rating_citation_and_text(self, client):
        html = client.get("/reviews/crossing-review/").content.decode()
        assert '<h1 lang="en">Review of Crossing</h1>' in html
        assert rating_text(html) == ("Rating: 2.5 STARS — scale not stated")
        assert "<dt>Score</dt>" not in html
        citation = text_of(re.search(r'<section class="citation".*?</section>', html, re.S).group())
        assert "Publication Not stated in the document" in citation
        assert "Critic Not stated in the document" in citation
        assert "Provenance The archive's copy opens with the line" in citation
        assert "<p>In one emblematic scene in Kim Tae-kyun’s film" in html

    def test_review_list_film_filter(self, client):
        assert listed(client, "?film=crossing") == ["crossing-review"]
        assert listed(client, "?film=hanbando") == []

    def test_review_list_text_search(self, client):
        assert listed(client, "?q=EMBLEMATIC") == ["crossing-review"]
        assert listed(client, "?q=nowhere-in-the-text") == []


def test_rating_with_a_scale_shows_it_and_the_score(client):
    review = published_review(rating=Decimal("3"), rating_scale=Decimal("4"), rating_text="★★★")
    html = client.get(review.get_absolute_url()).content.decode()
    assert rating_text(html) == "Rating: ★★★ (3/4) · 75 out of 100"


def test_rating_on_scale_filter():
    review = Review(rating=Decimal("2.50"), rating_scale=None)
    with translation.override("en"):
        assert rating_on_scale(review) == "2.5 (scale not stated)"
    review = Review(rating=Decimal("7.5"), rating_scale=Decimal("10.00"))
    assert rating_on_scale(review) == "7.5/10"
    assert rating_on_scale(Review(rating=None)) == ""


@pytest.mark.parametrize(
    ("rating", "scale", "text", "expected"),
    [
        ("2.5", None, "2.5 STARS", "2.5 STARS — scale not stated"),
        ("2.5", None, "", "2.5 — scale not stated"),
        ("3", "4", "★★★", "★★★ (3/4)"),
        ("3", "4", "", "3/4"),
        ("3", "4", "3/4", "3/4"),
        (None, None, "Recommended", "Recommended"),
    ],
)
def test_rating_in_words_invents_no_scale(rating, scale, text, expected):
    review = Review(
        rating=Decimal(rating) if rating else None,
        rating_scale=Decimal(scale) if scale else None,
        rating_text=text,
    )
    with translation.override("en"):
        assert rating_in_words(review) == expected


def test_review_without_critic_or_publication_says_so(client):
    review = published_review(publication=None, byline="")
    html = client.get("/reviews/").content.decode()
    assert review.get_absolute_url() in html
    assert "Critic and publication not recorded" in html


def test_review_without_rating_says_so(client):
    review = published_review()
    html = client.get(review.get_absolute_url()).content.decode()
    assert "The review gives no rating." in html
    assert 'class="rating"' not in html


def test_review_list_filters_like_the_press_list(client):
    herald = make_publication(slug="herald")
    other = make_publication(slug="other")
    film = published_film(slug="the-film")
    march = published_review(
        film=film, publication=herald, date=datetime.date(2008, 3, 19), title="March"
    )
    april = published_review(publication=other, date=datetime.date(2008, 4, 30), title="April")
    undated = published_review(publication=herald, title="Undated")
    assert listed(client) == [april.slug, march.slug, undated.slug]
    assert listed(client, "?source=herald") == [march.slug, undated.slug]
    assert listed(client, "?source=herald&source=other") == [april.slug, march.slug, undated.slug]
    assert listed(client, "?date_after=2008-03-01&date_before=2008-03-31") == [march.slug]
    assert listed(client, "?film=the-film") == [march.slug]
    assert listed(client, "?ordering=oldest") == [march.slug, april.slug, undated.slug]
    assert listed(client, "?ordering=title") == [april.slug, march.slug, undated.slug]


def test_review_page_links_critic_and_publication(client):
    critic = published_person(name="A Critic")
    publication = make_publication(name="A Weekly", slug="a-weekly")
    review = published_review(author=critic, publication=publication, byline="By A Critic")
    html = client.get(review.get_absolute_url()).content.decode()
    assert f'<a href="{critic.get_absolute_url()}">A Critic</a>' in html
    assert '<a href="/reviews/?source=a-weekly">A Weekly</a>' in html


def test_unknown_review_is_404(client):
    assert client.get("/reviews/no-such-review/").status_code == 404


# One review, and one more than a page holds.
@pytest.mark.parametrize("count", [1, 21])
def test_review_list_query_count_does_not_grow_with_reviews(
    client, django_assert_num_queries, count
):
    film = published_film()
    for _ in range(count):
        published_review(film=film, publication=make_publication(), author=published_person())
    # 1. count of matching reviews  2. the busiest publications and 3. their
    # names, for the source checkboxes  4. the films with the most reviews and
    # 5. their titles, for the film menu  6. the page's reviews with their films,
    # publications and critics
    with django_assert_num_queries(6):
        response = client.get("/reviews/")
    assert len(response.context["page_obj"]) == min(count, 20)


def test_review_page_query_count(client, django_assert_num_queries):
    review = published_review(publication=make_publication(), author=published_person())
    # 1. the review with its film, publication, critic and where it was found
    with django_assert_num_queries(1):
        client.get(review.get_absolute_url())
