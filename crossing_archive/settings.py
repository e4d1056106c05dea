"""
Settings for Crossing Archive, read from environment variables.

The defaults are safe for production (DEBUG off, no hosts allowed, a secret
key required); `make run` sets the convenient development values.
"""

import datetime
import os
import sys
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
TESTING = "pytest" in sys.modules


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name, default=""):
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# Without a key, management commands that sign nothing (migrate, makemigrations,
# seed) still run; the WSGI application refuses to start (crossing_archive/wsgi.py).
SECRET_KEY = env_str("SECRET_KEY") or (
    "insecure-key-for-development-only" if DEBUG or TESTING else ""
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "reversion",
    "import_export",
    "csp",
    "axes",
    "core",
    "curation",
    "films",
    "articles",
    "search",
    "public",
    "api",
    "crossing_archive",
]

MIDDLEWARE = [
    # First: a load balancer's probe is answered whatever its Host header or scheme.
    "crossing_archive.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "crossing_archive.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "crossing_archive.middleware.StaticFilesMiddleware",
    "core.middleware.RejectNulMiddleware",
    # Compresses what the page cache and the views answer; ETags and 304s are
    # worked out on the uncompressed body (GZip then weakens the ETag).
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Before the session, CSRF and message middleware: it must see the cookies
    # they set, so as never to store an answer that sets one (public/cache.py).
    "public.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the address only (/ko/…), never a cookie or header.
    "crossing_archive.middleware.PathLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # "Database is locked" (SQLite, past DB_TIMEOUT) answers 503 "busy, try again".
    "curation.busy.DatabaseBusyMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "crossing_archive.urls"
WSGI_APPLICATION = "crossing_archive.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Each worker keeps its connection a minute, checked before reuse, rather
        # than opening one per request (database pages took 0.55–0.70 of the time).
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiler takes 0.3 to 0.8 s to compile a search or press-list
    # query whose estimated cost passes jit_above_cost (wide text rows), to save a few ms
    # running it; bench/search_bench.py measures it. Page queries are short: no JIT.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several curators and an import at once: in WAL mode readers never wait for a
    # writer; every transaction takes the write lock as it begins (IMMEDIATE), so two
    # never both read and then fail to upgrade; and a writer waits up to DB_TIMEOUT
    # seconds for the lock before "database is locked", which curation/busy.py answers
    # with a 503 asking to retry.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("DB_TIMEOUT", 20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )


def cache_from_url(url):
    """
    CACHE_URL: `db://table` (the default, `db://crossing_cache`), `redis://host:port/db`
    or `rediss://…`, `file:///absolute/path`, or `locmem://` (one worker only).
    """
    scheme, _, location = url.partition("://")
    if scheme in ("redis", "rediss"):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    backends = {
        "db": "django.core.cache.backends.db.DatabaseCache",
        "file": "django.core.cache.backends.filebased.FileBasedCache",
        "locmem": "django.core.cache.backends.locmem.LocMemCache",
    }
    if scheme not in backends:
        raise ImproperlyConfigured(f"CACHE_URL: unknown scheme {scheme!r}")
    return {
        "BACKEND": backends[scheme],
        "LOCATION": location or ("crossing_cache" if scheme == "db" else ""),
        # Entries, not pages: a page takes one (public/cache.py), as does each figure kept.
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 20_000)},
    }


# The cache every worker of every app server shares: the page cache and the
# API's rate counts live there, so the default is a table in the database
# (created by migrate, public/migrations), not each worker's own memory, where a
# save seen by one worker would leave the others serving the old page.
CACHE_URL = env_str("CACHE_URL", "db://crossing_cache")
CACHES = {"default": cache_from_url(CACHE_URL)}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # Sessions read from Redis, written through to the database.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Whole anonymous pages, feeds, sitemaps and API answers, kept in that cache
# and dropped by any write to the record (public/cache.py). Off by default in
# tests, so that their pinned query counts are the views' own.
PAGE_CACHE = env_bool("PAGE_CACHE", not TESTING)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 24 * 60 * 60)
# Aggregates that many pages share (the coverage charts), computed once a generation and
# kept in the same cache, whether or not whole pages are (public.cache.remember()).
FIGURE_CACHE = env_bool("FIGURE_CACHE", not TESTING)


FIXTURE_DIRS = [BASE_DIR / "fixtures"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ko", "한국어")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Seoul")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Static files are served by whitenoise (crossing_archive.middleware.StaticFilesMiddleware)
# under content-hashed names, compressed, once `collectstatic` has written them and their
# manifest (`make serve` does). Until then (tests, `make run`, a server started by hand)
# they keep their plain names and whitenoise finds them where they are.
COLLECTED = not TESTING and (
    (STATIC_ROOT / "staticfiles.json").exists() or sys.argv[1:2] == ["collectstatic"]
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if COLLECTED
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not COLLECTED
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

# Uploaded images on the local disk (MEDIA_ROOT), or with MEDIA_STORAGE=s3 in an
# S3-compatible bucket (django-storages), which every app server shares.
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "local")
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": env_str("AWS_LOCATION"),
            # Public images at plain addresses; a name in use gets a new one,
            # as on the local disk.
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "file_overwrite": False,
        },
    }
elif MEDIA_STORAGE != "local":
    raise ImproperlyConfigured(f"MEDIA_STORAGE: {MEDIA_STORAGE!r} is neither local nor s3")

# The largest request body Django reads, file uploads not counted (they are
# streamed to disk; an image's own limit, 10 MB, is films.images.MAX_BYTES).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 10 * 1024 * 1024)

# A film's admin page posts every row of its cast, crew, soundtrack and
# claims: the Crossing seed film alone sends nearly 800 fields, and Django's
# default limit of 1,000 would refuse a larger film's save outright.
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 10_000)

# Bulk import and export in the admin (django-import-export): a dry run and
# the confirmed import each run in one transaction; importing needs the add
# permission, exporting the view permission.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# The read-only JSON API (api/): public data, so no authentication (and no
# session or CSRF machinery); JSON only, read by scripts rather than people.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_SCHEMA_CLASS": "api.schema.ArchiveAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousThrottle"],
    # Proxies in front of the app servers: the client address is read from
    # X-Forwarded-For only when this is set (see SECURE_PROXY_SSL).
    "NUM_PROXIES": env_int("NUM_PROXIES", 0) or None,
}
# Requests an anonymous client may make of the API, per address, as
# "number/second|minute|hour|day"; empty for no limit (the test default).
# Counted in the cache every worker shares (CACHES).
API_ANON_RATE = env_str("API_ANON_RATE", "" if TESTING else "120/minute")

SPECTACULAR_SETTINGS = {
    "TITLE": "Crossing Archive API",
    "DESCRIPTION": "Read-only access to the published record: films, people, credits, "
    "soundtrack tracks, publications, articles and reviews.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    "ENUM_NAME_OVERRIDES": {"LanguageEnum": "films.models.LanguageCode"},
}

# HTTPS. Behind a proxy that terminates TLS, set SECURE_PROXY_SSL=1 (the proxy must
# set X-Forwarded-Proto itself), SECURE_SSL_REDIRECT=1 and SECURE_HSTS_SECONDS; the
# README's deploy section lists the whole production environment.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("SECURE_PROXY_SSL", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
# Preloading puts the domain in browsers' built-in HTTPS-only lists, which takes
# months to undo: the operator opts in, knowing that (hence security.W021 below).
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Curators' sessions end after 8 hours without a request. Saving on every request
# moves the expiry forward; an anonymous visitor's empty session is never saved, so
# public pages still set no cookie.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True

# Content-Security-Policy (django-csp): nothing inline, nothing from elsewhere. The
# templates keep to it (no inline script or style attribute), and so does the admin.
SELF = "'self'"
_IMAGE_SOURCES = [SELF, "data:"]
if MEDIA_URL.startswith(("https://", "http://")):
    _IMAGE_SOURCES.append("/".join(MEDIA_URL.split("/", 3)[:3]))
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": _IMAGE_SOURCES,
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": [SELF],
        "frame-ancestors": ["'none'"],
    },
}
# Browser features no page of the archive uses (crossing_archive.middleware).
PERMISSIONS_POLICY = [
    "accelerometer",
    "camera",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "payment",
    "usb",
]

# Sign-ins (django-axes): after LOGIN_FAILURE_LIMIT failures, an account is locked
# for LOGIN_LOCKOUT_MINUTES from the address that failed (other addresses may still
# sign in to it, so that a stranger cannot lock a curator out). Superusers unlock
# from the admin (Axes → Access attempts).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# The client's address is REMOTE_ADDR unless CLIENT_IP_HEADER names the header
# that the proxy in front sets (a client could forge it if nothing in front did).
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER")
AXES_CLIENT_IP_CALLABLE = "crossing_archive.client_ip.client_ip"

# Email: when EMAIL_HOST is set, curators may reset a forgotten password by email
# (crossing_archive/urls.py) and ADMINS receive error reports.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_CONFIGURED = bool(EMAIL_HOST)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# "Name <a@example.org>, Other <b@example.org>"
ADMINS = [(name, address) for name, address in getaddresses([env_str("ADMINS")]) if address]

# One line per record on stdout, tracebacks folded in (crossing_archive/log_format.py);
# errors are also mailed to ADMINS when there are any.
LOG_LEVEL = env_str("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {
        "one_line": {
            "()": "crossing_archive.log_format.OneLineFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "one_line",
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console", "mail_admins"], "level": LOG_LEVEL, "propagate": False},
    },
}
