"""
/sitemap.xml: an index of sections (/sitemap-<section>.xml, paged with ?p=),
which together list every public page once in English and once in Korean,
each with its hreflang alternates and when its entry changed.

Each page of a section reads at most `limit` entries, and only the columns
its addresses need, so a section costs the same whatever the archive's size;
the index counts each section and reads its latest change with one query each,
once a generation (public.cache.remember(): a write makes the next visit ask again).
"""

import math

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.functional import cached_property

from articles.models import Article, Review
from films.models import Film, Person
from public.cache import remember


class LanguageItems:
    """
    A queryset's entries, each once per language, as a sequence that
    Paginator slices lazily: a page reads only its own entries.
    """

    def __init__(self, queryset, languages, entries=None):
        self.queryset, self.languages = queryset, list(languages)
        # How many entries the queryset holds (its count() unless told otherwise).
        self.entries = entries or queryset.count

    def count(self):
        return self.entries() * len(self.languages)

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step is not None:
            raise TypeError("LanguageItems supports plain slices only")
        size = len(self.languages)
        start, stop = key.start or 0, key.stop
        entries = self.queryset[start // size : None if stop is None else math.ceil(stop / size)]
        pairs = [(entry, language) for entry in entries for language in self.languages]
        first = start - (start // size) * size
        return pairs[first : None if stop is None else first + stop - start]


class LanguagesSitemap(Sitemap):
    """Each page once per language (/ko/…), with the other language as its alternate."""

    i18n = True
    alternates = True
    x_default = True


class ListPagesSitemap(LanguagesSitemap):
    """The home page and the lists; they change with every entry, so no lastmod."""

    def items(self):
        return ["home", "article_list", "review_list"]

    def location(self, item):
        return reverse(item)


class EntrySitemap(LanguagesSitemap):
    """Published entries; each page's address is its get_absolute_url."""

    # Addresses a section page lists (an entry gives one per language, each
    # with its alternates); the protocol allows 50,000 a file, but at 10,000 a
    # page took 2 to 3.5 s and 37 MB to write (bench/RESULTS.md): 2,000 keeps
    # each well inside a second and a few MB.
    limit = 2_000
    # The columns get_absolute_url and lastmod read.
    columns = ("pk", "slug", "updated")

    def entries(self):
        raise NotImplementedError

    def items(self):
        return self.entries().only(*self.columns).order_by("pk")

    @cached_property
    def paginator(self):
        # Django asks for it again and again: one a request (a sitemap is made for each).
        if self.i18n:
            items = LanguageItems(self.items(), self._languages(), entries=self.count_entries)
            return Paginator(items, self.limit)
        return Paginator(self.items(), self.limit)

    @cached_property
    def figures(self):
        """
        The section's number of entries and latest change, which every page of it and
        the index read: two queries once a generation (public.cache.remember()). The
        latest change is the newest first (Django would read every entry), where an
        index on `updated` has it at the top.
        """

        def count():
            newest = self.entries().order_by("-updated").values_list("updated", flat=True)
            return self.entries().count(), newest.first()

        return remember("sitemap-section", self.entries().model._meta.label, count)

    def count_entries(self):
        return self.figures[0]

    def lastmod(self, entry):
        return entry.updated

    def get_latest_lastmod(self):
        return self.figures[1]


class FilmSitemap(EntrySitemap):
    def entries(self):
        return Film.objects.published()


class PersonSitemap(EntrySitemap):
    def entries(self):
        return Person.objects.published()


class ArticleSitemap(EntrySitemap):
    def entries(self):
        return Article.objects.published()


class ReviewSitemap(EntrySitemap):
    def entries(self):
        return Review.objects.published()


SITEMAPS = {
    "pages": ListPagesSitemap,
    "films": FilmSitemap,
    "people": PersonSitemap,
    "articles": ArticleSitemap,
    "reviews": ReviewSitemap,
}
