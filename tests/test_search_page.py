"""/search/?q=: the search box, the results page, its visibility rules and bad queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from core.models import Status
from films.models import NameKind, Role, TitleKind
from search import engine
from tests.factories import (
    make_credit,
    make_film_title,
    make_person,
    make_person_name,
    make_publication,
    make_track,
    published_article,
    published_film,
    published_person,
    published_review,
    text_of,
)
from tests.test_html import Outline

pytestmark = pytest.mark.django_db


def results(client, query, prefix="", **params):
    response = client.get(f"{prefix}/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def shown(response):
    """(group heading, [result texts]) in page order."""
    return [
        (group.label, [str(result.object) for result in group.results])
        for group in response.context["groups"]
    ]


# ---------------------------------------------------------------------------
# The search box
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/press/", "/search/", "/search/?q=kim"])
def test_every_page_has_a_labelled_search_box_in_its_header(client, url):
    html = client.get(url).content.decode()
    header = re.search(r"<header class=\"site-header\">.*?</header>", html, re.S).group()
    assert '<form class="site-search" method="get" action="/search/" role="search"' in header
    assert '<label for="site-search-q" class="visually-hidden">Search the archive</label>' in header
    assert '<input type="search" id="site-search-q" name="q"' in header


def test_the_search_page_without_a_query_shows_the_form_only(client):
    response = client.get("/search/")
    html = response.content.decode()
    assert '<input type="search" id="search-q" name="q" value=""' in html
    assert "results for" not in html
    assert "There is a problem" not in html


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


@pytest.mark.usefixtures("seed")
class TestSeedRecord:
    @pytest.mark.parametrize("query", ["김태균", "Kim Tae Gyoon", "kim taegyun"])
    def test_the_director_is_the_first_result(self, client, query):
        html = results(client, query).content.decode()
        first = re.search(r'<ol class="item-list">\s*<li>.*?</li>', html, re.S).group()
        assert '<a href="/people/kim-tae-kyun/">Kim Tae-kyun</a>' in first

    def test_results_are_grouped_by_kind_with_their_counts(self, client):
        response = results(client, "crossing")
        assert [(label, len(rows)) for label, rows in shown(response)] == [
            ("Films", 1),
            ("Soundtrack", 1),
            ("Press", 6),
            ("Reviews", 1),
        ]
        text = text_of(response.content.decode())
        assert "9 results for “crossing”" in text
        assert "Films (1)" in text and "Press (6)" in text

    def test_the_matched_name_form_is_shown(self, client):
        html = results(client, "Kim Tae Gyoon").content.decode()
        assert '<p class="match">Matched “Kim Tae Gyoon”</p>' in html

    def test_no_matched_form_when_the_result_shows_it(self, client):
        html = results(client, "Kim Tae-kyun").content.decode()
        assert 'class="match"' not in html

    def test_an_article_shows_the_passage_that_matched(self, client):
        html = results(client, "Kim Tae Gyoon", kind="press").content.decode()
        # In the opening paragraph, which visitors may see.
        assert "directed by <mark>Kim Tae-gyun</mark> and starring Cha In-pyo" in html

    def test_a_match_where_visitors_may_not_see_shows_the_excerpt_instead(self, client):
        html = results(client, "Kim Tae Gyoon", kind="press").content.decode()
        # Found in the hidden part of an article held without a licence:
        # still found, but the result shows its excerpt, nothing marked.
        assert "/press/crossing-depicts-the-plight-of-north-korean-defectors/" in html
        assert "director <mark>Kim Tae-kyun</mark> and lead actor" not in html
        assert "director Kim Tae-kyun and lead actor" not in html

    def test_a_match_in_a_full_text_shows_its_passage(self, client):
        Article.objects.filter(slug="crossing-depicts-the-plight-of-north-korean-defectors").update(
            text_rights="full"
        )
        html = results(client, "Kim Tae Gyoon", kind="press").content.decode()
        assert "director <mark>Kim Tae-kyun</mark> and lead actor" in html

    def test_hangul_in_results_is_marked_korean(self, client):
        html = results(client, "인표").content.decode()
        assert '<span lang="ko">차인표</span>' in html

    def test_kind_keeps_one_kind_and_links_to_the_others(self, client):
        response = results(client, "crossing", kind="press")
        assert [label for label, _ in shown(response)] == ["Press"]
        html = response.content.decode()
        assert '<a href="?q=crossing">Everything (9)</a>' in html
        assert '<span aria-current="page">Press (6)</span>' in html
        assert '<a href="?q=crossing&amp;kind=films">Films (1)</a>' in html

    def test_a_character_links_to_the_cast_and_names_the_actor(self, client):
        text = text_of(results(client, "Juni").content.decode())
        assert "Characters (1) Juni Played by Shin Myung-chul in Crossing" in text

    def test_a_track_links_to_its_row_in_the_soundtrack(self, client):
        html = results(client, "따뜻하다").content.decode()
        assert 'href="/films/crossing/#track-3"' in html

    def test_nothing_found_says_so(self, client):
        text = text_of(results(client, "zzyzx").content.decode())
        assert "0 results for “zzyzx”" in text
        assert "Nothing in the archive matches." in text

    @pytest.mark.parametrize("language", ["en", "ko"])
    def test_results_page_is_structured_html(self, client, language):
        prefix = "" if language == "en" else f"/{language}"
        response = client.get(f"{prefix}/search/?q=crossing")
        outline = Outline()
        outline.feed(response.content.decode())
        assert outline.problems == []
        assert outline.headings.count(1) == 1
        assert len(outline.ids) == len(set(outline.ids))
        for previous, heading in zip(outline.headings, outline.headings[1:], strict=False):
            assert heading <= previous + 1

    def test_the_page_is_translated(self, client):
        html = results(client, "Kim Tae Gyoon", prefix="/ko").content.decode()
        assert "<h1>아카이브 검색</h1>" in html
        assert "인물" in html
        assert '“<span lang="en">Kim Tae Gyoon</span>”과(와) 일치' in html


@pytest.mark.parametrize(
    ("query", "matched"),
    [
        ("park chan-uk", "Park Chan-uk” (Revised Romanization"),
        ("Pak Chan-uk", "Pak Ch'an-uk” (McCune–Reischauer"),
        ("pak ch'an-uk", "Pak Ch'an-uk” (McCune–Reischauer"),
    ],
)
def test_a_name_entered_in_hangul_only_is_found_by_its_romanizations(client, query, matched):
    published_person(name="박찬욱")
    text = text_of(results(client, query).content.decode())
    assert "1 result for" in text
    assert f"Matched “{matched}, romanized from the Hangul)" in text


# ---------------------------------------------------------------------------
# Visibility
# ---------------------------------------------------------------------------


def test_a_draft_person_is_not_found_by_any_name_form(client):
    draft = make_person(name="Hidden Person")
    make_person_name(person=draft, name="Secret Spelling")
    assert results(client, "Hidden Person").context["total"] == 0
    assert results(client, "Secret Spelling").context["total"] == 0
    assert "Secret Spelling" not in results(client, "Secret").content.decode()


def test_a_person_scheduled_for_later_is_not_found_until_then(client):
    later = timezone.now() + datetime.timedelta(days=1)
    published_person(name="Scheduled Person", published_at=later)
    assert results(client, "Scheduled Person").context["total"] == 0


def test_publishing_by_update_shows_the_entry_at_once(client):
    person = make_person(name="Nam Koong Min")
    assert results(client, "Nam Koong Min").context["total"] == 0
    type(person).objects.filter(pk=person.pk).update(status=Status.PUBLISHED)
    assert results(client, "Nam Koong Min").context["total"] == 1


def test_a_draft_films_titles_tracks_and_characters_are_not_found(client):
    film = published_film(title="Visible Film", status=Status.DRAFT)
    make_film_title(film=film, title="Hidden Title", kind=TitleKind.ALTERNATIVE)
    make_track(film=film, title="Hidden Song")
    make_credit(film=film, person=published_person(), role=Role.ACTOR, character="Hidden Role")
    for query in ["Visible Film", "Hidden Title", "Hidden Song", "Hidden Role"]:
        assert results(client, query).context["total"] == 0, query


def test_a_character_of_a_draft_actor_is_not_found(client):
    make_credit(film=published_film(), person=make_person(), role=Role.ACTOR, character="Ghost")
    assert results(client, "Ghost").context["total"] == 0


def test_draft_articles_and_reviews_of_draft_films_are_not_found(client):
    published_article(title="Draft Article", status=Status.DRAFT)
    published_review(title="Review Of Draft", film=published_film(status=Status.DRAFT))
    assert results(client, "Draft Article").context["total"] == 0
    assert results(client, "Review Of Draft").context["total"] == 0


# ---------------------------------------------------------------------------
# Pagination and query counts
# ---------------------------------------------------------------------------


def make_people(count, name="Kim Tae"):
    people = [published_person(name=f"{name} {n:02d}") for n in range(count)]
    for person in people:
        make_person_name(person=person, name=person.name.upper(), kind=NameKind.PUBLISHED)
    return people


def test_results_are_paginated_twenty_a_page(client):
    make_people(25)
    first = results(client, "kim tae")
    assert len(first.context["page_obj"]) == 20
    assert first.context["total"] == 25
    second = results(client, "kim tae", page=2)
    assert [str(r.object) for r in second.context["page_obj"]] == [
        f"Kim Tae {n:02d}" for n in range(20, 25)
    ]
    assert 'href="?q=kim+tae&amp;page=1"' in second.content.decode()


def test_a_page_past_the_end_shows_the_last_with_a_message(client):
    make_people(3)
    text = text_of(results(client, "kim tae", page=9).content.decode())
    assert "There is no page 9: this is the last page, 1." in text


@pytest.mark.parametrize("count", [1, 30])
def test_search_query_count_does_not_grow_with_results(client, django_assert_num_queries, count):
    person = published_person(name="Kim Tae-kyun")
    make_person_name(person=person, name="KIM Tae Gyoon")
    film = published_film(title="Kim Tae-kyun Retrospective")
    make_credit(film=film, person=person, role=Role.ACTOR, character="Kim Tae-kyun")
    publication = make_publication(name="Kim Tae-kyun Weekly")
    for n in range(count):
        published_article(publication=publication, title=f"Kim Tae-kyun {n}")
    # 1. the matching entries  2. the number of results of each kind  3. the page:
    # the best entry of each result  4. films  5. people  6. characters with their
    # films and people  7. publications  8. articles with their publications (a
    # query per kind shown)
    with django_assert_num_queries(8):
        response = results(client, "kim tae gyoon")
    assert response.context["total"] == count + 4
    assert len(response.context["groups"]) == 5


def test_a_search_that_finds_nothing_runs_one_query(client, django_assert_num_queries):
    # the number of results of each kind
    with django_assert_num_queries(1):
        results(client, "zzyzx")


def test_a_common_word_reads_a_bounded_number_of_entries_and_says_so(client, monkeypatch):
    monkeypatch.setattr("search.engine.EVERY_KIND_LIMIT", 2)
    publication = make_publication(name="Weekly")
    for n in range(5):
        published_article(publication=publication, title=f"Report {n}", text="A defector spoke.")
    person = published_person(name="Defector Park")
    response = results(client, "defector")
    found = [result.object for group in response.context["groups"] for result in group.results]
    text = text_of(response.content.decode())
    # The one name is not crowded out by the many texts, which are read up to the limit
    # (and one more, to know there are more).
    assert found[0] == person
    assert len(found) == 1 + 3
    assert "More than 4 results for “defector”" in text
    assert "“defector” matches more than 2 entries" in text
    assert "There is a problem" not in text  # a notice, not an error
    assert response.status_code == 200


def newer_articles_titled(prefix, count=4):
    """`count` articles, newer than anything made before, titled `prefix` and a number."""
    publication = make_publication(name="Weekly")
    for n in range(count):
        published_article(publication=publication, title=f"{prefix} {n}", text="Rain.")


def found_objects(response):
    """The objects of a results page, in its order."""
    return [result.object for group in response.context["groups"] for result in group.results]


def test_a_common_words_many_titles_crowd_out_no_film_or_person(client, monkeypatch):
    """Titles of articles and reviews are in the names' columns too: a word in more of
    them than the search reads would leave out every film and person whose name holds
    it, all older entries. Those kinds' own matches are read as well."""
    monkeypatch.setattr("search.engine.EVERY_KIND_LIMIT", 2)
    film = published_film(title="Defector River", slug="defector-river")
    person = published_person(name="Defector Park")
    newer_articles_titled("Defector")
    response = results(client, "defector")
    found = found_objects(response)
    assert found[:2] == [film, person]
    # The articles: the newest read (the limit, and one more to know there are more).
    assert {article.title for article in found[2:]} == {"Defector 1", "Defector 2", "Defector 3"}
    kinds = {label: count for _slug, label, count, _chosen in response.context["kinds"]}
    assert kinds["Films"] == 1 and kinds["People"] == 1
    text = text_of(response.content.decode())
    assert "“defector” matches more than 2 entries" in text
    # Only a search that read up to its limit reads the other kinds' own (one query).
    reads = []
    last_matching = engine.last_matching

    def counted(*args, **kwargs):
        reads.append(kwargs.get("named", False))
        return last_matching(*args, **kwargs)

    monkeypatch.setattr("search.engine.last_matching", counted)
    results(client, "river")
    assert reads == [False]
    reads.clear()
    results(client, "defector")
    assert reads == [False, True]


def test_a_short_common_word_crowds_out_no_film_either(client, monkeypatch):
    """Two letters no trigram holds: PostgreSQL walks each named kind for them
    (search.engine.named_kinds_walked())."""
    monkeypatch.setattr("search.engine.EVERY_KIND_LIMIT", 2)
    film = published_film(title="John Road", slug="john-road")
    newer_articles_titled("Ohio")
    response = results(client, "oh")
    assert found_objects(response)[0] == film
    kinds = {label: count for _slug, label, count, _chosen in response.context["kinds"]}
    assert kinds["Films"] == 1


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's text index")
def test_without_the_text_index_the_named_kinds_are_read_from_the_entries(client, monkeypatch):
    """A SQLite built without FTS5's trigram tokenizer has no tables nor their indexes:
    the named kinds' read names none of them."""
    monkeypatch.setattr("search.engine.EVERY_KIND_LIMIT", 2)
    monkeypatch.setattr("search.text_index.available", lambda connection: False)
    film = published_film(title="Defector River", slug="defector-river")
    newer_articles_titled("Defector")
    with CaptureQueriesContext(connection) as context:
        response = results(client, "defector")
    assert found_objects(response)[0] == film
    assert not any("INDEXED BY" in query["sql"] for query in context.captured_queries)


@pytest.mark.parametrize("common", [1, 10_000], ids=["newest-first", "by-index"])
def test_a_common_word_finds_the_same_entries_either_way(monkeypatch, common):
    """PostgreSQL reads a word most texts hold from the newest texts on, a rarer one
    through its trigram index (search.engine.common_words_newest_first): the same rows."""
    from search.engine import first_matching_ids
    from search.models import Kind

    monkeypatch.setattr("search.engine.COMMON", common)
    publication = make_publication(name="Weekly")
    articles = [
        published_article(
            publication=publication,
            title=f"Report {n}",
            text="A defector spoke." if n % 3 else "Nothing to see.",
        )
        for n in range(12)
    ]
    holding = [article.pk for article in articles if "defector" in article.text]
    assert first_matching_ids(Kind.ARTICLE, "defector", 5) == (holding[::-1][:5], True)
    assert first_matching_ids(Kind.ARTICLE, "defector", 100) == (holding[::-1], False)
    assert first_matching_ids(Kind.ARTICLE, "zzyzx", 5) == ([], False)


def test_a_word_under_the_limit_is_counted_in_full(client, monkeypatch):
    monkeypatch.setattr("search.engine.EVERY_KIND_LIMIT", 5)
    publication = make_publication(name="Weekly")
    for n in range(5):
        published_article(publication=publication, title=f"Report {n}", text="A defector spoke.")
    text = text_of(results(client, "defector").content.decode())
    assert "5 results for “defector”" in text
    assert "More than" not in text
    assert "matches more than" not in text


# ---------------------------------------------------------------------------
# Bad queries: never an error, always escaped
# ---------------------------------------------------------------------------

BAD_QUERIES = [
    ("", ""),
    ("   ", ""),
    ("x" * 5000, "Ensure this value has at most 200 characters (it has 5000)."),
    ("김" * 5000, "Ensure this value has at most 200 characters (it has 5000)."),
    ("\x00", "Null characters are not allowed."),
    ("kim\x00tae", "Null characters are not allowed."),
    ("'; DROP TABLE search_searchentry; --", ""),
    ('<script>alert("x")</script>', ""),
    ("%_\\", "Type a name, a title or a word to search for."),
    ("!!!", "Type a name, a title or a word to search for."),
    ("😀🎬", "Type a name, a title or a word to search for."),
    ("ㄱㄴㄷ", ""),
]


@pytest.mark.parametrize(("query", "message"), BAD_QUERIES, ids=range(len(BAD_QUERIES)))
def test_a_bad_query_gets_the_page_never_an_error(client, query, message):
    published_person(name="Kim Tae-kyun")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert message in text_of(html)


def test_the_query_is_escaped_wherever_it_is_shown(client):
    html = results(client, '<b onmouseover="x">Kim</b>').content.decode()
    assert "<b onmouseover" not in html
    assert "&lt;b onmouseover=&quot;x&quot;&gt;Kim&lt;/b&gt;" in html


@pytest.mark.parametrize("kind", ["nope", "%00", "1"])
def test_an_unknown_kind_is_reported_and_everything_shown(client, kind):
    published_person(name="Kim Tae-kyun")
    response = results(client, "kim", kind=kind)
    assert "There is no kind of result with this name." in text_of(response.content.decode())
    assert response.context["total"] == 1


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999999999999999999"])
def test_a_bad_page_number_is_reported(client, page):
    published_person(name="Kim Tae-kyun")
    response = results(client, "kim", page=page)
    assert len(response.context["page_obj"]) == 1
    assert response.context["problems"]


def test_a_kind_chosen_past_the_limit_reads_its_own_matches(client, monkeypatch):
    """The archive's newest matches are three articles: the review that also matches,
    older, is past the limit of every kind's search, and the kind's own search finds it."""
    monkeypatch.setattr("search.engine.EVERY_KIND_LIMIT", 2)
    monkeypatch.setattr("search.engine.MATCH_LIMIT", 3)
    review = published_review(title="Defector on film", text="A review.")
    publication = make_publication(name="Weekly")
    for n in range(3):
        published_article(publication=publication, title=f"Defector {n}", text="News.")
    with CaptureQueriesContext(connection) as every_kind:
        everything = results(client, "defector")
    assert everything.context["more"]
    assert "“defector” matches more than 2 entries" in text_of(everything.content.decode())
    assert "reviews" not in [slug for slug, *_ in everything.context["kinds"]]
    with CaptureQueriesContext(connection) as one_kind:
        response = results(client, "defector", kind="reviews")
    # Two more: the kind's own matches, and which of them visitors may see.
    assert len(one_kind.captured_queries) == len(every_kind.captured_queries) + 2
    found = [result.object for group in response.context["groups"] for result in group.results]
    assert found == [review]
    assert response.context["total"] == 1
    assert not response.context["more"]
    # "Everything" counts the search of every kind, as that tab shows it.
    assert response.context["everything"] == everything.context["everything"]
    # A kind's own search reads up to MATCH_LIMIT of its matches, more than the search
    # of every kind does: the three articles, and no notice.
    press = results(client, "defector", kind="press")
    assert press.context["total"] == 3 and not press.context["more"]
    assert "matches more than" not in text_of(press.content.decode())
