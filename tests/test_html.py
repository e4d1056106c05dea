"""
Every public page is structured HTML: landmarks, a skip link, one h1 and no
skipped heading level, scoped table headers, unique ids, and no inline script
or style, so that a strict Content-Security-Policy can hold.
"""

from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db

# Each page of the seed record, with the status it must answer: a page that
# went missing fails here rather than being checked as a 404 page.
PAGES = [
    ("/", 200),
    ("/films/crossing/", 200),
    ("/films/crossing/cast/", 200),
    ("/people/kim-tae-kyun/", 200),
    ("/people/kim-tae-seong/", 200),
    ("/press/", 200),
    ("/press/?source=kofic&date_after=2008-03-01&page=2", 200),
    ("/press/?date_after=abc&source=nope", 200),
    ("/press/nkorean-refugees-film-strikes-chord-at-us-screening/", 200),
    ("/reviews/", 200),
    ("/reviews/crossing-review/", 200),
    ("/no-such-page/", 404),
]


class Outline(HTMLParser):
    """Collects what the checks below look at, in document order."""

    def __init__(self):
        super().__init__()
        self.tags, self.headings, self.ids, self.problems = [], [], [], []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if "style" in attrs or tag == "style":
            self.problems.append(f"inline style on <{tag}>")
        # A JSON-LD data block (films/templatetags/open_data.py) is never run,
        # so a Content-Security-Policy without 'unsafe-inline' allows it.
        data_block = attrs.get("type") == "application/ld+json"
        if tag == "script" and "src" not in attrs and not data_block:
            self.problems.append("inline <script>")
        if any(name.startswith("on") for name in attrs):
            self.problems.append(f"event handler attribute on <{tag}>")
        if tag == "th" and attrs.get("scope") not in {"col", "row"}:
            self.problems.append("<th> without scope")
        if tag == "img" and "alt" not in attrs:
            self.problems.append("<img> without alt")


@pytest.mark.usefixtures("seed")
class TestEveryPage:
    @pytest.mark.parametrize(("url", "status"), PAGES)
    @pytest.mark.parametrize("language", ["en", "ko"])
    def test_page_is_structured_and_csp_ready(self, client, url, status, language):
        response = client.get(url if language == "en" else f"/{language}{url}")
        assert response.status_code == status, url
        html = response.content.decode()
        assert html.startswith("<!DOCTYPE html>")
        assert f'<html lang="{language}">' in html
        outline = Outline()
        outline.feed(html)
        assert outline.problems == []
        for landmark in ("header", "nav", "main", "footer"):
            assert landmark in outline.tags, landmark
        assert '<a class="skip-link" href="#content">' in html
        assert outline.headings.count(1) == 1
        assert outline.headings[0] == 1
        for previous, heading in zip(outline.headings, outline.headings[1:], strict=False):
            assert heading <= previous + 1, f"h{previous} is followed by h{heading}"
        assert len(outline.ids) == len(set(outline.ids)), "duplicate ids"
