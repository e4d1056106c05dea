"""
Press coverage over time: articles per month by publication, counted in one
aggregate query and laid out as a stacked bar chart that the server draws
as SVG (templates/includes/coverage_timeline.html), with the same numbers
for a table.
"""

import datetime
import math
import zlib
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, F, Func, IntegerField, Value, When
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.models import Publication
from public.cache import remember

# Colours that keep 3:1 contrast with a white background (WCAG 1.4.11) and
# stay apart for the common colour-vision deficiencies (Okabe-Ito and Tol).
PALETTE = ["#0072B2", "#D55E00", "#117733", "#882255", "#332288", "#AA4499", "#8A6D00"]
OTHER_COLOUR = "#6B6B6B"
# More publications than colours would repeat colours: the smallest are grouped.
MAX_SERIES = len(PALETTE)
# A narrow drawing, so that its text stays legible when a phone scales it down.
WIDTH, HEIGHT = 480, 200
LEFT, RIGHT, TOP, BOTTOM = 30, 8, 10, 28
MAX_AXIS_LABELS = 8
BAR_SHARE = 0.7
# Past ten years of months the bars would be slivers and the table endless:
# the chart counts by year instead.
MAX_MONTHS = 120


@dataclass
class Series:
    key: str
    name: str
    colour: str
    total: int = 0
    # The CSS class that gives the colour its dark-theme tone (static/css/site.css).
    css_class: str = "series-other"


@dataclass
class Segment:
    series: Series
    count: int
    x: float
    y: float
    width: float
    height: float
    label: str


@dataclass
class Month:
    month: datetime.date
    counts: list
    total: int = 0
    segments: list = field(default_factory=list)
    axis_label: str = ""
    label_x: float = 0.0
    by_year: bool = False  # the bar counts the whole year that starts at `month`

    @property
    def iso(self):
        if self.by_year:
            return f"{self.month.year:04d}"
        return f"{self.month.year:04d}-{self.month.month:02d}"

    @property
    def name(self):
        return self.iso if self.by_year else date_format(self.month, "YEAR_MONTH_FORMAT")


@dataclass
class Timeline:
    months: list
    series: list
    total: int
    ticks: list
    by_year: bool = False
    width: int = WIDTH
    height: int = HEIGHT
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_bottom: int = HEIGHT - BOTTOM

    @property
    def rows(self):
        """The months with articles, for the table (the chart shows the empty ones too)."""
        return [month for month in self.months if month.total]

    @property
    def description(self):
        busiest = max(self.months, key=lambda month: month.total)
        return ngettext(
            "%(count)s article from %(first)s to %(last)s; the most in %(busiest)s (%(most)s).",
            "%(count)s articles from %(first)s to %(last)s; the most in %(busiest)s (%(most)s).",
            self.total,
        ) % {
            "count": self.total,
            "first": self.months[0].name,
            "last": self.months[-1].name,
            "busiest": busiest.name,
            "most": busiest.total,
        }


class YearMonth(Func):
    """
    An article's month as "YYYY-MM", computed by the database itself: SQLite
    stores dates as text, and TruncMonth there calls back into Python per row.
    """

    output_field = CharField()

    def __init__(self, expression):
        super().__init__(expression)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="substr(%(expressions)s, 1, 7)")

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="to_char(%(expressions)s, 'YYYY-MM')")


def top_publications(articles, limit=MAX_SERIES):
    """
    (id, slug, name) of the `limit` publications with the most of these
    articles, most first: one query, grouped by publication inside it.
    """
    ranked = (
        articles.order_by()
        .values("publication")
        .annotate(count=Count("pk"))
        .order_by("-count", "publication")
        .values("publication")[:limit]
    )
    rows = Publication.objects.filter(pk__in=ranked).values_list("pk", "slug", "name")
    return list(rows)


def monthly_counts(articles):
    """
    (month, publication slug, publication name, count) rows for the articles,
    the publications beyond the largest MAX_SERIES under the slug "" and no
    name, so that the rows stay few however many publications there are. Two
    queries: the largest publications, then the counts grouped by month and
    publication. The queryset may carry filters, joins and an ordering: the
    ordering is dropped and each article counted once.
    """
    top = top_publications(articles)
    if not top:
        return []
    names = {pk: (slug, name) for pk, slug, name in top}
    series = Case(
        When(publication__in=list(names), then=F("publication")),
        default=Value(0),
        output_field=IntegerField(),
    )
    grouped = (
        articles.order_by()
        .annotate(month=YearMonth("date"), series=series)
        .values_list("month", "series")
        .annotate(count=Count("pk", distinct=True))
        .order_by("month", "series")
    )
    rows = []
    for month, pk, count in grouped:
        year, number = month.split("-")
        slug, name = names.get(pk, ("", ""))
        rows.append((datetime.date(int(year), int(number), 1), slug, name, count))
    return rows


def coverage_timeline(articles, remembered_as=None):
    """
    The chart of these articles, or None when there are none. With `remembered_as`
    (what the articles are, alike for every visitor), its counts are computed once a
    generation (public.cache.remember()).
    """
    if remembered_as is None:
        return build_timeline(monthly_counts(articles))
    return build_timeline(remember("timeline", remembered_as, lambda: monthly_counts(articles)))


def month_range(first, last):
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(datetime.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def nice_step(largest):
    """A tick step of 1, 2 or 5 times a power of ten giving at most five steps."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if largest / step <= 5:
                return step
        magnitude *= 10


def group_series(rows):
    """The publications, largest first, beyond MAX_SERIES grouped as one."""
    totals, names = {}, {}
    for _month, slug, name, count in rows:
        totals[slug] = totals.get(slug, 0) + count
        names[slug] = name
    # "" stands for the publications monthly_counts() already grouped.
    grouped = totals.pop("", 0)
    ranked = sorted(totals, key=lambda slug: (-totals[slug], names[slug]))
    if len(ranked) > MAX_SERIES or (grouped and len(ranked) == MAX_SERIES):
        kept, rest = ranked[: MAX_SERIES - 1], ranked[MAX_SERIES - 1 :]
    else:
        kept, rest = ranked, []
    slots = palette_slots(kept)
    series = [
        Series(slug, names[slug], PALETTE[slots[slug]], css_class=f"series-{slots[slug]}")
        for slug in kept
    ]
    index = {slug: position for position, slug in enumerate(kept)}
    if rest or grouped:
        other = Series("", _("Other publications"), OTHER_COLOUR)
        series.append(other)
        index.update(dict.fromkeys([*rest, ""], len(series) - 1))
    return series, index


def palette_slots(slugs):
    """
    A palette position per publication, taken from its slug so that a
    publication keeps its colour whatever else a filter leaves in the chart.
    Two slugs that want one colour: the later in slug order takes the next free one.
    """
    slots, taken = {}, set()
    for slug in sorted(slugs):
        slot = zlib.crc32(slug.encode()) % len(PALETTE)
        while slot in taken:
            slot = (slot + 1) % len(PALETTE)
        slots[slug] = slot
        taken.add(slot)
    return slots


def build_timeline(rows):
    """The chart's geometry and numbers from monthly_counts() rows; None without rows."""
    if not rows:
        return None
    series, index = group_series(rows)
    periods = month_range(rows[0][0], rows[-1][0])
    by_year = len(periods) > MAX_MONTHS
    if by_year:
        periods = [
            datetime.date(year, 1, 1) for year in range(rows[0][0].year, rows[-1][0].year + 1)
        ]
    months = [Month(period, [0] * len(series), by_year=by_year) for period in periods]
    by_month = {month.month: month for month in months}
    for month, slug, _name, count in rows:
        column = by_month[datetime.date(month.year, 1 if by_year else month.month, 1)]
        column.counts[index[slug]] += count
        column.total += count
        series[index[slug]].total += count

    largest = max(month.total for month in months)
    step = nice_step(largest)
    top = math.ceil(largest / step) * step
    plot_height = HEIGHT - BOTTOM - TOP
    slot = (WIDTH - RIGHT - LEFT) / len(months)
    bar_width = max(slot * BAR_SHARE, 1)
    label_every = math.ceil(len(months) / MAX_AXIS_LABELS)
    for position, column in enumerate(months):
        x = LEFT + position * slot + (slot - bar_width) / 2
        column.label_x = round(LEFT + (position + 0.5) * slot, 2)
        if position % label_every == 0:
            column.axis_label = column.iso
        base = HEIGHT - BOTTOM
        name = column.name
        for number, count in enumerate(column.counts):
            if not count:
                continue
            height = count / top * plot_height
            base -= height
            column.segments.append(
                Segment(
                    series=series[number],
                    count=count,
                    x=round(x, 2),
                    y=round(base, 2),
                    width=round(bar_width, 2),
                    height=round(height, 2),
                    label=ngettext(
                        "%(source)s, %(month)s: %(count)s article",
                        "%(source)s, %(month)s: %(count)s articles",
                        count,
                    )
                    % {"source": series[number].name, "month": name, "count": count},
                )
            )
    ticks = [
        {"value": value, "y": round(HEIGHT - BOTTOM - value / top * plot_height, 2)}
        for value in range(0, top + 1, step)
    ]
    return Timeline(
        months=months,
        series=series,
        total=sum(s.total for s in series),
        ticks=ticks,
        by_year=by_year,
    )
