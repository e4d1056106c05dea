"""
crossing_archive.lib.citations, without Django: what it writes is read back
with the parsers reference managers rely on (rispy for RIS, bibtexparser for
BibTeX, citeproc-py for CSL-JSON).
"""

import datetime
import json

import bibtexparser
import rispy
from bibtexparser import middlewares
from citeproc import Citation as CiteprocCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from crossing_archive.lib.citations import (
    Citation,
    bibtex_key,
    latex_escape,
    to_bibtex,
    to_csl_items,
    to_csl_json,
    to_ris,
)

HERALD = Citation(
    key="crossing-depicts-the-plight-of-north-korean-defectors",
    title="'Crossing' depicts the plight of North Korean defectors",
    container_title="The Korea Herald",
    date=datetime.date(2008, 3, 19),
    authors=("Yang Sung-jin",),
    url="",
    archive="Crossing Archive",
    archive_url="https://archive.example.org/press/crossing-depicts/",
    language="en",
    note="Byline as published: By Yang Sung-jin (insight@heraldm.com)",
    accessed=datetime.date(2026, 1, 2),
)
TRICKY = Citation(
    key="tricky",
    # ^ is left out: pylatexenc reads LaTeX's \textasciicircum as ˆ (U+02C6).
    title="50% of {braces} & $dollars_ #1 ~ \\ 크로싱 “quoted”",
    container_title="Ampersand & Sons",
    date=datetime.date(2008, 12, 1),
    authors=("김태균", "Nigel D'Sa"),
    url="https://example.org/a b{c}",
    archive_url="https://archive.example.org/press/tricky/",
    note="First line\nsecond line",
)
UNDATED = Citation(key="undated", title="No date", container_title="KOFIC")


def parse_bibtex(text, decode=True):
    """The entries, with LaTeX decoded unless `decode` is false (a URL is verbatim)."""
    decoding = [middlewares.LatexDecodingMiddleware()] if decode else []
    library = bibtexparser.parse_string(
        text, append_middleware=[*decoding, middlewares.SeparateCoAuthors()]
    )
    assert library.failed_blocks == []
    return library.entries


def render_csl(items):
    """A bibliography of the items in a real CSL style: proof citeproc-py reads them."""
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(CiteprocCitation([CitationItem(item["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]


# ---------------------------------------------------------------------------
# RIS
# ---------------------------------------------------------------------------


def test_ris_is_a_newspaper_article_with_the_publication_as_secondary_title():
    (entry,) = rispy.loads(to_ris([HERALD]))
    assert entry["type_of_reference"] == "NEWS"
    assert entry["title"] == HERALD.title
    assert entry["secondary_title"] == "The Korea Herald"
    assert entry["authors"] == ["Yang Sung-jin"]
    assert entry["year"] == "2008"
    assert entry["date"] == "2008/03/19/"
    assert entry["language"] == "en"
    assert entry["urls"] == ["https://archive.example.org/press/crossing-depicts/"]
    assert entry["name_of_database"] == "Crossing Archive"
    assert entry["access_date"] == "2026/01/02/"
    assert entry["notes"] == [HERALD.note]
    assert entry["id"] == HERALD.key


def test_ris_lists_the_original_address_before_the_archive_copy():
    (entry,) = rispy.loads(to_ris([TRICKY]))
    assert entry["urls"] == [TRICKY.url, TRICKY.archive_url]


def test_ris_keeps_every_record_and_every_character():
    entries = rispy.loads(to_ris([HERALD, TRICKY, UNDATED]))
    assert [entry["id"] for entry in entries] == [HERALD.key, "tricky", "undated"]
    assert entries[1]["title"] == TRICKY.title
    assert entries[1]["authors"] == ["김태균", "Nigel D'Sa"]
    # A RIS value is one line: the note's line break became a space.
    assert entries[1]["notes"] == ["First line second line"]
    assert "year" not in entries[2]


def test_ris_lines_end_with_crlf():
    text = to_ris([HERALD])
    assert text.startswith("TY  - NEWS\r\n")
    assert text.endswith("ER  - \r\n")
    assert "\n" not in text.replace("\r\n", "")


# ---------------------------------------------------------------------------
# BibTeX
# ---------------------------------------------------------------------------


def test_bibtex_is_a_newspaper_article_in_its_journal():
    (entry,) = parse_bibtex(to_bibtex([HERALD]))
    assert entry.entry_type == "article"
    assert entry.key == HERALD.key
    fields = {field.key: field.value for field in entry.fields}
    assert fields["entrysubtype"] == "newspaper"
    assert fields["journal"] == "The Korea Herald"
    assert fields["title"] == HERALD.title
    assert fields["author"] == ["Yang Sung-jin"]
    assert fields["date"] == "2008-03-19"
    assert fields["year"] == "2008"
    assert fields["month"] == "mar"
    assert fields["url"] == HERALD.archive_url
    assert fields["urldate"] == "2026-01-02"
    assert fields["langid"] == "en"


def test_bibtex_escapes_latex_specials_and_reads_back_the_same_text():
    (entry,) = parse_bibtex(to_bibtex([TRICKY]))
    fields = {field.key: field.value for field in entry.fields}
    assert fields["title"] == TRICKY.title
    assert fields["journal"] == "Ampersand & Sons"
    assert fields["author"] == ["김태균", "Nigel D'Sa"]
    # The original address is the item's; the archive copy goes in the note.
    (raw,) = parse_bibtex(to_bibtex([TRICKY]), decode=False)
    assert raw.fields_dict["url"].value == "https://example.org/a%20b%7Bc%7D"
    assert "Archived copy: https://archive.example.org/press/tricky/" in fields["note"]


def test_bibtex_braces_each_name_whole_so_that_it_is_never_split():
    text = to_bibtex([TRICKY])
    assert "author = {{김태균} and {Nigel D'Sa}}" in text


def test_bibtex_of_several_entries_parses_to_as_many():
    entries = parse_bibtex(to_bibtex([HERALD, TRICKY, UNDATED]))
    assert [entry.key for entry in entries] == [HERALD.key, "tricky", "undated"]
    assert "year" not in {field.key for field in entries[2].fields}


def test_latex_escape():
    assert latex_escape("a & b_c 100% {x} #1 $") == r"a \& b\_c 100\% \{x\} \#1 \$"
    assert latex_escape("back\\slash ^ ~") == (
        r"back\textbackslash{}slash \textasciicircum{} \textasciitilde{}"
    )
    assert latex_escape("two\nlines") == "two lines"


def test_bibtex_key_keeps_slugs_and_replaces_what_bibtex_refuses():
    assert bibtex_key("north-korean_2008") == "north-korean_2008"
    assert bibtex_key("a b,c{d}") == "a-b-c-d-"


# ---------------------------------------------------------------------------
# CSL-JSON
# ---------------------------------------------------------------------------


def test_csl_json_is_a_list_of_newspaper_articles():
    (item,) = json.loads(to_csl_json([HERALD]))
    assert item == {
        "id": HERALD.key,
        "type": "article-newspaper",
        "title": HERALD.title,
        "container-title": "The Korea Herald",
        "author": [{"literal": "Yang Sung-jin"}],
        "issued": {"date-parts": [[2008, 3, 19]]},
        "language": "en",
        "URL": HERALD.archive_url,
        "archive": "Crossing Archive",
        "archive_location": HERALD.archive_url,
        "accessed": {"date-parts": [[2026, 1, 2]]},
        "note": HERALD.note,
    }


def test_csl_json_renders_as_a_bibliography_in_a_real_style():
    entries = render_csl(to_csl_items([HERALD, UNDATED]))
    assert len(entries) == 2
    herald = next(entry for entry in entries if "Herald" in entry)
    assert "Yang Sung-jin" in herald
    assert "2008" in herald
    assert "'Crossing' depicts the plight of North Korean defectors" in herald


def test_csl_json_leaves_out_what_is_unknown():
    (item,) = to_csl_items([UNDATED])
    assert set(item) == {"id", "type", "title", "container-title"}


def test_csl_json_keeps_text_as_it_is():
    (item,) = json.loads(to_csl_json([TRICKY]))
    assert item["title"] == TRICKY.title
    assert item["URL"] == TRICKY.url
    assert item["note"] == TRICKY.note
