"""Finding Korean script in text, so pages can mark it with lang="ko"."""

import re

# Hangul syllables, jamo and compatibility jamo.
HANGUL = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff"
# Hanja appear inside Korean titles ("渡江(도강)"); alone they are not marked.
HANJA = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

_HAS_HANGUL = re.compile(f"[{HANGUL}]")
# A run starts and ends with a Korean character and may hold spaces and
# punctuation between them, so "쏟아지는 별, 얼어가는 아이" stays one run.
_RUN = re.compile(rf"[{HANGUL}{HANJA}](?:[{HANGUL}{HANJA}\s\d.,!?·…()'\"\-]*[{HANGUL}{HANJA}])?")


def contains_hangul(text):
    return bool(text) and _HAS_HANGUL.search(str(text)) is not None


def split_korean(text):
    """
    The text as (piece, is_korean) pairs, in order; a piece is Korean when it
    is a run of Korean script that holds at least one Hangul character.

    >>> split_korean("E Minor로 쌓아 올리다")
    [('E Minor', False), ('로 쌓아 올리다', True)]
    """
    text = str(text or "")
    pieces, end = [], 0
    for match in _RUN.finditer(text):
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
