"""Romanization of Korean Hangul: Revised Romanization (RR) and McCune-Reischauer (MR).

Syllables are decomposed arithmetically from U+AC00 into initial, medial and final jamo.
Sound changes are applied only between consecutive Hangul syllables (one "word"); any
other character, spaces included, passes through unchanged and ends the word.

Things that may surprise:

- Rules applied inside a word: liaison of a final before a silent ㅇ (닭이 → dalgi), ㅎ
  dropped before a vowel (좋아 → joa), palatalization (같이 → gachi), ㅎ + ㄱ/ㄷ/ㅈ
  aspiration (좋고 → joko), nasalization (백마 → baengma), the ㄹ rules (신라 → silla,
  설날 → seollal, 종로 → jongno, 독립 → dongnip).
- A stop before ㅎ keeps its ㅎ (묵호 → mukho): RR's rule for nouns, the usual case in an
  archive. Verb forms such as 잡혀 come out as japhyeo, not japyeo.
- Not implemented: tensing (never written in RR; MR writes 학교 as hakkyo anyway), ㄴ-insertion
  (학여울 gives hagyeoul, not hangnyeoul), and RR's optional hyphen for ambiguous splits.
- MR follows the 1984 South Korean variant: ㅅ before ㅣ/ㅑ/ㅕ/ㅛ/ㅠ/ㅟ is "sh" and the y
  is absorbed (시 → shi, 셔 → shŏ, 신라 → shilla); ㄴ before a voiced ㄱ is written n'g.
  Plain stops are voiced (g, d, b, j) after a vowel, ㄴ, ㄹ, ㅁ or ㅇ within a word,
  voiceless at the start of a word and after another stop.
- Personal names: the first syllable is the surname, except for the two-syllable surnames
  in _DOUBLE_SURNAMES, recognised only in four-syllable names (황보라 is Hwang Bo-ra).
  Given-name syllables are romanized one by one and joined with a hyphen, with no sound
  change across the hyphen; MR still voices a plain stop after a voiced sound.
"""

from __future__ import annotations

import re
from itertools import pairwise

_BASE, _LAST = 0xAC00, 0xD7A3
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_FINALS = ("", *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ")

# "-" holds the place of the silent initial ㅇ, written as nothing.
_RR_INITIAL = dict(
    zip(_INITIALS, "g kk n d tt r m b pp s ss - j jj ch k t p h".split(), strict=True)
)
_RR_INITIAL["ㅇ"] = ""
_RR_VOWEL = dict(
    zip(
        _MEDIALS,
        "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split(),
        strict=True,
    )
)
_MR_VOWEL = dict(
    zip(_MEDIALS, "a ae ya yae ŏ e yŏ ye o wa wae oe yo u wŏ we wi yu ŭ ŭi i".split(), strict=True)
)
_MR_INITIAL = dict(  # ㄱ ㄷ ㅂ ㅈ depend on voicing: _MR_PLAIN
    zip("ㄲㄴㄸㅁㅃㅅㅆㅉㅊㅋㅌㅍㅎ", "kk n tt m pp s ss tch ch' k' t' p' h".split(), strict=True)
)
_MR_INITIAL["ㅇ"] = ""
_MR_PLAIN = {"ㄱ": ("k", "g"), "ㄷ": ("t", "d"), "ㅂ": ("p", "b"), "ㅈ": ("ch", "j")}
_SH_VOWELS = set("ㅣㅑㅕㅛㅠㅟ")
_Y_VOWELS = set("ㅣㅑㅒㅕㅖㅛㅠ")

# The sound a final consonant has at the end of a syllable, and how it is written.
_NEUTRAL = {
    **dict.fromkeys("ㄱㄲㅋㄳㄺ", "ㄱ"),
    **dict.fromkeys("ㄴㄵㄶ", "ㄴ"),
    **dict.fromkeys("ㄷㅅㅆㅈㅊㅌㅎ", "ㄷ"),
    **dict.fromkeys("ㄹㄼㄽㄾㅀ", "ㄹ"),
    **dict.fromkeys("ㅁㄻ", "ㅁ"),
    **dict.fromkeys("ㅂㅍㅄㄿ", "ㅂ"),
    "ㅇ": "ㅇ",
}
_FINAL_SOUND = {"ㄱ": "k", "ㄴ": "n", "ㄷ": "t", "ㄹ": "l", "ㅁ": "m", "ㅂ": "p", "ㅇ": "ng"}
_VOICED_FINALS = set("ㄴㄹㅁㅇ")
_CLUSTERS = dict(
    zip(
        "ㄳㄵㄶㄺㄻㄼㄽㄾㄿㅀㅄ",
        ("ㄱㅅ", "ㄴㅈ", "ㄴㅎ", "ㄹㄱ", "ㄹㅁ", "ㄹㅂ", "ㄹㅅ", "ㄹㅌ", "ㄹㅍ", "ㄹㅎ", "ㅂㅅ"),
        strict=True,
    )
)
_NASAL = {"ㄱ": "ㅇ", "ㄷ": "ㄴ", "ㅂ": "ㅁ"}
_ASPIRATE = {"ㄱ": "ㅋ", "ㄷ": "ㅌ", "ㅈ": "ㅊ"}
_PALATAL = {"ㄷ": "ㅈ", "ㅌ": "ㅊ"}

_DOUBLE_SURNAMES = {
    "남궁": "Namgung",
    "황보": "Hwangbo",
    "제갈": "Jegal",
    "선우": "Sunwoo",
    "독고": "Dokgo",
    "사공": "Sagong",
    "서문": "Seomun",
}
_RR_SURNAMES = dict(
    zip(
        "김이박최정강조윤장임한오서신권황안송류유홍전고문양손배백허노심하곽성차주우구민나진지엄채"
        "원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모남탁국어은편용예경봉사부가"
        "복태목형피두감호리림라로량려렴륙룡",
        "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Yoo Yoo "
        "Hong Jeon Ko Moon Yang Son Bae Baek Heo Noh Shim Ha Kwak Sung Cha Joo Woo Koo Min Na Jin "
        "Ji Um Chae Won Cheon Bang Kong Hyun Ham Byun Yeom Yeo Choo Do So Seok Sun Seol Ma Gil "
        "Yeon Wi Pyo Myung Ki Ban Wang Keum Ok Yook In Maeng Je Mo Nam Tak Kook Eo Eun Pyeon "
        "Yong Ye Kyung Bong Sa Boo Ka Bok Tae Mok Hyung Pi Doo Kam Ho Lee Lim Na Noh Yang Yeo "
        "Yeom Yook Yong".split(),
        strict=True,
    )
)
_RR_SURNAMES.update(_DOUBLE_SURNAMES)
_MR_SURNAMES = {"이": "Yi", "리": "Yi"}


_HANGUL = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff"
# Hanja appear inside Korean titles ("渡江(도강)"); alone they are not Korean text.
_HANJA = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A run of Korean script starts and ends with a Korean character and may hold spaces
# and punctuation between them, so "쏟아지는 별, 얼어가는 아이" stays one run.
_KOREAN_RUN = re.compile(
    rf"[{_HANGUL}{_HANJA}](?:[{_HANGUL}{_HANJA}\s\d.,!?·…()'\"\-]*[{_HANGUL}{_HANJA}])?"
)


def _decompose(ch: str) -> list[str] | None:
    """[initial, medial, final] of a precomposed syllable, or None for any other character."""
    code = ord(ch) - _BASE
    if not 0 <= code <= _LAST - _BASE:
        return None
    return [_INITIALS[code // 588], _MEDIALS[code % 588 // 28], _FINALS[code % 28]]


# One Hangul character: fold() asks is_hangul() of every character it indexes, and pages
# ask contains_hangul() of every name and title they show.
_HANGUL_CHAR = re.compile(f"[{_HANGUL}]")


def is_syllable(ch: str) -> bool:
    return len(ch) == 1 and _BASE <= ord(ch) <= _LAST


def has_syllables(text: str) -> bool:
    return any(map(is_syllable, text))


def is_hangul(ch: str) -> bool:
    """A Hangul syllable or jamo (compatibility and extended jamo included)."""
    return _HANGUL_CHAR.fullmatch(ch) is not None


def contains_hangul(text) -> bool:
    """Whether the text holds a character is_hangul() accepts."""
    return bool(text) and _HANGUL_CHAR.search(str(text)) is not None


def split_korean(text):
    """
    The text as (piece, is_korean) pairs, in order; a piece is Korean when it
    is a run of Korean script that holds at least one Hangul character.

    >>> split_korean("E Minor로 쌓아 올리다")
    [('E Minor', False), ('로 쌓아 올리다', True)]
    """
    text = str(text or "")
    pieces, end = [], 0
    for match in _KOREAN_RUN.finditer(text):
        if not contains_hangul(match.group()):
            continue
        run, stop = match.group(), match.end()
        # Keeps the bracket that closes a gloss inside the run: "渡江(도강)".
        if run.count("(") > run.count(")") and text[stop : stop + 1] == ")":
            run, stop = run + ")", stop + 1
        if match.start() > end:
            pieces.append((text[end : match.start()], False))
        pieces.append((run, True))
        end = stop
    if end < len(text):
        pieces.append((text[end:], False))
    return pieces


def _runs(text: str):
    """Yield lists of decomposed syllables (words) and, between them, single other characters."""
    run: list[list[str]] = []
    for ch in text:
        syllable = _decompose(ch)
        if syllable:
            run.append(syllable)
            continue
        if run:
            yield run
            run = []
        yield ch
    if run:
        yield run


def _boundary(fin: str, ini: str, med: str) -> tuple[str, str]:
    """The final and the next initial as pronounced, for the sound changes RR and MR write."""
    if not fin:
        return fin, ini
    first, second = _CLUSTERS.get(fin, (fin, ""))
    if ini == "ㅇ":  # liaison: the final (or a cluster's second half) moves on
        if fin == "ㅇ":
            return fin, ini
        keep, carry = (first, second) if second else ("", fin)
        if carry == "ㅎ":
            return "", keep or ini
        if med == "ㅣ" and carry in _PALATAL:
            carry = _PALATAL[carry]
        return keep, carry
    if "ㅎ" in (fin, second):
        rest = first if second else ""
        if ini in _ASPIRATE:
            return rest, _ASPIRATE[ini]
        if ini == "ㅅ":
            return rest, "ㅆ"
        if ini == "ㄴ":
            return ("ㄹ", "ㄹ") if rest == "ㄹ" else ("ㄴ", "ㄴ")
    sound = _NEUTRAL[fin]
    if ini in ("ㄴ", "ㅁ") and sound in _NASAL:
        return _NASAL[sound], ini
    if ini == "ㄹ":
        if sound == "ㄴ":
            return "ㄹ", ini
        if sound in ("ㅁ", "ㅇ"):
            return fin, "ㄴ"
        if sound in _NASAL:
            return _NASAL[sound], "ㄴ"
    if sound == "ㄹ" and ini == "ㄴ":
        return fin, "ㄹ"
    return fin, ini


def _assimilate(word: list[list[str]]) -> list[list[str]]:
    for left, right in pairwise(word):
        left[2], right[0] = _boundary(left[2], right[0], right[1])
    return word


def _final(fin: str) -> str:
    return _FINAL_SOUND[_NEUTRAL[fin]] if fin else ""


def _after_l(prev: str | None) -> bool:
    return bool(prev) and _NEUTRAL[prev] == "ㄹ"


def _rr_syllable(ini: str, med: str, fin: str, prev: str | None = None) -> str:
    head = "l" if ini == "ㄹ" and _after_l(prev) else _RR_INITIAL[ini]
    return head + _RR_VOWEL[med] + _final(fin)


def _mr_syllable(
    ini: str, med: str, fin: str, prev: str | None, *, sh: bool = True, mark: bool = True
) -> str:
    """One MR syllable; prev is the previous final ("" after a vowel, None at a word start)."""
    vowel = _MR_VOWEL[med]
    if ini in _MR_PLAIN:
        voiced = prev is not None and (not prev or _NEUTRAL[prev] in _VOICED_FINALS)
        head = _MR_PLAIN[ini][voiced]
    elif ini == "ㄹ":
        head = "l" if _after_l(prev) else "r"
    elif ini == "ㅅ" and sh and med in _SH_VOWELS:
        head, vowel = "sh", vowel.removeprefix("y")
    else:
        head = _MR_INITIAL[ini]
    if mark and prev and _NEUTRAL[prev] == "ㄴ" and head == "g":
        head = "'g"
    return head + vowel + _final(fin)


def _rr_word(word: list[list[str]]) -> str:
    prevs = [None] + [fin for _, _, fin in word[:-1]]
    return "".join(
        _rr_syllable(*syllable, prev) for syllable, prev in zip(word, prevs, strict=True)
    )


def _mr_word(word: list[list[str]], *, sh: bool = True) -> str:
    prevs = [None] + [fin for _, _, fin in word[:-1]]
    return "".join(_mr_syllable(*s, prev, sh=sh) for s, prev in zip(word, prevs, strict=True))


def romanize_rr(text: str) -> str:
    """Revised Romanization, lower case; characters other than Hangul syllables pass through."""
    return "".join(
        _rr_word(_assimilate(part)) if isinstance(part, list) else part for part in _runs(text)
    )


def romanize_mr(text: str) -> str:
    """McCune-Reischauer (breves, apostrophes for aspirates), lower case; others pass through."""
    return "".join(
        _mr_word(_assimilate(part)) if isinstance(part, list) else part for part in _runs(text)
    )


def split_name(name: str) -> tuple[str, str] | None:
    """(surname, given name) for 2 to 4 Hangul syllables (spaces ignored), else None."""
    compact = "".join(name.split())
    if not 2 <= len(compact) <= 4 or not all(map(is_syllable, compact)):
        return None
    size = 2 if len(compact) == 4 and compact[:2] in _DOUBLE_SURNAMES else 1
    return compact[:size], compact[size:]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def romanize_name_rr(name: str, strict: bool = False) -> str:
    """김태균 → "Kim Tae-gyun"; strict=True spells the surname by RR too ("Gim Tae-gyun").

    Text that is not 2 to 4 Hangul syllables is returned as romanize_rr(name).
    """
    parts = split_name(name)
    if parts is None:
        return romanize_rr(name)
    surname, given = parts
    family = (not strict and _RR_SURNAMES.get(surname)) or _cap(romanize_rr(surname))
    personal = "-".join(_rr_syllable(*_decompose(ch)) for ch in given)
    return f"{family} {_cap(personal)}"


def romanize_name_mr(name: str, strict: bool = False) -> str:
    """김태균 → "Kim T'ae-gyun", 신명철 → "Sin Myŏng-ch'ŏl".

    By default the surname takes its customary MR spelling: Yi for 이/리, no "sh" (Sin, Sim),
    and an initial ㄹ dropped before i/y and read ㄴ elsewhere (류 Yu, 라 Na). strict=True
    romanizes the surname as written (이 I, 신 Shin, 류 Ryu). The given name is one word for
    voicing only. Text that is not 2 to 4 Hangul syllables is returned as romanize_mr(name).
    """
    parts = split_name(name)
    if parts is None:
        return romanize_mr(name)
    surname, given = parts
    if strict:
        family = _cap(romanize_mr(surname))
    elif surname in _MR_SURNAMES:
        family = _MR_SURNAMES[surname]
    else:
        word = [_decompose(ch) for ch in surname]
        if word[0][0] == "ㄹ":
            word[0][0] = "ㅇ" if word[0][1] in _Y_VOWELS else "ㄴ"
        family = _cap(_mr_word(_assimilate(word), sh=False))
    pieces, prev = [], None
    for ch in given:
        ini, med, fin = _decompose(ch)
        pieces.append(_mr_syllable(ini, med, fin, prev, mark=False))
        prev = fin
    return f"{family} {_cap('-'.join(pieces))}"
