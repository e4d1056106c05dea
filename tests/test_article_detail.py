"""/press/<slug>/: one article with its citation, full text and what it mentions."""

import re

import pytest

from articles.models import Article
from tests.factories import (
    make_document,
    published_article,
    published_film,
    published_person,
    text_of,
)

pytestmark = pytest.mark.django_db

CHOSUN_APRIL = "/press/nkorean-refugees-film-strikes-chord-at-us-screening/"


def citation(html):
    return text_of(re.search(r'<section class="citation".*?</section>', html, re.S).group())


@pytest.mark.usefixtures("seed")
class TestSeedRecord:
    def test_citation_block_gives_publication_date_byline_and_provenance(self, client):
        html = client.get("/press/crossing-depicts-the-plight-of-north-korean-defectors/")
        text = citation(html.content.decode())
        assert "Publication The Korea Herald" in text
        assert "Date March 19, 2008" in text
        assert "Byline By Yang Sung-jin (insight@heraldm.com), image from yahoo.kr" in text
        assert "Authors Yang Sung-jin" in text
        assert "Original address Not recorded" in text
        assert "Language English" in text
        assert "Found in [movie 2008] Crossing 크로싱 › Post 8 (Forum post)" in text
        assert "Provenance Reposted in the thread without a 'Source:' line" in text

    def test_citation_gives_the_source_line_word_for_word(self, client):
        html = client.get(CHOSUN_APRIL).content.decode()
        assert "Source line, as reposted" in html
        assert "Source : http://english.chosun.com/w21data/html/new...0804300013.html" in html

    def test_seed_text_held_without_licence_shows_its_opening_paragraph(self, client):
        html = client.get(CHOSUN_APRIL).content.decode()
        prose = re.search(r'<div class="prose" lang="en">(.*?)</div>', html, re.S).group(1)
        assert prose.count("<p>") == 1
        assert prose.startswith("<p>On Monday afternoon")
        assert "An excerpt: the archive may not show the whole text." in html
        assert "No licence or permission on record" in html

    def test_full_text_is_in_paragraphs_when_its_rights_allow(self, client):
        Article.objects.filter(slug=CHOSUN_APRIL.split("/")[-2]).update(text_rights="full")
        html = client.get(CHOSUN_APRIL).content.decode()
        prose = re.search(r'<div class="prose" lang="en">(.*?)</div>', html, re.S).group(1)
        assert prose.count("<p>") == 7
        assert prose.startswith("<p>On Monday afternoon")
        assert "An excerpt" not in html

    def test_article_links_the_films_and_people_it_mentions(self, client):
        html = client.get("/press/crossing-screens-at-us-library-of-congress/").content.decode()
        mentions = re.search(r'<section class="mentions".*?</section>', html, re.S).group()
        for url in ["/films/crossing/", "/films/hanbando/", "/people/cha-in-pyo/"]:
            assert f'href="{url}"' in mentions
        assert '<span lang="ko">차인표</span>' in mentions


def test_curator_text_is_escaped_and_split_on_blank_lines(client):
    article = published_article(
        text="First <b>bold</b> line\nsame paragraph\n\nSecond & last", text_rights="full"
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<p>First &lt;b&gt;bold&lt;/b&gt; line<br>same paragraph</p>" in html
    assert "<p>Second &amp; last</p>" in html
    assert "<b>bold</b>" not in html


def test_byline_and_source_line_are_escaped(client):
    article = published_article(byline="<script>x</script>", source_line='"><img>')
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<img>" not in html


def test_original_address_is_a_link(client):
    article = published_article(url="https://example.org/story")
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<a href="https://example.org/story" rel="external">' in html


def test_via_document_links_to_its_address(client):
    thread = make_document(title="A thread", url="https://forum.example/t/1")
    article = published_article(via=thread)
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<a href="https://forum.example/t/1">A thread</a>' in html


def test_korean_article_is_marked_korean(client):
    article = published_article(title="크로싱 개봉", language="ko", text="본문")
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<h1 lang="ko">크로싱 개봉</h1>' in html
    assert '<div class="prose" lang="ko">' in html


def test_unknown_article_is_404(client):
    assert client.get("/press/no-such-article/").status_code == 404


@pytest.mark.parametrize("count", [1, 8])
def test_article_page_query_count_does_not_grow_with_mentions(
    client, django_assert_num_queries, count
):
    article = published_article()
    for _ in range(count):
        article.films.add(published_film())
        article.people.add(published_person())
        article.authors.add(published_person())
    # 1. the article with its publication and where it was found
    # 2. its authors  3. the films it mentions  4. the people it mentions
    with django_assert_num_queries(4):
        response = client.get(article.get_absolute_url())
    assert len(response.context["article"].visible_people) == count
