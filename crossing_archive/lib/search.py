"""A search query and the stored texts it is asked of, without a database.

The site's search stores, for every name, title and running text, its folded form
(names.fold), its phonetic keys (names.name_keys, or names.text_key for running text) and
its Hangul syllables and syllable pairs: name_fields() and text_fields() build them, at
index time (search/index.py). Terms.parse() turns a query into the same: its folded form
and its keys, with the thresholds below that decide which of them are looked for where.

What matches and how well is decided in one place, the SQL of search/engine.py, built
from Terms; Score names its grades (a lower score is a better match). locate() points to
the passage of running text that answered, for the results page.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from enum import IntEnum

from . import hangul
from .names import fold, fold_ascii, name_keys, text_key, text_tokens

MAX_QUERY_LENGTH = 200
SHORT_KEY = 4
TEXT_MIN = 3
HANGUL_TEXT_MIN = 2
TEXT_KEY_MIN = 6
# A key row is stored as " key1 key2 ": a space before a key marks its start, after it its end.
KEY_SEPARATOR = " "


class Score(IntEnum):
    EXACT = 0  # the folded text is the folded query
    SAME_KEY = 1  # a key of the text is a key of the query
    PREFIX = 2  # the folded text starts with the folded query
    KEY_PREFIX = 3  # a key of the text starts with a key of the query
    INSIDE = 4  # the folded query lies inside the folded text
    KEY_INSIDE = 5  # a key of the query lies inside a key of the text
    TEXT = 6  # found in running text


_WORD = re.compile(r"[^\W_]+")
_HANGUL_RUN = re.compile("[\uac00-\ud7a3]+")


def is_hangul_word(text: str) -> bool:
    return bool(text) and all(map(hangul.is_syllable, text))


def hangul_grams(folded: str, sizes=(1, 2)) -> str:
    """The Hangul syllables (size 1) and pairs of syllables (size 2) of a folded text, as a
    sorted space-separated string. PostgreSQL finds a one- or two-syllable query among them
    by index, where a trigram index has nothing to look up."""
    grams = set()
    for run in _HANGUL_RUN.findall(folded):
        for size in sizes:
            grams.update(run[start : start + size] for start in range(len(run) - size + 1))
    return " ".join(sorted(grams))


def _latin_keys(text: str) -> list[str]:
    """name_keys() less the folded Hangul it adds, which the folded field already holds."""
    return [key for key in name_keys(text) if not hangul.has_syllables(key)]


def join_keys(keys) -> str:
    return KEY_SEPARATOR + KEY_SEPARATOR.join(sorted(keys)) + KEY_SEPARATOR if keys else ""


@dataclass(frozen=True)
class Fields:
    """What is stored for one text: its folded form, keys and Hangul grams."""

    folded: str
    keys: str
    grams: str


@functools.lru_cache(maxsize=65536)
def name_fields(text: str) -> Fields:
    """The stored fields of a name or title (kept for the names an archive repeats: a
    person's forms are read again each time a credit or name of theirs is saved)."""
    folded = fold(text)
    return Fields(folded, join_keys(_latin_keys(text)), hangul_grams(folded))


@functools.lru_cache(maxsize=65536)
def _fold_chunk(chunk: str) -> str:
    return fold_ascii(chunk) if chunk.isascii() else fold(chunk)


def fold_text(text: str) -> str:
    """fold(text) for running text, a chunk between spaces at a time (fold never joins
    characters across a space), so the words an archive repeats are folded once."""
    return "".join(_fold_chunk(chunk) for chunk in (text or "").split())


def text_fields(text: str) -> Fields:
    """The stored fields of running text: one key for the whole text, Hangul pairs only
    (a single syllable is never looked for in running text)."""
    folded = fold_text(text)
    key = text_key(text)
    return Fields(folded, join_keys([key] if key else []), hangul_grams(folded, sizes=(2,)))


@dataclass(frozen=True)
class Terms:
    """A query as the database is asked it: folded, and its keys."""

    query: str
    folded: str
    keys: tuple[str, ...]

    @classmethod
    def parse(cls, query: str | None) -> Terms:
        """Never raises; a query over MAX_QUERY_LENGTH is cut there."""
        text = (query or "").replace("\x00", "")[:MAX_QUERY_LENGTH]
        folded = fold(text)
        keys = sorted(_latin_keys(text)) if folded else []
        return cls(text, folded, tuple(keys))

    def __bool__(self):
        return bool(self.folded)

    @property
    def short_keys(self) -> tuple[str, ...]:
        return tuple(key for key in self.keys if len(key) < SHORT_KEY)

    @property
    def long_keys(self) -> tuple[str, ...]:
        return tuple(key for key in self.keys if len(key) >= SHORT_KEY)

    @property
    def text_keys(self) -> tuple[str, ...]:
        """The keys to look for in running text: a name's, of two words or written in Hangul.
        The key of a single Latin word is too often inside another ("daring" in "starring")."""
        if len(_WORD.findall(self.query)) < 2 and not hangul.has_syllables(self.query):
            return ()
        return tuple(key for key in self.keys if len(key) >= TEXT_KEY_MIN)

    @property
    def hangul_gram(self) -> str | None:
        """The folded query when it is one or two Hangul syllables, else None."""
        if len(self.folded) <= 2 and is_hangul_word(self.folded):
            return self.folded
        return None

    @property
    def searches_text(self) -> bool:
        """Whether the folded query is long enough to look for in running text."""
        least = HANGUL_TEXT_MIN if is_hangul_word(self.folded) else TEXT_MIN
        return len(self.folded) >= least


@dataclass(frozen=True)
class Excerpt:
    before: str
    match: str
    after: str


def locate(terms: Terms, text: str, width: int = 90) -> Excerpt | None:
    """The passage of running text that answers the query, with `width` characters of
    context on each side (cut at a space), or None when it cannot be pointed to."""
    if not terms:
        return None
    text = unicodedata.normalize("NFC", text or "")
    tokens = text_tokens(text)
    span = _find(terms.folded, [(s, e, _fold_chunk(text[s:e])) for s, e, _ in tokens])
    if span is None:
        for key in terms.text_keys:
            span = _find(key, tokens, collapse=True)
            if span:
                break
    if span is None:
        return None
    start, end = span
    before, after = text[max(0, start - width) : start], text[end : end + width]
    if start > width and " " in before:
        before = "…" + before[before.index(" ") + 1 :]
    if end + width < len(text) and " " in after:
        after = after[: after.rindex(" ")] + "…"
    return Excerpt(before, text[start:end], after)


def _find(needle: str, tokens, collapse: bool = False) -> tuple[int, int] | None:
    """The span of the tokens whose joined pieces contain `needle`; with collapse, doubled
    letters are dropped as names.text_key drops them."""
    joined, owner = [], []
    for index, (_, _, piece) in enumerate(tokens):
        for ch in piece:
            if collapse and joined and joined[-1] == ch:
                continue
            joined.append(ch)
            owner.append(index)
    at = "".join(joined).find(needle) if needle else -1
    if at < 0:
        return None
    return tokens[owner[at]][0], tokens[owner[at + len(needle) - 1]][1]
