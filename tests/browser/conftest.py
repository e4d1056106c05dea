"""
Browser tests drive the system Chromium through Playwright against
pytest-django's live server.

Where no browser can be started they skip, except under CI (CI=true) or with
REQUIRE_BROWSER=1, where a missing browser fails the run instead.
"""

import datetime as dt
import os
import shutil

import pytest
from django.conf import settings

from tests.factories import load_seed

ARTIFACTS = settings.BASE_DIR / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browser_unavailable(reason):
    if os.environ.get("CI") or os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(f"Browser tests must run here: {reason}", pytrace=False)
    pytest.skip(reason)


def chromium_path():
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        browser_unavailable("Playwright is not installed")
    executable = chromium_path()
    if not executable:
        browser_unavailable("no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)")
    # Playwright's sync API keeps an event loop running in this thread, so
    # Django would take every ORM call the tests make (fixtures, flushes) for
    # one made from async code. They are synchronous; say so while it runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            yield launched
            launched.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    yield opened
    context.close()


@pytest.fixture
def seeded_server(browser, live_server, transactional_db):
    """
    The session's live server with the seed record: loaded for each test,
    since the live server's thread sees only committed rows and
    transactional_db empties the tables after each test.
    """
    load_seed()
    return live_server


@pytest.fixture
def many_articles(seeded_server):
    """Enough published press to need a second page."""
    from articles.models import Article, Publication
    from films.models import Film, Status

    herald = Publication.objects.get(slug="korea-herald")
    crossing = Film.objects.get(slug="crossing")
    for day in range(1, 26):
        article = Article.objects.create(
            title=f"Herald follow-up {day:02d}",
            slug=f"herald-follow-up-{day:02d}",
            publication=herald,
            date=dt.date(2008, 7, day),
            text=f"Follow-up number {day}.",
            status=Status.PUBLISHED,
        )
        article.films.add(crossing)
    return seeded_server


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
