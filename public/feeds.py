"""
Atom and RSS feeds of press coverage: all of it, one film's, or any
selection of /press/ (by source, dates, film, language or text), with the
filters of /press/ itself. Feeds list the newest articles first.
"""

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.http import http_date
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from articles.models import Article
from core.models import picked_rows
from films.models import Film
from public.filters import DEFAULT_ORDERING
from public.open_data import bad_filters_response, press_filterset, usable_query

# Feed readers poll often: the newest articles are what they need.
FEED_LENGTH = 50
SUMMARY_WORDS = 60


class FilterProblem(Exception):
    def __init__(self, filterset):
        super().__init__("bad filter parameters")
        self.filterset = filterset


@dataclass
class Selection:
    """The articles a feed shows, and what the request asked for."""

    filterset: object
    request: object
    film: Film | None = None

    def query(self, leave_out):
        query = usable_query(self.filterset, leave_out=("page", "ordering", *leave_out))
        return f"?{query}" if query else ""

    @property
    def sources(self):
        return self.filterset.form.cleaned_data.get("source") or []


def selection_title(film, sources):
    """The feed's title: what it follows, by film and source."""
    names = ", ".join(source.name for source in sources)
    if film and names:
        return _("Press about %(film)s from %(sources)s · Crossing Archive") % {
            "film": film.title,
            "sources": names,
        }
    if film:
        return _("Press about %(film)s · Crossing Archive") % {"film": film.title}
    if names:
        return _("Press coverage from %(sources)s · Crossing Archive") % {"sources": names}
    return _("Press coverage · Crossing Archive")


class PressFeed(Feed):
    """/press/feed.atom: the articles of /press/ with the same query string."""

    feed_type = Atom1Feed
    # Parameters the feed's own address already says.
    implied = ()

    def __call__(self, request, *args, **kwargs):
        try:
            obj = self.get_object(request, *args, **kwargs)
        except FilterProblem as problem:
            return bad_filters_response(problem.filterset)
        feed = self.get_feed(obj, request)
        # Written whole, then sent: Django's Feed writes it to the response in 2,000
        # small pieces, each through the response's own encoding.
        response = HttpResponse(feed.writeString("utf-8"), content_type=feed.content_type)
        response.headers["Last-Modified"] = http_date(feed.latest_post_date().timestamp())
        return response

    def get_object(self, request, *args, **kwargs):
        filterset = press_filterset(request)
        if not filterset.is_valid():
            raise FilterProblem(filterset)
        return Selection(filterset, request, filterset.form.cleaned_data.get("film"))

    def title(self, selection):
        return selection_title(selection.film, selection.sources)

    def subtitle(self, selection):
        return _("Articles about the films in the Crossing Archive, newest first.")

    description = subtitle

    def link(self, selection):
        return reverse("article_list") + selection.query(self.implied)

    def feed_url(self, selection):
        return selection.request.path + selection.query(self.implied)

    def items(self, selection):
        newest = selection.filterset.qs.order_by(*DEFAULT_ORDERING)[:FEED_LENGTH]
        rows = Article.objects.select_related("publication").order_by(*DEFAULT_ORDERING)
        return picked_rows(rows, newest)

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        # Feed readers take the summary as HTML: escaped, curators' text stays text.
        return escape(Truncator(article.public_text).words(SUMMARY_WORDS))

    def item_pubdate(self, article):
        # An article has a day, not a time: midnight where the archive is.
        return timezone.make_aware(datetime.datetime.combine(article.date, datetime.time()))

    def item_updateddate(self, article):
        return article.updated

    def item_author_name(self, article):
        return article.byline or article.publication.name

    def item_categories(self, article):
        return [article.publication.name]


class PressRssFeed(PressFeed):
    """/press/feed.rss: the same feed in RSS 2.0."""

    feed_type = Rss201rev2Feed


class FilmPressFeed(PressFeed):
    """/films/<slug>/press.atom: the press about one film, with any other /press/ filter."""

    implied = ("film",)

    def get_object(self, request, slug):
        film = get_object_or_404(Film.objects.published(), slug=slug)
        data = request.GET.copy()
        data.setlist("film", [film.slug])
        filterset = press_filterset(request, data)
        if not filterset.is_valid():
            raise FilterProblem(filterset)
        return Selection(filterset, request, film)

    def link(self, selection):
        return selection.film.get_absolute_url()


class FilmPressRssFeed(FilmPressFeed):
    feed_type = Rss201rev2Feed
