"""
The fixtures every test module shares; the builders are in tests/factories.py.

The seed record is one fixture, `seed`, scoped to a class: a class of tests
that only read the seed loads it once, in a transaction rolled back when the
class ends, and each test's own writes roll back with the test. Tests
outside such a class get an empty archive.
"""

import contextlib
import gc
import threading

import pytest
from django.conf import settings
from django.db import transaction
from django.template.base import Template
from django.test.utils import instrumented_test_render
from whitenoise.middleware import WhiteNoiseMiddleware

from tests.database_image import keep_migrated_databases
from tests.factories import seeded, staff_client


def pytest_configure(config):
    keep_migrated_databases(config.cache.mkdir("databases"))
    # What Django and the project load at start-up is kept for the whole run, so
    # the collector leaves it alone; and it runs less often than its default of
    # every 700 new objects, which a rendered page passes many times over. The
    # non-browser tests take about 6% less time.
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


@pytest.fixture(scope="class")
def seed(django_db_setup, django_db_blocker):
    with seeded(django_db_blocker):
        yield


@pytest.fixture(scope="module")
def module_seed(django_db_setup, django_db_blocker):
    """The seed record for a module of plain test functions that only read it."""
    with seeded(django_db_blocker):
        yield


@pytest.fixture
def curator_client(db):
    return staff_client("curator", "Curator")


@pytest.fixture
def editor_client(db):
    return staff_client("editor", "Editor")


@pytest.fixture(autouse=True, scope="session")
def static_files_listed_once():
    """
    Whitenoise lists and stats every static file when its middleware starts, and
    each test client starts the middleware anew: in tests (files found by the
    finders, STATIC_ROOT empty) the list is made once per process and settings.
    """
    listed = {}
    list_files = WhiteNoiseMiddleware.add_files_from_finders

    def add_files_from_finders(self):
        key = (
            type(self),
            self.static_prefix,
            self.max_age,
            self.allow_all_origins,
            self.charset,
            repr(settings.STATICFILES_DIRS),
            repr(settings.STORAGES),
            repr(settings.INSTALLED_APPS),
        )
        if key not in listed:
            before = dict(self.files)
            list_files(self)
            listed[key] = {url: f for url, f in self.files.items() if before.get(url) is not f}
        self.files.update(listed[key])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(WhiteNoiseMiddleware, "add_files_from_finders", add_files_from_finders)
        yield


# Template rendering as it is outside tests: the test environment replaces it, later.
_render = Template._render
_rendering = threading.local()


def _render_outermost(self, context):
    """A render that the test client records only when no other render is under way."""
    if getattr(_rendering, "busy", False):
        return _render(self, context)
    _rendering.busy = True
    try:
        return instrumented_test_render(self, context)
    finally:
        _rendering.busy = False


@pytest.fixture(autouse=True, scope="session")
def page_contexts_only(django_test_environment):
    """
    The test client keeps the context of each page a view renders (what tests
    read in `response.context`), not a copy of the context of every template
    that page includes and every form widget it draws: 108,000 copies across
    the suite, a tenth of its time.
    """
    assert Template._render is instrumented_test_render
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Template, "_render", _render_outermost)
        yield


@pytest.fixture(autouse=True, scope="session")
def media_root(tmp_path_factory):
    """Uploaded and generated files go to a temporary folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def page_cache(settings):
    """The page cache on (it is off in tests, so that query counts are the views' own)."""
    settings.PAGE_CACHE = True


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """
    `with committed():` commits what the block writes as a real transaction
    would (the test's own never does), running its on-commit work: there the
    page cache starts a new generation. What the test wrote before the block
    counts as committed before any page was cached.
    """

    @contextlib.contextmanager
    def commit():
        transaction.get_connection().run_on_commit.clear()
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return commit
