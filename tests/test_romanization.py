"""Revised Romanization and McCune-Reischauer of Hangul words and personal names."""

import pytest

from crossing_archive.lib.hangul import (
    romanize_mr,
    romanize_name_mr,
    romanize_name_rr,
    romanize_rr,
    split_name,
)


@pytest.mark.parametrize(
    ("hangul", "expected"),
    [
        ("한국", "hanguk"),
        ("서울", "seoul"),
        ("부산", "busan"),
        ("크로싱", "keurosing"),
        ("대한민국", "daehanminguk"),
        ("압구정", "apgujeong"),  # tensing is not written
        ("학교", "hakgyo"),
        ("낙동강", "nakdonggang"),
        # liaison, ㅎ before a vowel, palatalization
        ("닭이", "dalgi"),
        ("있어", "isseo"),
        ("좋아", "joa"),
        ("많아", "mana"),
        ("싫어", "sireo"),
        ("같이", "gachi"),
        ("해돋이", "haedoji"),
        # nasalization
        ("백마", "baengma"),
        ("국물", "gungmul"),
        ("읽는", "ingneun"),
        # the ㄹ rules
        ("신라", "silla"),
        ("설날", "seollal"),
        ("별내", "byeollae"),
        ("종로", "jongno"),
        ("강릉", "gangneung"),
        ("독립", "dongnip"),
        ("왕십리", "wangsimni"),
        # aspiration with ㅎ
        ("좋고", "joko"),
        ("놓는", "nonneun"),
        ("묵호", "mukho"),  # a noun keeps its ㅎ
        ("집현전", "jiphyeonjeon"),
    ],
)
def test_romanize_rr_words(hangul, expected):
    assert romanize_rr(hangul) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("Crossing", "Crossing"),
        ("크로싱 (2008)", "keurosing (2008)"),
        ("영화 크로싱", "yeonghwa keurosing"),  # no sound change across a space
        ("ㄱㄴ", "ㄱㄴ"),  # lone jamo are not syllables
        ("東京 서울", "東京 seoul"),
    ],
)
def test_romanize_rr_passes_other_characters_through(text, expected):
    assert romanize_rr(text) == expected


@pytest.mark.parametrize(
    ("hangul", "expected"),
    [
        ("한국", "han'guk"),
        ("서울", "sŏul"),
        ("부산", "pusan"),
        ("대구", "taegu"),
        ("광주", "kwangju"),
        ("인천", "inch'ŏn"),
        ("평양", "p'yŏngyang"),
        ("금강산", "kŭmgangsan"),
        ("학교", "hakkyo"),
        ("김치", "kimch'i"),
        ("시", "shi"),
        ("셔", "shŏ"),
        ("신라", "shilla"),
        ("종로", "chongno"),
        ("백마", "paengma"),
        ("독립", "tongnip"),
        ("크로싱", "k'ŭroshing"),
        ("대한민국", "taehanmin'guk"),
    ],
)
def test_romanize_mr_words(hangul, expected):
    assert romanize_mr(hangul) == expected


@pytest.mark.parametrize(
    ("name", "customary", "strict"),
    [
        ("김태균", "Kim Tae-gyun", "Gim Tae-gyun"),
        ("신명철", "Shin Myeong-cheol", "Sin Myeong-cheol"),
        ("차인표", "Cha In-pyo", "Cha In-pyo"),
        ("김태성", "Kim Tae-seong", "Gim Tae-seong"),
        ("이은주", "Lee Eun-ju", "I Eun-ju"),
        ("박찬욱", "Park Chan-uk", "Bak Chan-uk"),
        ("류승범", "Yoo Seung-beom", "Ryu Seung-beom"),
        ("최민식", "Choi Min-sik", "Choe Min-sik"),
        ("김구", "Kim Gu", "Gim Gu"),
        ("김 태균", "Kim Tae-gyun", "Gim Tae-gyun"),
        # no assimilation between given-name syllables
        ("선우용녀", "Sunwoo Yong-nyeo", "Seonu Yong-nyeo"),
        ("한복남", "Han Bok-nam", "Han Bok-nam"),
        ("남궁민수", "Namgung Min-su", "Namgung Min-su"),
        ("제갈성렬", "Jegal Seong-ryeol", "Jegal Seong-ryeol"),
        # a two-syllable surname is only recognised in a four-syllable name
        ("황보라", "Hwang Bo-ra", "Hwang Bo-ra"),
    ],
)
def test_romanize_name_rr(name, customary, strict):
    assert romanize_name_rr(name) == customary
    assert romanize_name_rr(name, strict=True) == strict


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("김태균", "Kim T'ae-gyun"),
        ("신명철", "Sin Myŏng-ch'ŏl"),
        ("차인표", "Ch'a In-p'yo"),
        ("김태성", "Kim T'ae-sŏng"),
        ("이명박", "Yi Myŏng-bak"),
        ("박정희", "Pak Chŏng-hŭi"),
        ("김대중", "Kim Tae-jung"),
        ("노태우", "No T'ae-u"),
        ("류승범", "Yu Sŭng-bŏm"),
        ("김일성", "Kim Il-sŏng"),
        ("김구", "Kim Ku"),
        ("남궁민수", "Namgung Min-su"),
    ],
)
def test_romanize_name_mr(name, expected):
    assert romanize_name_mr(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("이명박", "I Myŏng-bak"), ("신명철", "Shin Myŏng-ch'ŏl"), ("류승범", "Ryu Sŭng-bŏm")],
)
def test_romanize_name_mr_strict_spells_the_surname_as_written(name, expected):
    assert romanize_name_mr(name, strict=True) == expected


@pytest.mark.parametrize("text", ["크로싱 2008", "김", "대한민국만세", "Kim", ""])
def test_text_that_is_not_a_name_is_romanized_as_text(text):
    assert romanize_name_rr(text) == romanize_rr(text)
    assert romanize_name_mr(text) == romanize_mr(text)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("김태균", ("김", "태균")),
        ("김구", ("김", "구")),
        ("선우용녀", ("선우", "용녀")),
        ("선우용", ("선", "우용")),
        ("김태균a", None),
        ("김", None),
        ("가나다라마", None),
    ],
)
def test_split_name(name, expected):
    assert split_name(name) == expected
