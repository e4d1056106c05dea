"""
/sitemap.xml: every public page in English and in Korean, each entry with
its hreflang alternates and when it last changed.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article, Review
from films.models import Film, Person


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

    def lastmod(self, entry):
        return entry.updated


class FilmSitemap(EntrySitemap):
    def items(self):
        return Film.objects.published().order_by("pk")


class PersonSitemap(EntrySitemap):
    def items(self):
        return Person.objects.published().order_by("pk")


class ArticleSitemap(EntrySitemap):
    def items(self):
        return Article.objects.published().order_by("pk")


class ReviewSitemap(EntrySitemap):
    def items(self):
        return Review.objects.published().order_by("pk")


SITEMAPS = {
    "pages": ListPagesSitemap,
    "films": FilmSitemap,
    "people": PersonSitemap,
    "articles": ArticleSitemap,
    "reviews": ReviewSitemap,
}
