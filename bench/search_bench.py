"""
Search latency on a synthetic archive, on SQLite and PostgreSQL.

Builds an archive of --articles articles and --people people (with films,
credits, tracks, name forms in Hangul, RR, MR and press spellings) in a
database of its own, indexes it for search, then times --runs requests of
each query with Django's test client and prints the median and the ratio
to the press list's unfiltered first page, timed in the same run.

    .venv/bin/python bench/search_bench.py                  # both databases
    .venv/bin/python bench/search_bench.py --db sqlite --articles 20000

The SQLite archive is a file in the temporary folder (BENCH_SQLITE_PATH); the
PostgreSQL one is a database the script creates (BENCH_POSTGRES_URL, by default
the local `archive` role). An
archive built once is reused; --fresh builds it again. See bench/README.md.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = Path(
    os.environ.get("BENCH_SQLITE_PATH", Path(tempfile.gettempdir()) / "crossing_bench.sqlite3")
)
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://archive:archive@127.0.0.1:5432/crossing_bench"
)
SEED = 2008

SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍전고문양손배백허노심하곽성차주우구민"
GIVEN = "민서지현수영준태균성철명인표은주우진혜경동훈상호재석용선희정미연나아윤하도"
WORDS = (
    "film director actor screening festival premiere audience camera scene story refugee "
    "border defector family father son mother village winter river crossing soundtrack "
    "producer critic review drama thriller release theatre box office record interview "
    "season award jury documentary city night train letter journey memory hope silence"
).split()
KOREAN_WORDS = (
    "영화 감독 배우 상영 관객 이야기 가족 아버지 아들 국경 겨울 기차 편지 기억 희망"
).split()


# ---------------------------------------------------------------------------
# Driver: one child process per database, each with its own settings
# ---------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--fresh", action="store_true", help="rebuild the synthetic archive")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return run_child(args)
    for db in ["sqlite", "postgresql"] if args.db == "both" else [args.db]:
        command = [sys.executable, __file__, "--child", db, *sys.argv[1:]]
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{SQLITE_PATH}" if db == "sqlite" else POSTGRES_URL,
            "DJANGO_SETTINGS_MODULE": "crossing_archive.settings",
            "SECRET_KEY": "bench-only",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "testserver",
            "SECURE_COOKIES": "0",
        }
        # This script again, as a child with its own settings: no outside input.
        subprocess.run(command, env=env, cwd=ROOT, check=True)  # noqa: S603


def run_child(args):
    sys.path.insert(0, str(ROOT))
    if args.child == "postgresql":
        create_postgres_database(args.fresh)
    elif args.fresh:
        SQLITE_PATH.unlink(missing_ok=True)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from films.models import Person

    print(f"\n== {connection.vendor}: {connection.settings_dict['NAME']}")
    if not Person.objects.exists():
        build_archive(args.articles, args.people)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    time_queries(args.runs)


def create_postgres_database(fresh):
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(POSTGRES_URL)
    params = {
        "host": config["HOST"],
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "password": config["PASSWORD"],
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        name = sql.Identifier(config["NAME"])
        if fresh:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(name))
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


# ---------------------------------------------------------------------------
# The synthetic archive
# ---------------------------------------------------------------------------


def korean_name(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


def press_spelling(rr):
    """A spelling as newspapers vary it: eo → u, hyphen → space, capitalised surname."""
    surname, _, given = rr.partition(" ")
    given = given.replace("eo", "u").replace("-", " ").title()
    return f"{surname.upper()} {given}"


def build_archive(article_count, people_count):
    from django.db import transaction

    from articles.models import Article, Publication
    from crossing_archive.lib import hangul
    from films.models import Credit, Film, NameKind, Person, PersonName, Role, Status, Track
    from search.index import rebuild

    rng = random.Random(SEED)
    started = time.monotonic()
    published = Status.PUBLISHED
    with transaction.atomic():
        publications = Publication.objects.bulk_create(
            Publication(name=f"Paper {n}", slug=f"paper-{n}") for n in range(30)
        )
        films = Film.objects.bulk_create(
            Film(title=f"Film {n}", slug=f"film-{n}", year=1990 + n % 35, status=published)
            for n in range(200)
        )
        people, spellings = [], []
        for n in range(people_count):
            hangul_name = korean_name(rng)
            rr = hangul.romanize_name_rr(hangul_name)
            status = published if n % 20 else Status.DRAFT
            people.append(Person(name=rr, name_hangul=hangul_name, slug=f"p-{n}", status=status))
            spellings.append(
                [rr, hangul.romanize_name_mr(hangul_name), press_spelling(rr), hangul_name]
            )
        people = Person.objects.bulk_create(people, batch_size=2000)
        PersonName.objects.bulk_create(
            (
                PersonName(person=person, name=name, kind=kind)
                for person, forms in zip(people, spellings, strict=True)
                for name, kind in zip(
                    forms,
                    [
                        NameKind.REVISED,
                        NameKind.MCCUNE_REISCHAUER,
                        NameKind.PUBLISHED,
                        NameKind.HANGUL,
                    ],
                    strict=True,
                )
            ),
            batch_size=5000,
        )
        Credit.objects.bulk_create(
            (
                Credit(
                    film=films[n % len(films)],
                    person=person,
                    role=Role.ACTOR,
                    department="cast",
                    character=f"Character {n}",
                )
                for n, person in enumerate(people)
            ),
            batch_size=5000,
        )
        Track.objects.bulk_create(
            Track(film=film, position=p, title=f"{rng.choice(KOREAN_WORDS)} {p}")
            for film in films
            for p in range(1, 11)
        )
        articles = []
        for n in range(article_count):
            korean = n % 10 == 0
            mentioned = [rng.randrange(people_count) for _ in range(3)]
            articles.append(
                Article(
                    title=article_title(rng, spellings, mentioned, korean),
                    slug=f"a-{n}",
                    publication=publications[n % len(publications)],
                    date=f"{2000 + n % 25}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                    language="ko" if korean else "en",
                    text=article_text(rng, spellings, mentioned, korean),
                    status=published if n % 10 else Status.DRAFT,
                )
            )
            if len(articles) == 5000:
                Article.objects.bulk_create(articles)
                articles = []
        Article.objects.bulk_create(articles)
    print(f"archive built in {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    with transaction.atomic():
        entries = rebuild()
    print(f"search index: {entries} entries in {time.monotonic() - started:.0f} s")


def article_title(rng, spellings, mentioned, korean):
    name = spellings[mentioned[0]][3 if korean else 2]
    if korean:
        return f"{name} {rng.choice(KOREAN_WORDS)} {rng.choice(KOREAN_WORDS)}"
    return f"{name} on {rng.choice(WORDS)} and {rng.choice(WORDS)}".title()


def article_text(rng, spellings, mentioned, korean):
    sentences = []
    for sentence in range(12):
        if korean:
            words = [rng.choice(KOREAN_WORDS) for _ in range(8)]
            words.insert(2, spellings[mentioned[sentence % 3]][3] + "은")
            sentences.append(" ".join(words) + ".")
        else:
            words = [rng.choice(WORDS) for _ in range(14)]
            words.insert(5, spellings[mentioned[sentence % 3]][sentence % 3])
            sentences.append(" ".join(words).capitalize() + ".")
    return "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, 12, 3))


# ---------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------


def time_queries(runs):
    from django.test import Client

    from films.models import Person

    target = Person.objects.published().order_by("pk").first()
    rr = target.name
    surname_given = rr.split(" ", 1)
    mr = target.names.get(kind="mr").name
    cases = [
        ("press list, first page", "/press/", {}),
        ("search: RR name", "/search/", {"q": rr}),
        ("search: MR name, diacritics", "/search/", {"q": mr}),
        ("search: press spelling", "/search/", {"q": press_spelling(rr)}),
        ("search: run together", "/search/", {"q": "".join(surname_given).replace("-", "")}),
        ("search: Hangul name", "/search/", {"q": target.name_hangul}),
        ("search: 2 Hangul syllables", "/search/", {"q": target.name_hangul[1:]}),
        ("search: 1 Hangul syllable", "/search/", {"q": target.name_hangul[0]}),
        ("search: common surname", "/search/", {"q": "Kim"}),
        ("search: a word", "/search/", {"q": "defector"}),
        ("search: nothing found", "/search/", {"q": "zzyzx"}),
        ("search: page 50", "/search/", {"q": "Kim", "page": "50"}),
        ("press list q: RR name", "/press/", {"q": rr}),
        ("press list q: Hangul name", "/press/", {"q": target.name_hangul}),
    ]
    client = Client()
    medians = {}
    rows = []
    for label, path, params in cases:
        for _ in range(2):  # warm caches and connections
            response = client.get(path, params)
        assert response.status_code == 200, (label, response.status_code)
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(path, params)
            timings.append((time.perf_counter() - started) * 1000)
        medians[label] = statistics.median(timings)
        rows.append((label, params.get("q", ""), count_results(path, params), timings))
    baseline = medians["press list, first page"]
    print(f"{'request':<30} {'q':<24} {'results':>8} {'median ms':>10} {'p90 ms':>8} {'ratio':>6}")
    for label, query, found, timings in rows:
        p90 = statistics.quantiles(timings, n=10)[-1] if len(timings) > 1 else timings[0]
        print(
            f"{label:<30} {query[:24]:<24} {found if found is not None else '':>8} "
            f"{medians[label]:>10.1f} {p90:>8.1f} {medians[label] / baseline:>6.2f}"
        )


def count_results(path, params):
    """How many results the request lists, counted apart from the timed requests."""
    from articles.models import Article
    from search.engine import Search, matching_ids
    from search.models import Kind

    if path == "/search/":
        return Search(params["q"]).count()
    articles = Article.objects.published()
    if params.get("q"):
        articles = articles.filter(pk__in=matching_ids(Kind.ARTICLE, params["q"]))
    return articles.count()


if __name__ == "__main__":
    main()
