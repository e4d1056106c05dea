"""
What a query matches, and in what order: the site's search (the SQL of
search/engine.py) run over a few records built for each case. CI runs it on
SQLite and on PostgreSQL, so both answer every case alike. The seed record's
own table is tests/test_search.py.

A record is written as a label: a person's display name ("Kim Tae-kyun"), a
film title ("film:크로싱") or an article's running text ("text:..."); an
article's title and publication fold to nothing, so only its text answers.
"""

import re
import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from crossing_archive.lib.search import Score, Terms
from search import engine, text_index
from search.engine import Search, first_matching_ids
from search.models import Kind, SearchEntry
from tests.factories import (
    make_publication,
    published_article,
    published_film,
    published_person,
    published_review,
)
from tests.test_name_keys import SAME_PERSON, SURNAME_VARIANTS

pytestmark = pytest.mark.django_db

ARTICLE = (
    "The film, starring Cha In-pyo and directed by Kim Tae-kyun, premiered at the "
    "Library of Congress. 배우 차인표는 말했다. Yi Eun-ju wrote the review."
)
TEXT = f"text:{ARTICLE}"


def make_records(labels):
    """The records the labels describe, published; {(kind, pk): label}."""
    made = {}
    for label in labels:
        prefix, _, rest = label.partition(":")
        if prefix == "film":
            made[Kind.FILM, published_film(title=rest).pk] = label
        elif prefix == "text":
            # Title and publication fold to nothing: only the text is indexed.
            article = published_article(
                title="—", text=rest, publication=make_publication(name="—")
            )
            made[Kind.ARTICLE, article.pk] = label
        else:
            made[Kind.PERSON, published_person(name=label).pk] = label
    return made


def hits(query, made):
    """The labels of what the query finds, best first (anything else by kind and id)."""
    return [
        made.get((result.kind, result.object.pk), f"{result.kind}:{result.object.pk}")
        for result in Search(query)[0:100]
    ]


# ---------------------------------------------------------------------------
# One person, every spelling: each finds every other, and the Hangul.
# ---------------------------------------------------------------------------

SPELLINGS = [
    (spelling, [hangul, *forms])
    for hangul, forms in SAME_PERSON.items()
    for spelling in [hangul, *forms]
]


@pytest.mark.parametrize(("query", "spellings"), SPELLINGS, ids=[q for q, _ in SPELLINGS])
def test_every_spelling_of_a_name_finds_the_person_under_every_other(query, spellings):
    made = make_records(spellings)
    assert sorted(hits(query, made)) == sorted(spellings)


@pytest.mark.parametrize("variants", SURNAME_VARIANTS, ids=lambda v: v[0])
def test_each_spelling_of_a_surname_finds_the_others(variants):
    names = [f"{surname} Min-ho" for surname in variants]
    made = make_records(names)
    for name in names:
        assert sorted(hits(name, made)) == sorted(names), name


# ---------------------------------------------------------------------------
# A table of cases: (query, the records, what it finds best first). A record
# the query does not find is one it must not find.
# ---------------------------------------------------------------------------

CASES = [
    # Different people stay apart, both ways.
    ("Kim Tae-kyun", ["Kim Chul-yong"], []),
    ("Kim Chul-yong", ["Kim Tae-kyun"], []),
    ("Cha In-pyo", ["Shin Myung-chul"], []),
    ("Shin Myung-chul", ["Cha In-pyo"], []),
    ("Lee Yoo-jin", ["Lee Eun-joo"], []),
    ("Lee Eun-joo", ["Lee Yoo-jin"], []),
    ("Kim Sung-min", ["Kim Sun-yong"], []),
    ("Kim Sun-yong", ["Kim Sung-min"], []),
    ("Patrick Cheh", ["Peter Beck"], []),
    ("Peter Beck", ["Patrick Cheh"], []),
    ("김태균", ["김태성", "Kim Tae-seong"], []),
    ("김태성", ["김태균", "Kim Tae-kyun"], []),
    ("Kim Tae-seong", ["김태균"], []),
    ("차인표", ["Shin Myung-chul"], []),
    ("Park Chan-wook", ["Peter Beck"], []),
    ("zzyzx", ["film:Crossing"], []),
    # A part finds the whole, not the other way round.
    ("Tae-kyun", ["Kim Tae-kyun"], ["Kim Tae-kyun"]),
    ("Kim Tae-kyun", ["Tae-kyun"], []),
    ("taegyun", ["Kim Tae-kyun"], ["Kim Tae-kyun"]),
    ("Tae-gyoon", ["김태균"], ["김태균"]),
    ("태균", ["Kim Tae-kyun"], ["Kim Tae-kyun"]),
    ("Myung", ["Shin Myeong-cheol"], ["Shin Myeong-cheol"]),
    ("myŏng", ["Shin Myung-chul"], ["Shin Myung-chul"]),
    ("Eun-joo", ["이은주"], ["이은주"]),
    ("PARK", ["Parker Posey"], ["Parker Posey"]),
    # A key of three letters or fewer finds only a key it starts: "Lee" is li,
    # which is inside Patrick Cheh's key (patlikce) but starts none of it.
    ("Lee", ["Yi Eun-ju", "Patrick Cheh"], ["Yi Eun-ju"]),
    ("kim", ["김태균", "Pak Gim-ho"], ["김태균"]),  # kim inside pakkimo, folded pakgimho
    ("Gim", ["Kim Tae-kyun"], ["Kim Tae-kyun"]),
    ("Yi", ["Lee Eun-joo", "Kim Ri-seul"], ["Lee Eun-joo"]),  # li inside kimlisol
    ("yoo", ["Kim Tae-kyun"], []),
    # Hangul: one or two syllables inside a name or title, the plain reading of
    # a word and the romanizations the archive generates for it.
    ("김", ["김태균", "Kim Tae-kyun", "Pak Gim-ho"], ["김태균", "Kim Tae-kyun"]),
    ("균", ["김태균"], ["김태균"]),
    ("인표", ["차인표", "Cha In-pyo", "In-pyo Cha"], ["In-pyo Cha", "차인표", "Cha In-pyo"]),
    ("크로", ["film:크로싱"], ["film:크로싱"]),
    ("크로싱", ["film:크로", "film:Keurosing"], ["film:Keurosing"]),
    ("keurosing", ["film:크로싱"], ["film:크로싱"]),
    ("k'ŭroshing", ["film:크로싱"], ["film:크로싱"]),
    ("Silla", ["film:신라"], ["film:신라"]),
    ("신라", ["film:Shilla"], ["film:Shilla"]),
    ("Seoul", ["film:서울"], ["film:서울"]),
    (unicodedata.normalize("NFD", "김태균"), ["Kim Tae-kyun"], ["Kim Tae-kyun"]),
    ("태균", [unicodedata.normalize("NFD", "김태균")], [unicodedata.normalize("NFD", "김태균")]),
    # Best first: the same text, then the same key, then a text or key the query
    # starts, then a text or key the query lies inside.
    (
        "Kim Tae Gyoon",
        [
            "Park Kim Tae-kyun",
            "Akim Tae Gyoon",
            "Gim Tae-gyun Jr",
            "Kim Tae Gyoon Jr",
            "Kim Tae-kyun",
            "KIM tae-gyoon",
        ],
        [
            "KIM tae-gyoon",
            "Kim Tae-kyun",
            "Kim Tae Gyoon Jr",
            "Gim Tae-gyun Jr",
            "Akim Tae Gyoon",
            "Park Kim Tae-kyun",
        ],
    ),
    ("Kim", ["Gim Tae-gyun", "Kim Tae-kyun"], ["Kim Tae-kyun", "Gim Tae-gyun"]),
    # Names come before running text that names them.
    ("Cha In-pyo", [TEXT, "Cha In-pyo"], ["Cha In-pyo", TEXT]),
    # Running text: a name in any spelling, words as written.
    ("Kim Tae Gyoon", [TEXT], [TEXT]),
    ("kim taegyun", [TEXT], [TEXT]),
    ("김태균", [TEXT], [TEXT]),
    ("Cha In Pyo", [TEXT], [TEXT]),
    ("차인표", [TEXT], [TEXT]),
    ("인표", [TEXT], [TEXT]),
    ("library of congress", [TEXT], [TEXT]),
    ("LibraryOfCongress", [TEXT], [TEXT]),
    ("premiered", [TEXT], [TEXT]),
    ("Lee Eun-joo", [TEXT], [TEXT]),
    ("Rhee Eun Ju", [TEXT], [TEXT]),
    ("Lee Eun-joo", ["text:wrote Yi Eun-ju said"], ["text:wrote Yi Eun-ju said"]),
    # ... and not by chance.
    ("daring", [TEXT], []),  # its key (talink) is inside "starring"; one word is as written
    ("김", [TEXT], []),  # one syllable is not looked for in running text
    ("ab", ["text:abc abd"], []),  # nor one or two letters
    ("Kim Tae-seong", [TEXT], []),
    ("Shin Myung-chul", [TEXT], []),
    # A query with nothing to search for finds nothing.
    ("", ["Kim Tae-kyun", TEXT], []),
    ("   ", ["Kim Tae-kyun"], []),
    ("-'", ["Ch'a In-p'yo"], []),
    ("\x00", ["Kim Tae-kyun"], []),
    ("%_\\", ["Kim Tae-kyun", "film:100%_\\"], []),
    ("!!!", ["Kim Tae-kyun"], []),
    ("…", ["Kim Tae-kyun"], []),
]


@pytest.mark.parametrize(("query", "records", "expected"), CASES, ids=range(len(CASES)))
def test_query_finds_exactly_its_hits_best_first(query, records, expected):
    made = make_records(records)
    assert hits(query, made) == expected


SCORES = [
    ("Kim Tae Gyoon", "Kim Tae Gyoon", Score.EXACT),
    ("KIM tae-gyoon", "Kim Tae Gyoon", Score.EXACT),
    ("Sin Myong-chol", "Sin Myŏng-ch'ŏl", Score.EXACT),
    ("Kim Tae Gyoon", "Kim Tae-kyun", Score.SAME_KEY),
    ("김태균", "Kim Tae-kyun", Score.SAME_KEY),
    ("Kim Tae-kyun", "김태균", Score.SAME_KEY),
    ("Kim", "Kim Tae-kyun", Score.PREFIX),
    ("Gim", "Kim Tae-kyun", Score.KEY_PREFIX),
    ("Yi", "Lee Eun-joo", Score.KEY_PREFIX),
    ("인표", "차인표", Score.INSIDE),
    ("taekyun", "Kim Tae-kyun", Score.INSIDE),
    ("Tae-gyoon", "Kim Tae-kyun", Score.KEY_INSIDE),
    ("Myoung-cheol", "신명철", Score.KEY_INSIDE),
    ("Kim Tae Gyoon", TEXT, Score.TEXT),
]


@pytest.mark.parametrize(("query", "record", "expected"), SCORES, ids=range(len(SCORES)))
def test_a_match_is_graded_exact_spellings_before_variants(query, record, expected):
    make_records([record])
    [result] = Search(query)[0:10]
    assert result.score == expected


HOSTILE = [
    ("a" * 5000, []),
    ("김" * 5000, []),
    ("'; DROP TABLE x;--", []),
    ("<script>alert(1)</script>", []),
    ("😀🎬", []),
    ("\ud800", []),
    ("ㄱㄴㄷ", []),
    (" \t\n", []),
    ("e\u0301\u0301\u0301", ["Kim Tae-kyun"]),  # the letter e; too short for running text
    ("a\x00b", []),
]


@pytest.mark.parametrize(("query", "expected"), HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_query_never_raises(query, expected):
    made = make_records(["Kim Tae-kyun", TEXT])
    assert hits(query, made) == expected


@pytest.mark.parametrize(
    ("query", "indexed"),
    [("Kim Tae Gyoon", True), ("김태균", True), ("defector", True), ("김태", True), ("Oh", False)],
)
def test_sqlite_reads_the_matches_from_its_text_index_when_the_needles_are_long_enough(
    query, indexed
):
    """The tables above run through the text index on SQLite (needles of three
    characters or more; 김태's name key is one) and through a reading of the entries
    otherwise: both answer alike."""
    published_person(name="Kim Tae-kyun")
    with CaptureQueriesContext(connection) as context:
        Search(query).count()
    used = any(
        table in query["sql"] for table in text_index.TABLES for query in context.captured_queries
    )
    if connection.vendor == "sqlite":
        assert used == indexed
    else:  # PostgreSQL: its trigram indexes serve the plain conditions
        assert not used
        assert not text_index.available(connection)


HANGUL_RECORDS = [
    "김태균",
    "Cha In-pyo",
    "film:크로싱",
    "text:탈북자들의 이야기를 담은 영화 크로싱",
    "text:A story of defectors, in English only",
]


@pytest.mark.parametrize("query", ["김", "태균", "크로", "싱", "탈북", "북자", "영화", "없음"])
def test_one_or_two_hangul_syllables_are_found_by_their_grams_as_by_reading_every_entry(
    query, monkeypatch
):
    """A query of one or two syllables has no trigram: SQLite reads the entries its grams
    table names (PostgreSQL, its array index of the same grams), and finds what reading
    every entry finds."""
    made = make_records(HANGUL_RECORDS)
    with CaptureQueriesContext(connection) as context:
        found = hits(query, made)
    grams_read = any(text_index.GRAMS in q["sql"] for q in context.captured_queries)
    monkeypatch.setattr(text_index, "available", lambda connection: False)
    assert hits(query, made) == found
    assert bool(found) == (query != "없음")
    assert grams_read == text_index.can_create(connection)


@pytest.mark.parametrize("query", ["Oh", "yi", "x", "oh dal"])
def test_a_needle_too_short_for_the_tables_is_found_as_by_reading_every_entry(query, monkeypatch):
    """On SQLite a needle of one or two letters is read from an index of the names' and
    titles' columns rather than from every entry's row: the same entries either way."""
    made = make_records(["Oh Dal-su", "Yi Eun-ju", "Max Cox", "film:Oxford", TEXT])
    found = hits(query, made)
    monkeypatch.setattr(text_index, "available", lambda connection: False)
    assert hits(query, made) == found
    assert found


@pytest.mark.skipif(
    not text_index.can_create(connection), reason="SQLite's trigram tables (this library)"
)
@pytest.mark.parametrize(
    ("kind", "index"), [(None, "SHORT_NEEDLES"), (Kind.REVIEW, "SHORT_NEEDLES_OF_KIND")]
)
def test_sqlite_reads_a_short_needle_from_the_index_of_the_names_columns(kind, index):
    """Not every entry's row with its running text: the index that holds the columns, by
    id, or by kind and id for a search of one kind."""
    sql, params = text_index.entries_sql([("folded", "oh"), ("keys", " o")], 100, kind)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert plan.count(f"COVERING INDEX {getattr(text_index, index)} ") == 2, plan


@pytest.mark.skipif(
    not text_index.can_create(connection), reason="SQLite's trigram tables (this library)"
)
def test_the_text_index_made_again_as_a_table_rebuild_would_answers_as_before():
    """A migration that rebuilds the entries' table runs DROP before and CREATE after:
    CREATE must remake all that the search reads, the entry index included."""
    published_person(name="Kim Tae-kyun")
    published_person(name="Cha In-pyo", name_hangul="차인표")
    published_person(name="Oh Dal-su")
    hangul_before, short_before = Search("인표").count(), Search("Oh").count()
    before = Search("Kim Tae Gyoon").count()
    with connection.cursor() as cursor:
        for statement in text_index.DROP:
            cursor.execute(statement)
        # Django's copy of the table keeps only the indexes the model declares.
        cursor.execute(f"DROP INDEX IF EXISTS {text_index.ENTRY_INDEX}")
        cursor.execute(f"DROP INDEX IF EXISTS {text_index.SHORT_NEEDLES}")
        for statement in text_index.CREATE:
            cursor.execute(statement)
    assert before == 1 and hangul_before == 1 and short_before == 1
    assert Search("Kim Tae Gyoon").count() == before
    assert Search("인표").count() == hangul_before
    assert Search("Oh").count() == short_before


def named_table_holds(phrase):
    """The entry ids SQLite's table of the named kinds (migration 0012) lists for a phrase."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {text_index.NAMED} WHERE folded MATCH %s ORDER BY rowid",
            [f'"{phrase}"'],
        )
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.skipif(
    not text_index.can_create(connection), reason="SQLite's trigram tables (this library)"
)
def test_sqlite_keeps_the_named_kinds_table_in_step_with_their_entries():
    """Its triggers add a person's, film's or publication's entries, change them with a
    rename and take them out with a delete; an article's or review's never go in."""

    def entries(obj, kind, word="defector"):
        return sorted(
            SearchEntry.objects.filter(
                kind=kind, object_id=obj.pk, folded__contains=word
            ).values_list("pk", flat=True)
        )

    person = published_person(name="Defector Park")
    film = published_film(title="Defector River")
    published_article(title="Defector", text="A defector spoke.")
    published_review(title="Defector")
    assert named_table_holds("defector") == sorted(
        entries(person, Kind.PERSON) + entries(film, Kind.FILM)
    )
    assert entries(person, Kind.PERSON)
    person.name = "Border Park"
    person.save()
    assert named_table_holds("defector") == entries(film, Kind.FILM)
    assert named_table_holds("border park") == entries(person, Kind.PERSON, "border park")
    film.delete()
    assert named_table_holds("defector") == []


@pytest.mark.skipif(
    not text_index.can_create(connection), reason="SQLite's trigram tables (this library)"
)
def test_sqlite_reads_the_named_kinds_of_a_long_needle_from_their_own_table():
    """The named kinds' read takes a needle of three characters or more from their own
    table, a shorter one from the pass over the index of the names' columns."""
    sql, params = text_index.named_entries_sql([("folded", "defector"), ("keys", " o")], 100)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "VIRTUAL TABLE INDEX" in plan and text_index.NAMED in plan, plan
    assert f"COVERING INDEX {text_index.SHORT_NEEDLES_OF_KIND} " in plan, plan


def test_a_search_read_a_page_at_a_time_gives_the_results_of_the_whole():
    """A page reads the entries of its own kinds only (Search.kinds_between()): the
    pages, at every size, are the whole list cut, whichever kinds they straddle."""
    for n in range(3):
        published_film(title=f"River {n}")
        published_person(name=f"River Kim {n}")
    publication = make_publication(name="Weekly")
    for n in range(4):
        published_article(publication=publication, title=f"River report {n}", text="Rain.")
    published_review(title="River review")
    whole = [(result.kind, result.object.pk) for result in Search("river")[0:100]]
    assert len(whole) == 3 + 3 + 4 + 1
    for size in (1, 2, 3, 5):
        paged = [
            (result.kind, result.object.pk)
            for start in range(0, len(whole), size)
            for result in Search("river")[start : start + size]
        ]
        assert paged == whole, size
    kind_only = Search("river", Kind.ARTICLE)
    assert [(r.kind, r.object.pk) for r in kind_only[1:3]] == [
        pair for pair in whole if pair[0] == Kind.ARTICLE
    ][1:3]


@pytest.mark.skipif(
    not text_index.can_create(connection), reason="SQLite's trigram tables (this library)"
)
@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("defector", 2),
        ("Kim Tae Gyoon", 1),
        ("탈북", 1),
        ("크로싱", 1),
        ("Oh Dal-su", 1),
        ("Oh", 0),  # too short to be looked for in running text
        ("zzyzx", 0),
    ],
)
def test_a_search_of_a_small_kind_reads_its_own_entries_and_finds_what_the_tables_find(
    query, found, monkeypatch
):
    """A list of reviews' `q` reads the reviews' entries when they are few, rather than
    every kind's matches from the tables: the same reviews either way, newest first."""
    publication = make_publication(name="Weekly")
    texts = [
        "A defector's story: Kim Tae-kyun films 탈북자들의 이야기, 크로싱.",
        "Nothing of note.",
        "Oh Dal-su as a defector.",
    ]
    for text in texts:
        published_review(title="Review", text=text, publication=publication)
        published_article(title="Report", text=text, publication=publication)
    sql, _ = text_index.entries_sql([("body_folded", "defector")], 10, Kind.REVIEW)
    assert "kind_size" in sql  # both ways, the kind's size deciding
    walked = [first_matching_ids(Kind.REVIEW, query, limit) for limit in (100, 1)]
    monkeypatch.setattr(text_index, "SMALL_KIND", 0)  # the tables, always
    assert [first_matching_ids(Kind.REVIEW, query, limit) for limit in (100, 1)] == walked
    assert len(walked[0][0]) == found
    # Read up to a limit of one, the newest, and whether there were more.
    assert walked[1] == (walked[0][0][:1], found > 1)


def test_a_search_among_a_lists_rows_finds_every_match_among_them():
    """first_matching_ids(among=): every match of a list's narrowed rows, however many
    newer ones the whole archive holds; past the limit, the archive's newest."""
    weekly, daily = make_publication(name="Weekly"), make_publication(name="Daily")
    older = [published_article(publication=weekly, text="A defector spoke.") for _ in range(3)]
    published_article(publication=weekly, text="Nothing to see.")
    newer = [published_article(publication=daily, text="A defector spoke.") for _ in range(3)]
    weeklys = Article.objects.filter(publication=weekly)
    # Among the list's four rows: the three that hold the word.
    expected = [article.pk for article in older[::-1]]
    assert first_matching_ids(Kind.ARTICLE, "defector", 4, among=weeklys) == (expected, False)
    assert first_matching_ids(Kind.ARTICLE, "zzyzx", 4, among=weeklys) == ([], False)
    # Four rows to look among, past a limit of three: the newest three matches of all.
    newest = [article.pk for article in newer[::-1]]
    assert first_matching_ids(Kind.ARTICLE, "defector", 3, among=weeklys) == (newest, True)
    # No limit (an export): every match, which the list's filters keep theirs of.
    every = [article.pk for article in [*older, *newer][::-1]]
    assert first_matching_ids(Kind.ARTICLE, "defector", None, among=weeklys) == (every, False)


@pytest.mark.parametrize(("query", "titled"), [("defector", "Defector"), ("Kim Tae Gyoon", "")])
def test_a_lists_search_led_by_running_text_finds_what_every_needle_read_whole_finds(
    query, titled, monkeypatch
):
    """A list keeps its first `limit` objects: when the needle in running text (one entry
    an object) reads `limit` + 1, the other needles read nothing older than its oldest,
    and the list is the same as when every needle reads its own newest."""
    older_titles = [
        published_article(title=f"{titled or 'Kim Tae-kyun'} abroad", text="Nothing.")
        for _ in range(3)
    ]
    texts = [published_article(title="Report", text=f"On {query}, today.") for _ in range(4)]
    newest_title = published_article(title=f"{titled or 'Kim Tae-kyun'} at home", text="Plain.")
    terms = engine.Terms.parse(query)
    led = {limit: first_matching_ids(Kind.ARTICLE, query, limit) for limit in (1, 3, 4, 5, 100)}
    capped_entries, _ = engine.last_matching(terms, 3, Kind.ARTICLE, first_objects=True)
    monkeypatch.setattr(engine, "leading_needle", lambda found: None)
    unled = {limit: first_matching_ids(Kind.ARTICLE, query, limit) for limit in led}
    assert led == unled
    newest_first = [a.pk for a in [newest_title, *texts[::-1], *older_titles[::-1]]]
    assert led[3] == (newest_first[:3], True)
    assert led[100] == (newest_first, False)
    # Four texts read past the limit of three: the older titles were not read.
    read = engine.object_ids(capped_entries)
    assert newest_title.pk in read and not set(read) & {a.pk for a in older_titles}


def test_a_search_of_a_kind_without_running_text_does_not_look_in_running_text():
    """People have no running text: their search asks for no needle in it."""
    person = published_person(name="Defector Kim")
    published_article(title="Report", text="A defector spoke.")
    with CaptureQueriesContext(connection) as context:
        found = first_matching_ids(Kind.PERSON, "defector", 10)
    assert found == ([person.pk], False)
    assert not any("body_folded" in q["sql"] for q in context.captured_queries)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's storage of rows")
def test_postgresql_keeps_an_entrys_running_text_whole_and_uncompressed():
    """A search that walks the newest entries reads every text it passes: decompressing
    them took a third to a half of its time (search migration 0010)."""
    text = " ".join(f"Defector number {n} spoke to the press." for n in range(80))
    article = published_article(text=text)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_compression(body_folded), pg_column_compression(body_keys), "
            "pg_column_size(body_folded) >= octet_length(body_folded) "
            "FROM search_searchentry WHERE body AND object_id = %s AND kind = %s",
            [article.pk, Kind.ARTICLE],
        )
        assert cursor.fetchall() == [(None, None, True)]
    assert first_matching_ids(Kind.ARTICLE, "number 79 spoke", 10) == ([article.pk], False)


NAMED_INDEXES = {
    "searchentry_named_folded_trgm",
    "searchentry_named_keys_trgm",
    "searchentry_named_grams",
}
OTHER_INDEXES = [
    "searchentry_folded_trgm",
    "searchentry_keys_trgm",
    "searchentry_grams",
    "searchentry_newest_of_kind",
    "searchentry_object",
]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's partial indexes")
@pytest.mark.parametrize("query", ["defector", "김"])
def test_postgresql_reads_the_named_kinds_from_their_own_indexes(query):
    """The named kinds' read (search of every kind, a common word) finds its entries in
    the indexes of those kinds alone (search migration 0011), never among every
    article's title: its condition on the kind must be the indexes' own."""
    published_film(title="Defector River 김", slug="defector-river")
    statements = []

    def kept(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(kept):
        engine.last_matching(Terms.parse(query), 10, named=True)
    (sql, params), *others = statements
    assert not others
    with connection.cursor() as cursor:
        # The plan it may have, whatever the table's size: the other indexes that could
        # serve it are dropped (in the test's transaction), and reading every row is the
        # last resort.
        for other in OTHER_INDEXES:
            cursor.execute(f"DROP INDEX {other}")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # Which of them the planner takes depends on the table's statistics; with a kind
    # condition other than theirs, none would do, and every row would be read.
    used = set(re.findall(r"Index Scan on (\w+)", plan))
    assert used and used <= NAMED_INDEXES, plan
    assert "Seq Scan" not in plan, plan
