"""A visitor's journey through the public site, in a real browser."""

import re

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_visitor_reaches_the_film_and_reads_cast_and_soundtrack(page, seeded_server):
    page.goto(seeded_server.url + "/")
    screenshot(page, "home")
    page.locator(".film-grid").get_by_role("link", name="Crossing", exact=True).click()

    page.wait_for_url("**/films/crossing/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Crossing")
    assert page.locator("[lang=ko]", has_text="크로싱").count() >= 1

    cast_rows = page.locator("#cast tbody tr")
    assert cast_rows.count() == 3
    assert "Cha In-pyo" in cast_rows.nth(0).inner_text()
    assert "Kim Yong-soo" in cast_rows.nth(0).inner_text()

    tracks = page.locator("#soundtrack ol.tracks > li")
    assert tracks.count() == 22
    assert "渡江(도강)" in tracks.nth(7).inner_text()
    assert "E Minor로 쌓아 올리다" in tracks.nth(21).inner_text()
    screenshot(page, "film")


def test_visitor_opens_a_person_from_the_cast(page, seeded_server):
    page.goto(seeded_server.url + "/films/crossing/")
    page.locator("#cast").get_by_role("link", name=re.compile("Shin Myung")).click()
    page.wait_for_url("**/people/shin-myung-chul/")
    text = page.locator("main").inner_text()
    for spelling in ("신명철", "Shin Myeong-cheol", "SHIN Myoung-cheol", "Sin Myŏng-ch'ŏl"):
        assert spelling in text
    screenshot(page, "person")


def test_visitor_filters_press_by_source_and_dates_then_opens_an_article(page, seeded_server):
    page.goto(seeded_server.url + "/")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Press").click()
    page.wait_for_url("**/press/")

    page.locator("form.filter-form").get_by_label("The Korea Herald").check()
    page.locator("form.filter-form").get_by_label("The Chosun Ilbo").check()
    filters = page.locator("form.filter-form")
    filters.get_by_label("From").fill("2008-03-01")
    filters.get_by_label("To").fill("2008-03-31")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"/press/\?"))

    results = page.locator(".results .item-list > li")
    assert results.count() == 2
    listed = results.all_inner_texts()
    assert any("Daring Movie Tells Plight" in text for text in listed)
    assert any("depicts the plight" in text for text in listed)
    screenshot(page, "press-filtered")

    page.get_by_role("link", name=re.compile("depicts the plight")).click()
    page.wait_for_url("**/press/crossing-depicts-the-plight-of-north-korean-defectors/")
    main = page.locator("main").inner_text()
    assert "By Yang Sung-jin" in main
    assert "The Korea Herald" in main
    screenshot(page, "article")


def test_visitor_pages_through_the_press_keeping_the_filter(page, many_articles):
    page.goto(many_articles.url + "/press/?source=korea-herald")
    assert page.locator(".results .item-list > li").count() == 20
    page.get_by_role("link", name="Next").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert "source=korea-herald" in page.url
    second = page.locator(".results .item-list > li")
    # 25 follow-ups and the Herald's own article: 26 in all, 6 on page two.
    assert second.count() == 6
    assert page.get_by_text("Page 2 of 2").is_visible()


def test_film_page_reads_on_a_phone(browser, seeded_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    phone.goto(seeded_server.url + "/films/crossing/")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    screenshot(phone, "film-phone")
    context.close()


def test_keyboard_user_reaches_content_through_the_skip_link(page, seeded_server):
    page.goto(seeded_server.url + "/films/crossing/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"


def test_visitor_switches_to_korean_by_a_link_and_gets_no_cookie(page, seeded_server):
    page.goto(seeded_server.url + "/films/crossing/")
    page.locator(".language-switch").get_by_role("link", name="한국어").click()
    page.wait_for_url("**/ko/films/crossing/")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.get_by_role("heading", level=1).inner_text().startswith("크로싱")
    page.locator(".language-switch").get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r".*/films/crossing/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.context.cookies() == []
