"""
The site's search, as database queries on SearchEntry: the one definition of
what a query matches and how well.

The entries hold, for every name, title and running text, its folded form and
its phonetic keys (search/index.py, crossing_archive/lib/search.py); Terms
holds the same for the query. A name or title answers the query when

- the folded query lies inside the folded text (so 인표 finds 차인표, "kimtae"
  finds "KIM Tae-kyun"), or
- a key of the query starts a key of the text, or, for a key of SHORT_KEY
  letters or more, lies inside one ("taegyun" inside the key of "Kim Tae
  Gyoon"). A short key matches only at the start, as "Lee" should find Lee and
  Yi, not every name with "li" in its key.

Running text (an article's) answers only longer queries, which are less likely
to be found in it by chance: a folded query of TEXT_MIN characters
(HANGUL_TEXT_MIN for Hangul) inside the folded text, or, for a name (two words
or more, or Hangul), a key of TEXT_KEY_MIN letters inside the text's key
(Terms.searches_text, Terms.text_keys). score() orders the answers.

These are needles() inside columns of lower-case folded text and keys, which
SQLite and PostgreSQL answer alike; tests/test_search.py holds both to one table
of queries and their hits. On PostgreSQL the trigram and array indexes of
migration 0001 serve them as LIKE conditions; only the one- and two-syllable
Hangul queries get an extra condition there (implied by the one it stands
beside) that lets the array index find them. SQLite reads them from the FTS5
trigram table of search/text_index.py, and scans only for needles shorter than
a trigram. A search reads at most MATCH_LIMIT matching entries a needle
(EVERY_KIND_LIMIT for the search of every kind), the last indexed first
(last_matching()): a common word costs no more than a rare one.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    F,
    Func,
    IntegerField,
    Max,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber

from articles.models import Article, Publication, Review
from core.models import Ids
from crossing_archive.lib.search import Excerpt, Score, Terms, locate
from films.models import Credit, Film, NameKind, Person, Track
from search import text_index
from search.models import BODY_COLUMNS, NAMED_KINDS, RUNNING_TEXT, Kind, SearchEntry

# A search reads at most about this many matching entries for each thing it looks for
# (the last indexed), and says so when there were more. Each one read costs the page a
# little (which of them visitors may see, the best entry of each object): at the bench's
# size, /search/?q=defector took 54 ms on SQLite reading 2,000 a needle, 35 reading 1,000
# (before the named kinds' own read, matching_entries()).
MATCH_LIMIT = 1_000
# The search of every kind reads half as many: its page is an overview, grouped by kind,
# whose kinds link to their own searches, which read MATCH_LIMIT of that kind's; the
# films and people a common word's newest matches leave out are read on their own
# (matching_entries()). /search/?q=defector at the bench's size: 32 → 23 ms on SQLite,
# 55 → 46 on PostgreSQL.
EVERY_KIND_LIMIT = 500


def any_of(conditions):
    conditions = list(conditions)
    return reduce(or_, conditions) if conditions else None


class HasHangulGram(Func):
    """PostgreSQL: the entry's space-separated `grams` include this one (array GIN index)."""

    output_field = BooleanField()

    def __init__(self, gram):
        super().__init__(F("grams"), Value(gram))

    def as_sql(self, compiler, connection, **extra_context):
        grams, gram = self.source_expressions
        grams_sql, grams_params = compiler.compile(grams)
        gram_sql, gram_params = compiler.compile(gram)
        sql = f"string_to_array({grams_sql}, ' ') @> ARRAY[{gram_sql}]::text[]"
        return sql, (*grams_params, *gram_params)


def needles(terms):
    """
    What answers the query, as (column, needle) pairs: an entry answers when one of
    its columns holds one of its needles. Names and titles: the folded query inside,
    or a key at a key's start (a long key anywhere in one). Running text: a long
    enough folded query inside it, or a name's key inside its key. A name leaves the
    body columns empty and running text the name columns, so no pair needs to say
    which rows it is for.
    """
    found = [("folded", terms.folded)]
    found += [("keys", f" {key}") for key in terms.short_keys]
    found += [("keys", key) for key in terms.long_keys]
    if terms.searches_text:
        found.append(("body_folded", terms.folded))
    found += [("body_keys", key) for key in terms.text_keys]
    return found


def holds(column, needle, terms):
    """The condition that `column` holds `needle`; on PostgreSQL, by the Hangul grams
    index where that helps (one- and two-syllable queries, which trigrams cannot find)."""
    condition = Q(**{f"{column}__contains": needle})
    if needle == terms.folded and terms.hangul_gram and connection.vendor == "postgresql":
        return Q(HasHangulGram(terms.hangul_gram)) & condition
    return condition


def match_condition(terms):
    """The entries that answer the query, as one condition (for subqueries; the search
    itself reads them with last_matching())."""
    return any_of(holds(column, needle, terms) for column, needle in needles(terms))


def score(terms):
    """How well an entry answers the query, a Score: lower is better (Score.TEXT for
    running text). Only meaningful on entries that match_condition() keeps."""

    def keys_with(pattern):
        return any_of(Q(keys__contains=pattern.format(key)) for key in terms.keys)

    whens = [
        (Q(body=True), Score.TEXT),
        (Q(folded=terms.folded), Score.EXACT),
        (keys_with(" {} "), Score.SAME_KEY),
        (Q(folded__startswith=terms.folded), Score.PREFIX),
        (keys_with(" {}"), Score.KEY_PREFIX),
        (Q(folded__contains=terms.folded), Score.INSIDE),
    ]
    return Case(
        *(When(condition, then=Value(int(value))) for condition, value in whens if condition),
        default=Value(int(Score.KEY_INSIDE)),
        output_field=IntegerField(),
    )


def opening(text, width=180):
    """
    The start of a text as an excerpt with nothing marked: what a result shows
    when its match lies in a part visitors may not see.
    """
    text = " ".join((text or "").split())
    if not text:
        return None
    if len(text) > width:
        text = text[:width].rsplit(" ", 1)[0] + "…"
    return Excerpt("", "", text)


# Each kind's model, and whether it has drafts (published()).
MODELS = {
    Kind.FILM: (Film, True),
    Kind.PERSON: (Person, True),
    Kind.CHARACTER: (Credit, True),
    Kind.TRACK: (Track, True),
    Kind.PUBLICATION: (Publication, False),
    Kind.ARTICLE: (Article, True),
    Kind.REVIEW: (Review, True),
}


def visible_objects(kind):
    """The objects of `kind` visitors may see: the site's own rules (published()). Only
    the kinds asked for are built (seven querysets took a few ms on every search)."""
    model, drafts = MODELS[kind]
    return model.objects.published() if drafts else model.objects.all()


def visible_pairs(object_ids):
    """
    Of these {kind: object ids}, the (kind, object id) pairs visitors may see: one
    query for every kind with drafts (a UNION ALL of their published() rows among
    the ids), none for publications, which have none.
    """
    pairs = {
        (kind, pk)
        for kind, (_model, drafts) in MODELS.items()
        if not drafts
        for pk in object_ids.get(kind, ())
    }
    parts, params = [], []
    for kind, (_model, drafts) in MODELS.items():
        if not drafts or not object_ids.get(kind):
            continue
        visible = (
            visible_objects(kind)
            .filter(pk__in_ids=Ids(object_ids[kind]))
            .annotate(entry_kind=Value(int(kind)))
            .order_by()
            .values_list("entry_kind", "pk")
        )
        sql, sql_params = visible.query.sql_with_params()
        # The ORM's own SQL, its values in params.
        parts.append(f"SELECT * FROM ({sql}) AS visible_{int(kind)}")  # noqa: S608
        params += sql_params
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            pairs.update(cursor.fetchall())
    return pairs


def last_matching(terms, limit, kind=None, first_objects=False, named=False, only=None):
    """
    The entries that answer the query, the last indexed first: [(entry id, (object
    id, kind))], and the needles that matched more (column, needle), none when all were
    read (so it says whether more matched). One query, which reads at most `limit` entries
    for each needle, every one with None (so the many texts a common word is in never
    crowd out the few names), from the text index on SQLite where it can
    (search.text_index.entries_sql) and from the trigram indexes on PostgreSQL.

    `first_objects`: the caller keeps only the first `limit` objects of one kind and
    whether there were more (first_matching_ids()), so a needle in running text leads
    the others (leading_needle()), which may then leave out older entries that no such
    caller keeps: only those objects and `more` are the same as without it. Needles in
    running text are left out for a kind that has none.

    `named`: the entries of NAMED_KINDS only, every kind but those with running text
    (matching_entries()). On PostgreSQL each needle's are read from its index (a name
    or title is rarely in the newest entries of these kinds that a walk would read).
    `only`: these of the query's needles, not all.
    """
    found = needles(terms)
    if only is not None:
        found = [pair for pair in found if pair in only]
    if named or (kind is not None and kind not in RUNNING_TEXT):
        found = [(column, needle) for column, needle in found if column not in BODY_COLUMNS]
    read_at_most = None if limit is None else limit + 1  # one more: were there more?
    leader = None
    if first_objects and kind is not None and read_at_most is not None:
        leader = leading_needle(found)
    if connection.vendor == "sqlite":
        indexed = text_index.available(connection)
        sql, params = text_index.entries_sql(
            found, read_at_most, kind, indexed, gram=terms.hangul_gram, leader=leader, named=named
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    else:
        parts, ctes = [], []
        for number, (column, needle) in enumerate(found):
            entries = SearchEntry.objects.filter(holds(column, needle, terms))
            if kind is not None:
                entries = entries.filter(kind=kind)
            if named and not indexed_on_postgresql(column, needle, terms):
                parts.append(named_kinds_walked(number, column, needle, read_at_most))
                continue
            if named:
                entries = entries.filter(kind__in=NAMED_KINDS)
            bounded = leader is not None and number != leader
            matching = entries.annotate(needle=Value(number)).values_list(
                "needle", "pk", "object_id", "kind"
            )
            sql, sql_params = matching.order_by().query.sql_with_params()
            if named and read_at_most is not None:
                # The ORM's own SQL, its values in params; newest first once found.
                sql = f"SELECT * FROM ({sql} OFFSET 0) AS indexed ORDER BY 2 DESC LIMIT %s"  # noqa: S608
                sql_params = (*sql_params, read_at_most)
            elif read_at_most is not None:
                sql, sql_params = common_words_newest_first(
                    number, column, needle, kind, read_at_most, sql, sql_params, bounded
                )
            if number == leader:
                ctes = text_index.led_by(sql, sql_params, read_at_most)
                sql, sql_params = "SELECT * FROM leader", []
            parts.append((f"({sql})", sql_params))
        statement, params = text_index.with_tables(ctes, *text_index.union(parts))
        rows = []
        if parts:
            with connection.cursor() as cursor:
                cursor.execute(statement, params)
                rows = cursor.fetchall()
    read = defaultdict(int)
    entries = {}
    for number, pk, object_id, entry_kind in rows:
        read[number] += 1
        entries[pk] = (object_id, entry_kind)
    capped = () if limit is None else tuple(found[n] for n, count in read.items() if count > limit)
    return sorted(entries.items(), reverse=True), capped


def indexed_on_postgresql(column, needle, terms):
    """
    Whether PostgreSQL finds this needle from an index rather than by reading every
    entry: three characters, or a key's start (its leading space is one), make a
    trigram; a query of one or two Hangul syllables has the grams' index (holds()).
    The named kinds' read (last_matching()) reads the others by walking each kind
    (named_kinds_walked()): asked of every entry, "oh" in the names' column took 105
    ms at the bench's size.
    """
    if needle == terms.folded and terms.hangul_gram:
        return True
    return len(needle) >= 3 or (needle.startswith(" ") and len(needle) >= 2)


def named_kinds_walked(number, column, needle, limit):
    """
    PostgreSQL: the newest `limit` entries of NAMED_KINDS whose `column` holds a needle
    no index serves, as (sql, params): each kind's entries walked newest first in its
    index (kind, id), as common_words_newest_first() does for one kind, until `limit`
    hold it, then the newest of them all. At the bench's size, 11-19 ms ("x", "ab", a
    needle in none); the planner's own way, backwards through every entry, 224-259.
    """
    if column not in ("folded", "keys"):
        raise ValueError(f"Not a column of names: {column}")
    walks, params = [], []
    for kind in NAMED_KINDS:
        walks.append(
            f"(SELECT %s, id, object_id, kind FROM search_searchentry "  # noqa: S608
            f"WHERE kind BETWEEN %s AND %s AND strpos({column}, %s) > 0 "
            "ORDER BY kind DESC, id DESC LIMIT %s)"
        )
        params += [number, int(kind), int(kind), needle, limit]
    sql = f"SELECT * FROM ({' UNION ALL '.join(walks)}) AS walked ORDER BY 2 DESC LIMIT %s"  # noqa: S608
    return f"({sql})", [*params, limit]


def leading_needle(found):
    """
    Of these needles, the number of the first in running text, or None. An object has
    one entry of running text at most (search.index replaces an object's entries whole
    on each save), so when that needle reads `limit` + 1 entries they are as many
    objects, every one at least as new as the oldest of them: a search that keeps the
    first `limit` objects and says whether there were more needs no other needle's older
    entries, and the others read only from there on where an index finds them
    (search.text_index.entries_sql(); PostgreSQL's walk of the newest entries stops at
    its limit anyway). Were saves of one text at the same moment to leave it two entries,
    a list past its cap could end short of it by an object or so, never with a wrong one.
    """
    return next(
        (number for number, (column, _) in enumerate(found) if column in BODY_COLUMNS), None
    )


# The newest entries a needle is first tried on, and how many of them must hold it for it
# to count as common (0.35: past that, reading the newest entries until enough hold it
# reads fewer than the trigram index's candidates, all rechecked).
SAMPLE, COMMON = 200, 70


def common_words_newest_first(
    number, column, needle, kind, limit, matching_sql, params, bounded=False
):
    """
    PostgreSQL: a needle in one statement that takes one of two ways to the newest
    `limit` entries that hold it. Its trigram index finds every entry that may hold the
    needle, each read again to check, and the newest are kept: for "defector" in texts,
    88,000 at the bench's size (0.4 s) to keep the newest 2,000 (the limit then). When
    most of the newest SAMPLE entries hold it, the newest entries are read instead, in
    order, until `limit` of them do. Both ways give the same rows; the database runs only
    the one whose condition (a constant, once computed) holds. The index's way is fenced
    (OFFSET 0): asked for the newest first, the planner would walk every entry backwards
    instead of using the index ("defector" in titles: 33 ms, 2,001 of 140,000 read).
    A `bounded` needle's index way keeps only the entries from a leading needle's floor
    on (last_matching()), outside the fence: inside, the planner would add the ids'
    index to the trigrams' (a BitmapAnd), which reads every id when there is no floor
    (277,514 at the bench's size, 10 ms). Its walk stops at `limit` either way.
    """
    # A kind's newest entries from its index (kind, id). Asked for `kind = k ... ORDER BY
    # id DESC`, the planner reads back through the newer entries of every other kind
    # (people's entries are the oldest: 90 ms at the bench's size), not knowing that a
    # kind's entries lie together; a range of one kind leaves it the index's order.
    kind_sql, kind_params, newest_first = "", [], "id DESC"
    if kind is not None:
        kind_sql, kind_params = "AND kind BETWEEN %s AND %s ", [kind, kind]
        newest_first = "kind DESC, id DESC"
    # Counted once (a materialized CTE), read by both ways' one-time conditions.
    sample = (
        "WITH sample AS MATERIALIZED (SELECT count(*) FILTER "  # noqa: S608
        "(WHERE strpos(newest.text, %s) > 0) AS holding FROM "
        f"(SELECT {column} AS text FROM search_searchentry WHERE TRUE {kind_sql}"
        f"ORDER BY {newest_first} LIMIT {SAMPLE}) AS newest) "
    )
    sample_params = [needle, *kind_params]
    walk = (
        "SELECT %s, newest.id, newest.object_id, newest.kind FROM "  # noqa: S608
        f"(SELECT id, object_id, kind, {column} AS text FROM search_searchentry WHERE TRUE "
        f"{kind_sql}ORDER BY {newest_first} OFFSET 0) AS newest "
        "WHERE strpos(newest.text, %s) > 0 AND (SELECT holding FROM sample) >= %s LIMIT %s"
    )
    walk_params = [number, *kind_params, needle, COMMON, limit]
    floor_sql = f"AND indexed.pk >= {text_index.FLOOR} " if bounded else ""
    indexed = (
        f"SELECT * FROM ({matching_sql} OFFSET 0) AS indexed "  # noqa: S608
        f"WHERE (SELECT holding FROM sample) < %s {floor_sql}ORDER BY 2 DESC LIMIT %s"
    )
    indexed_params = [*params, COMMON, limit]
    return (
        f"{sample}({walk}) UNION ALL ({indexed})",
        sample_params + walk_params + indexed_params,
    )


def matching_entries(terms, kind=None):
    """
    The entries of visible objects (of one kind, or of any) that answer the query,
    of the MATCH_LIMIT (of one kind) or EVERY_KIND_LIMIT (of any) or so last indexed:
    ([(entry id, kind)], {kind: number of objects}, whether more matched). Two queries:
    the matches, then which of their objects visitors may see; a page then reads the
    entries of its own kinds by their ids, without asking again. A search of every kind
    that matched more in the names' and titles' columns reads the named kinds' own
    matches of those needles too (one query more).
    """
    if not terms:
        return [], {}, False
    limit = reading_limit(kind)
    entries, capped = last_matching(terms, limit, kind=kind)
    more = bool(capped)
    in_names = [(column, needle) for column, needle in capped if column not in BODY_COLUMNS]
    if in_names and kind is None:
        # A common word's newest matches in the names' and titles' columns can be
        # articles' and reviews' titles alone: at the bench's size, the 3,975 titles with
        # "defector" left out all 12 films that have it. Where a needle read up to its
        # limit there, the other kinds' own are read too (one query more), so that no
        # film or person goes missing.
        named, _ = last_matching(terms, limit, named=True, only=in_names)
        entries = sorted({**dict(named), **dict(entries)}.items(), reverse=True)
    if not entries:
        return [], {}, False
    by_kind = defaultdict(set)
    for _, (object_id, entry_kind) in entries:
        by_kind[entry_kind].add(object_id)
    visible = visible_pairs(by_kind)
    found = [
        (pk, entry_kind)
        for pk, (object_id, entry_kind) in entries
        if (entry_kind, object_id) in visible
    ]
    counts = dict(sorted(Counter(entry_kind for entry_kind, _ in visible).items()))
    return found, counts, more


def reading_limit(kind):
    """How many entries a needle a search reads at most: of one kind, or of every kind."""
    return EVERY_KIND_LIMIT if kind is None else MATCH_LIMIT


def matching_ids(kind, query):
    """
    The ids of the objects of `kind` that answer the query, as a subquery (no
    query of its own). Visibility is left to the caller's own queryset.
    """
    terms = Terms.parse(query)
    if not terms:
        return SearchEntry.objects.none().values("object_id")
    return SearchEntry.objects.filter(kind=kind).filter(match_condition(terms)).values("object_id")


def first_matching_ids(kind, query, limit, among=None, among_limit=None):
    """
    The ids of at most `limit` objects of `kind` (all of them with None; under `among`,
    see below) that answer the query, the last indexed first, as a list, so that a
    list's count, chart and page reuse it instead of matching three times. Returns
    (ids, whether more matched). One query.

    `among` is a queryset of `kind`'s model that a list's other filters have narrowed.
    Every match among its rows is wanted, not only those among the whole archive's
    newest `limit` (at the bench's size, one source's articles were 1 in 13 of a
    common word's 10,000 newest matches). When it holds at most `among_limit` rows
    (`limit` unless given), they are read (one query) and the word is looked for in
    their own entries (matching_among(): one more), at a cost bounded by the rows,
    whatever the word: at the bench's size, 8,255 rows of one year took 30 ms on
    SQLite, a word in none of them or in most; on PostgreSQL a rare word 10-15 ms, and
    "defector" among one source's 5,937 rows 32. All of their matches are then
    returned, more than `limit` if they are. Past that, the word is looked for in the
    whole archive's newest `limit` matches, as without filters.
    """
    terms = Terms.parse(query)
    if not terms:
        return [], False
    if among_limit is None:
        among_limit = limit
    if among is not None and among_limit is not None:
        candidates = Ids.read(among.order_by().values(ids=F("pk"))[: among_limit + 1])
        if len(candidates) <= among_limit:
            return matching_among(kind, terms, candidates), False
    # Each needle is of one column, where an object has one entry or a few (name forms).
    entries, capped = last_matching(terms, limit, kind=kind, first_objects=True)
    ids = object_ids(entries)
    return ids[:limit], bool(capped) or (limit is not None and len(ids) > limit)


def object_ids(entries):
    """The objects of last_matching()'s entries, once each, in the entries' order."""
    return list(dict.fromkeys(object_id for _, (object_id, _kind) in entries))


def matching_among(kind, terms, candidates):
    """
    Of these objects of `kind` (Ids), the ids of every one that answers the query, the
    last indexed first: one query, which reads the candidates' own entries (index
    searchentry_object) rather than the whole archive's.
    """
    rows = (
        SearchEntry.objects.filter(kind=kind, object_id__in_ids=candidates)
        .filter(match_condition(terms))
        .values("object_id")
        .annotate(last=Max("pk"))
        .order_by("-last")
        .values_list("object_id", flat=True)
    )
    return list(rows)


# ---------------------------------------------------------------------------
# The results page
# ---------------------------------------------------------------------------


@dataclass
class Result:
    kind: int
    object: object
    score: int
    matched: str = ""  # the name form or title that answered, when it is not the one shown
    romanization: str = ""
    excerpt: object = None  # the passage of running text that answered

    @property
    def template(self):
        return f"search/items/{KIND_SLUGS[self.kind]}.html"

    @property
    def romanization_label(self):
        return NameKind(self.romanization).label if self.romanization else ""


@dataclass
class Group:
    kind: int
    count: int
    results: list = field(default_factory=list)

    @property
    def label(self):
        return Kind(self.kind).label

    @property
    def slug(self):
        return KIND_SLUGS[self.kind]


KIND_SLUGS = {
    Kind.FILM: "films",
    Kind.PERSON: "people",
    Kind.CHARACTER: "characters",
    Kind.TRACK: "tracks",
    Kind.PUBLICATION: "publications",
    Kind.ARTICLE: "press",
    Kind.REVIEW: "reviews",
}
KINDS_BY_SLUG = {slug: kind for kind, slug in KIND_SLUGS.items()}


class Search:
    """
    One search: its counts by kind and, sliced, its results best first,
    grouped by kind. Sized and sliceable, so public.views.press.paginate() pages
    it like a queryset. Queries: the matching entries (one, at most about
    EVERY_KIND_LIMIT for each needle: `more` says whether there were more, and the
    counts are then of those; one more for the named kinds' own when a needle of names
    and titles filled its limit), which of their objects visitors may see (one, which
    gives the counts), then for a page of results the best entry of each object on
    it (one, which reads only the entries of the kinds on that page) and the objects
    of each kind on the page (one per kind).

    With a kind chosen, when the matches of every kind were more than were read, the
    kind's own are read as well (two queries more): the archive's newest matches
    could hold few of that kind, or none, and the kind is what the visitor narrowed
    the search to. Its count and `more` are then of its own matches; `everything` is
    always of the search of every kind.
    """

    def __init__(self, query, kind=None):
        self.terms = Terms.parse(query)
        self.kind = kind
        # What `more` is of: the search of every kind's read or, with a kind, that kind's.
        self.limit = reading_limit(kind)
        entries, self.counts, self.more = matching_entries(self.terms)
        self.everything = sum(self.counts.values())
        # [(entry id, kind)] of the visible objects' matching entries.
        self.entries = entries if kind is None else [e for e in entries if e[1] == kind]
        if kind is not None and self.more:
            self.entries, counts, self.more = matching_entries(self.terms, kind)
            self.counts = {**self.counts, kind: counts.get(kind, 0)}

    def count(self):
        """The number of results: of the chosen kind, or of every kind."""
        if self.kind is not None:
            return self.counts.get(self.kind, 0)
        return sum(self.counts.values())

    def __len__(self):
        return self.count()

    def best_entries(self, kinds):
        """One row per object of these kinds, its best entry: ordered by kind, score, sort key."""
        pks = [pk for pk, kind in self.entries if kind in kinds]
        best = Window(
            RowNumber(),
            partition_by=[F("kind"), F("object_id")],
            order_by=[F("score").asc(), F("position").asc(), F("pk").asc()],
        )
        return (
            SearchEntry.objects.filter(pk__in_ids=Ids(pks))
            .annotate(score=score(self.terms))
            .annotate(best=best)
            .filter(best=1)
            .order_by("kind", "score", "sort_key", "object_id")
            .values("kind", "object_id", "score", "text", "romanization", "body")
        )

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("A search is read a page (a slice) at a time.")
        if not self.count():
            return []
        kinds, skipped = self.kinds_between(index.start or 0, index.stop)
        start = (index.start or 0) - skipped
        stop = None if index.stop is None else index.stop - skipped
        return self.results(list(self.best_entries(kinds)[start:stop]))

    def kinds_between(self, start, stop):
        """
        The kinds whose results fall between positions `start` and `stop` (results
        are ordered by kind first, a kind's as many as its count), and how many results
        come before the first of them. A page then scores only its kinds' entries: the
        first page of a common word, films and people, reads none of its articles'.
        """
        kinds, skipped, position = [], 0, 0
        for kind, count in self.counts.items():
            if self.kind is not None and kind != self.kind:
                continue
            if position + count > start and (stop is None or position < stop):
                if not kinds:
                    skipped = position
                kinds.append(kind)
            position += count
        return kinds, skipped

    def results(self, rows):
        """The rows' objects, fetched by kind, as Results in the rows' order."""
        ids = defaultdict(list)
        for row in rows:
            ids[row["kind"]].append(row["object_id"])
        objects = {}
        for kind, pks in ids.items():
            for obj in fetch(kind, pks):
                objects[kind, obj.pk] = obj
        results = []
        for row in rows:
            obj = objects.get((row["kind"], row["object_id"]))
            if obj is None:  # unpublished between the two queries
                continue
            result = Result(row["kind"], obj, row["score"])
            if row["body"]:
                # Found anywhere in the text; shown only from what visitors may see.
                result.excerpt = locate(self.terms, obj.public_text) or opening(obj.public_text)
            elif row["text"] not in shown_texts(row["kind"], obj):
                result.matched, result.romanization = row["text"], row["romanization"]
            results.append(result)
        return results

    def groups(self, results):
        """The results of one page under their kinds, each with its count."""
        groups = []
        for result in results:
            if not groups or groups[-1].kind != result.kind:
                groups.append(Group(result.kind, self.counts.get(result.kind, 0)))
            groups[-1].results.append(result)
        return groups


def fetch(kind, pks):
    """The visible objects of `kind` with these ids, with what their result shows."""
    objects = visible_objects(kind).filter(pk__in=pks)
    related = {
        Kind.CHARACTER: ("film", "person"),
        Kind.TRACK: ("film",),
        Kind.ARTICLE: ("publication",),
        Kind.REVIEW: ("film", "publication", "author"),
    }.get(kind)
    return objects.select_related(*related) if related else objects


def shown_texts(kind, obj):
    """The names or titles a result shows anyway: no need to say it matched one of them."""
    if kind == Kind.CHARACTER:
        return {obj.character}
    if kind == Kind.PERSON:
        return {obj.name, obj.name_hangul}
    if kind == Kind.FILM:
        return {obj.title, obj.original_title}
    if kind == Kind.PUBLICATION:
        return {obj.name}
    return {obj.title}
