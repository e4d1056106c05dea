"""
Changelists that stay quick at 100,000 rows.

The admin's date hierarchy asks `queryset.dates(field, "year")` (then months, then
days) of the whole list. On SQLite Django truncates each row's date with a function
written in Python, called once a row: a third of a second for 100,000 articles on every
visit of the list. DateHierarchyChangeList groups them in SQL instead: a DateField is
stored there as ISO text, so a year is its first four characters.

The whole list, unfiltered (the list as a curator opens it), is not read at all: its
years are found by jumping through an index on the date, from each year's first date
to the next year's (one query, which reads as many index entries as there are years),
and its first and last dates are read from the two ends of that index.

A filtered or searched list, as it opens (no year chosen), is read once for all three
things it needs of its rows: their count, their first and last dates and their years
come from one query grouped by year (GroupedDates.date_summary). They were three
queries, each reading every match: a search for "kim" at 100,000 articles (7,057
matches) read them in 7.5, 7.4 and 9.7 ms on SQLite, and 7.5, 8.8 and 13.9 ms on
PostgreSQL, where the one grouped query takes about 9 and 14 ms.

A far page of any list reads its rows by the ids it picks first (FarPagesPaginator).

Every list builds its rows' links once a page (RowLinksChangeList): Django reverses each
row's address and, on a searched or filtered list, resolves it again to add the list's
filters to it, a URL resolution a row.
"""

import datetime
from urllib.parse import parse_qsl, urlencode

from django.contrib.admin.views.main import ChangeList
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Count, F, Max, Min
from django.db.models.functions import ExtractYear, Substr
from django.urls import reverse

from core.paginators import PickedRowsPaginator

# Characters of an ISO date that make each kind of date: "2008", "2008-06", "2008-06-05".
WIDTHS = {"year": 4, "month": 7, "day": 10}


# The first date of the year after a date's, in each database's SQL.
NEXT_YEAR = {
    "sqlite": "date({}, 'start of year', '+1 year')",
    "postgresql": "CAST(date_trunc('year', {}) + interval '1 year' AS date)",
}


class GroupedDates:
    """A QuerySet mixin: dates() of a DateField grouped by the database itself, and a
    changelist's count, first and last dates and years read in one query (date_summary)."""

    # The date field whose summary (date_summary) answers this very queryset's count,
    # first and last dates and years: set by DateHierarchyChangeList on the list it
    # shows, and on no other. A clone made from it (a filter, a slice) does not carry it.
    summarized_field = None

    def unfiltered(self):
        return not self.query.where and not self.query.combinator

    def count(self):
        summary = self.date_summary()
        if summary is None:
            return super().count()
        return sum(row["rows"] for row in summary)

    def aggregate(self, *args, **kwargs):
        """The date hierarchy's first and last dates: of a summarized list, from its
        summary; of the unfiltered list, from the ends of the date's index (together,
        MIN and MAX read every row)."""
        sources = {name: value.get_source_expressions()[0] for name, value in kwargs.items()}
        simple = all(
            isinstance(kwargs[name], Min | Max)
            and isinstance(source, F)
            and "__" not in source.name
            for name, source in sources.items()
        )
        if args or not kwargs or not simple:
            return super().aggregate(*args, **kwargs)
        summary = self.date_summary()
        if summary is not None and all(s.name == self.summarized_field for s in sources.values()):
            dated = [row for row in summary if row["year"] is not None]
            return {
                name: (
                    min((row["first"] for row in dated), default=None)
                    if isinstance(kwargs[name], Min)
                    else max((row["last"] for row in dated), default=None)
                )
                for name in kwargs
            }
        if not self.unfiltered():
            return super().aggregate(*args, **kwargs)
        result = {}
        for name, source in sources.items():
            field_name = source.name
            ordering = field_name if isinstance(kwargs[name], Min) else f"-{field_name}"
            rows = self.filter(**{f"{field_name}__isnull": False}).order_by(ordering)
            result[name] = rows.values_list(field_name, flat=True).first()
        return result

    def dates(self, field_name, kind, order="ASC"):
        vendor = connections[self.db].vendor
        summarized = kind == "year" and field_name == self.summarized_field
        summary = self.date_summary() if summarized else None
        if summary is not None:
            years = sorted(row["year"] for row in summary if row["year"] is not None)
            years = years[::-1] if order == "DESC" else years
            return [datetime.date(year, 1, 1) for year in years]
        whole_table = self.unfiltered() and "__" not in field_name
        if kind == "year" and order == "ASC" and vendor in NEXT_YEAR and whole_table:
            return self.years_by_index(field_name, vendor)
        if vendor != "sqlite" or kind not in WIDTHS:
            return super().dates(field_name, kind, order)
        part = "-" if order == "DESC" else ""
        values = (
            self.filter(**{f"{field_name}__isnull": False})
            .annotate(date_part=Substr(field_name, 1, WIDTHS[kind]))
            .order_by(f"{part}date_part")
            .values_list("date_part", flat=True)
            .distinct()
        )
        return [as_date(value) for value in values]

    def date_summary(self):
        """
        For each year of summarized_field (and None for rows without a date), how many
        rows it holds and its first and last dates: one query, read once, or None when
        this queryset is not summarized.
        """
        if self.summarized_field is None:
            return None
        if "_date_summary" not in self.__dict__:
            field_name = self.summarized_field
            if connections[self.db].vendor == "sqlite":
                # A date is ISO text there: its year, its first four characters.
                year = Substr(field_name, 1, WIDTHS["year"])
            else:
                year = ExtractYear(field_name)
            # Names of their own, which no field of a model is likely to have.
            rows = (
                self.order_by()
                .annotate(summary_year=year)
                .values_list("summary_year")
                .annotate(
                    summary_rows=Count("pk"),
                    summary_first=Min(field_name),
                    summary_last=Max(field_name),
                )
            )
            self._date_summary = [
                {
                    "year": None if year is None else int(year),
                    "rows": count,
                    "first": first,
                    "last": last,
                }
                for year, count, first, last in rows
            ]
        return self._date_summary

    def years_by_index(self, field_name, vendor):
        """The years of the whole table, each found from the last by the date's index."""
        # Only names, quoted by the database's own rules, are written into the SQL.
        table = connections[self.db].ops.quote_name(self.model._meta.db_table)
        column = connections[self.db].ops.quote_name(self.model._meta.get_field(field_name).column)
        first = f"SELECT MIN({column}) FROM {table} WHERE {column} >= "  # noqa: S608
        sql = (
            f"WITH RECURSIVE years(day) AS (SELECT MIN({column}) FROM {table} "  # noqa: S608
            f"UNION ALL SELECT ({first}{NEXT_YEAR[vendor].format('day')}) FROM years "
            f"WHERE day IS NOT NULL) SELECT day FROM years WHERE day IS NOT NULL"
        )
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql)
            days = [row[0] for row in cursor.fetchall()]
        return [datetime.date(as_day(day).year, 1, 1) for day in days]


def as_day(value):
    """A date as the database gives it: a date, or ISO text on SQLite."""
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def as_date(text):
    """ "2008" → 2008-01-01, "2008-06" → 2008-06-01, "2008-06-05" → itself."""
    year, month, day = (text.split("-") + ["1", "1"])[:3]
    return datetime.date(int(year), int(month), int(day))


_WITH_GROUPED_DATES = {}


def with_grouped_dates(queryset):
    """The same queryset, its class given GroupedDates (one such class per queryset class)."""
    base = type(queryset)
    if base not in _WITH_GROUPED_DATES:
        _WITH_GROUPED_DATES[base] = type(base.__name__, (GroupedDates, base), {})
    clone = queryset._chain()
    clone.__class__ = _WITH_GROUPED_DATES[base]
    return clone


class RowLinksChangeList(ChangeList):
    """
    A list whose rows' links are built from one address a page: Django reverses each
    row's, then, on a searched or filtered list, resolves it again to learn that it is
    not the list's own address before adding the list's filters to it
    (add_preserved_filters): a searched person list of 100 rows spent 9 of its 55 ms
    doing that. The links are the same: the row's change page, the list's filters in
    `_changelist_filters`.
    """

    # What stands for a row's id in the address reversed once (letters only, which
    # reverse() leaves as they are).
    MARKER = "rowid"

    def __init__(self, request, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        filters = urlencode(dict(parse_qsl(self.preserved_filters)))
        self.row_filters = f"?{filters}" if filters else ""
        path = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
            args=(self.MARKER,),
            current_app=self.model_admin.admin_site.name,
        )
        self.change_path = path.rpartition(self.MARKER)
        # Added by url_for_result() already: Django's row loop adds what this holds, by
        # resolving each link; the list's own template reads the view's context instead.
        self.preserved_filters = ""

    def url_for_result(self, result):
        pk = getattr(result, self.pk_attname)
        if isinstance(pk, int):
            before, _, after = self.change_path
            return f"{before}{pk}{after}{self.row_filters}"
        return super().url_for_result(result) + self.row_filters


class DateHierarchyChangeList(RowLinksChangeList):
    """A changelist whose date hierarchy is grouped by the database (see above)."""

    def get_queryset(self, request, exclude_parameters=None):
        return with_grouped_dates(super().get_queryset(request, exclude_parameters))

    def get_results(self, request):
        # The list shown, and only it: not the querysets of actions, exports or facets,
        # which Django asks of get_queryset() too.
        if self.summarizes(request, self.queryset):
            self.queryset.summarized_field = self.date_hierarchy
        super().get_results(request)

    def summarizes(self, request, queryset):
        """Whether the list's count, first and last dates and years come from one
        summary: a filtered list as it opens, its rows each counted once (no DISTINCT,
        no grouping or aggregate of its own, which a GROUP BY year would count again)."""
        field_name = self.date_hierarchy
        query = queryset.query
        return bool(
            field_name
            and "__" not in field_name
            and not any(name.startswith(f"{field_name}__") for name in request.GET)
            and not queryset.unfiltered()
            and not query.distinct
            and not query.is_sliced
            and not query.combinator
            and query.group_by is None
            and not any(
                getattr(annotation, "contains_aggregate", False)
                for annotation in query.annotations.values()
            )
        )


class FarPagesPaginator(PickedRowsPaginator):
    """
    The admin's lists: a page that starts past the first PICK_FROM rows picks its ids from
    the ordering's columns, then reads those rows (PickedRowsPaginator). OFFSET read
    every row before the page whole: page 900 of the article list at 100,000 articles,
    347 ms on PostgreSQL, 72 ms this way. Nearer pages are read as Django reads them:
    there OFFSET skips few rows, and a search's first page picked was slower on
    PostgreSQL (135 → 152 ms), its list of matches read twice.
    """

    PICK_FROM = 1_000

    def page(self, number):
        number = self.validate_number(number)
        if (number - 1) * self.per_page < self.PICK_FROM:
            return Paginator.page(self, number)
        return super().page(number)
