"""
Citations of newspaper articles in the three formats reference managers read:
RIS, BibTeX (biblatex conventions) and CSL-JSON.

Plain Python, no Django: the caller turns its rows into Citation values.

Things that may surprise:

- Author names are kept whole, never split into family and given names:
  Korean names put the family name first, Western ones last, and a byline
  does not say which. RIS gets the name as written, BibTeX a braced name
  (`{Lee Eun-joo}`, which BibTeX treats as one family name), CSL-JSON a
  `literal` name. A byline that names no linked person goes into the note.
- BibTeX has no newspaper type: biblatex's convention is `@article` with
  `entrysubtype = {newspaper}`; `journal` holds the publication (biblatex
  reads it as `journaltitle`).
- The title is braced twice in BibTeX so that styles keep its capitals.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass

RIS_TYPE = "NEWS"
BIBTEX_TYPE = "article"
CSL_TYPE = "article-newspaper"

# LaTeX's special characters, and what stands for each inside a BibTeX value.
_LATEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_LATEX_SPECIAL = re.compile("|".join(re.escape(char) for char in _LATEX_ESCAPES))
_BIBTEX_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_:.-]")
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


@dataclass(frozen=True)
class Citation:
    """One newspaper article, as a reference manager needs it."""

    key: str
    title: str
    container_title: str
    date: datetime.date | None = None
    authors: tuple[str, ...] = ()
    url: str = ""
    archive: str = ""
    archive_url: str = ""
    language: str = ""
    note: str = ""
    accessed: datetime.date | None = None

    @property
    def best_url(self):
        """The original address when known, else the archive's copy."""
        return self.url or self.archive_url


# ---------------------------------------------------------------------------
# RIS
# ---------------------------------------------------------------------------


def _ris_line(tag, value):
    # A RIS value is one line: line breaks in curators' text become spaces.
    return f"{tag}  - {' '.join(str(value).split())}"


def _ris_date(date):
    return f"{date.year:04d}/{date.month:02d}/{date.day:02d}/"


def to_ris(citations):
    """The citations as one RIS file (CRLF line ends, as the format asks)."""
    records = []
    for citation in citations:
        lines = [_ris_line("TY", RIS_TYPE), _ris_line("ID", citation.key)]
        lines.append(_ris_line("TI", citation.title))
        lines.append(_ris_line("T2", citation.container_title))
        lines.extend(_ris_line("AU", name) for name in citation.authors)
        if citation.date:
            lines.append(_ris_line("PY", f"{citation.date.year:04d}"))
            lines.append(_ris_line("DA", _ris_date(citation.date)))
        if citation.language:
            lines.append(_ris_line("LA", citation.language))
        # Reference managers take the first address as the item's own.
        for url in dict.fromkeys(filter(None, [citation.url, citation.archive_url])):
            lines.append(_ris_line("UR", url))
        if citation.archive:
            lines.append(_ris_line("DB", citation.archive))
        if citation.accessed:
            lines.append(_ris_line("Y2", _ris_date(citation.accessed)))
        if citation.note:
            lines.append(_ris_line("N1", citation.note))
        lines.append("ER  - ")
        records.append("\r\n".join(lines) + "\r\n")
    return "\r\n".join(records)


# ---------------------------------------------------------------------------
# BibTeX
# ---------------------------------------------------------------------------


def latex_escape(text):
    """Text with LaTeX's special characters escaped, on one line."""
    text = " ".join(str(text).split())
    return _LATEX_SPECIAL.sub(lambda match: _LATEX_ESCAPES[match.group()], text)


def bibtex_key(key):
    """A citation key BibTeX accepts: letters, digits and _ : . - only."""
    return _BIBTEX_KEY_UNSAFE.sub("-", key) or "item"


def _bibtex_url(url):
    # A URL is read verbatim: only what would break the braced value is encoded.
    return url.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20").replace("\\", "%5C")


def _bibtex_entry(citation):
    fields = [
        ("title", "{" + latex_escape(citation.title) + "}"),
        ("journal", latex_escape(citation.container_title)),
        ("entrysubtype", "newspaper"),
    ]
    if citation.authors:
        names = " and ".join("{" + latex_escape(name) + "}" for name in citation.authors)
        fields.append(("author", names))
    if citation.date:
        fields.append(("date", citation.date.isoformat()))
        fields.append(("year", f"{citation.date.year:04d}"))
    if citation.language:
        fields.append(("langid", citation.language))
    if citation.best_url:
        fields.append(("url", _bibtex_url(citation.best_url)))
    if citation.accessed:
        fields.append(("urldate", citation.accessed.isoformat()))
    notes = [citation.note] if citation.note else []
    if citation.url and citation.archive_url:
        notes.append(f"Archived copy: {citation.archive_url}")
    if notes:
        fields.append(("note", latex_escape(". ".join(notes))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    month = f",\n  month = {_MONTHS[citation.date.month - 1]}" if citation.date else ""
    return f"@{BIBTEX_TYPE}{{{bibtex_key(citation.key)},\n{body}{month}\n}}\n"


def to_bibtex(citations):
    """The citations as one BibTeX file, entries separated by a blank line."""
    return "\n".join(_bibtex_entry(citation) for citation in citations)


# ---------------------------------------------------------------------------
# CSL-JSON
# ---------------------------------------------------------------------------


def _csl_date(date):
    return {"date-parts": [[date.year, date.month, date.day]]}


def to_csl_items(citations):
    """The citations as CSL-JSON items (a list of dicts)."""
    items = []
    for citation in citations:
        item = {
            "id": citation.key,
            "type": CSL_TYPE,
            "title": citation.title,
            "container-title": citation.container_title,
        }
        if citation.authors:
            item["author"] = [{"literal": name} for name in citation.authors]
        if citation.date:
            item["issued"] = _csl_date(citation.date)
        if citation.language:
            item["language"] = citation.language
        if citation.best_url:
            item["URL"] = citation.best_url
        if citation.archive:
            item["archive"] = citation.archive
        if citation.archive_url:
            item["archive_location"] = citation.archive_url
        if citation.accessed:
            item["accessed"] = _csl_date(citation.accessed)
        if citation.note:
            item["note"] = citation.note
        items.append(item)
    return items


def to_csl_json(citations):
    """The citations as a CSL-JSON document (always a list, even of one)."""
    return json.dumps(to_csl_items(citations), ensure_ascii=False, indent=2) + "\n"
