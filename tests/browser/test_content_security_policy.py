"""
The pages keep to their Content-Security-Policy in a real browser: Chromium
reports every violation on the console ("Refused to ..."), and any such message
fails the page.
"""

import pytest
from django.contrib.auth.models import User

from articles.models import Article
from films.models import Film, Person

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    "/",
    "/films/crossing/",
    "/people/kim-tae-kyun/",
    "/press/",
    "/reviews/",
    "/search/?q=Kim",
]


@pytest.fixture
def violations(page):
    """The page's CSP violations, as Chromium reports them on the console."""
    found = []

    def listen(message):
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            found.append(f"{page.url}: {text}")

    page.on("console", listen)
    return found


@pytest.fixture
def signed_in(page, seeded_server):
    User.objects.create_superuser("chief", password="a long enough password")
    page.goto(seeded_server.url + "/admin/login/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill("a long enough password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    return seeded_server


def visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    page.wait_for_load_state("networkidle")


def test_a_violation_is_caught(page, seeded_server, violations):
    # Proves the listener: an inline style added to a page is refused and reported.
    visit(page, seeded_server.url + "/")
    page.evaluate(
        "() => { const s = document.createElement('style');"
        " s.textContent = 'body { color: red }'; document.head.append(s); }"
    )
    page.wait_for_timeout(200)
    assert violations, "Chromium reported no violation for an inline style"


def test_public_pages_keep_to_the_policy(page, seeded_server, violations):
    article = Article.objects.published().order_by("pk").first()
    for path in [*PUBLIC_PAGES, article.get_absolute_url()]:
        visit(page, seeded_server.url + path)
    assert violations == []


def test_admin_change_forms_keep_to_the_policy(page, signed_in, violations):
    for model in (Film, Person, Article):
        opts = model._meta
        entry = model.objects.order_by("pk").first()
        visit(page, f"{signed_in.url}/admin/{opts.app_label}/{opts.model_name}/{entry.pk}/change/")
        visit(page, f"{signed_in.url}/admin/{opts.app_label}/{opts.model_name}/add/")
    assert violations == []
