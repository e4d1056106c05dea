"""
Atom and RSS feeds of press coverage, read with feedparser: all press, one
film's, one publication's, any selection of /press/; advertised on the
pages that show the same articles.
"""

import datetime
import re

import feedparser
import pytest

from tests.factories import (
    make_article,
    make_film,
    make_publication,
    published_article,
    published_film,
)

pytestmark = pytest.mark.django_db

KOFIC = "crossing-screens-at-us-library-of-congress"
CHOSUN_APRIL = "nkorean-refugees-film-strikes-chord-at-us-screening"
CHOSUN_MARCH = "daring-movie-tells-plight-of-nkorean-refugees"


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def slugs(feed):
    return [re.search(r"/press/([^/]+)/$", entry.link).group(1) for entry in feed.entries]


def listed(client, query):
    return [article.slug for article in client.get(f"/press/{query}").context["page_obj"]]


def alternate_links(html):
    return re.findall(r'<link rel="alternate" type="([^"]+)" href="([^"]+)" title="([^"]+)">', html)


@pytest.mark.usefixtures("seed")
class TestSeedRecord:
    def test_atom_feed_of_all_press_newest_first(self, client):
        feed = parse(client, "/press/feed.atom")
        assert feed.version == "atom10"
        assert feed.feed.title == "Press coverage · Crossing Archive"
        assert feed.feed.link == "http://testserver/press/"
        assert slugs(feed) == listed(client, "")
        entry = feed.entries[0]
        assert entry.title == "Crossing Screens at US Library of Congress"
        assert entry.id == f"http://testserver/press/{KOFIC}/"
        assert entry.published_parsed[:3] == (2008, 5, 5)  # midnight in Seoul, in UTC
        assert entry.published == "2008-05-06T00:00:00+09:00"
        assert entry.author == "Nigel D'Sa (KOFIC), image from news.yahoo.kr"
        assert [tag.term for tag in entry.tags] == ["KOFIC"]
        assert entry.summary.startswith("Upcoming South Korean feature Crossing")

    def test_rss_feed_has_the_same_articles(self, client):
        feed = parse(client, "/press/feed.rss")
        assert feed.version == "rss20"
        assert slugs(feed) == slugs(parse(client, "/press/feed.atom"))

    @pytest.mark.parametrize(
        "query",
        [
            "?source=chosun-ilbo",
            "?source=chosun-ilbo&source=kofic",
            "?date_after=2008-03-01&date_before=2008-03-31",
            "?date_after=2008-03-19&date_before=2008-03-19",
            "?film=hanbando",
            "?language=ko",
            "?q=library+of+congress",
            "?source=chosun-ilbo&date_after=2008-04-01",
        ],
    )
    def test_feed_honours_the_filters_of_press(self, client, query):
        for url in (f"/press/feed.atom{query}", f"/press/feed.rss{query}"):
            assert slugs(parse(client, url)) == listed(client, query)

    def test_feed_of_one_publication_is_titled_by_it(self, client):
        feed = parse(client, "/press/feed.atom?source=chosun-ilbo")
        assert feed.feed.title == "Press coverage from The Chosun Ilbo · Crossing Archive"
        assert feed.feed.link == "http://testserver/press/?source=chosun-ilbo"
        self_link = next(link.href for link in feed.feed.links if link.rel == "self")
        assert self_link == "http://testserver/press/feed.atom?source=chosun-ilbo"
        assert slugs(feed) == [CHOSUN_APRIL, CHOSUN_MARCH]

    def test_film_feed(self, client):
        feed = parse(client, "/films/crossing/press.atom")
        assert feed.feed.title == "Press about Crossing · Crossing Archive"
        assert feed.feed.link == "http://testserver/films/crossing/"
        assert slugs(feed) == listed(client, "?film=crossing")
        assert slugs(parse(client, "/films/hanbando/press.rss")) == [KOFIC]

    def test_film_feed_takes_the_other_filters_too(self, client):
        feed = parse(client, "/films/crossing/press.atom?source=chosun-ilbo")
        assert slugs(feed) == [CHOSUN_APRIL, CHOSUN_MARCH]
        assert feed.feed.title == "Press about Crossing from The Chosun Ilbo · Crossing Archive"

    def test_press_page_advertises_the_feeds_of_its_filters(self, client):
        html = client.get("/press/?source=kofic&date_after=2008-01-01&page=1").content.decode()
        assert alternate_links(html) == [
            (
                "application/atom+xml",
                "/press/feed.atom?source=kofic&amp;date_after=2008-01-01",
                "Press coverage from KOFIC · Crossing Archive (Atom)",
            ),
            (
                "application/rss+xml",
                "/press/feed.rss?source=kofic&amp;date_after=2008-01-01",
                "Press coverage from KOFIC · Crossing Archive (RSS)",
            ),
        ]

    def test_press_page_leaves_unusable_filters_out_of_its_feed_links(self, client):
        html = client.get("/press/?source=kofic&date_before=2008-02-30").content.decode()
        (atom, _rss) = alternate_links(html)
        assert atom[1] == "/press/feed.atom?source=kofic"

    def test_unfiltered_press_page_advertises_all_press(self, client):
        html = client.get("/press/").content.decode()
        assert [link[1] for link in alternate_links(html)] == [
            "/press/feed.atom",
            "/press/feed.rss",
        ]

    def test_film_page_advertises_its_feeds(self, client):
        html = client.get("/films/crossing/").content.decode()
        assert alternate_links(html) == [
            ("application/atom+xml", "/films/crossing/press.atom", "Press about Crossing (Atom)"),
            ("application/rss+xml", "/films/crossing/press.rss", "Press about Crossing (RSS)"),
        ]
        assert 'href="/films/crossing/press.atom" type="application/atom+xml"' in html


@pytest.mark.parametrize(
    "query",
    [
        "?source=nope",
        "?date_after=2008-13-01",
        "?film=no-such-film",
        "?language=xx",
        "?date_after=2008-05-01&date_before=2008-01-01",
    ],
)
def test_bad_filter_is_a_400_that_says_why(client, query):
    urls = [f"/press/feed.atom{query}"]
    if "film=" not in query:  # a film feed's film is the one in its address
        urls.append(f"/films/{published_film().slug}/press.rss{query}")
    for url in urls:
        response = client.get(url)
        assert response.status_code == 400
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert "cannot be used" in response.content.decode()


def test_press_page_with_contradicting_dates_advertises_no_feed(client):
    html = client.get("/press/?date_after=2008-05-01&date_before=2008-01-01").content.decode()
    assert alternate_links(html) == []


def test_feed_of_a_draft_film_is_a_404(client):
    film = make_film()
    assert client.get(f"/films/{film.slug}/press.atom").status_code == 404


def test_feeds_leave_out_drafts_and_scheduled_articles(client):
    film = published_film()
    shown = published_article(title="Shown")
    draft = make_article(title="Draft")
    scheduled = published_article(
        title="Scheduled", published_at=datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)
    )
    for article in (shown, draft, scheduled):
        article.films.add(film)
    for url in ("/press/feed.atom", "/press/feed.rss", f"/films/{film.slug}/press.atom"):
        assert [entry.title for entry in parse(client, url).entries] == ["Shown"]


def test_feed_holds_the_newest_fifty(client):
    publication = make_publication()
    for n in range(55):
        published_article(
            publication=publication, date=datetime.date(2008, 1, 1) + datetime.timedelta(days=n)
        )
    feed = parse(client, "/press/feed.atom")
    assert len(feed.entries) == 50
    assert feed.entries[0].published.startswith("2008-02-24")


@pytest.mark.parametrize("count", [1, 30])
def test_feed_query_count_does_not_grow_with_articles(client, django_assert_num_queries, count):
    film = published_film()
    publication = make_publication()
    for _ in range(count):
        published_article(publication=publication).films.add(film)
    # 1. the source asked for  2. the articles with their publications
    with django_assert_num_queries(2):
        client.get(f"/press/feed.atom?source={publication.slug}")
    # 1. the film  2. the film again, as the filter checks it  3. the ids of its
    # articles  4. the articles
    with django_assert_num_queries(4):
        response = client.get(f"/films/{film.slug}/press.rss")
    assert len(feedparser.parse(response.content).entries) == count


def test_feed_has_one_language_whoever_asks(client):
    # One address, one document: a shared cache may keep it.
    published_article()
    response = client.get("/press/feed.atom", headers={"accept-language": "ko"})
    assert feedparser.parse(response.content).feed.title == "Press coverage · Crossing Archive"
    assert "Accept-Language" not in response.get("Vary", "")


def test_summary_is_text_not_markup(client):
    published_article(title="<b>Bold</b> & co", text="<script>alert(1)</script> & <i>more</i>")
    (entry,) = parse(client, "/press/feed.atom").entries
    assert entry.title == "<b>Bold</b> & co"
    # HTML-escaped, so a reader shows the characters instead of running markup.
    assert entry.summary == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;i&gt;more&lt;/i&gt;"
