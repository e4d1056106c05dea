from django.urls import path

from articles.feeds import FilmPressFeed, FilmPressRssFeed
from films import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("films/<slug:slug>/", views.FilmDetailView.as_view(), name="film_detail"),
    path("films/<slug:slug>/press.atom", FilmPressFeed(), name="film_press_feed"),
    path("films/<slug:slug>/press.rss", FilmPressRssFeed(), name="film_press_feed_rss"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
]
