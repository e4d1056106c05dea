from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from api import views

app_name = "api"


class Router(DefaultRouter):
    # JSON is the only format, so no .json suffixes.
    include_format_suffixes = False


router = Router()
router.register("films", views.FilmViewSet, basename="film")
router.register("people", views.PersonViewSet, basename="person")
router.register("credits", views.CreditViewSet, basename="credit")
router.register("tracks", views.TrackViewSet, basename="track")
router.register("publications", views.PublicationViewSet, basename="publication")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("reviews", views.ReviewViewSet, basename="review")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    *router.urls,
]
