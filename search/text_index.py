"""
SQLite's index for the search's substring conditions.

search.engine decides what matches: a needle (the folded query, a key) inside one of
four columns of SearchEntry. PostgreSQL finds those from its trigram indexes
(migration 0001); SQLite has no index for `LIKE '%…%'` and would read every entry,
running text included. Migration 0005 gives SQLite one: two FTS5 tables with the
trigram tokenizer (TABLES: the names' and titles' columns, the running text's), kept
in step with SearchEntry by triggers. Since migration 0007 they keep where each trigram
stands (detail=full), so a needle of three characters or more is a phrase of its
trigrams, `column MATCH '"needle"'`, answered from the index alone: the same test as the
engine's LIKE (the columns hold lower-case letters, digits and spaces only, and the
tables compare case-sensitively). Before, the tables knew only which entries hold a
trigram, and `GLOB '*needle*'` read the text of every candidate again: a common word's
10,000 newest matches in texts took 36 ms, 11 ms now, for an index 2.6 times the size
(205 → 543 MB at the bench's 100,000 articles).

A query of one or two Hangul syllables has no trigram: migration 0008 adds a third
table, of the entries' Hangul grams (GRAMS), from which such a needle's entries are read.
Another needle too short for the tables is looked for in an index of the names' and
titles' columns (SHORT_NEEDLES, migration 0009). The kinds without running text have a
table of their names and titles of their own (NAMED, migration 0012).

Where the tables are missing (a SQLite built without FTS5's trigram tokenizer), the
entries themselves are read.
"""

# The statements are built from this module's constants only: no outside input.
# ruff: noqa: S608
import functools
import re
import sqlite3
from collections import defaultdict

from search.models import NAMED_KINDS

# Two tables: the names' and titles' columns apart from the running text's, so that a
# trigram's list of entries for a name is not one with every text that holds it (at the
# bench's size, "defector" in titles: 52 ms in one table, 18 ms in its own).
TABLES = {
    "search_entry_names": ("folded", "keys"),
    "search_entry_bodies": ("body_folded", "body_keys"),
}
TABLE_OF = {column: table for table, columns in TABLES.items() for column in columns}
COLUMNS = tuple(TABLE_OF)
SHORTEST = 3  # a trigram
# What may appear in an indexed needle: never the quote that would end its phrase.
_PLAIN = re.compile(r'[^"]+')
TRIGGER = "search_entry_index"
# The entries' kinds and objects by id, apart from their texts: a match's entry is read
# from here (INDEXED BY: the planner would take the table's rows, each on pages of its
# own with its running text; 10,000 matches' entries: 32 → 17 ms).
ENTRY_INDEX = "search_entry_by_id"


def _statements(template):
    return " ".join(
        template.format(
            table=table,
            names=", ".join(columns),
            new=", ".join(f"new.{column}" for column in columns),
            old=", ".join(f"old.{column}" for column in columns),
        )
        for table, columns in TABLES.items()
    )


# The tables and the triggers that keep them in step (run by migrations 0005 and 0007).
_DELETE_OLD = _statements(
    "INSERT INTO {table}({table}, rowid, {names}) VALUES ('delete', old.id, {old});"
)
_INSERT_NEW = _statements("INSERT INTO {table}(rowid, {names}) VALUES (new.id, {new});")


def create_statements(detail):
    """The tables, with FTS5's `detail` option ("column" by migration 0005, "full" by
    0007: see the module's docstring), their triggers, and their first filling."""
    return [
        *(
            f"CREATE VIRTUAL TABLE {table} USING fts5({', '.join(columns)}, "
            "content='search_searchentry', content_rowid='id', "
            f"tokenize='trigram case_sensitive 1', detail='{detail}')"
            for table, columns in TABLES.items()
        ),
        f"CREATE TRIGGER {TRIGGER}_insert AFTER INSERT ON search_searchentry "
        f"BEGIN {_INSERT_NEW} END",
        f"CREATE TRIGGER {TRIGGER}_delete AFTER DELETE ON search_searchentry "
        f"BEGIN {_DELETE_OLD} END",
        f"CREATE TRIGGER {TRIGGER}_update AFTER UPDATE ON search_searchentry "
        f"BEGIN {_DELETE_OLD} {_INSERT_NEW} END",
        *(f"INSERT INTO {table}({table}) VALUES ('rebuild')" for table in TABLES),
    ]


# What migration 0007 made: the tables with positions, and the entry index, whose
# absence would be an error, not a slower search (INDEXED BY).
DETAIL = "full"
TRIGRAM_CREATE = [
    *create_statements(DETAIL),
    f"CREATE INDEX {ENTRY_INDEX} ON search_searchentry (id, kind, object_id)",
]
TRIGRAM_DROP = [
    *(f"DROP TRIGGER IF EXISTS {TRIGGER}_{event}" for event in ("insert", "delete", "update")),
    *(f"DROP TABLE IF EXISTS {table}" for table in TABLES),
    f"DROP INDEX IF EXISTS {ENTRY_INDEX}",
]

# Migration 0008: the entries' Hangul grams (their syllables and pairs of syllables, the
# column PostgreSQL indexes as an array), one token each, for a query of one or two
# syllables, which has no trigram to look up. Without it such a query read every entry:
# "탈북" at the bench's size, 133 ms in names and titles and 233 in texts; 0 ms this way.
GRAMS = "search_entry_grams"
_GRAMS_EVENTS = {
    "insert": f"INSERT INTO {GRAMS}(rowid, grams) VALUES (new.id, new.grams);",
    "delete": f"INSERT INTO {GRAMS}({GRAMS}, rowid, grams) VALUES ('delete', old.id, old.grams);",
}
_GRAMS_EVENTS["update"] = _GRAMS_EVENTS["delete"] + " " + _GRAMS_EVENTS["insert"]
GRAMS_CREATE = [
    # Grams are Hangul syllables between spaces: the ascii tokenizer's tokens. No
    # positions (detail=none): a gram is looked up whole.
    f"CREATE VIRTUAL TABLE {GRAMS} USING fts5(grams, content='search_searchentry', "
    "content_rowid='id', tokenize='ascii', detail='none')",
    *(
        f"CREATE TRIGGER {GRAMS}_{event} AFTER {event.upper()} ON search_searchentry "
        f"BEGIN {statement} END"
        for event, statement in _GRAMS_EVENTS.items()
    ),
    f"INSERT INTO {GRAMS}({GRAMS}) VALUES ('rebuild')",
]
GRAMS_DROP = [
    *(f"DROP TRIGGER IF EXISTS {GRAMS}_{event}" for event in _GRAMS_EVENTS),
    f"DROP TABLE IF EXISTS {GRAMS}",
]

# Migration 0009: the names' and titles' columns by id, with what a match gives back, for
# a needle too short for the tables ("oh", "x"), read newest first from here rather
# than from the entries' rows, which also hold running text. At the bench's size (13 MB
# each): /press/?q=oh 413 → 109 ms, /search/?q=yi 167 → 59 ms.
# A search of one kind (a list's `q`) reads its own from a second one, led by the kind:
# through the first, reviews' few entries were found among every other's.
SHORT_NEEDLES = "search_entry_short_needles"
SHORT_NEEDLES_OF_KIND = "search_entry_short_needles_of_kind"
SHORT_CREATE = [
    f"CREATE INDEX {SHORT_NEEDLES} ON search_searchentry (id, kind, object_id, folded, keys)",
    f"CREATE INDEX {SHORT_NEEDLES_OF_KIND} "
    "ON search_searchentry (kind, id, object_id, folded, keys)",
]
SHORT_DROP = [
    f"DROP INDEX IF EXISTS {SHORT_NEEDLES}",
    f"DROP INDEX IF EXISTS {SHORT_NEEDLES_OF_KIND}",
]

# Migration 0012: the names' and titles' columns of the kinds without running text
# (NAMED_KINDS) in a table of their own, for the search of every kind, which reads those
# kinds apart when a common word's newest matches filled its limit with articles' and
# reviews' titles (named_entries_sql()). In the names' table, "defector" lists 3,987
# entries at the bench's size, 12 of them films'; here, the 12.
NAMED = "search_entry_named"
_NAMED_COLUMNS = TABLES["search_entry_names"]
_NAMED_NAMES = ", ".join(_NAMED_COLUMNS)
# The kinds without running text, as a condition on an entry (`entry`, or a trigger's
# `new` or `old`).
_NAMED_KIND_LIST = f"({', '.join(str(int(kind)) for kind in NAMED_KINDS)})"
NAMED_SQL = f"AND entry.kind IN {_NAMED_KIND_LIST} "
_NAMED_EVENTS = {
    "insert": (
        f"INSERT INTO {NAMED}(rowid, {_NAMED_NAMES}) "
        f"SELECT new.id, {', '.join(f'new.{c}' for c in _NAMED_COLUMNS)} "
        f"WHERE new.kind IN {_NAMED_KIND_LIST};"
    ),
    "delete": (
        f"INSERT INTO {NAMED}({NAMED}, rowid, {_NAMED_NAMES}) "
        f"SELECT 'delete', old.id, {', '.join(f'old.{c}' for c in _NAMED_COLUMNS)} "
        f"WHERE old.kind IN {_NAMED_KIND_LIST};"
    ),
}
_NAMED_EVENTS["update"] = _NAMED_EVENTS["delete"] + " " + _NAMED_EVENTS["insert"]
NAMED_CREATE = [
    f"CREATE VIRTUAL TABLE {NAMED} USING fts5({_NAMED_NAMES}, "
    "content='search_searchentry', content_rowid='id', "
    f"tokenize='trigram case_sensitive 1', detail='{DETAIL}')",
    *(
        f"CREATE TRIGGER {NAMED}_{event} AFTER {event.upper()} ON search_searchentry "
        f"BEGIN {statement} END"
        for event, statement in _NAMED_EVENTS.items()
    ),
    # Not 'rebuild', which would index every entry of the content table.
    f"INSERT INTO {NAMED}(rowid, {_NAMED_NAMES}) "
    f"SELECT id, {_NAMED_NAMES} FROM search_searchentry "
    f"WHERE kind IN {_NAMED_KIND_LIST}",
]
NAMED_DROP = [
    *(f"DROP TRIGGER IF EXISTS {NAMED}_{event}" for event in _NAMED_EVENTS),
    f"DROP TABLE IF EXISTS {NAMED}",
]

# What is there since migration 0012, and what a migration that rebuilds
# search_searchentry on SQLite runs after (DROP before).
CREATE = TRIGRAM_CREATE + GRAMS_CREATE + SHORT_CREATE + NAMED_CREATE
DROP = NAMED_DROP + SHORT_DROP + GRAMS_DROP + TRIGRAM_DROP


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
    """Whether migration 0005 makes the tables on this database."""
    return connection.vendor == "sqlite" and trigrams_supported()


def executes(statements):
    """A migration's RunPython function that runs these statements where the tables can be."""

    def operation(apps, schema_editor):
        if can_create(schema_editor.connection):
            for statement in statements:
                schema_editor.execute(statement)

    return operation


def available(connection):
    """
    Whether this database has the tables: migrations 0005, 0007 to 0009 and 0012 make them
    wherever the SQLite library can, and this library is the one that ran them. (A
    database migrated by a SQLite without the tokenizer and then served by one with it
    needs the migrations run again: `manage.py migrate search 0004`, then `manage.py
    migrate`.)
    """
    return can_create(connection)


def serves(column, needle):
    """Whether a table can find this needle in this column: three characters or more."""
    return column in COLUMNS and len(needle) >= SHORTEST and bool(_PLAIN.fullmatch(needle))


# A kind with at most this many entries is read whole rather than through the tables
# when a search is of that kind alone (entries_sql()).
SMALL_KIND = 20_000
# The largest rowid SQLite has: a bound that keeps every row.
_LAST_ROWID = 2**63 - 1


def newest_first(number, source, order):
    """A needle's entries from `source` (tables and conditions, ending in a space), by
    `order` newest first, up to a limit (the statement's last parameter)."""
    return (
        f"SELECT * FROM (SELECT {number} AS needle, entry.id, entry.object_id, "
        f"entry.kind FROM {source}ORDER BY {order} DESC LIMIT %s)"
    )


def phrase_in(table, column, needle):
    """The entries whose `column` holds a needle a table serves, as a phrase of `table`'s
    trigrams, one after the other (`serves` lets no quote in): (source, order, params)."""
    return (
        f"{table} CROSS JOIN search_searchentry AS entry INDEXED BY {ENTRY_INDEX} "
        f"ON entry.id = {table}.rowid WHERE {table}.{column} MATCH %s ",
        f"{table}.rowid",
        [f'"{needle}"'],
    )


def entries_sql(needles, limit, kind=None, indexed=True, gram=None, leader=None, named=False):
    """
    SQLite: one query for the entries whose column holds each (column, needle), the
    last indexed first, at most `limit` for each needle (None: all): rows of (needle's number,
    entry id, object id, kind). A needle a table serves (with `indexed`) is read from it
    as a phrase of trigrams, backwards, stopping at the limit, so a common word costs no
    more than a rare one. A shorter one is looked for in the entries themselves (instr:
    the columns are folded already, so a plain comparison of characters is the match):
    of every entry, or, when it is `gram` (a query of one or two Hangul syllables), of
    those the grams table names, as PostgreSQL does with its array of grams.

    A search of one kind that has at most SMALL_KIND entries (reviews) reads that kind's
    entries instead of a table: a table names every kind's matches, newest first, and a
    word in most articles' texts and few reviews' made /reviews/?q= read all of them
    (88,858 for "defector" at the bench's size: this statement took 95 ms, and 4 reading
    the 2,001 reviews' entries instead; the page, 129-188 ms, now 48). The statement
    counts the kind's entries once and takes one way or the other: the way not taken is
    given a bound that holds for no row (a kind of -1, a rowid below 0), computed before
    its first row is read.

    `named`: the entries of the kinds without running text only (NAMED_KINDS), for the
    search of every kind, whose newest matches of a common word can be all articles'
    and reviews' titles: see named_entries_sql(), which reads them where the tables
    are; the entries themselves are read here otherwise.

    `leader`, the number of a needle whose entries are each of a different object (see
    search.engine.leading_needle()), bounds the others: when it reads `limit` entries
    (the caller's limit and one more), they read only entries from its oldest one on
    ("defector" in articles at the bench's size: the titles' 3,934 matches each for two
    needles, 18 ms, become the 438 newer than the texts' 10,001st; the statement, 37-40
    ms, 23-26).
    """
    if named and indexed:
        return named_entries_sql(needles, limit)
    reads = defaultdict(list)  # needle's number: [(sql, params)], one way or two
    few = "(SELECT few FROM kind_size)"
    counted = False
    if limit is None:
        leader = None

    def read(number, source, order, patterns, kind_sql="", kind_value=()):
        if leader is not None and number != leader:
            kind_sql += f"AND {order} >= {FLOOR} "
        reads[number].append(
            (
                newest_first(number, source + kind_sql, order),
                [*patterns, *kind_value, -1 if limit is None else limit],  # -1: all
            )
        )

    for number, (column, needle) in enumerate(needles):
        if column not in COLUMNS:
            raise ValueError(f"Not a search column: {column}")
        if indexed and serves(column, needle):
            from_table = phrase_in(TABLE_OF[column], column, needle)
        elif indexed and gram is not None and needle == gram and _PLAIN.fullmatch(gram):
            # The grams table names the entries that have the syllables somewhere; instr
            # keeps those that have them in this column.
            from_table = (
                f"{GRAMS} CROSS JOIN search_searchentry AS entry INDEXED BY {ENTRY_INDEX} "
                f"ON entry.id = {GRAMS}.rowid WHERE {GRAMS} MATCH %s "
                f"AND instr(entry.{column}, %s) > 0 ",
                f"{GRAMS}.rowid",
                [f'"{gram}"', needle],
            )
        else:
            from_table = None
        # The entries themselves, newest first. A needle too short for the tables is read
        # this way: for the names' columns, from SHORT_NEEDLES or, for a kind,
        # SHORT_NEEDLES_OF_KIND, which hold them (migration 0009). So is a small kind's.
        from_entries = f"search_searchentry AS entry WHERE instr(entry.{column}, %s) > 0 "
        if named:
            read(number, from_entries + NAMED_SQL, "entry.id", [needle])
        elif from_table is None:
            of_kind = ("AND entry.kind = %s ", [kind]) if kind is not None else ()
            read(number, from_entries, "entry.id", [needle], *of_kind)
        elif kind is None:
            read(number, *from_table)
        else:
            counted = True
            walked = f"AND entry.kind = (CASE WHEN {few} THEN %s ELSE -1 END) "
            read(number, from_entries, "entry.id", [needle], walked, [kind])
            source, order, patterns = from_table
            source += f"AND {order} <= (CASE WHEN {few} THEN -1 ELSE {_LAST_ROWID} END) "
            read(number, source, order, patterns, "AND entry.kind = %s ", [kind])
    ctes = []
    if counted:
        # The kind's entries, counted once, up to one past SMALL_KIND.
        ctes.append(
            (
                "kind_size AS (SELECT count(*) <= %s AS few FROM (SELECT 1 FROM "
                "search_searchentry WHERE kind = %s LIMIT %s))",
                [SMALL_KIND, kind, SMALL_KIND + 1],
            )
        )
    if leader is not None:
        led_sql, led_params = union(reads[leader])
        ctes += led_by(led_sql, led_params, limit)
        reads[leader] = [("SELECT * FROM leader", [])]
    return with_tables(ctes, *union([part for number in sorted(reads) for part in reads[number]]))


def named_entries_sql(needles, limit):
    """
    SQLite: the entries of NAMED_KINDS that hold these needles (of the names' columns),
    the last indexed first, at most `limit` for each needle (None: all). A needle of
    three characters or more is read from those kinds' own table (NAMED, migration
    0012) as a phrase, backwards, stopping at the limit: "defector" at the bench's size
    reads its 12 films' entries, where the names' table would list 3,987 titles to skip
    (12 ms) and a pass over the named kinds' 55,000 entries took 8 ms. A shorter one
    ("oh", "x") is looked for in that pass, over SHORT_NEEDLES_OF_KIND, which holds the
    columns, an entry counted for the first of them it holds (9-14 ms, whatever the
    number of articles).
    """
    if not needles:
        return "SELECT NULL, NULL, NULL, NULL WHERE 0", []
    if any(column not in COLUMNS for column, _ in needles):
        raise ValueError(f"Not search columns: {needles}")
    parts, short = [], []
    for number, (column, needle) in enumerate(needles):
        if not serves(column, needle):
            short.append((number, column, needle))
            continue
        source, order, params = phrase_in(NAMED, column, needle)
        parts.append(
            (newest_first(number, source, order), [*params, -1 if limit is None else limit])
        )
    if short:
        holds = " ".join(
            f"WHEN instr(entry.{column}, %s) > 0 THEN {number}" for number, column, _ in short
        )
        held = (
            f"SELECT CASE {holds} END AS needle, entry.id, entry.object_id, entry.kind "
            f"FROM search_searchentry AS entry INDEXED BY {SHORT_NEEDLES_OF_KIND} "
            f"WHERE TRUE {NAMED_SQL}"
        )
        parts.append(
            (
                "SELECT * FROM (SELECT needle, id, object_id, kind FROM (SELECT *, "
                "row_number() OVER (PARTITION BY needle ORDER BY id DESC) AS newest "
                f"FROM ({held}) WHERE needle IS NOT NULL) WHERE newest <= %s)",
                [*(needle for _, _, needle in short), _LAST_ROWID if limit is None else limit],
            )
        )
    return union(parts)


# The floor a leading needle sets, by name, for the others' conditions.
FLOOR = "(SELECT oldest FROM leader_floor)"


def led_by(sql, params, limit):
    """
    The statement's common tables for a leading needle (its reads: `sql`, `params`):
    its entries, and the oldest of them when it read `limit`, else 0, a floor that keeps
    every entry. SQLite and PostgreSQL alike; both read a table named twice once (SQLite
    since 3.35; an older one reads the leader twice, to the same rows).
    """
    return [
        (f"leader AS ({sql})", params),
        (
            "leader_floor AS (SELECT CASE WHEN count(*) >= %s THEN min(id) ELSE 0 END "
            "AS oldest FROM leader)",
            [limit],
        ),
    ]


def with_tables(ctes, sql, params):
    """The statement `sql` with these common tables [(sql, params)] before it."""
    if not ctes:
        return sql, params
    tables = ", ".join(cte for cte, _ in ctes)
    return f"WITH {tables} {sql}", [*(p for _, cte_params in ctes for p in cte_params), *params]


def union(parts):
    """One statement of these (sql, params): their rows one after the other."""
    return " UNION ALL ".join(sql for sql, _ in parts), [p for _, params in parts for p in params]
