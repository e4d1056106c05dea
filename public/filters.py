"""The filters of the press and review lists, read from the query string."""

import datetime
import re

import django_filters
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Publication, Review
from core.models import Ids, LanguageCode, published_q
from films.models import Film, Person
from public.cache import remember
from public.widgets import QuickSelect
from search.engine import first_matching_ids
from search.models import Kind

ISO_DATE = ["%Y-%m-%d"]
DATE_ERROR = _("Enter a date that exists, as year-month-day (2008-03-31).")


def orderings(nulls_last):
    """
    The list orderings. Every one ends on the primary key so that pages never
    share or skip a row. An article's date is required: without NULLS LAST,
    "newest" is exactly the index article_newest_first on both databases
    (PostgreSQL would not use an index on `date DESC` for `DESC NULLS LAST`).
    """
    newest = F("date").desc(nulls_last=True) if nulls_last else F("date").desc()
    return {
        "newest": (newest, "title", "pk"),
        "oldest": (F("date").asc(nulls_last=True) if nulls_last else "date", "title", "pk"),
        "title": ("title", newest, "pk"),
    }


ORDERINGS = orderings(nulls_last=False)
REVIEW_ORDERINGS = orderings(nulls_last=True)  # a review's date may be unknown
DEFAULT_ORDERING = ORDERINGS["newest"]
REVIEW_ORDERING = REVIEW_ORDERINGS["newest"]


class IsoDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")

    def format_value(self, value):
        # A date input may only hold a real date; a bad one is reported in the alert.
        if isinstance(value, str):
            try:
                datetime.datetime.strptime(value, "%Y-%m-%d")
            except ValueError:
                return None
        return super().format_value(value)


class PressFilterForm(forms.Form):
    field_order = ["q", "source", "film", "date_after", "date_before", "language", "ordering"]

    def clean(self):
        cleaned_data = super().clean()
        after, before = cleaned_data.get("date_after"), cleaned_data.get("date_before")
        if after and before and after > before:
            # Both dates stay in use, so the list is empty, as the message says.
            raise ValidationError(
                _(
                    "The “from” date (%(after)s) is later than the “to” date (%(before)s), "
                    "so nothing can match."
                ),
                code="date_range",
                params={"after": after.isoformat(), "before": before.isoformat()},
            )
        return cleaned_data


# A common word matches most of the archive: the list considers the last added or
# changed MATCH_CAP of its matches and says so (match_notice()), unless its other filters
# leave at most SEARCHED_ROWS rows, which are then searched whole. Each match read costs
# the page a little (which of them visitors may see, their count, the page's order): at
# the bench's size /press/?q=defector took 70 ms on SQLite and 105 on PostgreSQL reading
# 10,000 matches, 36 and 71 reading 2,000.
MATCH_CAP = 2_000
SEARCHED_ROWS = 10_000


SLUG = re.compile(r"[-\w]+")


FILM_ERROR = _("There is no film with this name in the archive.")


def published_films(request):
    # A callable, so that "published" is judged at the time of the request.
    return Film.objects.published()


class PressFilterSet(django_filters.FilterSet):
    """
    The filters /press/ and /reviews/ share. A parameter that does not
    validate is left out of the filtering and reported by problems().
    """

    q = django_filters.CharFilter(label=_("Search"), method="filter_text", max_length=200)
    source = django_filters.ModelMultipleChoiceFilter(
        label=_("Source"),
        field_name="publication__slug",
        to_field_name="slug",
        queryset=Publication.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("There is no source with this name.")},
        # A publication is one value of a foreign key: no join, no duplicates.
        distinct=False,
    )
    date_after = django_filters.DateFilter(
        label=_("From"),
        field_name="date",
        lookup_expr="gte",
        input_formats=ISO_DATE,
        widget=IsoDateInput,
        error_messages={"invalid": DATE_ERROR},
    )
    date_before = django_filters.DateFilter(
        label=_("To"),
        field_name="date",
        lookup_expr="lte",
        input_formats=ISO_DATE,
        widget=IsoDateInput,
        error_messages={"invalid": DATE_ERROR},
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=LanguageCode.choices,
        empty_label=_("Any language"),
        widget=QuickSelect,
        error_messages={"invalid_choice": _("There is no language with this code.")},
    )
    ordering = django_filters.ChoiceFilter(
        label=_("Order"),
        widget=QuickSelect,
        choices=[
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("title", _("By title")),
        ],
        method="filter_ordering",
        empty_label=None,
        error_messages={"invalid_choice": _("Choose newest, oldest or title.")},
    )

    class Meta:
        form = PressFilterForm
        fields = []

    too_many_matches = False
    # Whether a filter other than the search and the order is in use (filter_queryset()).
    narrowed = False

    # Sources offered as checkboxes: those with the most entries, and any the
    # query string names; the rest are one link away (/press/sources/), so the
    # form stays small with thousands of publications.
    SOURCE_CHOICES = 12

    # Films offered in the film menu: those with the most entries of the list, and the
    # one the query string names; every film's page links to its own press and reviews.
    FILM_CHOICES = 20

    @property
    def form(self):
        form = super().form
        if not getattr(form, "sources_offered", False):
            # Callables: run when the form is drawn, not by feeds and downloads.
            form.fields["source"].widget.choices = self.offered_sources
            # Read once: the menu's choices are also looked at for its label.
            form.fields["film"].widget.choices = lambda: self.offered_films
            form.sources_offered = True
        return form

    def offered_sources(self):
        """
        (slug, name) of the sources the form offers, by name (two queries: the
        most covered publications, then their names with those asked for).
        """
        model = self.queryset.model

        def busiest():
            rows = (
                model.objects.published()
                .exclude(publication=None)
                .values_list("publication", flat=True)
                .annotate(entries=Count("pk"))
                .order_by("-entries", "publication")[: self.SOURCE_CHOICES]
            )
            return list(rows)

        # The same for every visitor: counted once a generation (public.cache.remember()).
        most_covered = remember("busiest-sources", model._meta.label, busiest)
        # Only what could be a slug: a NUL would be refused by PostgreSQL (the
        # form reports such a value; it is not offered back).
        asked = [slug for slug in self.data.getlist("source") if SLUG.fullmatch(slug)]
        asked = asked[: self.SOURCE_CHOICES]
        publications = Publication.objects.filter(
            Q(pk__in=most_covered) | Q(slug__in=asked)
        ).order_by("name")
        return [(publication.slug, publication.name) for publication in publications]

    @cached_property
    def offered_films(self):
        """
        The film menu: its empty choice, then (slug, title) of the films busiest_films()
        ranks first (once a generation) and of the one asked for, in the films' order. A
        menu of every film grew with the archive (205 films at the bench's size: 14 KB of
        each page of /press/).
        """
        model = self.queryset.model
        link = self.filters["film"].field_name

        most_covered = remember(
            "busiest-films",
            model._meta.label,
            lambda: busiest_films(model, link, self.FILM_CHOICES),
        )
        asked = self.data.get("film", "")
        asked = asked if SLUG.fullmatch(asked) else ""
        films = published_films(None).filter(Q(pk__in=most_covered) | Q(slug=asked))
        empty = self.form.fields["film"].empty_label
        return [("", empty), *((film.slug, str(film)) for film in films)]

    def filter_queryset(self, queryset):
        """
        Every other filter first, then the search among the rows they leave
        (filter_text()). A filter given no value hands back the queryset it was given,
        which is how one in use is told apart.
        """
        cleaned = self.form.cleaned_data
        for name in sorted(cleaned, key=lambda name: name == "q"):
            filtered = self.filters[name].filter(queryset, cleaned[name])
            if name not in ("q", "ordering") and filtered is not queryset:
                self.narrowed = True
            queryset = filtered
        return queryset

    def filter_text(self, queryset, name, value):
        """
        Title and text, through the site's search: any spelling of a name finds
        it. The match runs once, here, into a list of ids that the count, the chart
        and the page all reuse: at most MATCH_CAP of the whole archive's newest
        matches or, where the other filters leave at most SEARCHED_ROWS rows (one
        source, one film's press, a year), every match among them
        (search.engine.first_matching_ids(), which says how).
        """
        kind = Kind.REVIEW if queryset.model is Review else Kind.ARTICLE
        among = queryset if self.narrowed else None
        ids, self.too_many_matches = first_matching_ids(
            kind, value, MATCH_CAP, among=among, among_limit=SEARCHED_ROWS
        )
        return queryset.filter(pk__in_ids=Ids(ids))

    def filter_ordering(self, queryset, name, value):
        choices = REVIEW_ORDERINGS if queryset.model is Review else ORDERINGS
        return queryset.order_by(*choices[value])

    def problems(self):
        """
        What is wrong with the query string, one dict per problem: message,
        the field's label and the value given, and a link without it.
        """
        errors = self.form.errors
        problems = [
            {"message": message, "label": "", "value": "", "remove_url": ""}
            for message in errors.get(NON_FIELD_ERRORS, [])
        ]
        for name in self.form.fields:
            for message in errors.get(name, []):
                problems.append(
                    {
                        "message": message,
                        "label": self.form.fields[name].label,
                        "value": ", ".join(self.data.getlist(name)),
                        "remove_url": self.url_without(name),
                    }
                )
        return problems

    def match_notice(self):
        """
        Shown with the list, not an error: the search matched more than
        MATCH_CAP entries and the list holds the last added or changed of them.
        None otherwise.
        """
        self.qs  # noqa: B018 (filtering is what finds out whether the match was capped)
        if not self.too_many_matches:
            return None
        values = {
            "q": self.form.cleaned_data["q"],
            "cap": f"{MATCH_CAP:,}",
            "rows": f"{SEARCHED_ROWS:,}",
        }
        if self.narrowed:
            return (
                _(
                    "“%(q)s” matches more than %(cap)s entries, and the other filters leave more "
                    "than %(rows)s: these are the matches among the %(cap)s added or changed "
                    "last that pass the filters. Add a word, or narrow the filters to %(rows)s "
                    "entries or fewer to search all of them."
                )
                % values
            )
        return (
            _(
                "“%(q)s” matches more than %(cap)s entries: these are the %(cap)s added or changed "
                "last. Add a word or a filter to narrow the search."
            )
            % values
        )

    def active_filters(self):
        """The filters in use as (label, value shown, link that drops it)."""
        if not self.is_bound:
            return []
        self.form.is_valid()
        cleaned = self.form.cleaned_data
        active = []
        for publication in cleaned.get("source") or []:
            active.append(
                (_("Source"), publication.name, self.url_without("source", publication.slug))
            )
        for name in ("date_after", "date_before"):
            if cleaned.get(name):
                label = self.form.fields[name].label
                active.append((label, date_format(cleaned[name]), self.url_without(name)))
        if cleaned.get("film"):
            active.append((_("Film"), cleaned["film"].title, self.url_without("film")))
        if cleaned.get("person"):
            label = _("Person mentioned")
            active.append((label, cleaned["person"].name, self.url_without("person")))
        if cleaned.get("language"):
            label = LanguageCode(cleaned["language"]).label
            active.append((_("Language"), label, self.url_without("language")))
        if cleaned.get("q"):
            active.append((_("Search"), f"“{cleaned['q']}”", self.url_without("q")))
        return active

    def url_without(self, name, value=None):
        """This page's address without the parameter (or one of its values), on page 1."""
        query = self.data.copy()
        query.pop("page", None)
        if value is None:
            query.pop(name, None)
        else:
            query.setlist(name, [item for item in query.getlist(name) if item != value])
        path = self.request.path if self.request else ""
        return f"{path}?{query.urlencode()}" if query else path or "?"


# The most ids a film or person filter reads from a link table (see filter_linked).
LINKED_CAP = 50_000


def filter_linked(queryset, name, value):
    """
    The entries linked to `value` through `name`. A many-to-many link's ids are read
    from its table first, once, as a list (Ids.read). Joined instead, PostgreSQL walks
    the newest-first index through every later article and looks each up in the link
    table (45,575 lookups for an older film's newest 50 at the bench's size: 55 ms);
    given the list, it may walk as far, but checks each entry in a hash of it (8 ms).
    Past LINKED_CAP links, the join, so that no request carries a list of any length.
    """
    if not value:
        return queryset
    field = queryset.model._meta.get_field(name)
    if not field.many_to_many:
        return queryset.filter(**{name: value})
    linked = field.remote_field.through.objects.filter(
        **{field.m2m_reverse_field_name(): value}
    ).values(ids=F(field.m2m_field_name()))
    ids = Ids.read(linked[: LINKED_CAP + 1])
    if len(ids) > LINKED_CAP:
        return queryset.filter(**{name: value})
    return queryset.filter(pk__in_ids=ids)


def busiest_films(model, link, count):
    """
    The ids of the `count` published films with the most entries of `model` through
    `link`, the most first, each named by at least one entry visitors may see. Through a
    many-to-many link, every published film is ranked by its rows in the link table,
    drafts' too, counted from the table's index, and those a published entry names are
    kept: counting published articles alone looked each one up (at 100,000 articles,
    155 ms on SQLite against 32, once a generation).
    """
    field = model._meta.get_field(link)
    if not field.many_to_many:
        rows = (
            model.objects.published()
            .filter(published_q(link))
            .values_list(link, flat=True)
            .annotate(entries=Count("pk"))
            .order_by("-entries", link)
        )
        return list(rows[:count])
    film = field.m2m_reverse_field_name()
    ranked = list(
        field.remote_field.through.objects.filter(published_q(film))
        .values_list(film, flat=True)
        .annotate(rows=Count("pk"))
        .order_by("-rows", film)
    )
    shown = model.objects.published().filter(**{link: OuterRef("pk")})
    named = Film.objects.filter(Exists(shown), pk__in_ids=Ids(ranked))
    named = set(named.values_list("pk", flat=True))
    return [pk for pk in ranked if pk in named][:count]


def film_filter(field_name):
    """The `film` filter (a published film's slug) over the given relation."""
    return django_filters.ModelChoiceFilter(
        label=_("Film"),
        field_name=field_name,
        method=filter_linked,
        to_field_name="slug",
        queryset=published_films,
        empty_label=_("Any film"),
        widget=QuickSelect,
        error_messages={"invalid_choice": FILM_ERROR},
    )


def published_people(request):
    return Person.objects.published()


class ArticleFilterSet(PressFilterSet):
    film = film_filter("films")
    # /press/?person=: every article that mentions a person, linked from their page.
    person = django_filters.ModelChoiceFilter(
        label=_("Person mentioned"),
        field_name="people",
        method=filter_linked,
        to_field_name="slug",
        queryset=published_people,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("There is no person with this name in the archive.")},
    )

    class Meta(PressFilterSet.Meta):
        model = Article


class ReviewFilterSet(PressFilterSet):
    film = film_filter("film")

    class Meta(PressFilterSet.Meta):
        model = Review
