"""
Spelling-tolerant keys for names written in Hangul, RR, MR or customary forms. What a query
finds with them is tested by running the search: tests/test_search_matching.py.
"""

import itertools
import unicodedata

import pytest

from crossing_archive.lib.names import fold, name_key, name_keys

SAME_PERSON = {
    "김태균": [
        "Kim Tae-kyun",
        "Kim Tae-gyun",
        "Kim Tae Gyoon",
        "KIM Tae-kyun",
        "kim taegyun",
        "Kim T'ae-gyun",
        "Gim Tae-gyun",
        "kimtaegyun",
    ],
    "신명철": [
        "Shin Myung-chul",
        "Shin Myeong-cheol",
        "Shin Myoung-cheol",
        "SHIN Myoung-cheol",
        "Shin Myung Chul",
        "Sin Myŏng-ch'ŏl",
        "sin myong chol",
        "Shin Myong-ch’ol",
    ],
    "차인표": ["Cha In-pyo", "Cha In Pyo", "CHA In-pyo", "Ch'a In-p'yo", "cha inpyo"],
    "김태성": ["Kim Tae-seong", "Kim T'ae-sŏng", "kim tae sung"],
    "이은주": ["Lee Eun-joo", "Yi Eun-ju", "Rhee Eun Ju", "I Ŭn-ju", "leeeunjoo"],
    "박찬욱": ["Park Chan-wook", "Bak Chan-uk", "Pak Ch'an-uk"],
    "노태우": ["Roh Tae-woo", "No Tae-u", "Noh Tae Woo", "No T'ae-u"],
    "류승범": ["Ryu Seung-beom", "Yoo Seung-bum", "Yu Sŭng-bŏm"],
    "봉준호": ["Bong Joon-ho", "Bong Jun-ho", "Pong Chun-ho"],
}
SAME_PERSON_CASES = [(hangul, form) for hangul, forms in SAME_PERSON.items() for form in forms]

DIFFERENT = [
    ("Kim Tae-kyun", "Kim Chul-yong"),
    ("Cha In-pyo", "Shin Myung-chul"),
    ("Lee Yoo-jin", "Lee Eun-joo"),
    ("Kim Sung-min", "Kim Sun-yong"),
    ("Patrick Cheh", "Peter Beck"),
    ("김태균", "김태성"),
    ("김태균", "Kim Tae-seong"),
    ("차인표", "Shin Myung-chul"),
]

SURNAME_VARIANTS = [
    ["Lee", "Yi", "Rhee", "Rhie", "I", "Ri"],
    ["Park", "Pak", "Bak"],
    ["Choi", "Choe", "Chwe"],
    ["Kim", "Gim"],
    ["Jung", "Jeong", "Chung", "Chong"],
    ["Kang", "Gang"],
    ["Cho", "Jo"],
    ["Yoon", "Yun"],
    ["Lim", "Im", "Rim"],
    ["Oh", "O"],
    ["Shin", "Sin"],
    ["Kwon", "Gwon"],
    ["Ahn", "An"],
    ["Yoo", "Yu", "Ryu", "Rhyu"],
    ["Suh", "Seo", "So"],
    ["Noh", "No", "Roh"],
    ["Woo", "U"],
    ["Koo", "Gu", "Ku"],
    ["Moon", "Mun"],
]

HOSTILE = [
    "\x00",
    "a\x00b",
    "a" * 5000,
    "김" * 5000,
    "'; DROP TABLE x;--",
    "<script>alert(1)</script>",
    "😀🎬",
    "\ud800",
    "%_\\",
    "ㄱㄴㄷ",
    " \t\n",
    "e\u0301\u0301\u0301",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sin Myŏng-ch'ŏl", "sinmyongchol"),
        ("KIM Tae-kyun", "kimtaekyun"),
        ("Café Noir", "cafenoir"),
        ("O’Neil ʼʻ‘`", "oneil"),
        ("a.b-c d,e/f(g)", "abcdefg"),
        ("김태균", "김태균"),
        ("김 태균!", "김태균"),
        (unicodedata.normalize("NFD", "김태균"), "김태균"),
        ("Straße", "strasse"),
        ("ﬁlm", "film"),
        ("2008", "2008"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(("hangul", "form"), SAME_PERSON_CASES)
def test_spellings_of_one_person_share_a_key(hangul, form):
    assert name_key(form) == name_key(hangul)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_people_differ(a, b):
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize("variants", SURNAME_VARIANTS, ids=lambda v: v[0])
def test_surname_variants_share_a_key(variants):
    keys = {name_key(f"{surname} Min-ho") for surname in variants}
    assert len(keys) == 1
    assert len({name_key(surname) for surname in variants}) == 1


def test_hangul_keys_cover_rr_mr_and_the_hangul_itself():
    keys = name_keys("김태균")
    assert "김태균" in keys
    assert name_key("Kim Tae-gyun") in keys
    assert name_key("Kim T'ae-gyun") in keys
    assert name_key("김태균") in keys


def test_hangul_word_keys_include_the_plain_reading():
    assert name_key("silla") in name_keys("신라")
    assert name_key("keurosing") in name_keys("크로싱")


def test_decomposed_hangul_is_read_as_syllables():
    decomposed = unicodedata.normalize("NFD", "김태균")
    assert name_key(decomposed) == name_key("Kim Tae-gyun")
    assert name_keys(decomposed) == name_keys("김태균")


def test_latin_keys_include_the_key():
    assert name_key("Shin Myung-chul") in name_keys("Shin Myung-chul")


def test_empty_text_has_no_keys():
    assert name_key("") == ""
    assert name_keys("") == set()
    assert name_keys("--") == set()


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_never_raises(text):
    folded = fold(text)
    assert isinstance(folded, str)
    assert isinstance(name_key(text), str)
    assert isinstance(name_keys(text), set)


def test_keys_are_stable_across_repeated_calls():
    for a, b in itertools.combinations(["김태균", "Kim Tae-kyun", "Gim Tae-gyun"], 2):
        assert name_key(a) == name_key(b) == name_key(a)
