"""Page layouts in a real browser: first screen, narrow phones, print and night."""

import pytest

from public.timeline import PALETTE
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    "/",
    "/films/crossing/",
    "/people/kim-tae-seong/",
    "/people/kim-tae-kyun/",
    "/press/",
    "/press/?source=korea-herald&source=chosun-ilbo",
    "/press/crossing-depicts-the-plight-of-north-korean-defectors/",
    "/reviews/",
    "/reviews/crossing-review/",
    "/search/?q=kim+tae",
]


@pytest.fixture
def sized(browser):
    """A page at a given viewport, its context closed afterwards."""
    contexts = []

    def open_page(width, height, **media):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
        contexts.append(context)
        opened = context.new_page()
        opened.set_default_timeout(10_000)
        if media:
            opened.emulate_media(**media)
        return opened

    yield open_page
    for context in contexts:
        context.close()


def bottom_of(page, selector):
    box = page.locator(selector).first.bounding_box()
    assert box, f"{selector} is not drawn"
    return box["y"] + box["height"]


def test_film_header_fits_the_first_screen_on_a_laptop(sized, seeded_server):
    page = sized(1366, 768)
    page.goto(seeded_server.url + "/films/crossing/")
    header = page.locator(".film-header")
    for text in ("Crossing", "Kim Tae-kyun", "Cha In-pyo", "Kim Yong-soo", "June 26, 2008"):
        assert text in header.inner_text()
    for selector in ("h1", ".key-facts", ".synopsis"):
        assert bottom_of(page, selector) <= 768, selector
    screenshot(page, "film-desktop-first-screen")


def test_film_page_on_a_phone_reads_the_soundtrack_as_a_list(sized, seeded_server):
    page = sized(390, 844)
    page.goto(seeded_server.url + "/films/crossing/")
    assert bottom_of(page, ".key-facts") <= 844
    shared = page.locator(".shared-credits").inner_text()
    assert "tracks 1–21; track 22: no artist listed" in shared
    name = page.locator(".shared-credits .name").bounding_box()
    line_height = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.shared-credits')).lineHeight)"
    )
    assert name["height"] <= line_height * 1.2, "the composer's name breaks across lines"
    assert page.locator("#soundtrack table").count() == 0
    screenshot(page, "film-phone")


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_no_page_scrolls_sideways_at_320_px(sized, seeded_server, path):
    page = sized(320, 640)
    response = page.goto(seeded_server.url + path)
    assert response.status == 200
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} is {overflow} px wider than the screen"


def test_press_on_a_phone_shows_results_first_and_filters_one_tap_away(sized, seeded_server):
    page = sized(390, 844)
    page.goto(seeded_server.url + "/press/")
    assert bottom_of(page, "#results-heading") <= 844 / 2
    assert bottom_of(page, ".results .item-list > li") <= 844
    form = page.locator("form.filter-form")
    assert not form.is_visible()
    page.locator(".filter-panel > summary").click()
    assert form.is_visible()
    screenshot(page, "press-phone")


def test_press_with_a_filter_opens_the_panel_and_keyboard_reaches_results(sized, seeded_server):
    page = sized(390, 844)
    page.goto(seeded_server.url + "/press/?source=korea-herald")
    assert page.locator("form.filter-form").is_visible()
    page.locator(".filter-panel > summary").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to results"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('.results') !== null")
    assert focused, "Tab after the skip link lands in the results"


def test_press_on_a_laptop_shows_the_filters_beside_the_results(sized, seeded_server):
    page = sized(1366, 768)
    page.goto(seeded_server.url + "/press/")
    assert page.locator("form.filter-form").is_visible()
    assert not page.locator(".filter-panel > summary").is_visible()


def test_film_page_prints_every_claim_and_no_navigation(sized, seeded_server):
    page = sized(1366, 768, media="print")
    page.goto(seeded_server.url + "/films/crossing/")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator("nav.toc").is_visible()
    other_claims = page.locator("#fact-release_date .other-claims .claim")
    assert other_claims.count() == 3
    assert all(other_claims.nth(i).is_visible() for i in range(3))
    after = page.evaluate(
        "getComputedStyle(document.querySelector('#links a[href^=\"http\"]'), '::after').content"
    )
    assert "http://" in after
    screenshot(page, "film-print")


def test_article_prints_its_citation_before_its_text(sized, seeded_server):
    page = sized(1366, 768, media="print")
    page.goto(seeded_server.url + "/press/crossing-depicts-the-plight-of-north-korean-defectors/")
    citation = page.locator(".citation").bounding_box()
    text = page.locator("#text-heading").bounding_box()
    assert citation["y"] < text["y"]
    assert not page.locator(".citation-downloads").is_visible()
    screenshot(page, "article-print")


def test_night_theme_follows_the_system_and_keeps_the_chart_readable(sized, seeded_server):
    page = sized(1366, 768, color_scheme="dark")
    page.goto(seeded_server.url + "/press/")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(21, 24, 28)"
    fills = page.locator(".timeline-bars rect").evaluate_all(
        "rects => rects.map(rect => getComputedStyle(rect).fill)"
    )
    daytime = {f"rgb({int(c[1:3], 16)}, {int(c[3:5], 16)}, {int(c[5:7], 16)})" for c in PALETTE}
    assert fills
    assert not daytime & set(fills), "the bars take their night tones"
    screenshot(page, "press-dark")
    page.goto(seeded_server.url + "/films/crossing/")
    screenshot(page, "film-dark")
