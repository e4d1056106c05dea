"""
The search engine on the seed record: a table of queries and every hit they
must give, in order (a hit not listed is one the query must not give). CI runs
it on SQLite and on PostgreSQL, so the two databases give the same results.
Cases that need records of their own are in tests/test_search_matching.py.
"""

import pytest

from search.engine import Search
from search.models import Kind

pytestmark = pytest.mark.django_db

ALIASES = {
    "crossing-depicts-the-plight-of-north-korean-defectors": "HERALD",
    "belated-release-of-cha-in-pyos-crossing": "KBS",
    "north-korean-defector-crisis-of-2002-hits-movie-screens-in-crossing": "JOONGANG",
    "daring-movie-tells-plight-of-nkorean-refugees": "CHOSUN_MARCH",
    "nkorean-refugees-film-strikes-chord-at-us-screening": "CHOSUN_APRIL",
    "crossing-screens-at-us-library-of-congress": "KOFIC",
}

DIRECTOR = "person:kim-tae-kyun"
# Every article and the review name the director, in one spelling or another.
DIRECTOR_IN_TEXT = [
    "article:KOFIC",
    "article:HERALD",
    "article:CHOSUN_MARCH",
    "article:JOONGANG",
    "article:KBS",
    "review:crossing-review",
]
# The articles that spell the director "Kim Tae-gyun".
TAE_GYUN_AS_WRITTEN = ["article:JOONGANG", "article:KBS"]
CHILD_ACTOR = "person:shin-myung-chul"
CHILD_IN_TEXT = [
    "article:KOFIC",
    "article:CHOSUN_APRIL",
    "article:HERALD",
    "article:JOONGANG",
    "article:KBS",
]
STAR = "person:cha-in-pyo"
STAR_IN_TEXT = [
    "article:KBS",
    "article:KOFIC",
    "article:CHOSUN_APRIL",
    "article:HERALD",
    "article:CHOSUN_MARCH",
    "article:JOONGANG",
    "review:crossing-review",
]
# By name, as results of one grade are ordered.
KIMS_BY_NAME = [
    "person:kim-chul-yong",
    "person:kim-sung-min",
    "person:kim-sun-yong",
    "person:kim-tae-kyun",
    "person:kim-tae-seong",
    "person:kim-woo-jung",
]
KIMS = [
    "person:kim-tae-kyun",
    "person:kim-tae-seong",
    "person:kim-chul-yong",
    "person:kim-sung-min",
    "person:kim-sun-yong",
    "person:kim-woo-jung",
]

# (query, every hit in order)
TABLE = [
    # The director, in every spelling the seed documents use, and more.
    ("김태균", [DIRECTOR, *DIRECTOR_IN_TEXT]),
    ("Kim Tae-kyun", [DIRECTOR, *DIRECTOR_IN_TEXT]),
    ("Kim Tae-gyun", [DIRECTOR, *DIRECTOR_IN_TEXT]),
    ("Kim Tae Gyoon", [DIRECTOR, *DIRECTOR_IN_TEXT]),
    ("KIM Tae-kyun", [DIRECTOR, *DIRECTOR_IN_TEXT]),
    ("kim taegyun", [DIRECTOR, *DIRECTOR_IN_TEXT]),
    ("KIM TAE GYOON", [DIRECTOR, *DIRECTOR_IN_TEXT]),
    ("Kim T'ae-gyun", [DIRECTOR, *DIRECTOR_IN_TEXT]),  # MR, generated from the Hangul
    ("Gim Tae-gyun", [DIRECTOR, *DIRECTOR_IN_TEXT]),  # strict RR
    ("Tae-gyoon", [DIRECTOR, *DIRECTOR_IN_TEXT]),
    ("태균", [DIRECTOR, *DIRECTOR_IN_TEXT]),  # two syllables
    ("Kim T'ae-kyun", [DIRECTOR, *DIRECTOR_IN_TEXT]),
    ("Gim Tae-kyun", [DIRECTOR, *DIRECTOR_IN_TEXT]),
    # A part of the name: its start, written apart or together, and a part inside.
    ("Kim Tae", ["person:kim-tae-kyun", "person:kim-tae-seong", *DIRECTOR_IN_TEXT]),
    ("kimtae", ["person:kim-tae-kyun", "person:kim-tae-seong", *DIRECTOR_IN_TEXT]),
    ("김태", ["person:kim-tae-kyun", "person:kim-tae-seong"]),  # two syllables: names only
    ("균", [DIRECTOR]),  # one syllable
    # "yoo" is a short key: it finds keys it starts (Yong-soo), and text that holds it
    # as written (Gyoon, Yoo-jin), not every key with "yo" inside.
    (
        "yoo",
        [DIRECTOR, "person:lee-yoo-jin", "character:Yong-soo's wife", "article:CHOSUN_APRIL"],
    ),
    # One word is looked for in running text as written.
    ("kimtaegyun", [DIRECTOR, *TAE_GYUN_AS_WRITTEN]),
    ("taegyun", [DIRECTOR, *TAE_GYUN_AS_WRITTEN]),
    # The child actor.
    ("신명철", [CHILD_ACTOR, *CHILD_IN_TEXT]),
    ("Shin Myung-chul", [CHILD_ACTOR, *CHILD_IN_TEXT]),
    ("Shin Myeong-cheol", [CHILD_ACTOR, *CHILD_IN_TEXT]),
    ("Shin Myoung-cheol", [CHILD_ACTOR, *CHILD_IN_TEXT]),
    ("SHIN Myoung-cheol", [CHILD_ACTOR, *CHILD_IN_TEXT]),
    ("Shin Myung Chul", [CHILD_ACTOR, *CHILD_IN_TEXT]),
    ("Sin Myŏng-ch'ŏl", [CHILD_ACTOR, *CHILD_IN_TEXT]),  # MR with its diacritics
    ("sin myong chol", [CHILD_ACTOR, *CHILD_IN_TEXT]),  # and without
    ("Sin Myeong-cheol", [CHILD_ACTOR, *CHILD_IN_TEXT]),  # strict RR
    ("Myeong-cheol", [CHILD_ACTOR, *CHILD_IN_TEXT]),
    ("신명", [CHILD_ACTOR, *CHILD_IN_TEXT]),  # two syllables; their key in running text
    ("명철", [CHILD_ACTOR, *CHILD_IN_TEXT]),
    # The star.
    ("차인표", [STAR, *STAR_IN_TEXT]),
    ("Cha In-pyo", [STAR, *STAR_IN_TEXT]),
    ("cha inpyo", [STAR, *STAR_IN_TEXT]),
    ("Ch'a In-p'yo", [STAR, *STAR_IN_TEXT]),
    ("인표", [STAR, "article:KBS"]),  # two syllables inside a name; the KBS title's key
    # The composer, entered in Hangul with its RR and MR forms.
    ("김태성", ["person:kim-tae-seong"]),
    ("Kim Tae-seong", ["person:kim-tae-seong"]),
    ("Kim T'ae-sŏng", ["person:kim-tae-seong"]),
    ("kim tae sung", ["person:kim-tae-seong"]),
    # Surnames: every spelling of the surname, exact spellings first.
    (
        "Lee",
        ["person:lee-eun-joo", "person:lee-myung-ju", "person:lee-yoo-jin", "article:CHOSUN_APRIL"],
    ),
    ("Yi Eun-ju", ["person:lee-eun-joo"]),
    ("Rhee Eun Ju", ["person:lee-eun-joo"]),
    ("I Ŭn-ju", ["person:lee-eun-joo"]),  # MR
    ("Lee Eun-joo", ["person:lee-eun-joo"]),
    ("leeeunjoo", ["person:lee-eun-joo"]),
    ("Eun-joo", ["person:lee-eun-joo"]),
    # A surname alone, in any spelling: a short key finds only names it starts, so
    # not Patrick Cheh (patlikce holds li).
    ("Yi", ["person:lee-eun-joo", "person:lee-myung-ju", "person:lee-yoo-jin"]),
    ("Rhee", ["person:lee-eun-joo", "person:lee-myung-ju", "person:lee-yoo-jin"]),
    ("Gim", [*KIMS_BY_NAME, "character:Kim Yong-soo"]),  # names only: "gim" is in no text
    (
        "KIM",
        [*KIMS_BY_NAME, "character:Kim Yong-soo", *DIRECTOR_IN_TEXT[:1], "article:CHOSUN_APRIL"]
        + DIRECTOR_IN_TEXT[1:],
    ),
    # A Hangul syllable is also read: 태 (tae) starts Dennis Halpin's key (tenis...).
    (
        "태",
        [
            "film:temptation-of-wolves",
            "person:dennis-halpin",
            "person:kim-tae-kyun",
            "person:kim-tae-seong",
            "track:14",
        ],
    ),
    ("Patrick Cheh", ["person:patrick-cheh", "article:CHOSUN_APRIL"]),
    ("김", KIMS + ["character:Kim Yong-soo"]),  # one syllable: names only
    # Films, by every title form.
    ("크로싱", ["film:crossing"]),
    ("크로", ["film:crossing"]),  # two syllables
    ("Keurosing", ["film:crossing"]),
    ("K'ŭroshing", ["film:crossing"]),  # MR, generated from the Hangul
    ("Keuro", ["film:crossing"]),  # the start of the generated RR
    ("크", ["film:crossing", "track:11", "track:19", "publication:kofic"]),  # keu: ko...
    (
        "Crossing",
        [
            "film:crossing",
            "track:16",
            *DIRECTOR_IN_TEXT[:2],
            "article:JOONGANG",
            "article:KBS",
            "article:CHOSUN_APRIL",
            "article:CHOSUN_MARCH",
            "review:crossing-review",
        ],
    ),
    ("whasan", ["film:volcano-high", "article:CHOSUN_MARCH"]),
    ("Hanbando", ["film:hanbando", "article:KOFIC"]),
    # Characters.
    ("Juni", ["character:Juni", "article:CHOSUN_APRIL"]),
    ("Kim Yong-soo", ["character:Kim Yong-soo", "article:CHOSUN_APRIL"]),
    (
        "Yong-soo",
        [
            "character:Yong-soo's wife",
            "character:Kim Yong-soo",
            "article:KOFIC",
            "article:CHOSUN_APRIL",
            "article:HERALD",
            "review:crossing-review",
        ],
    ),
    # Tracks: the title as published, in Hangul, hanja or Latin, and its romanization.
    ("따뜻하다", ["track:3"]),
    ("Ttatteuthada", ["track:3"]),  # RR, generated from the Hangul
    ("ttat", ["track:3"]),
    ("Ttattŭthada", ["track:3"]),  # MR, generated from the Hangul
    ("도강", ["track:8"]),
    ("togang", ["track:8"]),
    ("渡江", ["track:8"]),
    ("e minor", ["track:22"]),
    ("MAIN THEME", ["track:2"]),
    # Publications and articles.
    ("KBS World", ["publication:kbs-world"]),
    ("chosun", ["publication:chosun-ilbo", "article:CHOSUN_MARCH"]),
    ("library of congress", ["article:KOFIC", "article:CHOSUN_APRIL"]),
    ("LibraryOfCongress", ["article:KOFIC", "article:CHOSUN_APRIL"]),
    ("daring", ["article:CHOSUN_MARCH"]),
    ("defectors", ["article:HERALD", "article:KOFIC", "article:CHOSUN_MARCH", "article:JOONGANG"]),
    ("emblematic", ["review:crossing-review"]),
    ("refugees", ["article:CHOSUN_APRIL", "article:CHOSUN_MARCH", "article:KOFIC", "article:KBS"]),
    # Queries that must find nothing.
    ("zzyzx", []),
    ("Godzilla", []),
    ("Park Chan-wook", []),
    ("봉준호", []),
    ("'; DROP TABLE films_film; --", []),
    ("<script>alert(1)</script>", []),
    ("%", []),
    ("_", []),
    ("\\", []),
]


def identify(result):
    obj = result.object
    kind = Kind(result.kind)
    if kind == Kind.CHARACTER:
        return f"character:{obj.character}"
    if kind == Kind.TRACK:
        return f"track:{obj.position}"
    if kind == Kind.ARTICLE:
        return f"article:{ALIASES.get(obj.slug, obj.slug)}"
    return f"{kind.name.lower()}:{obj.slug}"


def hits(query):
    return [identify(result) for result in Search(query)[0:100]]


def test_the_table_has_ninety_queries_or_more():
    assert len(TABLE) >= 90
    assert len({query for query, _ in TABLE}) == len(TABLE)


@pytest.mark.parametrize(("query", "expected"), TABLE, ids=[query for query, _ in TABLE])
def test_query_finds_exactly_its_hits_best_first(module_seed, query, expected):
    assert hits(query) == expected


@pytest.mark.parametrize("query", ["김태균", "Kim Tae Gyoon", "kim taegyun"])
def test_the_director_comes_first(module_seed, query):
    first = Search(query)[0:1][0]
    assert first.object.slug == "kim-tae-kyun"
