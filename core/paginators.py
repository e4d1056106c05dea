"""Paginators whose far pages cost what a near one does, at any length of list."""

from django.core.paginator import Paginator
from django.db.models import QuerySet

from core.models import picked_rows


class PickedRowsPaginator(Paginator):
    """
    A paginator that reads a page's rows in one query that picks their ids first, from
    the ordering's columns alone, in a subquery (core.models.picked_rows): a far page's
    OFFSET skips index entries, not whole rows (page 500 of /press/: 26 ms, 3 ms this
    way), and the first page of a long list of ids (a common word's 10,000 matches, a
    film's 10,006 articles) sorts ids, not rows with their text.
    """

    def __init__(self, object_list, per_page, *args, rows_from=None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        # What a page's rows are read from, by their ids: the list itself, or the
        # queryset it filters (see page()).
        self.rows_from = rows_from

    def page(self, number):
        page = super().page(number)
        if isinstance(page.object_list, QuerySet):
            base = self.object_list
            if self.rows_from is not None:
                # The unfiltered queryset, in the list's order: the page's ids carry the
                # filters, and a search's 10,000 ids asked again of the page's rows made
                # PostgreSQL read all 10,000 to keep 20, and SQLite look each one up.
                base = self.rows_from
                if self.object_list.query.order_by:
                    base = base.order_by(*self.object_list.query.order_by)
            page.object_list = picked_rows(base, page.object_list)
        return page
