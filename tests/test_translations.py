"""Every interface string is translated into Korean, and the compiled catalogue is current."""

import gettext
import re

from django.conf import settings

CATALOGUE = settings.BASE_DIR / "locale" / "ko" / "LC_MESSAGES"
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def po_entries():
    """(flags, msgid, [msgstr…]) for each entry of django.po but its header."""
    text = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        flags, msgid, msgstrs, current = "", None, [], None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags = line
            elif line.startswith("#~"):
                current = None
            elif line.startswith("msgid "):
                msgid, current = "", "msgid"
            elif line.startswith("msgstr"):
                msgstrs.append("")
                current = "msgstr"
            elif line.startswith(("msgid_plural", "msgctxt", "#")):
                current = None if line.startswith("#") else "other"
                continue
            else:
                current = current if line.startswith('"') else None
            value = "".join(STRING.findall(line)) if line.startswith(("msg", '"')) else ""
            if current == "msgid" and not line.startswith("msgid_plural"):
                msgid += value
            elif current == "msgstr":
                msgstrs[-1] += value
        if msgid:
            yield flags, msgid, msgstrs


def unescape(value):
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), value)


def test_no_entry_is_untranslated_or_fuzzy():
    entries = list(po_entries())
    assert len(entries) > 400
    assert [msgid for flags, msgid, _ in entries if "fuzzy" in flags] == []
    assert [msgid for _, msgid, msgstrs in entries if not all(msgstrs)] == []


def test_compiled_catalogue_holds_every_entry():
    with open(CATALOGUE / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog
    compiled_ids = {key[0] if isinstance(key, tuple) else key for key in catalogue}
    missing = [msgid for _, msgid, _ in po_entries() if unescape(msgid) not in compiled_ids]
    assert missing == []
