"""
A query's terms and the stored fields of a text (crossing_archive/lib/search.py), text keys
and excerpts, without a database. What a query matches is tested by running the search:
tests/test_search_matching.py and tests/test_search.py.
"""

import json
import random
import unicodedata

import pytest
from django.conf import settings

from crossing_archive.lib import hangul
from crossing_archive.lib.names import fold, fold_ascii, name_key, text_key, text_tokens
from crossing_archive.lib.search import (
    MAX_QUERY_LENGTH,
    Terms,
    fold_text,
    hangul_grams,
    locate,
    name_fields,
)

SEED_TEXTS = [
    row["fields"]["text"]
    for row in json.loads((settings.BASE_DIR / "fixtures" / "crossing.json").read_text())
    if "text" in row["fields"]
]


# ---------------------------------------------------------------------------
# Terms
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", None, "   ", "-'", "\x00", "%_\\", "!!!", "…"])
def test_a_query_with_nothing_to_search_for_is_empty(query):
    terms = Terms.parse(query)
    assert not terms
    assert terms.keys == ()


def test_a_query_keeps_its_folded_form_and_its_keys():
    terms = Terms.parse("Kim Tae Gyoon")
    assert terms.folded == "kimtaegyoon"
    assert terms.keys == (name_key("Kim Tae-kyun"),)


def test_a_hangul_query_is_keyed_by_its_romanizations_not_its_hangul():
    terms = Terms.parse("김태균")
    assert terms.folded == "김태균"
    assert name_key("Kim Tae-gyun") in terms.keys
    assert all(key.isascii() for key in terms.keys)


def test_a_long_query_is_cut_and_nul_bytes_dropped():
    assert len(Terms.parse("a" * 5000).query) == MAX_QUERY_LENGTH
    assert Terms.parse("Kim\x00 Tae").folded == "kimtae"


@pytest.mark.parametrize(
    ("query", "gram"),
    [("인표", "인표"), ("김", "김"), ("크로싱", None), ("ab", None), ("e로", None)],
)
def test_one_or_two_hangul_syllables_are_looked_up_as_a_gram(query, gram):
    assert Terms.parse(query).hangul_gram == gram


# ---------------------------------------------------------------------------
# Names and titles
# ---------------------------------------------------------------------------


def test_name_fields_hold_the_hangul_once_and_latin_keys():
    fields = name_fields("김태균")
    assert fields.folded == "김태균"
    assert not hangul.has_syllables(fields.keys)
    assert name_key("Kim Tae-gyun") in fields.keys.split()
    assert fields.grams.split() == ["균", "김", "김태", "태", "태균"]


def test_hangul_grams_take_syllables_and_pairs_only():
    assert hangul_grams("e로ab크로") == "로 크 크로"
    assert hangul_grams("abc") == ""
    assert hangul_grams("크로싱", sizes=(2,)) == "로싱 크로"


# ---------------------------------------------------------------------------
# Running text
# ---------------------------------------------------------------------------

ARTICLE = (
    "The film, starring Cha In-pyo and directed by Kim Tae-kyun, premiered at the "
    "Library of Congress. 배우 차인표는 말했다. Yi Eun-ju wrote the review."
)


def test_a_capitalised_surname_before_a_capitalised_word_takes_its_surname_key():
    assert name_key("Lee Eun-joo") in text_key("wrote Yi Eun-ju said")
    assert text_key("I Think") == name_key("Lee Think")
    assert text_key("I think") == text_key("i think")  # "I" stays a word


def test_hangul_in_running_text_is_keyed_syllable_by_syllable():
    assert name_key("Cha In-pyo") in text_key("배우 차인표는 말했다")


def test_text_tokens_give_offsets_in_the_text():
    text = "Director Kim Tae-kyun."
    assert [text[start:end] for start, end, _ in text_tokens(text)] == [
        "Director",
        "Kim",
        "Tae",
        "kyun",
    ]


def test_fold_text_is_fold_for_the_seed_texts():
    assert len(SEED_TEXTS) >= 7
    for text in SEED_TEXTS:
        assert fold_text(text) == fold(text)


def test_fold_text_is_fold_for_random_text():
    alphabet = "aBcß é\u0301ŏ'’-–.,\n\t김태균ㄱ渡江 ﬁ™½①"
    rng = random.Random(2008)
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert fold_text(text) == fold(text), repr(text)
        decomposed = unicodedata.normalize("NFD", text)
        assert fold_text(decomposed) == fold(decomposed), repr(decomposed)


# ---------------------------------------------------------------------------
# Excerpts
# ---------------------------------------------------------------------------


def test_locate_points_to_the_spelling_in_the_text():
    excerpt = locate(Terms.parse("Kim Tae Gyoon"), ARTICLE, width=20)
    assert excerpt.match == "Kim Tae-kyun"
    assert excerpt.before == "…and directed by "
    assert excerpt.after.startswith(", premiered")


def test_locate_finds_words_across_spaces_and_hangul_inside_words():
    assert locate(Terms.parse("LIBRARY OF CONGRESS"), ARTICLE).match == "Library of Congress"
    assert locate(Terms.parse("인표"), ARTICLE).match == "차인표는"


def test_locate_gives_none_when_the_text_does_not_answer():
    assert locate(Terms.parse("zzyzx"), ARTICLE) is None
    assert locate(Terms.parse(""), ARTICLE) is None


def test_fold_ascii_is_fold_for_every_ascii_character():
    text = "".join(map(chr, range(128)))
    assert fold_ascii(text) == fold(text)
