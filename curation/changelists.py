"""
Changelists that stay quick at 100,000 rows.

The admin's date hierarchy asks `queryset.dates(field, "year")` (then months, then
days) of the whole list. On SQLite Django truncates each row's date with a function
written in Python, called once a row: a third of a second for 100,000 articles on every
visit of the list. DateHierarchyChangeList groups them in SQL instead: a DateField is
stored there as ISO text, so a year is its first four characters.
"""

import datetime

from django.contrib.admin.views.main import ChangeList
from django.db import connections
from django.db.models.functions import Substr

# Characters of an ISO date that make each kind of date: "2008", "2008-06", "2008-06-05".
WIDTHS = {"year": 4, "month": 7, "day": 10}


class GroupedDates:
    """A QuerySet mixin: dates() of a DateField grouped by SQLite itself."""

    def dates(self, field_name, kind, order="ASC"):
        if connections[self.db].vendor != "sqlite" or kind not in WIDTHS:
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


class DateHierarchyChangeList(ChangeList):
    """A changelist whose date hierarchy is grouped by the database (see above)."""

    def get_queryset(self, request, exclude_parameters=None):
        return with_grouped_dates(super().get_queryset(request, exclude_parameters))
