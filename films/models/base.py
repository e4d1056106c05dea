"""Attestation: which documents a row of the record was found in."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
