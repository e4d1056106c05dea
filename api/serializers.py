"""
What the API shows of each entry. Related rows come from the lists the views
prefetch with published rows only (`visible_*`), so a draft never shows here.
"""

from urllib.parse import urlencode

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.models import Article, Publication, Review, TextRights
from films.models import Credit, Film, Person, PersonName, Track, TrackCredit


def absolute(serializer, url):
    request = serializer.context.get("request")
    return request.build_absolute_uri(url) if request else url


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The entry's public page (its get_absolute_url), as an absolute address."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return absolute(self.parent, value.get_absolute_url())


@extend_schema_field(OpenApiTypes.URI)
class ApiListUrlField(serializers.Field):
    """An API list filtered to this entry, e.g. /api/credits/?film=crossing."""

    def __init__(self, view_name, parameter, **kwargs):
        self.view_name, self.parameter = view_name, parameter
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        query = urlencode({self.parameter: value.slug})
        return absolute(self.parent, f"{reverse(self.view_name)}?{query}")


def api_url(view_name):
    return serializers.HyperlinkedIdentityField(view_name=view_name, lookup_field="slug")


# ---------------------------------------------------------------------------
# References: the few fields that identify a related entry
# ---------------------------------------------------------------------------


class FilmReferenceSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    api_url = api_url("api:film-detail")

    class Meta:
        model = Film
        fields = ["slug", "title", "year", "url", "api_url"]


class PersonReferenceSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    api_url = api_url("api:person-detail")

    class Meta:
        model = Person
        fields = ["slug", "name", "url", "api_url"]


class PublicationReferenceSerializer(serializers.ModelSerializer):
    url = PageUrlField()

    class Meta:
        model = Publication
        fields = ["slug", "name", "url"]


# ---------------------------------------------------------------------------
# Films and people
# ---------------------------------------------------------------------------


class FilmTitleSerializer(serializers.Serializer):
    title = serializers.CharField()
    kind = serializers.CharField()
    language = serializers.CharField()
    note = serializers.CharField()


class FilmLinkSerializer(serializers.Serializer):
    url = serializers.URLField()
    kind = serializers.CharField()
    label = serializers.CharField()


class FilmSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    api_url = api_url("api:film-detail")
    titles = FilmTitleSerializer(many=True, source="title_rows")
    links = FilmLinkSerializer(many=True, source="link_rows")
    poster = serializers.SerializerMethodField()
    credits_url = ApiListUrlField("api:credit-list", "film")
    tracks_url = ApiListUrlField("api:track-list", "film")
    articles_url = ApiListUrlField("api:article-list", "film")
    reviews_url = ApiListUrlField("api:review-list", "film")

    class Meta:
        model = Film
        fields = [
            "id",
            "slug",
            "url",
            "api_url",
            "title",
            "original_title",
            "original_language",
            "year",
            "runtime_minutes",
            "tagline",
            "synopsis",
            "titles",
            "links",
            "poster",
            "credits_url",
            "tracks_url",
            "articles_url",
            "reviews_url",
            "updated",
        ]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_poster(self, film):
        poster = film.poster_image
        return absolute(self, poster.image.url) if poster else None


class PersonNameSerializer(serializers.ModelSerializer):
    class Meta:
        model = PersonName
        fields = ["name", "kind", "note"]


class PersonSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    api_url = api_url("api:person-detail")
    names = PersonNameSerializer(many=True, source="name_rows")
    photo = serializers.SerializerMethodField()
    credits_url = ApiListUrlField("api:credit-list", "person")

    class Meta:
        model = Person
        fields = [
            "id",
            "slug",
            "url",
            "api_url",
            "name",
            "name_hangul",
            "names",
            "bio",
            "photo",
            "credits_url",
            "updated",
        ]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_photo(self, person):
        photo = person.photo_image
        return absolute(self, photo.image.url) if photo else None


class CreditSerializer(serializers.ModelSerializer):
    film = FilmReferenceSerializer()
    person = PersonReferenceSerializer()
    credited_as = serializers.SerializerMethodField(help_text="The name form of the credit.")

    class Meta:
        model = Credit
        fields = [
            "id",
            "film",
            "person",
            "role",
            "department",
            "character",
            "billing_order",
            "credited_as",
            "note",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_credited_as(self, credit):
        return credit.credited_as.name if credit.credited_as else None


class TrackCreditSerializer(serializers.ModelSerializer):
    person = PersonReferenceSerializer()
    credited_as = serializers.SerializerMethodField()

    class Meta:
        model = TrackCredit
        fields = ["person", "role", "credited_as"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_credited_as(self, credit):
        return credit.credited_as.name if credit.credited_as else None


class TrackSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    film = FilmReferenceSerializer()
    length = serializers.DurationField(format="iso-8601", allow_null=True)
    credits = TrackCreditSerializer(many=True, source="visible_credits")

    class Meta:
        model = Track
        fields = [
            "id",
            "url",
            "film",
            "position",
            "title",
            "transliteration",
            "translation",
            "length",
            "note",
            "credits",
        ]


# ---------------------------------------------------------------------------
# Press
# ---------------------------------------------------------------------------


class PublicationSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    website = serializers.URLField(source="url", allow_blank=True)
    articles_url = ApiListUrlField("api:article-list", "source")

    class Meta:
        model = Publication
        fields = [
            "id",
            "slug",
            "url",
            "name",
            "kind",
            "website",
            "country",
            "language",
            "articles_url",
        ]


class CitationLinksSerializer(serializers.Serializer):
    ris = serializers.URLField()
    bibtex = serializers.URLField()
    csl_json = serializers.URLField()


class ShownTextSerializer(serializers.Serializer):
    """The text of an article or review as far as its rights allow (RightsControlled)."""

    text = serializers.CharField(
        source="public_text",
        help_text="The text as far as the archive may show it (see text_rights); "
        "empty when only the citation may be shown.",
    )
    text_rights = serializers.ChoiceField(
        choices=TextRights.choices,
        help_text="What the archive may show: the full text, an excerpt, or the citation only.",
    )
    text_is_shortened = serializers.BooleanField(
        help_text="True when `text` is less than the whole text."
    )


class ArticleSerializer(ShownTextSerializer, serializers.ModelSerializer):
    url = PageUrlField()
    api_url = api_url("api:article-detail")
    publication = PublicationReferenceSerializer()
    authors = PersonReferenceSerializer(many=True, source="visible_authors")
    original_url = serializers.URLField(source="url", allow_blank=True)
    films = FilmReferenceSerializer(many=True, source="visible_films")
    people = PersonReferenceSerializer(many=True, source="visible_people")
    citations = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "id",
            "slug",
            "url",
            "api_url",
            "title",
            "publication",
            "date",
            "byline",
            "authors",
            "original_url",
            "language",
            "text",
            "text_rights",
            "text_is_shortened",
            "films",
            "people",
            "citations",
            "updated",
        ]

    @extend_schema_field(CitationLinksSerializer)
    def get_citations(self, article):
        return {
            name: absolute(self, reverse(f"article_citation_{extension}", args=[article.slug]))
            for name, extension in [("ris", "ris"), ("bibtex", "bib"), ("csl_json", "json")]
        }


class ReviewSerializer(ShownTextSerializer, serializers.ModelSerializer):
    url = PageUrlField()
    api_url = api_url("api:review-detail")
    film = FilmReferenceSerializer()
    publication = PublicationReferenceSerializer(allow_null=True)
    critic = serializers.SerializerMethodField()
    original_url = serializers.URLField(source="url", allow_blank=True)
    rating = serializers.DecimalField(
        max_digits=6, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    rating_scale = serializers.DecimalField(
        max_digits=6,
        decimal_places=2,
        coerce_to_string=False,
        allow_null=True,
        help_text="The best possible rating, when the publication states it; never guessed.",
    )

    class Meta:
        model = Review
        fields = [
            "id",
            "slug",
            "url",
            "api_url",
            "title",
            "film",
            "publication",
            "critic",
            "byline",
            "date",
            "original_url",
            "language",
            "text",
            "text_rights",
            "text_is_shortened",
            "rating",
            "rating_text",
            "rating_scale",
            "score",
            "updated",
        ]

    @extend_schema_field(PersonReferenceSerializer(allow_null=True))
    def get_critic(self, review):
        author = review.author
        if author is None or not author.is_published:
            return None
        return PersonReferenceSerializer(author, context=self.context).data
