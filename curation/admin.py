"""
The base of every archive admin: history with revert and recovery, edit
conflicts, publishing by permission with previews, and export of any
filtered changelist. Nothing is registered here.
"""

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ERROR_FLAG, IGNORED_PARAMS, PAGE_VAR
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.db import connections, models
from django.db.models import F, Q
from django.db.models.constants import LOOKUP_SEP
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst, smart_split, unescape_string_literal
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from import_export.admin import ExportMixin

from core.models import Ids
from curation.changelists import FarPagesPaginator, RowLinksChangeList
from curation.conflicts import ConflictMixin
from curation.forms import BoundedInlineFormSet, UniqueRowsInlineFormSet
from curation.history import HistoryAdmin
from curation.imports import EXPORT_FORMATS, RowReportImportMixin
from curation.publishing import PublishingMixin
from curation.widgets import SharedLookupAutocompletes

# An address typed without a scheme is taken as https, as Django 6 will do.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


# The most matches a search of a changelist or an autocomplete lists, the newest (see
# get_search_results): ten pages of a hundred. Every match read costs the list (its
# count, its dates, its page): "kim" at 100,000 articles (7,057 matches) took 112 ms in
# process reading up to 10,000, 59 reading 1,000, against 21 on the seed.
SEARCH_CAP = 1_000
# A changelist whose filters leave at most this many rows has the index search each of
# them, so that a filter never hides an older text's match (first_matching_ids(among=...));
# the list still holds at most SEARCH_CAP.
SEARCHED_ROWS = 10_000
# The shortest word a trigram index can look up, and the most rows a related field's
# matches are read as a list for (see related_matches).
TRIGRAM = 3
# PostgreSQL hashes a constant array of any length (the 167 sources named "osaka", at
# 100,000 articles: their articles' newest 1,001 in 112 ms through a subquery, 6.5 as a
# list; people with "kim" in a name form: 62–66 ms either way).
RELATED_LIST = 10_000
CAPPED_VIEWS = ("changelist", "autocomplete")
# Fields whose words an index finds better than a LIKE over every row, by model label:
# {label: (field names, find(term, limit or None for all, among=None, among_limit=None) ->
# (ids, whether more matched))}, where `among` is a queryset the list's filters have
# narrowed, to search within when it holds at most `among_limit` rows.
# The site's search registers articles' and reviews' text (search/apps.py): curation
# knows no index.
INDEXED_SEARCH = {}


def register_indexed_search(label, fields, find):
    INDEXED_SEARCH[label] = (tuple(fields), find)


class ArchiveAdmin(
    SharedLookupAutocompletes, ConflictMixin, PublishingMixin, ExportMixin, HistoryAdmin
):
    export_formats = EXPORT_FORMATS
    formfield_overrides = URL_FIELDS
    paginator = FarPagesPaginator

    def get_changelist(self, request, **kwargs):
        return RowLinksChangeList

    def action_checkbox(self, obj):
        """
        The list's checkbox for actions, byte for byte the markup of Django's (which
        draws it through three widget templates: 40% of a 100-row list's time).
        """
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )

    def get_search_fields(self, request):
        """The fields searched by LIKE: those an index finds are left to it."""
        fields = super().get_search_fields(request)
        indexed = INDEXED_SEARCH.get(self.model._meta.label)
        return [name for name in fields if name not in indexed[0]] if indexed else fields

    def get_search_results(self, request, queryset, search_term):
        """
        Django's search over the other fields and the index over its own, run once: the
        matches become a list of ids that the count, the date hierarchy and the page all
        reuse, instead of each matching every row's text again. A changelist or an
        autocomplete reads at most SEARCH_CAP of them (a changelist says so when there
        were more); an export reads them all. Past the cap, the other fields' matches come
        first, the newest: when they alone pass it, the list holds the SEARCH_CAP added
        last and the index is not read ("kim" in articles' titles, bylines or sources at
        100,000: 2,271 of them; the index's 6,801 texts took PostgreSQL 17-25 ms more).
        """
        fields = self.get_search_fields(request)
        if search_term.strip() and fields and all(plain_path(self.model, f) for f in fields):
            words = [unquoted(bit) for bit in smart_split(search_term)]
            searched = queryset.filter(*(word_matches(self.model, fields, w) for w in words))
            may_have_duplicates = False
        else:
            searched, may_have_duplicates = super().get_search_results(
                request, queryset, search_term
            )
        view = getattr(request.resolver_match, "url_name", "") or ""
        indexed = INDEXED_SEARCH.get(self.model._meta.label)
        capped = view.endswith(CAPPED_VIEWS)
        if not search_term.strip() or not (capped or indexed):
            return searched, may_have_duplicates
        limit = SEARCH_CAP if capped else None
        ids, more, index_more = [], False, False
        if fields:
            rows = searched.values_list("pk", flat=True)
            rows = rows.distinct() if may_have_duplicates else rows
            ids = newest_ids(rows, limit + 1) if limit else list(rows.order_by())
        # A changelist's filters (any parameter of its address but the search, order,
        # page and the like): the index is searched among the rows they leave, every
        # match found where they leave at most SEARCHED_ROWS.
        narrowed = view.endswith("changelist") and any(
            name not in (*IGNORED_PARAMS, PAGE_VAR, ERROR_FLAG) for name in request.GET
        )
        if indexed and not (limit and len(ids) > limit):
            among = queryset if narrowed else None
            found, index_more = indexed[1](
                search_term, limit, among=among, among_limit=SEARCHED_ROWS
            )
            ids = list(dict.fromkeys(ids + found))
        if limit and len(ids) > limit:
            ids, more = ids[:limit], True
        if (more or index_more) and view.endswith("changelist"):
            values = {"cap": f"{SEARCH_CAP:,}", "term": search_term, "rows": f"{SEARCHED_ROWS:,}"}
            if narrowed and index_more:
                message = _(
                    "More than %(cap)s entries match “%(term)s”, and the filters leave more "
                    "than %(rows)s: the list holds those of the %(cap)s added or changed "
                    "last. Add a word, or narrow the filters to %(rows)s entries or fewer to "
                    "search all of them."
                )
            else:
                message = _(
                    "More than %(cap)s entries match “%(term)s”: the list holds "
                    "%(cap)s of them. Add a word or a filter to narrow the search."
                )
            messages.warning(request, message % values)
        return queryset.filter(pk__in_ids=Ids(ids)), False


def newest_ids(rows, count):
    """
    Of these rows (a values_list of their pks), the ids of the `count` added last, the
    last first. SQLite reads them from an index led by the id, backwards, up to the
    `count`th match (articles: article_search_cover). PostgreSQL finds the matches in
    its trigram indexes and sorts them; asked for them newest first, it walks the
    primary key backwards and reads each row instead ("kim" in articles' titles, bylines
    or sources at 100,000 articles: 3.8 ms this way, 33 ms that way).
    """
    connection = connections[rows.db]
    if connection.vendor != "postgresql":
        return list(rows.order_by("-pk")[:count])
    column = rows.order_by()
    try:
        sql, params = column.query.get_compiler(using=column.db).as_sql()
    except EmptyResultSet:  # a condition that holds for no row (a related word in none)
        return []
    with connection.cursor() as cursor:
        # The ORM's own SQL, its values in params; OFFSET 0 keeps it a query of its own.
        cursor.execute(
            f"SELECT * FROM ({sql} OFFSET 0) AS matched ORDER BY 1 DESC LIMIT %s",  # noqa: S608
            (*params, count),
        )
        return [pk for (pk,) in cursor.fetchall()]


def plain_path(model, path):
    """Whether a search field is a path of fields (no ^, =, @ or lookup of its own)."""
    opts = model._meta
    for part in path.split(LOOKUP_SEP):
        try:
            field = opts.get_field(part)
        except FieldDoesNotExist:
            return False
        if getattr(field, "path_infos", None):
            opts = field.path_infos[-1].to_opts
    return True


def unquoted(bit):
    """A word of the search as Django's admin reads it: a quoted phrase unquoted."""
    if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
        return unescape_string_literal(bit)
    return bit


def word_matches(model, fields, word):
    """
    The rows where one of the fields holds the word: Django's admin search, but a field
    of a related row (a person's name forms, an article's publication) is asked in a
    subquery of ids instead of a join. Across a to-many relation the join multiplied the
    rows and needed a DISTINCT over all of them (people with "kim", at 10,000 people:
    28 ms, 14 ms this way); across any, it kept SQLite from reading the row's own fields
    from an index that holds them (articles, at 100,000: 96 ms, 19 ms). A row matches when
    any of its related rows holds the word, as in Django.
    """
    conditions = []
    for field in fields:
        lookup = f"{field}__icontains"
        if LOOKUP_SEP in field:
            conditions.append(related_matches(model, lookup, word))
        else:
            conditions.append(Q(**{lookup: word}))
    return Q.create(conditions, connector=Q.OR)


def related_matches(model, lookup, word):
    """
    The rows whose related rows answer `lookup`, as a condition (a Q). Through a foreign
    key of the row's own (an article's publication), the related table's matching ids
    are compared with that key's column; through a relation the row has no column for (a
    person's name forms), the matching rows' own ids are. By the articles' own ids, a word
    common among sources joined every article to its source ("times", in the names of
    510 sources at 100,000 articles: 151 ms on PostgreSQL for the list's newest 1,001, 22
    this way; "the" on SQLite: 43, 2).
    On PostgreSQL, a word of three characters or more that at most RELATED_LIST related
    rows match gives their list instead, read first: a constant array, which PostgreSQL
    joins in a bitmap to the row's own fields' trigram indexes (the `*_upper_trgm`
    migrations), and hashes where it reads the table. A subquery it can do neither with;
    a shorter word no trigram index can look up.
    """
    first, rest = lookup.split(LOOKUP_SEP, 1)
    field = model._meta.get_field(first)
    if field.many_to_one or (field.one_to_one and field.concrete):
        key = field.target_field.name
        related = field.related_model._base_manager.filter(**{rest: word})
        column = f"{first}{LOOKUP_SEP}{key}"
    else:
        key = column = "pk"
        related = model._base_manager.filter(**{lookup: word})
    related = related.order_by()
    if connections[related.db].vendor == "postgresql" and len(word) >= TRIGRAM:
        ids = Ids.read(related.values(ids=F(key))[: RELATED_LIST + 1])
        if len(ids) <= RELATED_LIST:
            return Q(**{f"{column}{LOOKUP_SEP}in_ids": ids})
    return Q(**{f"{column}{LOOKUP_SEP}in": related.values(key)})


class InlineBase(SharedLookupAutocompletes):
    """
    The base of every inline: no blank rows, unique constraints checked across
    rows, and autocompletes whose entries are looked up for all rows at once.
    """

    formset = UniqueRowsInlineFormSet
    extra = 0
    formfield_overrides = URL_FIELDS


class BoundedInlineBase(InlineBase):
    """
    An inline for rows a parent may have thousands of: the form edits the
    first `rows_shown` (BoundedInlineFormSet) and the parent's admin links to
    the changelist of them all (see `rows_elsewhere`).
    """

    formset = BoundedInlineFormSet
    rows_shown = 10

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.max_shown = self.rows_shown
        return formset


class ImportableArchiveAdmin(RowReportImportMixin, ArchiveAdmin):
    """An archive admin that also imports CSV and JSON files."""


def changelist_filtered_by(model, field_name, parent):
    """The address of `model`'s changelist of the rows whose `field_name` is `parent`."""
    address = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{address}?{field_name}__id__exact={parent.pk}"


def filtered_list_link(model, field_name, parent, label):
    """A link to `model`'s changelist filtered by `parent` (no count: no query)."""
    return format_html(
        '<a href="{}">{}</a>', changelist_filtered_by(model, field_name, parent), label
    )


def rows_elsewhere(parent, inlines):
    """
    For each bounded inline of `parent`'s form: how many rows the parent has,
    how many the form shows, and a link to the changelist of them all,
    filtered by the parent (the changelist must filter by it: list_filter).
    """
    if parent is None or parent.pk is None:
        return "—"
    items = []
    for inline in inlines:
        model = inline.model
        field = next(
            field
            for field in model._meta.fields
            if field.is_relation and field.related_model is type(parent)
        )
        total = model._default_manager.filter(**{field.name: parent}).count()
        items.append(
            (
                changelist_filtered_by(model, field.name, parent),
                capfirst(model._meta.verbose_name_plural),
                ngettext(
                    "%(total)s row, the first %(shown)s on this form",
                    "%(total)s rows, the first %(shown)s on this form",
                    total,
                )
                % {"total": total, "shown": min(total, inline.rows_shown)},
            )
        )
    return format_html(
        '<ul class="rows-elsewhere">{}</ul>',
        format_html_join("", '<li><a href="{}">{}</a>: {}</li>', items),
    )
