"""
The page cache: whole anonymous public pages (feeds, sitemaps and API answers
too), kept in the cache every worker and every app server shares
(`CACHES["default"]`), and never stale.

Every cached answer is stored with the current *generation*, a random token
that each committed write to the record replaces (`bump()`: saves, deletes and
many-to-many changes of every model of `RECORD_APPS`, connected in
`public.apps`; bulk writes that send no signals call `bump()` themselves). A
page is kept under its address and read together with the current token, in one
round trip: an answer of an older generation is no answer, and the next one
stored replaces it (figures are kept under their token). A token, not a counter:
two workers bumping at once each write a value no reader has seen, where an
increment read and written back could be lost. The bump runs after the
transaction commits, and a request stores its answer with the token it read
before rendering, so a page rendered from the rows before the commit cannot be
stored as of the new generation.

The one change that needs no write is a scheduled publication coming due: an
answer is never served after the earliest future publication time pending
when it was stored (`next_publication()`, one query per generation).

Only anonymous requests take part: a request with a session cookie (a signed-in
curator, a staff preview) is neither answered from the cache nor stored in it,
and the middleware decides that from the cookie, without loading the session or
the user. An answer that sets a cookie, varies on Cookie or says it is private
is not stored.
"""

import gzip
import hashlib
import secrets

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils import timezone, translation
from django.utils.cache import (
    cc_delim_re,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.text import compress_string

from core.models import Publishable, Status

# The apps whose rows public pages show: any write to one of their models
# starts a new generation.
RECORD_APPS = ("films", "articles")

# Addresses never cached: the admin (previews included), the language switch
# and the load balancers' health check.
UNCACHED_PREFIXES = ("/admin/", "/i18n/", "/healthz")

GENERATION_KEY = "page-generation"


def release():
    """
    What this release of the site is, as far as pages show it: the collected
    static files' manifest (their hashed names), read once per process. A new
    release with new styles never serves pages naming the old ones; `make serve`
    also starts a new generation at each start (`clear_page_cache`), for
    releases that change templates or code alone.
    """
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    try:
        return hashlib.sha256(manifest.read_bytes()).hexdigest()[:12]
    except OSError:
        return "uncollected"


RELEASE = release()
# The layout of a stored page: changed with it, so that the servers of two releases that
# share a cache during a rolling deploy never read each other's entries.
PAGE_FORMAT = 3

# A shared cache (a proxy, a CDN) may keep an anonymous page a minute, then asks
# again; browsers ask every time, with the ETag, and get a 304 from the page
# cache when nothing changed, so a visitor sees a curator's save at once.
SHARED_SECONDS = 60

# Headers of a stored answer's Vary that the key already covers: the language
# (part of the key) and the encoding (GZipMiddleware compresses outside the cache).
VARY_IN_KEY = {"accept-language", "accept-encoding"}
# GZipMiddleware leaves shorter bodies as they are.
GZIP_SHORTEST = 200


# ---------------------------------------------------------------------------
# Generations
# ---------------------------------------------------------------------------


def new_token():
    return secrets.token_hex(8)


def generation():
    """The current generation; a first request (or an evicted key) starts one."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, new_token(), timeout=None)
        token = cache.get(GENERATION_KEY)
    return token


def bump():
    """Starts a new generation: every page cached so far is out of date."""
    cache.set(GENERATION_KEY, new_token(), timeout=None)


def bump_after_commit(using=None):
    """
    Bumps once the current transaction commits (at once outside one). Within
    a transaction, one bump is enough however many rows it writes: an import
    of a thousand rows bumps once.
    """
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and any(
        callback is bump for _, callback, _ in connection.run_on_commit
    ):
        return
    transaction.on_commit(bump, using=using)


def record_changed(sender, using=None, action="post_", **kwargs):
    if action.startswith("post_"):
        bump_after_commit(using)


def connect_signals():
    """
    Connects each model of the record, many-to-many tables included, one by
    one: a receiver for every sender would also slow down deletes of unrelated
    models (Django cannot delete rows in bulk that a post_delete receiver
    listens to).
    """
    for label in RECORD_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            uid = f"page-cache-{model._meta.label_lower}"
            for signal in (post_save, post_delete, m2m_changed):
                signal.connect(record_changed, sender=model, dispatch_uid=uid)


# ---------------------------------------------------------------------------
# Scheduled publication
# ---------------------------------------------------------------------------


def publishable_models():
    return [
        model
        for label in RECORD_APPS
        for model in apps.get_app_config(label).get_models()
        if issubclass(model, Publishable)
    ]


def next_publication(token):
    """
    The earliest publication time still to come of a published entry, as a
    POSIX timestamp (None when nothing is scheduled), kept under the generation
    `token`. Computed again once it has passed. Runs one query when it does.
    """
    key = f"next-publication:{token}"
    now = timezone.now()
    known = cache.get(key)
    if known is not None and (known[0] is None or known[0] > now.timestamp()):
        return known[0]
    times = [
        model._default_manager.filter(status=Status.PUBLISHED, published_at__gt=now)
        .values_list("published_at", flat=True)
        .order_by()
        for model in publishable_models()
    ]
    earliest = list(times[0].union(*times[1:], all=True).order_by("published_at")[:1])
    at = earliest[0].timestamp() if earliest else None
    cache.set(key, (at,), timeout=settings.PAGE_CACHE_SECONDS)
    return at


# ---------------------------------------------------------------------------
# Figures computed once a generation
# ---------------------------------------------------------------------------


def remember(name, parts, compute):
    """
    compute()'s value, kept in the cache under the current generation like a page,
    and so never stale: a write to the record or a scheduled publication coming due
    makes the next call compute it again. For aggregates over every published entry
    that many pages share (the coverage charts of /press/ and of a film, the sources
    and films the lists' filters offer), which would otherwise read every row on every
    visit.
    `parts` name what the value depends on (a list's filters); they must be what every
    visitor sees alike. Off with the setting FIGURE_CACHE (in tests, so that their
    query counts are the views' own).
    """
    if not settings.FIGURE_CACHE:
        return compute()
    token = generation()
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    key = f"figure:{name}:{RELEASE}:{token}:{digest}"
    now = timezone.now().timestamp()
    entry = cache.get(key)
    if entry is not None and (entry[0] is None or now < entry[0]):
        return entry[1]
    value = compute()
    until = next_publication(token)
    if until is None or until > now:
        seconds = settings.PAGE_CACHE_SECONDS
        if until is not None:
            seconds = min(seconds, int(until - now) + 1)
        cache.set(key, (until, value), timeout=seconds)
    return value


# ---------------------------------------------------------------------------
# The middleware
# ---------------------------------------------------------------------------


def is_personal(request):
    """
    A request that may be signed in or carry a message for one visitor. Read
    from the cookies alone: loading the session would add `Vary: Cookie`.
    """
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES


def is_public(request):
    return not request.path_info.startswith(UNCACHED_PREFIXES)


def cache_control(response):
    return {d.strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}


def vary(response):
    return {h.strip().lower() for h in cc_delim_re.split(response.get("Vary", "")) if h.strip()}


def is_shareable(response):
    """An answer any visitor may be given: 200, sets no cookie, not private."""
    return (
        response.status_code == 200
        and not response.cookies
        and not response.has_header("Set-Cookie")
        and not {"cookie", "*"} & vary(response)
        and not {"private", "no-store", "no-cache"} & cache_control(response)
    )


class Page:
    """One request's place in the cache: its key, and what the cache holds for it."""

    def __init__(self, request):
        self.request = request
        self.token = None
        # The address names the language (/ko/…): no cookie or header changes it.
        language = translation.get_language_from_path(request.path_info) or "default"
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(address.encode()).hexdigest()
        self.key = f"page:{PAGE_FORMAT}:{RELEASE}:{language}:{digest}"

    def headers_named(self, names):
        return {name: self.request.headers.get(name, "") for name in sorted(names)}

    def get(self):
        """
        The stored answer, if it is of the current generation, compressed for a client
        that takes gzip. The generation and the page are read together (one round trip
        to a shared cache, not two): the page holds the generation it was stored under,
        and one of an earlier is no answer.
        """
        found = cache.get_many([GENERATION_KEY, self.key])
        self.token = found.get(GENERATION_KEY) or generation()
        entry = found.get(self.key)
        if entry is None or entry["token"] != self.token:
            return None
        until = entry["until"]
        if until is not None and timezone.now().timestamp() >= until:
            return None
        if entry["vary"] != self.headers_named(entry["vary"]):
            return None
        content = entry["content"]
        takes_gzip = re_accepts_gzip.search(self.request.headers.get("Accept-Encoding", ""))
        if entry["compressed"] and not takes_gzip:
            content = gzip.decompress(content)
        response = HttpResponse(content, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        if entry["compressed"] and takes_gzip:
            served_compressed(response, content)
        return response

    def set(self, response):
        """Stores a shareable GET answer until the next publication comes due, with the
        generation get() read before the answer was rendered."""
        if response.streaming or self.request.method != "GET":
            return
        now = timezone.now().timestamp()
        until = next_publication(self.token)
        seconds = settings.PAGE_CACHE_SECONDS
        if until is not None:
            if until <= now:
                return
            seconds = min(seconds, int(until - now) + 1)
        if not response.has_header("ETag"):
            # Worked out once here rather than by ConditionalGetMiddleware on every hit.
            set_response_etag(response)
        # The body is kept compressed as GZipMiddleware would send it, and decompressed
        # for a client that takes no gzip: a hit reads the compressed body alone (the film
        # page at 100,000 articles: 15 KB, not 112; a hit without gzip on PostgreSQL's
        # database cache 2.0 → 1.4 ms). A page GZipMiddleware leaves as it is is kept so.
        body = compressed(response)
        entry = {
            "token": self.token,
            "status": response.status_code,
            "headers": list(response.items()),
            "content": response.content if body is None else body,
            "compressed": body is not None,
            "until": until,
            "vary": self.headers_named(vary(response) - VARY_IN_KEY),
        }
        cache.set(self.key, entry, timeout=seconds)


def compressed(response):
    """
    The body as GZipMiddleware would send it, worked out once when the answer is stored
    rather than on every hit (the film page at 100,000 articles: 1.5 ms to compress);
    None when GZipMiddleware would leave it as it is. Stored pages hold no
    secret (they set no cookie), which is what its random padding guards.
    """
    if len(response.content) < GZIP_SHORTEST or response.has_header("Content-Encoding"):
        return None
    body = compress_string(response.content, max_random_bytes=GZipMiddleware.max_random_bytes)
    return body if len(body) < len(response.content) else None


def served_compressed(response, body):
    """A stored answer made what GZipMiddleware makes of it (which then leaves it be)."""
    response.content = body
    response.headers["Content-Length"] = str(len(body))
    patch_vary_headers(response, ("Accept-Encoding",))
    etag = response.get("ETag")
    if etag and etag.startswith('"'):
        response.headers["ETag"] = "W/" + etag
    response.headers["Content-Encoding"] = "gzip"


class PageCacheMiddleware:
    """
    Answers anonymous GET and HEAD requests for public addresses from the page
    cache, stores shareable answers (when `PAGE_CACHE` is on), and says who
    else may keep an answer: `Cache-Control` public for a minute for what
    anonymous visitors get, private and not stored for anything personal.

    Placed before the session, CSRF and message middleware, so that it sees
    the cookies they set on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        anonymous = not is_personal(request) and is_public(request)
        page = None
        if anonymous and settings.PAGE_CACHE and request.method in ("GET", "HEAD"):
            page = Page(request)
            cached = page.get()
            if cached is not None:
                return cached
        response = self.get_response(request)
        if anonymous and request.method in ("GET", "HEAD") and is_shareable(response):
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=SHARED_SECONDS, must_revalidate=True
            )
            if page is not None:
                page.set(response)
        elif not anonymous or response.cookies or response.has_header("Set-Cookie"):
            patch_cache_control(response, private=True, no_store=True)
        return response
