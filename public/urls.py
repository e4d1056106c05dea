"""
The public site's addresses (see PRODUCT.md: a contract that links and tests rely on).

`urlpatterns` are the pages: crossing_archive/urls.py serves them in English
unprefixed and in Korean under /ko/. `open_data_patterns` (feeds, citation
downloads) are read by programs, not people: one address each, no prefix.
"""

from django.urls import path

from public import citations, feeds
from public.views import films, press, search

urlpatterns = [
    path("", films.HomeView.as_view(), name="home"),
    path("films/<slug:slug>/", films.FilmDetailView.as_view(), name="film_detail"),
    path("films/<slug:slug>/cast/", films.FilmCastView.as_view(), name="film_cast"),
    path("people/<slug:slug>/", films.PersonDetailView.as_view(), name="person_detail"),
    path("press/", press.article_list, name="article_list"),
    path("press/<slug:slug>/", press.ArticleDetailView.as_view(), name="article_detail"),
    path("reviews/", press.review_list, name="review_list"),
    path("reviews/<slug:slug>/", press.ReviewDetailView.as_view(), name="review_detail"),
    path("search/", search.search, name="search"),
    path("sources/", press.source_list, name="source_list"),
]

# Feeds and downloads end in an extension, so that no article slug can hide them.
open_data_patterns = [
    path("films/<slug:slug>/press.atom", feeds.FilmPressFeed(), name="film_press_feed"),
    path("films/<slug:slug>/press.rss", feeds.FilmPressRssFeed(), name="film_press_feed_rss"),
    path("press/feed.atom", feeds.PressFeed(), name="press_feed"),
    path("press/feed.rss", feeds.PressRssFeed(), name="press_feed_rss"),
    *(
        path(
            f"press/citations.{extension}",
            citations.press_citations,
            {"extension": extension},
            name=f"press_citations_{extension}",
        )
        for extension in citations.FORMATS
    ),
    *(
        path(
            f"press/<slug:slug>/citation.{extension}",
            citations.article_citation,
            {"extension": extension},
            name=f"article_citation_{extension}",
        )
        for extension in citations.FORMATS
    ),
]
