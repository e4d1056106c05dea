from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import (
    LanguageCode,
    Publishable,
    PublishableQuerySet,
    SlugQuerySet,
    published_q,
)
from crossing_archive.lib.ratings import format_rating, normalised_score


class PublicationKind(models.TextChoices):
    NEWSPAPER = "newspaper", _("Newspaper")
    BROADCASTER = "broadcaster", _("Broadcaster")
    MAGAZINE = "magazine", _("Magazine")
    AGENCY = "agency", _("Agency or institution")
    WEBSITE = "website", _("Web site")
    OTHER = "other", _("Other")


class Publication(models.Model):
    """A source of press coverage: what visitors filter the press by."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=PublicationKind.choices, default=PublicationKind.OTHER
    )
    url = models.URLField(_("web site"), blank=True)
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("ISO 3166 code, e.g. KR.")
    )
    language = models.CharField(
        _("language"), max_length=10, choices=LanguageCode.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)

    objects = SlugQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("article_list") + f"?source={self.slug}"

    def natural_key(self):
        return (self.slug,)


class DocumentKind(models.TextChoices):
    FORUM_THREAD = "forum_thread", _("Forum thread")
    FORUM_POST = "forum_post", _("Forum post")
    WEB_PAGE = "web_page", _("Web page")
    OTHER = "other", _("Other")


class Document(models.Model):
    """
    A document the archive drew on that is not itself press coverage: a fan
    forum thread and its posts, a web page. Articles say which one reposted them.
    """

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
        verbose_name=_("part of"),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), null=True, blank=True, help_text=_("Order within its thread.")
    )
    posted_by = models.CharField(
        _("posted by"), max_length=200, blank=True, help_text=_("As shown; empty when not shown.")
    )
    date = models.DateField(_("date"), null=True, blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = SlugQuerySet.as_manager()

    class Meta:
        ordering = ["parent__title", "position", "title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "position"],
                condition=Q(parent__isnull=False, position__isnull=False),
                name="document_unique_position_in_parent",
                violation_error_message=_("Another part of this document has this position."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")),
                name="document_not_its_own_parent",
                violation_error_message=_("A document cannot be part of itself."),
            ),
        ]

    def __str__(self):
        if self.parent_id:
            return f"{self.parent.title} › {self.title}"
        return self.title

    def clean(self):
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A document cannot be part of itself.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def natural_key(self):
        return (self.slug,)


class TextRights(models.TextChoices):
    FULL = "full", _("Full text")
    EXCERPT = "excerpt", _("An excerpt")
    CITATION = "citation", _("The citation only")


class RightsControlled(models.Model):
    """
    A text shown only as far as the archive may show it (`text_rights`), with
    the licence or permission on record. `public_text` is the one rule every
    surface visitors see goes through (pages, feeds, the API, search
    snippets, descriptions); search still indexes the whole `text`.
    """

    text_rights = models.CharField(
        _("visitors may see"),
        max_length=10,
        choices=TextRights.choices,
        default=TextRights.EXCERPT,
        help_text=_(
            "Full text only with a licence or permission on record; otherwise an excerpt or "
            "the citation alone."
        ),
    )
    rights_note = models.TextField(
        _("licence or permission"),
        blank=True,
        help_text=_("What allows the archive to show the text, or why it shows less."),
    )
    excerpt = models.TextField(
        _("excerpt"),
        blank=True,
        help_text=_("Shown when visitors may see an excerpt; empty for the opening paragraph."),
    )

    class Meta:
        abstract = True

    @property
    def public_text(self):
        """The text as far as visitors may see it: all of it, an excerpt, or nothing."""
        if self.text_rights == TextRights.FULL:
            return self.text
        if self.text_rights == TextRights.EXCERPT:
            return self.excerpt.strip() or opening_paragraph(self.text)
        return ""

    @property
    def text_is_shortened(self):
        """True when visitors see less than the whole text."""
        return self.public_text.strip() != self.text.strip()


def opening_paragraph(text):
    """The text up to its first blank line (or its first line, when it has no blank line)."""
    text = text.strip().replace("\r\n", "\n")
    for separator in ("\n\n", "\n"):
        if separator in text:
            return text.split(separator, 1)[0].strip()
    return text


def published_related(model, name):
    """The published entries of `model`'s relation `name` (a model of another app)."""
    return model._meta.get_field(name).related_model.objects.published()


class ArticleQuerySet(PublishableQuerySet):
    def with_links(self):
        """
        Each article with its publication and, as lists, the published entries
        it names: `visible_authors`, `visible_films` and `visible_people`. The
        article page, citations, JSON-LD and the API's ArticleSerializer read
        these attributes, so their querysets come from here.
        """
        people = published_related(self.model, "authors")
        return self.select_related("publication").prefetch_related(
            models.Prefetch("authors", queryset=people, to_attr="visible_authors"),
            models.Prefetch(
                "films",
                queryset=published_related(self.model, "films"),
                to_attr="visible_films",
            ),
            models.Prefetch("people", queryset=people, to_attr="visible_people"),
        )


class Article(RightsControlled, Publishable):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    publication = models.ForeignKey(
        Publication,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name=_("publication"),
    )
    date = models.DateField(_("date"))
    byline = models.CharField(
        _("byline"),
        max_length=300,
        blank=True,
        help_text=_("Exactly as published, e.g. 'By Lee Eun-joo'. Empty when there is none."),
    )
    authors = models.ManyToManyField(
        "films.Person",
        blank=True,
        related_name="articles_written",
        verbose_name=_("authors"),
    )
    url = models.URLField(_("original address"), max_length=500, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=LanguageCode.choices, default=LanguageCode.ENGLISH
    )
    text = models.TextField(_("full text"))
    films = models.ManyToManyField(
        "films.Film", blank=True, related_name="articles", verbose_name=_("films mentioned")
    )
    people = models.ManyToManyField(
        "films.Person",
        blank=True,
        related_name="mentioned_in",
        verbose_name=_("people mentioned"),
    )
    via = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reposted_articles",
        verbose_name=_("reposted in"),
        help_text=_("Where the archive found this article, when not at its original address."),
    )
    source_line = models.CharField(
        _("source line"),
        max_length=300,
        blank=True,
        help_text=_("The 'Source:' line the repost gave, word for word."),
    )
    provenance_note = models.TextField(_("provenance note"), blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("publish_article", _("Can publish and unpublish articles"))]
        indexes = [
            # The press list, its feeds and the API, newest first: ORDER BY date DESC,
            # title, id (public.filters.ORDERINGS["newest"]), read in index order; with
            # the publication state in it, a far page skips rows without reading them.
            models.Index(
                fields=["-date", "title", "id", "status", "published_at"],
                name="article_newest_first",
            ),
            # The press list's capped count, its source checkboxes and its coverage
            # timeline (public.timeline.monthly_counts): every column they read is
            # here, so SQLite answers them without reading the articles' text.
            models.Index(
                fields=["status", "publication", "date", "published_at"],
                name="article_published_by_source",
            ),
            # The sitemap's "last changed" for the articles (public.sitemaps): the latest
            # published row is found at the top of this index, not by reading them all.
            models.Index(
                fields=["-updated", "status", "published_at"], name="article_last_changed"
            ),
            # A list of ids (a text search's matches, a film's or a person's articles)
            # checked for publication and sorted newest first: SQLite reads these from
            # here instead of each article's row (10,000 ids: 24 ms to 9 ms).
            models.Index(
                fields=["id", "date", "title", "status", "published_at"], name="article_by_id"
            ),
            # The admin's search of titles and bylines (curation.admin.word_matches) is read
            # on SQLite from an index of its own, made by migration 0013 on SQLite only:
            # a later migration that has SQLite rebuild this table must make it again.
            # The lists by title (ORDERINGS["title"]: title, newest first, id), read in
            # index order as article_newest_first serves the default: /press/?ordering=title
            # at 100,000 articles on SQLite 211 → 25 ms, the API's page 2,000 444 → 32 ms.
            models.Index(
                fields=["title", "-date", "id", "status", "published_at"],
                name="article_by_title",
            ),
            # A list by language (/press/?language=ko, the admin's language filter): its
            # count, date hierarchy and coverage timeline read a range of this index
            # rather than every row (the admin's Korean articles at 100,000: 250 → 68 ms
            # on SQLite, 158 → 63 ms on PostgreSQL).
            models.Index(
                fields=["language", "date", "status", "published_at", "publication"],
                name="article_by_language",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("article_detail", args=[self.slug])


class ReviewQuerySet(PublishableQuerySet):
    def published(self):
        """Published reviews of published films: a review never shows without its film."""
        return super().published().filter(published_q("film"))


class Review(RightsControlled, Publishable):
    film = models.ForeignKey(
        "films.Film", on_delete=models.PROTECT, related_name="reviews", verbose_name=_("film")
    )
    title = models.CharField(
        _("title"), max_length=300, blank=True, help_text=_("Empty when the review has none.")
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    publication = models.ForeignKey(
        Publication,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name=_("publication"),
        help_text=_("Leave empty when the document does not say."),
    )
    author = models.ForeignKey(
        "films.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews_written",
        verbose_name=_("critic"),
        help_text=_("Leave empty when the document does not say."),
    )
    byline = models.CharField(_("byline"), max_length=300, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    url = models.URLField(_("original address"), max_length=500, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=LanguageCode.choices, default=LanguageCode.ENGLISH
    )
    text = models.TextField(_("full text"))
    rating = models.DecimalField(
        _("rating as published"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    rating_text = models.CharField(
        _("rating, word for word"), max_length=100, blank=True, help_text=_("e.g. '2.5 STARS'")
    )
    rating_scale = models.DecimalField(
        _("best possible rating"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("Only when the publication states its scale; never guessed."),
    )
    score = models.PositiveSmallIntegerField(
        _("score (0-100)"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Computed from the rating when its scale is known."),
    )
    via = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reposted_reviews",
        verbose_name=_("found in"),
    )
    provenance_note = models.TextField(_("provenance note"), blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        permissions = [("publish_review", _("Can publish and unpublish reviews"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=0),
                name="review_rating_not_negative",
                violation_error_message=_("A rating cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(rating_scale__isnull=True) | Q(rating_scale__gt=0),
                name="review_scale_positive",
                violation_error_message=_("A rating scale must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True)
                | Q(rating_scale__isnull=True)
                | Q(rating__lte=models.F("rating_scale")),
                name="review_rating_within_scale",
                violation_error_message=_("The rating is higher than its scale allows."),
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True)
                | (Q(rating_scale__isnull=False) & Q(score__gte=0) & Q(score__lte=100)),
                name="review_score_only_with_scale",
                violation_error_message=_("A score needs a known scale."),
            ),
        ]

    def __str__(self):
        return self.title or _("Review of %(film)s") % {"film": self.film.title}

    def save(self, *args, **kwargs):
        try:
            self.score = normalised_score(self.rating, self.rating_scale)
        except ValueError:
            # The rating_within_scale constraint reports this with its message.
            self.score = None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("review_detail", args=[self.slug])

    def clean(self):
        if self.rating_scale is not None and self.rating is None:
            raise ValidationError({"rating": _("Give the rating this scale applies to.")})

    @property
    def rating_display(self):
        return format_rating(self.rating, self.rating_scale)
