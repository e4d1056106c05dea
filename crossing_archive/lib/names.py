"""Spelling-tolerant search keys for names: Hangul, RR, MR and customary spellings alike.

fold() is the exact form: case, diacritics, apostrophes, spaces and punctuation removed,
Hangul kept. name_key() is a lossy phonetic key of the folded Latin text under which the
usual romanization alternations are equal, so 김태균, "Kim Tae-kyun", "KIM Tae Gyoon",
"Kim T'ae-gyun" and "Gim Tae-gyun" all give "kimtekyon". text_key() keys running text (an
article) token by token, so that a name's key is found inside it.

Things that may surprise:

- The key is deliberately coarse. Voiced and voiceless stops are one letter (k/g, t/d,
  p/b, ch/j), l and r are one, and the vowels eo, o, u, oo, eu and ou are all "o": 영 and
  용, 서 and 소, 유 and 여, the surnames 오 and 우 share a key. "woo" is read as 우 (u), so
  "Tae-woo" = "Tae-u". Doubled letters collapse, so "Kim Min" = "Ki Min".
- A written h is dropped before a consonant or at the end of a word (Ahn, Noh, Suh, Oh).
- The text is keyed one token at a time (tokens split on spaces, hyphens and other
  punctuation, not apostrophes), so "O Eun-ji" keeps o and eu apart; "oeunji" written
  together reads oe as one vowel.
- Surnames: the first token is looked up in _SURNAMES (Lee = Yi = Rhee = I, Ryu = Yoo,
  Roh = Noh, Park = Pak = Bak, ...). Text written as one token is checked for a surname
  prefix of three letters or more ("leeeunjoo"); shorter ones (Yi, I, Im, O, U) are too
  common inside other words to strip.
- Hangul of 2 to 4 syllables is read as a personal name (Kim Tae-gyun) for name_key;
  name_keys() also uses the plain-word readings (신라 as silla).

What a query matches is the search engine's to decide (search/engine.py), from these keys.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from . import hangul

_APOSTROPHES = "'’‘`ʼʻ′"  # ʼ and ʻ are letters to Unicode, dropped all the same
_SPLIT = re.compile(rf"[^\w{_APOSTROPHES}]+|_+")
_NOT_ASCII_ALNUM = re.compile(r"[^0-9A-Za-z]+")
_TOKEN = re.compile(rf"(?:[^\W_]|[{_APOSTROPHES}])+")  # what _SPLIT leaves
_VOWELS = set("aeiouwy")
_UNITS = {
    # three letters
    "tch": "c",
    "shy": "s",
    "wae": "we",
    "weo": "wo",
    "eui": "i",
    "woo": "o",  # 우 is u in RR and customarily woo: Tae-woo, Chan-wook
    # two letters
    "ch": "c",
    "jj": "c",
    "sh": "s",
    "sy": "s",
    "ss": "s",
    "kk": "k",
    "gg": "k",
    "ck": "k",
    "tt": "t",
    "dd": "t",
    "pp": "p",
    "bb": "p",
    "ll": "l",
    "rr": "l",
    "rh": "l",
    "eo": "o",
    "eu": "o",
    "oo": "o",
    "ou": "o",
    "ee": "i",
    "ui": "i",
    "ae": "e",
    "ai": "e",
    "oe": "we",
    "oi": "we",
    "uo": "wo",
    # one letter
    "g": "k",
    "c": "k",
    "q": "k",
    "d": "t",
    "b": "p",
    "j": "c",
    "r": "l",
    "u": "o",
}
_SURNAME_GROUPS = {
    "li": "lee yi rhee rhie i ri li lie ree rie yee rhi",
    "pak": "park pak bak bahk pahk",
    "lim": "lim im rim leem yim rhim",
    "yo": "yoo yu ryu rhyu ryoo ryou lyu you",
    "no": "noh no roh ro rho nho",
    "na": "na ra rah nah",
    "yank": "yang ryang",
    "cwe": "choi choe chwe choy",
    "so": "suh seo so",
    "o": "oh o woo u wu",
    "an": "ahn an",
    "kim": "kim gim",
    "conk": "jung jeong chung chong joung",
    "kank": "kang gang",
    "co": "cho jo",
    "yon": "yoon yun",
    "sin": "shin sin",
    "kwon": "kwon gwon kweon",
    "ko": "koo gu ku",
    "mon": "moon mun",
}
_SURNAMES = {v: key for key, names in _SURNAME_GROUPS.items() for v in names.split()}
_SURNAME_PREFIXES = sorted((v for v in _SURNAMES if len(v) >= 3), key=len, reverse=True)


def _text(value: object) -> str:
    """NFC text, so that decomposed Hangul is seen as syllables."""
    text = value if isinstance(value, str) else "" if value is None else str(value)
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Case-folded letters and digits only; diacritics dropped (ŏ → o), Hangul kept as NFC.

    Never raises on a str (nor on None, which folds to "").
    """
    out = []
    for ch in _text(text):
        if hangul.is_hangul(ch):
            out.append(ch)
            continue
        for part in unicodedata.normalize("NFKD", ch):
            if part.isalnum() and not unicodedata.combining(part) and part not in _APOSTROPHES:
                out.append(part.casefold())
    return "".join(out)


def _phonetic(token: str) -> str:
    """The key of one folded token (before doubled letters are collapsed)."""
    out, i = [], 0
    while i < len(token):
        for size in (3, 2, 1):
            piece = token[i : i + size]
            if len(piece) == size and (size == 1 or piece in _UNITS):
                break
        i += size
        if piece == "h" and token[i : i + 1] not in _VOWELS:
            continue
        out.append(_UNITS.get(piece, piece))
    return "".join(out)


def _collapse(key: str) -> str:
    return re.sub(r"(.)\1+", r"\1", key)


def _latin_key(text: str, surnames: bool = True) -> str:
    tokens = [t for t in map(fold, _SPLIT.split(text)) if t]
    if not tokens:
        return ""
    keys = [_phonetic(t) for t in tokens]
    first = tokens[0]
    if surnames and first in _SURNAMES:
        keys[0] = _SURNAMES[first]
    elif surnames and len(tokens) == 1:
        for prefix in _SURNAME_PREFIXES:
            if first.startswith(prefix) and len(first) > len(prefix):
                keys = [_SURNAMES[prefix], _phonetic(first[len(prefix) :])]
                break
    return _collapse("".join(keys))


def _readings(text: str) -> list[str]:
    """Latin readings of a text: itself, or its romanizations when it holds Hangul."""
    if not hangul.has_syllables(text):
        return [text]
    readings = [hangul.romanize_rr(text), hangul.romanize_mr(text)]
    if hangul.split_name(text):
        readings += [
            hangul.romanize_name_rr(text),
            hangul.romanize_name_rr(text, strict=True),
            hangul.romanize_name_mr(text),
        ]
    return readings


def name_key(text: str) -> str:
    """The phonetic key of a name; Hangul is keyed through its RR (name) romanization."""
    text = _text(text)
    if hangul.has_syllables(text):
        text = hangul.romanize_name_rr(text)
    return _latin_key(text)


def name_keys(text: str) -> set[str]:
    """Every key to index a name form under: RR and MR readings of Hangul plus the folded
    Hangul itself; for Latin text its key (and its key without surname normalization)."""
    text = _text(text)
    keys = {name_key(text)}
    for reading in _readings(text):
        keys.update((_latin_key(reading), _latin_key(reading, surnames=False)))
    keys.discard("")
    if hangul.has_syllables(text) and (folded := fold(text)):
        keys.add(folded)
    return keys


def text_tokens(text: str) -> list[tuple[int, int, str]]:
    """The tokens of running text as (start, end, key), offsets in the NFC form of the text.

    Tokens are split as name_key splits a name (spaces, hyphens, other punctuation) and each
    is keyed alone. Surnames are not known by position in
    running text, so a token takes its surname key only when it is a capitalised surname
    followed by a capitalised word ("Yi Eun-ju", "Rhee Eun Ju"): "I" and "no" stay words.
    Hangul is read syllable by syllable, without the sound changes between syllables.
    """
    text = _text(text)
    spans = [match.span() for match in _TOKEN.finditer(text)]
    tokens = [text[start:end] for start, end in spans]
    out = []
    followers = [*tokens[1:], ""][: len(tokens)]  # empty for a text with no token
    for (start, end), token, following in zip(spans, tokens, followers, strict=True):
        folded = _fold_token(token)
        if not folded:
            continue
        if folded in _SURNAMES and token[:1].isupper() and following[:1].isupper():
            key = _SURNAMES[folded]
        else:
            key = _token_key(token, folded)
        out.append((start, end, key))
    return out


def text_key(text: str) -> str:
    """The key of running text: its tokens' keys joined, so a name's key is found inside it."""
    return _collapse("".join(key for _, _, key in text_tokens(text)))


# Running text repeats its words: caching each word's fold and key makes keying an
# archive of articles a matter of seconds, not minutes.
@functools.lru_cache(maxsize=65536)
def _fold_token(token: str) -> str:
    return fold_ascii(token) if token.isascii() else fold(token)


def fold_ascii(text: str) -> str:
    """fold() of ASCII text, quicker: ASCII letters and digits, lower-cased."""
    return _NOT_ASCII_ALNUM.sub("", text).lower()


@functools.lru_cache(maxsize=65536)
def _token_key(token: str, folded: str) -> str:
    if not hangul.has_syllables(token):
        return _phonetic(folded)
    # Syllable by syllable, as names are romanized: 차인표는 gives the key of "Cha In-pyo"
    # followed by neun, where the word's RR (chainpyoneun) would read "ai" as one vowel.
    pieces = re.findall(r"[\uac00-\ud7a3]|[^\uac00-\ud7a3]+", token)
    return "".join(_phonetic(fold(hangul.romanize_rr(piece))) for piece in pieces)
