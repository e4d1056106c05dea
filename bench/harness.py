"""
`make bench`: the site served as in production (gunicorn, two workers, DEBUG off),
timed on the seed record and on a large synthetic archive, on SQLite and PostgreSQL.

For each database it builds both archives once (`manage.py seed`, then
`manage.py make_bench_data` for the large one) and reuses them afterwards, serves
each with its own gunicorn, and times every request on both in turn, round after
round. Then throughput from concurrent clients with the page cache off, on the seed
record and on the large archive, and, on the large archive, with the page cache on in
the default shared cache (a table of the database) and in Redis when redis-server is
installed (a private one, started for the run); and, on the large archive, one fresh
single-worker server per request, the time to first byte and the worker's memory
growth of the heaviest requests.
Writes bench/RESULTS.md. See bench/README.md.

    .venv/bin/python bench/harness.py                               # both databases
    .venv/bin/python bench/harness.py --db sqlite --articles 2000 --people 200
"""

import argparse
import contextlib
import datetime
import http.client
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
DATA_DIR = Path(os.environ.get("BENCH_DATA_DIR", ROOT / "bench" / "data"))
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL",
    "postgres://crossing_bench:crossing_bench@127.0.0.1:5432/crossing_bench",
)
PORT = int(os.environ.get("BENCH_PORT", "8765"))
RESULTS = ROOT / "bench" / "RESULTS.md"
DEFAULT_ARTICLES, DEFAULT_PEOPLE = 100_000, 10_000

# Served exactly as in production but for the secret and the host.
SECRET_KEY = "bench-only-secret-key-not-for-production"
ADMIN_USER, ADMIN_PASSWORD = "bench", "bench-password-6f2c"

# The targets of the "Speed at scale" and "Production" issues.
MAX_SEED_RATIO = 3
MIN_FILM_UNCACHED_SHARE = 1 / 10
MIN_CACHED_SHARE = 1 / 2
MAX_MEMORY_MB = 50
MAX_TTFB_MS = 2000
# Requests whose work grows with the archive by nature (they list every entry, a page of
# sitemap addresses at a time): held to MAX_TTFB_MS and MAX_MEMORY_MB, not to the seed.
GROWING = "sitemap section"

BARE = "/bench/bare/"
SOURCE = "chosun-ilbo"  # a seed paper: the generator makes the seed's papers the largest
PUBLIC = [
    ("bare view", BARE),
    ("home", "/"),
    ("film page", "/films/crossing/"),
    ("person page (director)", "/people/kim-tae-kyun/"),
    ("press list", "/press/"),
    ("press list ?q=defector", "/press/?q=defector"),
    ("press list, last page", "/press/?page={last_page}"),
    (
        "press list by source and month",
        f"/press/?source={SOURCE}&date_after=2008-03-01&date_before=2008-03-31",
    ),
    ("article page", "/press/crossing-depicts-the-plight-of-north-korean-defectors/"),
    ("press list ?q=defector in one source", f"/press/?q=defector&source={SOURCE}"),
    ("reviews", "/reviews/"),
    ("reviews ?q=defector", "/reviews/?q=defector"),
    ("search ?q=Kim Tae Gyoon", "/search/?q=Kim+Tae+Gyoon"),
    ("search ?q=김태균", "/search/?q=" + quote("김태균")),
    ("search ?q=defector", "/search/?q=defector"),
    ("API articles by source", f"/api/articles/?source={SOURCE}"),
    ("press feed", "/press/feed.atom"),
    ("film press feed", "/films/crossing/press.atom"),
    ("sitemap", "/sitemap.xml"),
]
ADMIN = [
    ("admin: article list", "/admin/articles/article/"),
    ("admin: person list", "/admin/films/person/"),
    ("admin: article list ?q=kim", "/admin/articles/article/?q=kim"),
    ("admin: person list ?q=kim", "/admin/films/person/?q=kim"),
    (
        "admin: autocomplete, article's people",
        "/admin/autocomplete/?app_label=articles&model_name=article&field_name=people&term=kim",
    ),
    (
        "admin: autocomplete, credit's person",
        "/admin/autocomplete/?app_label=films&model_name=credit&field_name=person&term=kim",
    ),
    ("admin: film change page", "/admin/films/film/{film_pk}/change/"),
]
HEAVY = [
    ("citations JSON", "/press/citations.json"),
    ("citations RIS", "/press/citations.ris"),
    ("press list", "/press/"),
    ("search ?q=defector", "/search/?q=defector"),
    ("API articles", "/api/articles/"),
    ("sitemap", "/sitemap.xml"),
]
THROUGHPUT = [("bare view", BARE), ("film page", "/films/crossing/"), ("press list", "/press/")]
# The page cache off, on the seed record (where the uncached film page's target is set)
# and on the large archive; on, in the default shared cache (a table of the database); on,
# in Redis, as the README's "Scaling out" deploys it.
SEED_UNCACHED = "seed, uncached"
UNCACHED_MODES = (SEED_UNCACHED, "uncached")
CACHE_MODES = (*UNCACHED_MODES, "cached", "Redis")

# Run in `manage.py shell`: the curator who logs in, fresh planner statistics, and
# what the request list needs from the database.
PREPARE = f"""
import json
from django.contrib.auth.models import User
from django.db import connection
from articles.models import Article
from films.models import Film
if not User.objects.filter(username="{ADMIN_USER}").exists():
    User.objects.create_superuser("{ADMIN_USER}", "", "{ADMIN_PASSWORD}")
# Planner statistics on both databases: without them SQLite reads the press
# list through article_published_by_source (status=?) and sorts every
# published article, instead of walking article_newest_first. On PostgreSQL a
# VACUUM too: after a build, autovacuum would otherwise work through the new
# rows (270 MB of search entries) while the requests are timed.
with connection.cursor() as cursor:
    cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
print(json.dumps({{
    "film_pk": Film.objects.get(slug="crossing").pk,
    "published_articles": Article.objects.published().count(),
}}))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES)
    parser.add_argument("--people", type=int, default=DEFAULT_PEOPLE)
    # Each round times every request once: on a shared, noisy machine a burst of other
    # work spoils a round or two, and the median of 11 stays clear of them.
    parser.add_argument("--rounds", type=int, default=11, help="timed rounds of every request")
    parser.add_argument("--seconds", type=float, default=8, help="each throughput measurement")
    parser.add_argument("--clients", type=int, default=4, help="threads for throughput")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    # Stopped by a signal (make interrupted, a timeout), still stop the gunicorns it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    started = time.monotonic()
    # Static files collected, as `make serve` does, so that pages name them from the
    # manifest as in production. (collectstatic reads no database.)
    manage(f"sqlite:///{DATA_DIR / 'seed.sqlite3'}", "collectstatic", "--noinput", "-v0")
    reports = []
    for vendor in ["sqlite", "postgresql"] if args.db == "both" else [args.db]:
        print(f"\n== {vendor}", flush=True)
        database = Database.for_vendor(vendor, args.articles, args.people)
        problem = database.setup()
        if problem:
            print(f"skipped: {problem}", flush=True)
            reports.append(Report(vendor, skipped=problem))
            continue
        reports.append(measure(database, args))
    minutes = (time.monotonic() - started) / 60
    args.output.write_text(render(reports, args, minutes), encoding="utf-8")
    print(f"\nwrote {args.output} ({minutes:.1f} min)")


# ---------------------------------------------------------------------------
# Databases: each vendor has a seed archive and a large one, built once
# ---------------------------------------------------------------------------


@dataclass
class Database:
    vendor: str
    seed_url: str
    large_url: str
    articles: int
    people: int

    @classmethod
    def for_vendor(cls, vendor, articles, people):
        size = (
            ""
            if (articles, people) == (DEFAULT_ARTICLES, DEFAULT_PEOPLE)
            else f"_{articles}_{people}"
        )
        if vendor == "sqlite":
            seed, large = DATA_DIR / "seed.sqlite3", DATA_DIR / f"archive{size or '_full'}.sqlite3"
            return cls(vendor, f"sqlite:///{seed}", f"sqlite:///{large}", articles, people)
        base = POSTGRES_URL.rsplit("/", 1)[0]
        name = urlsplit(POSTGRES_URL).path.lstrip("/")
        return cls(vendor, f"{base}/{name}_seed", f"{base}/{name}{size}", articles, people)

    def setup(self):
        """Builds what is missing; returns why this database cannot be measured, or None."""
        if self.vendor == "sqlite":
            DATA_DIR.mkdir(parents=True, exist_ok=True)
        else:
            problem = start_postgres() or create_postgres_databases([self.seed_url, self.large_url])
            if problem:
                return problem
        for url, build in [
            (self.seed_url, ["seed"]),
            (
                self.large_url,
                ["make_bench_data", f"--articles={self.articles}", f"--people={self.people}"],
            ),
        ]:
            print(f"preparing {display(url)}", flush=True)
            manage(url, "migrate", "--noinput", "-v0")
            manage(url, *build)
        return None

    def facts(self, url):
        """What the request list needs from this archive (and a superuser, and ANALYZE)."""
        import json

        output = manage(url, "shell", "-v0", "-c", PREPARE, capture=True)
        return json.loads(output.strip().splitlines()[-1])


def display(url):
    """A database address without its password."""
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1@", url)


def server_env(url, **extra):
    # The cache is the default (a table of the database) unless a measurement names one.
    unset = ("DEBUG", "DJANGO_SETTINGS_MODULE", "CACHE_URL")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(
        DATABASE_URL=url,
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_COOKIES="0",
        **extra,
    )
    return env


def manage(url, *args, capture=False):
    # The project's own manage.py with fixed arguments: no outside input.
    result = subprocess.run(  # noqa: S603
        [str(PYTHON), "manage.py", *args],
        env=server_env(url),
        cwd=ROOT,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout


def tool(*args, check=False, capture=False):
    """Runs one of PostgreSQL's command-line tools, found on PATH, with fixed arguments."""
    return subprocess.run(  # noqa: S603
        [shutil.which(args[0]) or args[0], *args[1:]],
        check=check,
        text=True,
        capture_output=capture,
    )


@contextlib.contextmanager
def redis_server(port):
    """
    A private redis-server on 127.0.0.1:port for the run, keeping nothing on disk;
    yields its CACHE_URL, or None when redis-server is not installed.
    """
    if not shutil.which("redis-server"):
        yield None
        return
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1"]
    command += ["--save", "", "--appendonly", "no"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603
    try:
        for _ in range(40):
            time.sleep(0.25)
            if server.poll() is not None:
                raise RuntimeError(f"redis-server did not start (is port {port} taken?)")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port)) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    break
        else:
            raise RuntimeError(f"redis-server did not answer on port {port}")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=30)


def start_postgres():
    """Starts a stopped local cluster; returns why PostgreSQL cannot be used, or None."""
    if not shutil.which("pg_lsclusters"):
        return "PostgreSQL is not installed (no pg_lsclusters)."
    # Columns: version, cluster, port, status, owner, data directory, log file.
    rows = [
        line.split()
        for line in tool("pg_lsclusters", "--no-header", capture=True).stdout.splitlines()
    ]
    if not rows:
        return "PostgreSQL is installed but has no cluster."
    for version, cluster, _port, status, *_ in rows:
        if status != "online":
            print(f"starting PostgreSQL cluster {version}/{cluster}", flush=True)
            tool("pg_ctlcluster", version, cluster, "start")
    for _ in range(30):
        if tool("pg_isready", "-q", "-h", "127.0.0.1").returncode == 0:
            return None
        time.sleep(1)
    return "PostgreSQL did not answer on 127.0.0.1 within 30 s."


def create_postgres_databases(urls):
    """Creates the role (when run as root, as CI does) and the databases that are missing."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(urls[0])
    params = {
        "host": config["HOST"] or "127.0.0.1",
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "password": config["PASSWORD"],
    }
    try:
        conn = psycopg.connect(dbname="postgres", autocommit=True, **params)
    except psycopg.OperationalError:
        if os.geteuid() != 0:
            return f"cannot connect as {config['USER']}; set BENCH_POSTGRES_URL."
        create_role = sql.SQL("CREATE ROLE {} LOGIN CREATEDB PASSWORD {}").format(
            sql.Identifier(config["USER"]), sql.Literal(config["PASSWORD"])
        )
        tool(
            "runuser",
            "-u",
            "postgres",
            "--",
            "psql",
            "-q",
            "-c",
            create_role.as_string(),
            check=True,
        )
        conn = psycopg.connect(dbname="postgres", autocommit=True, **params)
    with conn:
        for url in urls:
            name = dj_database_url.parse(url)["NAME"]
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not found:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return None


# ---------------------------------------------------------------------------
# Serving and requesting
# ---------------------------------------------------------------------------


@contextlib.contextmanager
def serve(url, port, workers=2, page_cache=False, figure_cache=True, cache_url=None):
    """gunicorn on 127.0.0.1:port with the production settings (and the bare view)."""
    env = server_env(
        url,
        DJANGO_SETTINGS_MODULE="bench.settings",
        PAGE_CACHE="1" if page_cache else "0",
        FIGURE_CACHE="1" if figure_cache else "0",
        **({"CACHE_URL": cache_url} if cache_url else {}),
    )
    command = [
        str(PYTHON.parent / "gunicorn"),
        "crossing_archive.wsgi",
        f"--workers={workers}",
        f"--bind=127.0.0.1:{port}",
        f"--chdir={ROOT}",
        "--timeout=300",
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, env=env, cwd=ROOT)  # noqa: S603
    try:
        for _ in range(120):
            time.sleep(0.25)
            with contextlib.suppress(OSError):
                if fetch(port, BARE).status == 200:
                    break
        else:
            raise RuntimeError(f"gunicorn did not answer on port {port}")
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@dataclass
class Answer:
    status: int
    first_byte_ms: float
    total_ms: float
    size: int
    body: bytes = field(repr=False)
    cookies: SimpleCookie = field(repr=False, default=None)


def fetch(port, path, cookie="", method="GET", body=None, headers=None):
    """One request on a new connection (gunicorn's sync workers close each one)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    all_headers = {"Cookie": cookie} if cookie else {}
    all_headers.update(headers or {})
    started = time.perf_counter()
    try:
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        first_byte = time.perf_counter()
        content = response.read()
        finished = time.perf_counter()
        cookies = SimpleCookie()
        for value in response.headers.get_all("Set-Cookie") or []:
            cookies.load(value)
    finally:
        connection.close()
    return Answer(
        response.status,
        (first_byte - started) * 1000,
        (finished - started) * 1000,
        len(content),
        content,
        cookies,
    )


def log_in(port):
    """Logs the benchmark's superuser in through the admin's form; returns the Cookie header."""
    page = fetch(port, "/admin/login/")
    csrf = page.cookies["csrftoken"].value
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body).group(1).decode()
    form = (
        f"csrfmiddlewaretoken={token}&username={ADMIN_USER}&password={ADMIN_PASSWORD}&next=/admin/"
    )
    answer = fetch(
        port,
        "/admin/login/",
        cookie=f"csrftoken={csrf}",
        method="POST",
        body=form,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    if answer.status != 302 or "sessionid" not in answer.cookies:
        raise RuntimeError(f"admin login failed: HTTP {answer.status}")
    return f"csrftoken={csrf}; sessionid={answer.cookies['sessionid'].value}"


def requests_for(port, facts):
    """The (label, path, needs login) list for one archive, sitemap sections included."""
    press = fetch(port, "/press/").body.decode()
    last_page = max([1, *map(int, re.findall(r"[?&;]page=(\d+)", press))])
    values = {**facts, "last_page": last_page}
    listed = [(label, path.format(**values), False) for label, path in PUBLIC]
    for path in sampled(sitemap_sections(port)):
        listed.append((f"sitemap section {path}", path, False))
    listed += [(label, path.format(**values), True) for label, path in ADMIN]
    return listed


def sitemap_sections(port):
    """The paths of every section page the sitemap index lists (none without an index)."""
    sitemap = fetch(port, "/sitemap.xml").body
    if b"<sitemapindex" not in sitemap:
        return []
    paths = []
    for loc in re.findall(rb"<loc>([^<]+)</loc>", sitemap):
        parts = urlsplit(loc.decode().replace("&amp;", "&"))
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def sampled(paths):
    """The first, middle and last page of each section: the timed ones."""
    pages = {}
    for path in paths:
        section = path.partition("?")[0]
        pages.setdefault(section, []).append(path)
    chosen = []
    for section_pages in pages.values():
        picks = [section_pages[0], section_pages[len(section_pages) // 2], section_pages[-1]]
        chosen += list(dict.fromkeys(picks))
    return chosen


def sitemap_coverage(port, published_articles):
    """
    Every section page once, untimed by the rounds: the slowest page's time to its
    last byte, and whether the English addresses of articles (/press/<slug>/) list
    every published article exactly once.
    """
    slowest, seen, paths = (0.0, ""), [], sitemap_sections(port)
    for path in paths:
        answer = fetch(port, path)
        slowest = max(slowest, (answer.total_ms, path))
        seen += re.findall(rb"<loc>https?://[^/<]+/press/([^/<]+)/</loc>", answer.body)
    return {
        "sections": len(paths),
        "slowest_ms": slowest[0],
        "slowest": slowest[1],
        "articles_listed": len(seen),
        "articles_distinct": len(set(seen)),
        "articles_published": published_articles,
    }


# ---------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------


@dataclass
class Report:
    vendor: str
    skipped: str = ""
    articles: int = 0
    people: int = 0
    # label -> {"seed": [ms...], "large": [ms...], "status": {...}}
    timings: dict = field(default_factory=dict)
    throughput: dict = field(default_factory=dict)  # (label, cache mode) -> requests/s
    heavy: list = field(default_factory=list)  # (label, path, first byte ms list, growth MB)
    coverage: dict = field(default_factory=dict)  # sitemap_coverage() of the large archive


def measure(database, args):
    report = Report(database.vendor, articles=database.articles, people=database.people)
    archives = {"seed": (database.seed_url, PORT), "large": (database.large_url, PORT + 1)}
    facts = {name: database.facts(url) for name, (url, _) in archives.items()}
    with serve(*archives["seed"]), serve(*archives["large"]):
        cookies = {name: log_in(port) for name, (_, port) in archives.items()}
        lists = {name: requests_for(port, facts[name]) for name, (_, port) in archives.items()}
        print("warming up", flush=True)
        for name, (_, port) in archives.items():
            for label, path, admin in lists[name]:
                answer = fetch(port, path, cookies[name] if admin else "")
                entry = report.timings.setdefault(label, {"seed": [], "large": [], "status": {}})
                entry["status"][name] = answer.status
        for number in range(1, args.rounds + 1):
            print(f"round {number} of {args.rounds}", flush=True)
            for name, label, path, admin in one_round(lists):
                port = archives[name][1]
                answer = fetch(port, path, cookies[name] if admin else "")
                report.timings[label][name].append(answer.total_ms)
    url = database.large_url
    with redis_server(PORT + 2) as redis_url:
        for mode in CACHE_MODES:
            if mode == "Redis" and not redis_url:
                continue
            cache_url = redis_url if mode == "Redis" else None
            served = database.seed_url if mode == SEED_UNCACHED else url
            cached = mode not in UNCACHED_MODES
            with serve(served, PORT, page_cache=cached, cache_url=cache_url):
                for label, path in THROUGHPUT:
                    rate = throughput(PORT, path, args.clients, args.seconds)
                    report.throughput[(label, mode)] = rate
                    print(f"throughput {label} {mode}: {rate:.1f}/s", flush=True)
    with serve(url, PORT):
        report.coverage = sitemap_coverage(PORT, facts["large"]["published_articles"])
        print(f"sitemap coverage: {report.coverage}", flush=True)
    sections = [(label, path) for label, path, _ in lists["large"] if label.startswith("sitemap ")]
    heavy = HEAVY + sections
    for label, path in heavy:
        report.heavy.append((label, path, *first_byte_and_memory(url, path)))
        print(f"heavy {label}: {report.heavy[-1][2:]}", flush=True)
    return report


def one_round(lists):
    """
    A round's requests, (archive, label, path, needs login): each one on the seed, then
    at once on the large archive, so that the two of a pair run under the same load. A
    request only one archive has (the large archive's later sitemap pages) is made on it
    alone, in its place in the large archive's list.
    """
    by_label = {
        name: {label: (path, admin) for label, path, admin in lists[name]} for name in lists
    }
    labels = dict.fromkeys(label for name in ("large", "seed") for label, _, _ in lists[name])
    return [
        (name, label, *by_label[name][label])
        for label in labels
        for name in ("seed", "large")
        if label in by_label[name]
    ]


def throughput(port, path, clients, seconds):
    """Requests answered per second by `clients` threads requesting `path` for `seconds`."""
    done = [0] * clients
    deadline = time.monotonic() + seconds

    def client(index):
        while time.monotonic() < deadline:
            if fetch(port, path).status == 200:
                done[index] += 1

    fetch(port, path)  # warm
    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.monotonic() - started)


def first_byte_and_memory(url, path, repeats=3):
    """
    On a fresh single-worker server: the worker's peak RSS above its idle size during
    the first request of `path` (in MB), then the times to first byte of `repeats`
    requests (ms). Idle is the size after serving the bare view a few times.
    """
    import psutil

    # Nothing reused: the coverage charts are counted on every request here (the cost
    # of the first visit after a write).
    with serve(url, PORT, workers=1, figure_cache=False) as server:
        (worker,) = psutil.Process(server.pid).children()
        for _ in range(3):
            fetch(PORT, BARE)
        idle = worker.memory_info().rss
        peak = idle
        running = threading.Event()
        running.set()

        def sample():
            nonlocal peak
            while running.is_set():
                peak = max(peak, worker.memory_info().rss)
                time.sleep(0.002)

        sampler = threading.Thread(target=sample)
        sampler.start()
        try:
            first = fetch(PORT, path)
        finally:
            running.clear()
            sampler.join()
        times = [first.first_byte_ms] + [
            fetch(PORT, path).first_byte_ms for _ in range(repeats - 1)
        ]
    return times, (peak - idle) / 2**20, first.status


# ---------------------------------------------------------------------------
# RESULTS.md
# ---------------------------------------------------------------------------


def render(reports, args, minutes):
    today = datetime.date.today().isoformat()
    large = f"{args.articles // 1000}k" if args.articles >= 1000 else str(args.articles)
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (bench/harness.py) on {today}: the seed record against a "
        f"synthetic archive of {args.articles:,} articles and {args.people:,} people "
        f"(`manage.py make_bench_data`), served by gunicorn with 2 workers and DEBUG off, on "
        f"{os.cpu_count()} cores ({platform.python_implementation()} "
        f"{platform.python_version()}); {args.rounds} rounds, every request on both archives "
        f"in turn in each round; medians, in ms. The whole run took {minutes:.0f} minutes. "
        "The machine is shared and noisy: compare ratios, not single figures. A request's "
        "ratio to seed is the median over the rounds of each round's pair (the seed's "
        "request, then the large archive's, back to back, so that a burst of other work "
        "slows both); the ratio of the two medians, which may come from rounds of different "
        "load, is shown beside it.",
        "",
        f"Targets: a request at {large} takes at most {MAX_SEED_RATIO}× its time on the seed "
        "(a sitemap section, whose entries grow with the archive by nature, is held to the "
        "time and memory limits below instead: its ratio is shown, not marked); "
        "the uncached film page answers at least a tenth, and the cached film page and press "
        f"list at least half, of the bare view's requests per second; at {large}, no "
        f"anonymous request grows a worker by more than {MAX_MEMORY_MB} MB or takes more "
        f"than {MAX_TTFB_MS / 1000:.0f} s to its first byte. **✗** marks a miss.",
        "",
        'The bare view is `HttpResponse("ok")` through the full middleware stack (bench/urls.py).',
        "",
        "Every timing is of the site without its page cache (`PAGE_CACHE=0`), except the "
        "cached throughput. The record's figures (`FIGURE_CACHE`, on as in production: the "
        "coverage charts' counts, the sources the filters offer, the sitemap's section sizes) "
        "are computed once after each write to the record and reused by every visit until the "
        "next: the rounds below, which write nothing, measure the pages with them reused.",
    ]
    for report in reports:
        lines += ["", f"## {'SQLite' if report.vendor == 'sqlite' else 'PostgreSQL'}", ""]
        if report.skipped:
            lines.append(f"Not measured: {report.skipped}")
            continue
        lines += render_timings(report, large) + render_throughput(report) + render_heavy(report)
    return "\n".join(lines) + "\n"


def median(values):
    return statistics.median(values) if values else None


def paired_ratio(entry):
    """
    The median over the rounds of each round's time at the large archive over its time on
    the seed. A round requests both back to back, so a burst of other work on the machine
    slows both of a pair; the ratio of the two medians can take them from rounds of
    different load.
    """
    # A request only the large archive has (a sitemap section's later pages) has no pairs.
    rounds = zip(entry["seed"], entry["large"], strict=False)
    return median([big / seed for seed, big in rounds if seed and big])


def render_timings(report, large):
    bare = median(report.timings["bare view"]["large"])
    lines = [
        f"| request | seed ms | {large} ms | ratio to seed | ratio of the medians "
        f"| ratio to bare view | raw seed ms | raw {large} ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for label, entry in report.timings.items():
        seed, big = median(entry["seed"]), median(entry["large"])
        statuses = {status for status in entry["status"].values() if status != 200}
        ratio = paired_ratio(entry)
        exempt = label == "bare view" or label.startswith(GROWING)
        miss = ratio is not None and ratio > MAX_SEED_RATIO and not exempt
        notes = f" (HTTP {', '.join(map(str, sorted(statuses)))})" if statuses else ""
        to_bare = big / bare if big else None
        of_medians = big / seed if seed and big else None
        lines.append(
            f"| {label}{notes} | {fmt(seed)} | {fmt(big)} | "
            f"{'**✗** ' if miss else ''}{fmt(ratio, 2, '×')} | {fmt(of_medians, 2, '×')} "
            f"| {fmt(to_bare, 1, '×')} "
            f"| {' '.join(f'{ms:.0f}' for ms in entry['seed'])} "
            f"| {' '.join(f'{ms:.0f}' for ms in entry['large'])} |"
        )
    return lines


def render_throughput(report):
    if not report.throughput:
        return []
    modes = [mode for mode in CACHE_MODES if ("bare view", mode) in report.throughput]
    lines = [
        "",
        "### Throughput",
        "",
        "Requests per second from 4 client threads, on the large archive, except in the "
        "two columns of the seed record (“seed, uncached”). Uncached: "
        "served with `PAGE_CACHE=0`; cached: `PAGE_CACHE=1`, pages kept in the default "
        "shared cache (`CACHE_URL` unset: a table of the database); Redis: `PAGE_CACHE=1` "
        'with `CACHE_URL` a private redis-server started for the run, as "Scaling out" '
        "in the README deploys it. Each share is of the bare view served the same way.",
    ]
    if "Redis" not in modes:
        lines += ["", "Redis: not measured, redis-server is not installed."]
    header = " | ".join(f"{mode} req/s" for mode in modes)
    shares = " | ".join(f"{mode} / bare" for mode in modes)
    lines += [
        "",
        f"| request | {header} | {shares} |",
        "| --- |" + " ---: |" * (2 * len(modes)),
    ]
    bare = {mode: report.throughput[("bare view", mode)] for mode in modes}
    for label, _ in THROUGHPUT:
        rates, marked = [], []
        for mode in modes:
            rate = report.throughput[(label, mode)]
            share = rate / bare[mode]
            if mode in UNCACHED_MODES:
                miss = label == "film page" and share < MIN_FILM_UNCACHED_SHARE
            else:
                miss = label != "bare view" and share < MIN_CACHED_SHARE
            rates.append(f"{rate:.1f}")
            marked.append(f"{'**✗** ' if miss else ''}{share:.2f}")
        lines.append(f"| {label} | {' | '.join(rates)} | {' | '.join(marked)} |")
    return lines


def render_heavy(report):
    if not report.heavy:
        return []
    lines = [
        "",
        "### Heaviest anonymous requests: first byte and memory",
        "",
        "Each on a fresh gunicorn with one worker, the coverage charts counted on every "
        "request (`FIGURE_CACHE=0`): the worker's peak RSS during the first "
        "request above its idle size (after a few bare requests), sampled every 2 ms with "
        "psutil; then the median time to first byte of three requests.",
        "",
        "| request | first byte ms (median) | first byte ms (raw) | memory growth MB |",
        "| --- | ---: | --- | ---: |",
    ]
    for label, path, times, growth, status in report.heavy:
        ttfb = median(times)
        note = f" (HTTP {status})" if status != 200 else ""
        lines.append(
            f"| {label} `{path}`{note} | {'**✗** ' if ttfb > MAX_TTFB_MS else ''}{ttfb:.0f} | "
            f"{' '.join(f'{ms:.0f}' for ms in times)} | "
            f"{'**✗** ' if growth > MAX_MEMORY_MB else ''}{growth:.1f} |"
        )
    if report.coverage:
        cover = report.coverage
        once = cover["articles_listed"] == cover["articles_distinct"] == cover["articles_published"]
        slow = cover["slowest_ms"] > MAX_TTFB_MS
        lines += [
            "",
            f"Every one of the sitemap's {cover['sections']} section pages, read once: the "
            f"slowest, `{cover['slowest']}`, took {'**✗** ' if slow else ''}"
            f"{cover['slowest_ms']:.0f} ms to its last byte. They list "
            f"{cover['articles_listed']:,} English article addresses, "
            f"{cover['articles_distinct']:,} distinct, for "
            f"{cover['articles_published']:,} published articles: "
            f"{'each published article once' if once else '**✗** not each article once'}.",
        ]
    return lines


def fmt(value, digits=1, suffix=""):
    return "–" if value is None else f"{value:.{digits}f}{suffix}"


if __name__ == "__main__":
    main()
