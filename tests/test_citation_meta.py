"""citation_* <meta> tags: what a reference manager reads from an article or review page."""

import datetime
from html.parser import HTMLParser

import pytest

from core.models import LanguageCode
from tests.factories import (
    make_person,
    make_publication,
    published_article,
    published_person,
    published_review,
)

pytestmark = pytest.mark.django_db


class MetaTags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name", "").startswith("citation_"):
            self.tags.append((attrs["name"], attrs["content"]))


def citation_tags(client, url):
    response = client.get(url)
    assert response.status_code == 200
    parser = MetaTags()
    parser.feed(response.content.decode())
    return parser.tags


def test_article_page_carries_what_a_reference_manager_needs(client):
    herald = make_publication(name="The Korea Herald", slug="korea-herald")
    article = published_article(
        title="'Crossing' depicts the plight",
        publication=herald,
        date=datetime.date(2008, 3, 19),
        url="http://www.koreaherald.com/crossing",
        language=LanguageCode.ENGLISH,
    )
    article.authors.add(published_person(name="Yang Sung-jin"))
    tags = citation_tags(client, article.get_absolute_url())
    assert tags == [
        ("citation_title", "'Crossing' depicts the plight"),
        ("citation_author", "Yang Sung-jin"),
        ("citation_journal_title", "The Korea Herald"),
        ("citation_publisher", "The Korea Herald"),
        ("citation_publication_date", "2008/03/19"),
        ("citation_language", "en"),
        ("citation_public_url", "http://www.koreaherald.com/crossing"),
        ("citation_fulltext_html_url", f"http://testserver{article.get_absolute_url()}"),
    ]


def test_unpublished_author_and_unknown_address_are_left_out(client):
    article = published_article(url="")
    article.authors.add(make_person(name="Draft Writer"))
    names = [name for name, _content in citation_tags(client, article.get_absolute_url())]
    assert "citation_author" not in names
    assert "citation_public_url" not in names
    assert "citation_fulltext_html_url" in names


def test_review_without_critic_or_publication_claims_neither(client):
    review = published_review(publication=None, byline="", date=None, url="", title="")
    tags = dict(citation_tags(client, review.get_absolute_url()))
    assert tags["citation_title"] == f"Review of {review.film.title}"
    for name in ("citation_author", "citation_journal_title", "citation_publication_date"):
        assert name not in tags


def test_review_with_critic_and_publication_names_both(client):
    critic = published_person(name="Darcy Paquet")
    review = published_review(
        author=critic,
        publication=make_publication(name="Koreanfilm.org", slug="koreanfilm"),
        date=datetime.date(2008, 7, 1),
    )
    tags = citation_tags(client, review.get_absolute_url())
    assert ("citation_author", "Darcy Paquet") in tags
    assert ("citation_journal_title", "Koreanfilm.org") in tags
    assert ("citation_publication_date", "2008/07/01") in tags
