"""Every interface string is translated into Korean, and the compiled catalogue is current."""

import gettext
import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

CATALOGUE = settings.BASE_DIR / "locale" / "ko" / "LC_MESSAGES"
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def po_entries(path=CATALOGUE / "django.po"):
    """(flags, msgid, [msgstr…]) for each entry of a django.po but its header."""
    text = path.read_text(encoding="utf-8")
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


# What makemessages reads: every template and Python file of the project, not what
# lies beside it (the virtualenv, uploads, collected files).
SOURCES = (".py", ".html", ".txt")
NOT_SOURCES = {".venv", ".git", "media", "staticfiles", "test-artifacts", "locale"}


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext (.ci/run installs it)")
def test_making_the_messages_again_keeps_every_entry(tmp_path, monkeypatch, settings):
    # README's workflow after a change, run on a copy of the sources: a string that
    # makemessages cannot find (written inside an f-string, say) would be dropped from
    # the catalogue as obsolete, and a string never added would be missing from it.
    root = settings.BASE_DIR
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = [name for name in subdirectories if name not in NOT_SOURCES]
        copy = tmp_path / Path(directory).relative_to(root)
        for name in files:
            if name.endswith(SOURCES):
                copy.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(Path(directory, name), copy / name)
    catalogue = tmp_path / "locale" / "ko" / "LC_MESSAGES"
    catalogue.mkdir(parents=True)
    shutil.copyfile(CATALOGUE / "django.po", catalogue / "django.po")
    monkeypatch.chdir(tmp_path)
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    call_command("makemessages", locale=["ko"], verbosity=0)
    remade = {msgid for _, msgid, _ in po_entries(catalogue / "django.po")}
    assert remade == {msgid for _, msgid, _ in po_entries()}
