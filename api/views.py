"""
The read-only JSON API: published entries only, newest or alphabetical
first with the primary key last, so that pages never share or skip a row.
Articles and reviews take the filters of /press/ and /reviews/ (the same
FilterSet classes), but a value that cannot be used is a 400, not a note.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import F, Prefetch
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from api import serializers
from api.filters import CreditFilterSet, TrackFilterSet
from articles.models import Article, Publication, Review
from core.paginators import PickedRowsPaginator
from films.models import Credit, Film, FilmImage, ImageKind, Person, Track
from public.filters import DEFAULT_ORDERING, REVIEW_ORDERING, ArticleFilterSet, ReviewFilterSet


class ArchivePagination(PageNumberPagination):
    # A page's rows read by the ids picked from the ordering's columns, as the site's
    # lists do (/api/articles/?film=crossing at 100,000 articles on PostgreSQL: 137 →
    # 78 ms); counted whole, unlike the site's lists.
    django_paginator_class = PickedRowsPaginator
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    invalid_page_message = _("There is no page “{page_number}”: {message}")


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend, naming problems of several parameters as DRF does."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise ValidationError(
                {
                    "non_field_errors" if name == NON_FIELD_ERRORS else name: messages
                    for name, messages in filterset.errors.items()
                }
            )
        return filterset.qs


class ArchiveListViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """
    A list only: rows that have no page of their own (credits, tracks) or no
    drafts to hide (publications) are found through their list and its filters.
    """

    filter_backends = [StrictFilterBackend]
    pagination_class = ArchivePagination


class ArchiveViewSet(mixins.RetrieveModelMixin, ArchiveListViewSet):
    """A list and each entry by its slug, as on its public page."""

    lookup_field = "slug"


@extend_schema_view(
    list=extend_schema(summary="Published films"),
    retrieve=extend_schema(summary="A film, by slug"),
)
class FilmViewSet(ArchiveViewSet):
    """Films, with their titles and links; credits, tracks and press are linked lists."""

    serializer_class = serializers.FilmSerializer

    def get_queryset(self):
        return (
            Film.objects.published()
            .with_titles_and_links()
            .prefetch_related(
                Prefetch("images", queryset=FilmImage.objects.filter(kind=ImageKind.POSTER)),
            )
            .order_by(F("year").desc(nulls_last=True), "title", "pk")
        )


@extend_schema_view(
    list=extend_schema(summary="Published people, with every form of their names"),
    retrieve=extend_schema(summary="A person, by slug"),
)
class PersonViewSet(ArchiveViewSet):
    """People, with every form of their names (Hangul, romanizations, as published)."""

    serializer_class = serializers.PersonSerializer

    def get_queryset(self):
        return (
            Person.objects.published()
            .with_names()
            .prefetch_related("images")
            .order_by("name", "pk")
        )


@extend_schema_view(
    list=extend_schema(summary="Credits of published people on published films"),
)
class CreditViewSet(ArchiveListViewSet):
    """Cast and crew credits, by film, person or role."""

    serializer_class = serializers.CreditSerializer
    filterset_class = CreditFilterSet

    def get_queryset(self):
        return (
            Credit.objects.published()
            .select_related("film", "person", "credited_as")
            .order_by("film__slug", F("billing_order").asc(nulls_last=True), "role", "pk")
        )


@extend_schema_view(
    list=extend_schema(summary="Soundtrack tracks of published films"),
)
class TrackViewSet(ArchiveListViewSet):
    """Soundtrack tracks in order, with the people credited on each."""

    serializer_class = serializers.TrackSerializer
    filterset_class = TrackFilterSet

    def get_queryset(self):
        return (
            Track.objects.published()
            .with_credits()
            .select_related("film")
            .order_by("film__slug", "position", "pk")
        )


@extend_schema_view(list=extend_schema(summary="Publications: the sources of press coverage"))
class PublicationViewSet(ArchiveListViewSet):
    """Newspapers, broadcasters and others whose articles the archive holds."""

    serializer_class = serializers.PublicationSerializer

    def get_queryset(self):
        return Publication.objects.order_by("name", "pk")


@extend_schema_view(
    list=extend_schema(summary="Published articles, filtered as /press/ is"),
    retrieve=extend_schema(summary="An article, by slug"),
)
class ArticleViewSet(ArchiveViewSet):
    """Press articles with their full text; the filters are those of /press/."""

    serializer_class = serializers.ArticleSerializer
    filterset_class = ArticleFilterSet

    def get_queryset(self):
        return Article.objects.published().with_links().order_by(*DEFAULT_ORDERING)


@extend_schema_view(
    list=extend_schema(summary="Published reviews of published films, filtered as /reviews/ is"),
    retrieve=extend_schema(summary="A review, by slug"),
)
class ReviewViewSet(ArchiveViewSet):
    """
    Critics' reviews with the rating as published; `rating_scale` and `score`
    are null when the review does not state its scale.
    """

    serializer_class = serializers.ReviewSerializer
    filterset_class = ReviewFilterSet

    def get_queryset(self):
        return (
            Review.objects.published()
            .select_related("film", "publication", "author")
            .order_by(*REVIEW_ORDERING)
        )
