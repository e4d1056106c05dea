"""
The coverage timeline: articles per month by publication, drawn on the
server as SVG with a table of the same numbers, on /press/ (following its
filters) and on the film page.
"""

import datetime
import re
from html.parser import HTMLParser

import pytest

from articles.models import Article
from public.timeline import PALETTE, build_timeline, month_range, monthly_counts, nice_step
from tests.factories import (
    make_article,
    make_publication,
    published_article,
    published_film,
)

pytestmark = pytest.mark.django_db

D = datetime.date


class Chart(HTMLParser):
    """The chart's SVG attributes, its bars' titles and the table's rows."""

    def __init__(self):
        super().__init__()
        self.svg, self.ids, self.bar_titles, self.rows = None, set(), [], []
        self._in_rect_title = self._in_row = False
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "svg" and "timeline-chart" in attrs.get("class", ""):
            self.svg = attrs
        if tag == "rect" and self.svg is not None:
            self._in_rect = True
        if tag == "title" and getattr(self, "_in_rect", False):
            self._in_rect_title = True
            self.bar_titles.append("")
        if tag == "tr" and self._in_tbody:
            self.rows.append([])
        if tag in ("th", "td") and self.rows and self._in_tbody:
            self._cell = ""
        if tag == "tbody" and self._in_timeline_table:
            self._in_tbody = True
        if tag == "details" and "timeline-table" in attrs.get("class", ""):
            self._in_timeline_table = True

    _in_tbody = _in_timeline_table = False

    def handle_endtag(self, tag):
        if tag == "rect":
            self._in_rect = False
        if tag == "title":
            self._in_rect_title = False
        if tag in ("th", "td") and self._cell is not None:
            self.rows[-1].append(self._cell.strip())
            self._cell = None
        if tag == "tbody":
            self._in_tbody = False
        if tag == "details":
            self._in_timeline_table = False

    def handle_data(self, data):
        if self._in_rect_title:
            self.bar_titles[-1] += data
        if self._cell is not None:
            self._cell += data


def chart_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    chart = Chart()
    chart.feed(response.content.decode())
    return chart


# ---------------------------------------------------------------------------
# The layout, from rows as monthly_counts() gives them
# ---------------------------------------------------------------------------


def test_months_without_articles_are_in_the_chart_but_not_the_table():
    timeline = build_timeline(
        [(D(2008, 3, 1), "a", "A", 2), (D(2008, 3, 1), "b", "B", 1), (D(2008, 5, 1), "a", "A", 1)]
    )
    assert [month.iso for month in timeline.months] == ["2008-03", "2008-04", "2008-05"]
    assert [month.iso for month in timeline.rows] == ["2008-03", "2008-05"]
    assert [(month.counts, month.total) for month in timeline.months] == [
        ([2, 1], 3),
        ([0, 0], 0),
        ([1, 0], 1),
    ]
    assert [(series.name, series.total) for series in timeline.series] == [("A", 3), ("B", 1)]
    assert timeline.total == 4


def test_bars_stack_from_the_axis_up_in_proportion():
    timeline = build_timeline([(D(2008, 3, 1), "a", "A", 2), (D(2008, 3, 1), "b", "B", 1)])
    bottom, top = timeline.months[0].segments
    assert bottom.y + bottom.height == timeline.plot_bottom
    assert top.y + top.height == pytest.approx(bottom.y, abs=0.02)
    assert bottom.height == pytest.approx(2 * top.height, abs=0.02)
    assert bottom.label == "A, March 2008: 2 articles"
    assert top.label == "B, March 2008: 1 article"
    assert [tick["value"] for tick in timeline.ticks] == [0, 1, 2, 3]


def test_many_publications_share_one_other_series():
    rows = [(D(2008, 1, 1), f"p{n}", f"Paper {n}", 10 - n) for n in range(9)]
    timeline = build_timeline(rows)
    names = [series.name for series in timeline.series]
    assert names == [f"Paper {n}" for n in range(6)] + ["Other publications"]
    assert timeline.series[-1].total == 4 + 3 + 2
    assert len({series.colour for series in timeline.series}) == 7


def test_axis_labels_at_most_eight():
    rows = [(D(2000, 1, 1), "a", "A", 1), (D(2009, 12, 1), "a", "A", 1)]
    timeline = build_timeline(rows)
    assert len(timeline.months) == 120
    labelled = [month.axis_label for month in timeline.months if month.axis_label]
    assert len(labelled) <= 8
    assert labelled[0] == "2000-01"


def test_no_rows_no_chart():
    assert build_timeline([]) is None


def test_month_range_crosses_years():
    assert month_range(D(2007, 11, 1), D(2008, 2, 1)) == [
        D(2007, 11, 1),
        D(2007, 12, 1),
        D(2008, 1, 1),
        D(2008, 2, 1),
    ]


@pytest.mark.parametrize(("largest", "step"), [(1, 1), (5, 1), (6, 2), (10, 2), (11, 5), (99, 20)])
def test_nice_step(largest, step):
    assert nice_step(largest) == step


# ---------------------------------------------------------------------------
# The query
# ---------------------------------------------------------------------------


def test_monthly_counts_is_two_grouped_queries_counting_each_article_once(
    django_assert_num_queries,
):
    film, other = published_film(), published_film()
    herald, kofic = make_publication(name="Herald"), make_publication(name="KOFIC")
    for day, publication in [(1, herald), (20, herald), (5, kofic)]:
        article = published_article(publication=publication, date=D(2008, 3, day))
        article.films.add(film, other)
    published_article(publication=herald, date=D(2008, 4, 2)).films.add(film)
    articles = Article.objects.published().filter(films__in=[film, other]).order_by("title")
    # 1. the largest publications  2. articles per month and publication
    with django_assert_num_queries(2):
        rows = monthly_counts(articles)
    assert [(month.isoformat(), slug, count) for month, slug, _name, count in rows] == [
        ("2008-03-01", herald.slug, 2),
        ("2008-03-01", kofic.slug, 1),
        ("2008-04-01", herald.slug, 1),
    ]


# ---------------------------------------------------------------------------
# The pages
# ---------------------------------------------------------------------------


@pytest.mark.usefixtures("seed")
class TestSeedRecord:
    def test_press_chart_counts_all_published_articles(self, client):
        chart = chart_of(client, "/press/")
        assert chart.svg["role"] == "img"
        labelled_by = chart.svg["aria-labelledby"].split()
        assert set(labelled_by) <= chart.ids
        assert [row[0] for row in chart.rows] == ["March 2008", "April 2008", "May 2008"]
        assert [row[-1] for row in chart.rows] == ["4", "1", "1"]
        assert len(chart.bar_titles) == 6
        assert "The Korea Herald, March 2008: 1 article" in chart.bar_titles

    def test_press_chart_follows_the_filters(self, client):
        chart = chart_of(client, "/press/?source=chosun-ilbo")
        assert chart.rows == [["March 2008", "1", "1"], ["April 2008", "1", "1"]]
        chart = chart_of(client, "/press/?date_after=2008-04-01")
        assert [row[0] for row in chart.rows] == ["April 2008", "May 2008"]
        chart = chart_of(client, "/press/?q=library+of+congress")
        assert [row[-1] for row in chart.rows] == ["1", "1"]

    def test_table_and_bars_hold_the_same_numbers(self, client):
        chart = chart_of(client, "/press/")
        bars = sum(int(re.search(r": (\d+) article", title).group(1)) for title in chart.bar_titles)
        table = sum(int(row[-1]) for row in chart.rows)
        assert bars == table == 6

    def test_film_page_chart(self, client):
        chart = chart_of(client, "/films/hanbando/")
        assert chart.rows == [["May 2008", "1", "1"]]
        assert chart.bar_titles == ["KOFIC, May 2008: 1 article"]

    def test_no_chart_when_nothing_matches(self, client):
        html = client.get("/press/?language=ko").content.decode()
        assert "timeline-chart" not in html


def test_film_without_press_has_no_chart(client):
    html = client.get(published_film().get_absolute_url()).content.decode()
    assert "timeline-chart" not in html


def test_drafts_are_not_counted(client):
    film = published_film()
    publication = make_publication(name="Paper")
    published_article(publication=publication, date=D(2008, 3, 1)).films.add(film)
    make_article(publication=publication, date=D(2008, 3, 2)).films.add(film)
    make_article(publication=publication, date=D(2009, 1, 1)).films.add(film)
    for url in ("/press/", film.get_absolute_url()):
        assert chart_of(client, url).rows == [["March 2008", "1", "1"]]


def test_chart_speaks_korean_to_a_korean_visitor(client):
    published_article(publication=make_publication(name="Paper"), date=D(2008, 3, 1))
    html = client.get("/ko/press/").content.decode()
    assert "월별 보도" in html
    assert "Paper, 2008년 3월: 기사 1건" in html


def test_a_publication_keeps_its_colour_when_others_are_filtered_out():
    everyone = [
        (D(2008, 3, 1), slug, slug.title(), count)
        for slug, count in [("chosun", 5), ("herald", 3), ("kofic", 2), ("kbs", 1)]
    ]
    colours = {series.key: series.colour for series in build_timeline(everyone).series}
    for kept in ("chosun", "herald", "kofic", "kbs"):
        alone = build_timeline([row for row in everyone if row[1] == kept])
        assert alone.series[0].colour == colours[kept], kept
        assert alone.series[0].css_class == f"series-{PALETTE.index(colours[kept])}"


def test_two_publications_that_want_one_colour_still_get_two():
    # "kofic" and "joongang" hash to the same colour: the later slug takes the next one.
    rows = [(D(2008, 3, 1), "kofic", "KOFIC", 1), (D(2008, 3, 1), "joongang", "JoongAng", 1)]
    colours = {series.key: series.colour for series in build_timeline(rows).series}
    assert colours["joongang"] == PALETTE[0]
    assert colours["kofic"] == PALETTE[1]


def test_a_publication_name_is_text_wherever_the_chart_shows_it(client):
    # The chart is written in Python (public/templatetags/open_data.py), not by a
    # template: its escaping is its own.
    name = '<b onclick="x()">Press</b> & Co'
    published_article(publication=make_publication(name=name), date=D(2008, 3, 1))
    html = client.get("/press/").content.decode()
    chart = chart_of(client, "/press/")
    assert chart.bar_titles == [f"{name}, March 2008: 1 article"]
    assert chart.rows == [["March 2008", "1", "1"]]
    assert "<b onclick" not in html
    drawn = re.search(r'<section class="coverage-timeline".*?</section>', html, re.S).group()
    escaped = "&lt;b onclick=&quot;x()&quot;&gt;Press&lt;/b&gt; &amp; Co"
    # The bar's title, the legend and the table's column.
    assert drawn.count(escaped) == 3


def test_chart_by_year_past_ten_years_of_months(client):
    publication = make_publication(name="Paper")
    for year in (1995, 2008):
        published_article(publication=publication, date=D(year, 6, 1))
    html = client.get("/press/").content.decode()
    assert "Coverage by year" in html
    chart = chart_of(client, "/press/")
    assert [row[0] for row in chart.rows] == ["1995", "2008"]
    assert chart.bar_titles == ["Paper, 1995: 1 article", "Paper, 2008: 1 article"]
    assert '<time datetime="1995">' in html
