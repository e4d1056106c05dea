"""Sourced facts: one claim per statement of a source."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import published_q
from films.models.films import Film


class Fact(models.TextChoices):
    RELEASE_DATE = "release_date", _("Release date")
    SHOOTING_PERIOD = "shooting_period", _("Shooting period")
    FILMING_LOCATION = "filming_location", _("Filming locations")
    BUDGET = "budget", _("Budget")
    BASED_ON = "based_on", _("Based on")
    PRODUCTION_HISTORY = "production_history", _("Production history")
    SCREENING = "screening", _("Screening")
    RUNTIME = "runtime", _("Runtime")


class Rank(models.TextChoices):
    PREFERRED = "preferred", _("Preferred")
    NORMAL = "normal", _("Normal")
    DEPRECATED = "deprecated", _("Deprecated")


RANK_ORDER = {Rank.PREFERRED: 0, Rank.NORMAL: 1, Rank.DEPRECATED: 2}


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class ClaimQuerySet(models.QuerySet):
    def published(self):
        """
        Claims visitors may see: on a published film, citing a source they may
        see (a document, or a published article or review of a published film).
        """
        return self.filter(published_q("film")).filter(
            Q(document__isnull=False)
            | published_q("article")
            | (published_q("review") & published_q("review__film"))
        )

    def ranked(self):
        """Preferred claims first, deprecated last, then by date."""
        order = models.Case(
            *(models.When(rank=rank, then=position) for rank, position in RANK_ORDER.items()),
            output_field=models.IntegerField(),
        )
        return self.annotate(rank_order=order).order_by("fact", "rank_order", "date_start", "pk")


class ClaimManager(models.Manager.from_queryset(ClaimQuerySet)):
    def get_by_natural_key(self, film_slug, fact, value, source_model, source_slug):
        if source_model not in ("article", "review", "document"):
            raise self.model.DoesNotExist(f"Unknown source kind {source_model!r}")
        return self.get(
            film__slug=film_slug,
            fact=fact,
            value=value,
            **{f"{source_model}__slug": source_slug},
        )


class Claim(models.Model):
    """
    One statement of a film fact by one document. Conflicting claims are all
    kept; the rank says which one the archive shows first.
    """

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="claims")
    fact = models.CharField(_("fact"), max_length=30, choices=Fact.choices)
    value = models.CharField(
        _("value as stated"), max_length=500, help_text=_("In the document's own words.")
    )
    date_start = models.DateField(_("date (or start)"), null=True, blank=True)
    date_end = models.DateField(_("end date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=10, choices=DatePrecision.choices, blank=True
    )
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("ISO 3166 code, e.g. KR.")
    )
    rank = models.CharField(_("rank"), max_length=12, choices=Rank.choices, default=Rank.NORMAL)
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        verbose_name=_("cited article"),
    )
    review = models.ForeignKey(
        "articles.Review",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        verbose_name=_("cited review"),
    )
    document = models.ForeignKey(
        "articles.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        verbose_name=_("cited document"),
    )
    quote = models.TextField(
        _("quotation"), blank=True, help_text=_("The words of the source that make the claim.")
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = ClaimManager()

    class Meta:
        ordering = ["film", "fact", "date_start", "pk"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(article__isnull=False, review__isnull=True, document__isnull=True)
                    | Q(article__isnull=True, review__isnull=False, document__isnull=True)
                    | Q(article__isnull=True, review__isnull=True, document__isnull=False)
                ),
                name="claim_cites_exactly_one_source",
                violation_error_message=_(
                    "Cite exactly one source: an article, a review or another document."
                ),
            ),
            models.CheckConstraint(
                condition=Q(date_end__isnull=True)
                | (Q(date_start__isnull=False) & Q(date_end__gte=models.F("date_start"))),
                name="claim_date_range_in_order",
                violation_error_message=_("The end date cannot come before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(date_start__isnull=True) | ~Q(date_precision=""),
                name="claim_date_has_precision",
                violation_error_message=_(
                    "Say how precise the date is (day, month or year) when you give one."
                ),
            ),
            models.UniqueConstraint(
                fields=["film", "fact", "value", "article"],
                condition=Q(article__isnull=False),
                name="claim_unique_per_article",
                violation_error_message=_("This article already makes this claim."),
            ),
            models.UniqueConstraint(
                fields=["film", "fact", "value", "review"],
                condition=Q(review__isnull=False),
                name="claim_unique_per_review",
                violation_error_message=_("This review already makes this claim."),
            ),
            models.UniqueConstraint(
                fields=["film", "fact", "value", "document"],
                condition=Q(document__isnull=False),
                name="claim_unique_per_document",
                violation_error_message=_("This document already makes this claim."),
            ),
        ]

    def __str__(self):
        return f"{self.get_fact_display()}: {self.value}"

    @property
    def source(self):
        return self.article or self.review or self.document

    def natural_key(self):
        source = self.source
        return (
            *self.film.natural_key(),
            self.fact,
            self.value,
            source._meta.model_name,
            source.slug,
        )

    natural_key.dependencies = [
        "films.film",
        "articles.article",
        "articles.review",
        "articles.document",
    ]

    def formatted_date(self):
        """The date at the precision the source gave it."""
        if not self.date_start:
            return ""
        formats = {DatePrecision.YEAR: "%Y", DatePrecision.MONTH: "%B %Y"}
        pattern = formats.get(self.date_precision, "%-d %B %Y")
        text = self.date_start.strftime(pattern)
        if self.date_end and self.date_end != self.date_start:
            text += " – " + self.date_end.strftime(pattern)
        return text
