"""Films, their titles and links."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import (
    AttachedQuerySet,
    LanguageCode,
    NaturalKeyManager,
    Publishable,
    PublishableQuerySet,
)
from films.models.base import Attested
from films.models.images import ImageKind


class FilmQuerySet(PublishableQuerySet):
    def with_titles_and_links(self):
        """
        Prefetches, as lists, what every view of a film's identity reads:
        `title_rows` (its titles) and `link_rows` (its external links). The
        film page, JSON-LD (public/jsonld.py) and the API's FilmSerializer
        read these attributes, so their querysets come from here.
        """
        return self.prefetch_related(
            models.Prefetch("titles", queryset=FilmTitle.objects.all(), to_attr="title_rows"),
            models.Prefetch("links", queryset=FilmLink.objects.all(), to_attr="link_rows"),
        )


class FilmRowQuerySet(AttachedQuerySet):
    visible_through = ("film",)


class Film(Publishable):
    title = models.CharField(
        _("title"), max_length=200, help_text=_("The title shown on the site.")
    )
    original_title = models.CharField(_("original title"), max_length=200, blank=True)
    original_language = models.CharField(
        _("original language"), max_length=10, choices=LanguageCode.choices, blank=True
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1870), MaxValueValidator(2100)],
        help_text=_("Leave empty when the documents give no year."),
    )
    tagline = models.CharField(_("tagline"), max_length=300, blank=True)
    synopsis = models.TextField(_("synopsis"), blank=True)
    synopsis_source = models.ForeignKey(
        "articles.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("synopsis source"),
        help_text=_("The article the synopsis is quoted from, if it is quoted."),
    )
    runtime_minutes = models.PositiveSmallIntegerField(
        _("runtime (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1500)],
    )

    objects = FilmQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("film")
        verbose_name_plural = _("films")
        permissions = [("publish_film", _("Can publish and unpublish films"))]

    def __str__(self):
        return f"{self.title} ({self.year})" if self.year else self.title

    def get_absolute_url(self):
        return reverse("film_detail", args=[self.slug])

    @property
    def poster_image(self):
        """The first poster, or None; uses prefetched `images` when present."""
        return next((image for image in self.images.all() if image.kind == ImageKind.POSTER), None)

    @property
    def stills(self):
        """The stills in order; uses prefetched `images` when present."""
        return [image for image in self.images.all() if image.kind == ImageKind.STILL]


class TitleKind(models.TextChoices):
    ORIGINAL = "original", _("Original title")
    ROMANIZED = "romanized", _("Romanized title")
    ENGLISH = "english", _("English title")
    TRANSLATED = "translated", _("Translated title")
    ALTERNATIVE = "alternative", _("Alternative title")
    WORKING = "working", _("Working title")


class FilmTitle(Attested):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="titles")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=TitleKind.choices)
    language = models.CharField(
        _("language"), max_length=10, choices=LanguageCode.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = NaturalKeyManager.from_queryset(FilmRowQuerySet)("film__slug", "title", "kind")

    class Meta:
        ordering = ["film", "kind", "title"]
        verbose_name = _("film title")
        verbose_name_plural = _("film titles")
        constraints = [
            models.UniqueConstraint(
                fields=["film", "title", "kind"],
                name="filmtitle_unique_per_film_and_kind",
                violation_error_message=_("This film already has this title of this kind."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_kind_display()})"

    def natural_key(self):
        return (*self.film.natural_key(), self.title, self.kind)

    natural_key.dependencies = ["films.film"]


class LinkKind(models.TextChoices):
    OFFICIAL = "official", _("Official site")
    DATABASE = "database", _("Film database entry")
    GALLERY = "gallery", _("Photo gallery")
    TRAILER = "trailer", _("Trailer or making-of")
    OTHER = "other", _("Other")


class FilmLink(Attested):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("address"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=LinkKind.choices)
    label = models.CharField(_("label"), max_length=200, blank=True)

    objects = NaturalKeyManager.from_queryset(FilmRowQuerySet)("film__slug", "url")

    class Meta:
        ordering = ["film", "kind", "url"]
        verbose_name = _("external link")
        verbose_name_plural = _("external links")
        constraints = [
            models.UniqueConstraint(
                fields=["film", "url"],
                name="filmlink_unique_url_per_film",
                violation_error_message=_("This film already links to this address."),
            ),
        ]

    def __str__(self):
        return self.label or self.url

    def natural_key(self):
        return (*self.film.natural_key(), self.url)

    natural_key.dependencies = ["films.film"]
