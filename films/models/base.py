"""Shared building blocks: publication state, natural keys, attestation."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class NaturalKeyManager(models.Manager):
    """Looks a row up by the fields its natural_key() returns, in that order."""

    def __init__(self, *lookups):
        super().__init__()
        self.lookups = lookups

    def get_by_natural_key(self, *values):
        return self.get(**dict(zip(self.lookups, values, strict=True)))


class SlugQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class PublishableQuerySet(SlugQuerySet):
    def published(self):
        """What visitors may see: published, and not scheduled for later."""
        return self.filter(status=Status.PUBLISHED).filter(
            Q(published_at__isnull=True) | Q(published_at__lte=timezone.now())
        )


class Publishable(models.Model):
    """Entries visitors see only once a curator publishes them."""

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("Leave empty to publish at once; a future time schedules it."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED and (
            self.published_at is None or self.published_at <= timezone.now()
        )

    def natural_key(self):
        return (self.slug,)


class Attested(models.Model):
    """
    A row the documents attest to. A row may be attested by several documents
    (every article that spells a name one way), so these are many-to-many.
    """

    found_in_articles = models.ManyToManyField(
        "articles.Article", blank=True, related_name="+", verbose_name=_("found in articles")
    )
    found_in_reviews = models.ManyToManyField(
        "articles.Review", blank=True, related_name="+", verbose_name=_("found in reviews")
    )
    found_in_documents = models.ManyToManyField(
        "articles.Document",
        blank=True,
        related_name="+",
        verbose_name=_("found in other documents"),
    )

    class Meta:
        abstract = True

    def sources(self):
        """Every document attesting this row (uses prefetched rows when present)."""
        return [
            *self.found_in_articles.all(),
            *self.found_in_reviews.all(),
            *self.found_in_documents.all(),
        ]


class LanguageCode(models.TextChoices):
    KOREAN = "ko", _("Korean")
    ENGLISH = "en", _("English")
    KOREAN_LATIN = "ko-Latn", _("Korean (romanized)")
    CHINESE = "zh", _("Chinese")
    JAPANESE = "ja", _("Japanese")
    FRENCH = "fr", _("French")
    OTHER = "und", _("Other or unknown")
