"""
A text is shown only as far as its rights allow, on every surface a visitor
reaches, while search still finds any word of the whole text.
"""

import pytest

from articles.models import TextRights, opening_paragraph
from tests.factories import published_article, published_film, published_review

pytestmark = pytest.mark.django_db

OPENING = "Opening words that anyone may read."
# A word to search for, and one beside it that no visitor may read: the
# query itself is echoed on its results page, its neighbour must never be.
HIDDEN = "Quokkazanzibar"
SECRET = "Wallabyvanuatu"
TEXT = f"{OPENING}\n\nA second paragraph: {HIDDEN} {SECRET}, which visitors may not read."

ARTICLE_SURFACES = [
    "{page}",
    "/press/",
    "/press/?q=" + HIDDEN,
    "/press/feed.atom",
    "/press/feed.rss",
    "/films/{film}/press.atom",
    "/films/{film}/press.rss",
    "/films/{film}/",
    "/api/articles/",
    "/api/articles/{slug}/",
    "/search/?q=" + HIDDEN,
    "/search/?q=opening+words",
    "{page}citation.ris",
    "{page}citation.bib",
    "{page}citation.json",
    "/press/citations.ris",
    "/press/citations.bib",
    "/press/citations.json",
]
REVIEW_SURFACES = [
    "{page}",
    "/reviews/",
    "/reviews/?q=" + HIDDEN,
    "/films/{film}/",
    "/api/reviews/",
    "/api/reviews/{slug}/",
    "/search/?q=" + HIDDEN,
]


def addresses(surfaces, entry):
    film = entry.film if hasattr(entry, "film") else entry.films.get()
    return [
        surface.format(page=entry.get_absolute_url(), film=film.slug, slug=entry.slug)
        for surface in surfaces
    ]


def excerpt_article(**fields):
    article = published_article(text=TEXT, **fields)
    article.films.add(published_film())
    return article


@pytest.mark.parametrize("rights", [TextRights.EXCERPT, TextRights.CITATION])
def test_an_article_shows_no_more_than_its_rights_allow_anywhere(client, rights):
    article = excerpt_article(text_rights=rights)
    for address in addresses(ARTICLE_SURFACES, article):
        response = client.get(address)
        assert response.status_code == 200, address
        assert SECRET not in response.content.decode(), address


@pytest.mark.parametrize("rights", [TextRights.EXCERPT, TextRights.CITATION])
def test_a_review_shows_no_more_than_its_rights_allow_anywhere(client, rights):
    review = published_review(text=TEXT, text_rights=rights)
    for address in addresses(REVIEW_SURFACES, review):
        response = client.get(address)
        assert response.status_code == 200, address
        assert SECRET not in response.content.decode(), address


def test_the_excerpt_is_the_opening_paragraph_by_default_and_is_shown(client):
    article = excerpt_article()
    html = client.get(article.get_absolute_url()).content.decode()
    assert OPENING in html
    api = client.get(f"/api/articles/{article.slug}/").json()
    assert api["text"] == OPENING
    assert api["text_rights"] == "excerpt"
    assert api["text_is_shortened"] is True


def test_the_curators_excerpt_replaces_the_opening_paragraph(client):
    article = excerpt_article(excerpt="The curator's chosen lines.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "The curator&#x27;s chosen lines." in html
    assert OPENING not in html.split('<h2 id="text-heading">')[1]


def test_a_citation_only_text_shows_its_citation_and_the_way_to_the_original(client):
    article = excerpt_article(text_rights=TextRights.CITATION, url="https://example.org/a")
    html = client.get(article.get_absolute_url()).content.decode()
    assert OPENING not in html
    assert "not the text itself" in html
    assert 'href="https://example.org/a" rel="external">Read it where it was published' in html


def test_full_text_rights_show_everything(client):
    article = excerpt_article(text_rights=TextRights.FULL)
    assert SECRET in client.get(article.get_absolute_url()).content.decode()
    assert client.get(f"/api/articles/{article.slug}/").json()["text_is_shortened"] is False


def test_search_still_finds_a_word_of_the_hidden_part(client):
    article = excerpt_article()
    html = client.get(f"/search/?q={HIDDEN}").content.decode()
    assert article.get_absolute_url() in html
    press = client.get(f"/press/?q={HIDDEN}").content.decode()
    assert article.get_absolute_url() in press


def test_curators_see_the_whole_text_in_the_admin(admin_client):
    article = excerpt_article()
    html = admin_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert SECRET in html


@pytest.mark.parametrize(
    "text,opening",
    [
        ("One.\n\nTwo.", "One."),
        ("One line\nnext line", "One line"),
        ("  Only one  ", "Only one"),
        ("A\r\n\r\nB", "A"),
        ("", ""),
    ],
)
def test_opening_paragraph(text, opening):
    assert opening_paragraph(text) == opening
