from django.urls import path

from articles import citations, feeds, views

# Feeds and downloads end in an extension, so that no article slug can hide them.
urlpatterns = [
    path("press/", views.article_list, name="article_list"),
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
    path("press/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    *(
        path(
            f"press/<slug:slug>/citation.{extension}",
            citations.article_citation,
            {"extension": extension},
            name=f"article_citation_{extension}",
        )
        for extension in citations.FORMATS
    ),
    path("reviews/", views.review_list, name="review_list"),
    path("reviews/<slug:slug>/", views.ReviewDetailView.as_view(), name="review_detail"),
]
