"""
SQLite's index for the search's substring conditions.

search.engine decides what matches: a needle (the folded query, a key) inside one of
four columns of SearchEntry. PostgreSQL finds those from its trigram indexes
(migration 0001); SQLite has no index for `LIKE '%…%'` and would read every entry,
running text included. Migration 0004 gives SQLite one: an FTS5 table with the trigram
tokenizer over the four columns (TABLE), kept in step with SearchEntry by triggers,
which answers `column GLOB '*needle*'` from its index when the needle is three
characters or more. GLOB there is the same test as the engine's LIKE: the columns hold
lower-case letters, digits and spaces only, and the table compares case-sensitively.

Where the table is missing (a SQLite built without FTS5's trigram tokenizer) or a
needle is too short for it, the entries themselves are read.
"""

# The statements are built from this module's constants only: no outside input.
# ruff: noqa: S608
import functools
import re
import sqlite3

TABLE = "search_entry_text"
COLUMNS = ("folded", "keys", "body_folded", "body_keys")
SHORTEST = 3  # a trigram
# What may appear in an indexed needle: never a GLOB wildcard.
_PLAIN = re.compile(r"[^*?\[\]]+")

# The table and the triggers that keep it in step (run by migration 0004).
_COLUMN_LIST = ", ".join(COLUMNS)
_NEW = ", ".join(f"new.{column}" for column in COLUMNS)
_OLD = ", ".join(f"old.{column}" for column in COLUMNS)
_DELETE_OLD = (
    f"INSERT INTO {TABLE}({TABLE}, rowid, {_COLUMN_LIST}) VALUES ('delete', old.id, {_OLD});"
)
_INSERT_NEW = f"INSERT INTO {TABLE}(rowid, {_COLUMN_LIST}) VALUES (new.id, {_NEW});"
CREATE = [
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5({_COLUMN_LIST}, content='search_searchentry', "
    "content_rowid='id', tokenize='trigram case_sensitive 1', detail='column')",
    f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON search_searchentry BEGIN {_INSERT_NEW} END",
    f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON search_searchentry BEGIN {_DELETE_OLD} END",
    f"CREATE TRIGGER {TABLE}_update AFTER UPDATE ON search_searchentry "
    f"BEGIN {_DELETE_OLD} {_INSERT_NEW} END",
    f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')",
]
DROP = [f"DROP TRIGGER IF EXISTS {TABLE}_{event}" for event in ("insert", "delete", "update")] + [
    f"DROP TABLE IF EXISTS {TABLE}"
]


@functools.cache
def trigrams_supported():
    """Whether this SQLite library has FTS5 and its trigram tokenizer (SQLite 3.34 and
    later), asked of a private in-memory database once a process."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(a, tokenize=trigram)")
    except sqlite3.Error:
        return False
    finally:
        probe.close()
    return True


def can_create(connection):
    """Whether migration 0004 makes the table on this database."""
    return connection.vendor == "sqlite" and trigrams_supported()


def available(connection):
    """
    Whether this database has the table: migration 0004 makes it wherever the SQLite
    library can, and this library is the one that ran it. (A database migrated by a
    SQLite without the tokenizer and then served by one with it needs the migration
    run again: `manage.py migrate search 0003`, then `manage.py migrate`.)
    """
    return can_create(connection)


def serves(column, needle):
    """Whether the table can find this needle in this column: three characters or more."""
    return column in COLUMNS and len(needle) >= SHORTEST and bool(_PLAIN.fullmatch(needle))


def entries_sql(needles, limit, kind=None, indexed=True):
    """
    SQLite: one query for the entries whose column holds each (column, needle), the
    last indexed first, at most `limit` for each needle (None: all): rows of (needle's number,
    entry id, object id). A needle the table serves (with `indexed`) is read from it,
    backwards, stopping at the limit, so a common word costs no more than a rare one;
    a shorter one is looked for in the entries themselves (instr: the columns are
    folded already, so a plain comparison of characters is the match).
    """
    parts, params = [], []
    kind_sql = "AND entry.kind = %s " if kind is not None else ""
    kind_params = [kind] if kind is not None else []
    for number, (column, needle) in enumerate(needles):
        if column not in COLUMNS:
            raise ValueError(f"Not a search column: {column}")
        if indexed and serves(column, needle):
            source = (
                f"{TABLE} CROSS JOIN search_searchentry AS entry "
                f"ON entry.id = {TABLE}.rowid WHERE {TABLE}.{column} GLOB %s "
            )
            order, pattern = f"{TABLE}.rowid", f"*{needle}*"
        else:
            source = f"search_searchentry AS entry WHERE instr(entry.{column}, %s) > 0 "
            order, pattern = "entry.id", needle
        parts.append(
            f"SELECT * FROM (SELECT {number} AS needle, entry.id, entry.object_id "
            f"FROM {source}{kind_sql}ORDER BY {order} DESC LIMIT %s)"
        )
        params += [pattern, *kind_params, -1 if limit is None else limit]  # -1: no limit
    return " UNION ALL ".join(parts), params
