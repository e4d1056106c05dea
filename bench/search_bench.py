"""
Search latency on a synthetic archive, on SQLite and PostgreSQL.

Builds the archive of `manage.py make_bench_data` (--articles articles and
--people people on top of the seed record) in a database of its own, then
times --runs requests of each query with Django's test client and prints the
median and the ratio to the press list's unfiltered first page, timed in the
same run.

    .venv/bin/python bench/search_bench.py                  # both databases
    .venv/bin/python bench/search_bench.py --db sqlite --articles 20000

The archives are those of `make bench` (bench/harness.py): a SQLite file in
bench/data/ and a PostgreSQL database the script creates (BENCH_POSTGRES_URL).
An archive built once is reused; --fresh builds it again. See bench/README.md.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from harness import Database, create_postgres_databases

ROOT = Path(__file__).resolve().parent.parent


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
            "DATABASE_URL": Database.for_vendor(db, args.articles, args.people).large_url,
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
    url = os.environ["DATABASE_URL"]
    if args.child == "postgresql":
        if args.fresh:
            drop_postgres_database(url)
        problem = create_postgres_databases([url])
        if problem:
            sys.exit(problem)
    elif args.fresh:
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    print(f"\n== {connection.vendor}: {connection.settings_dict['NAME']}")
    call_command("make_bench_data", articles=args.articles, people=args.people)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    time_queries(args.runs)


def drop_postgres_database(url):
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    params = {
        "host": config["HOST"],
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "password": config["PASSWORD"],
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(config["NAME"])))


# ---------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------


def time_queries(runs):
    from django.test import Client

    from crossing_archive.benchdata import SLUG_PREFIX, press_spelling
    from films.models import Person

    # A synthetic person: each has every name form the queries need.
    target = Person.objects.published().filter(slug__startswith=SLUG_PREFIX).order_by("pk")[0]
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
