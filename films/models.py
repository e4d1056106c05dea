from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# ---------------------------------------------------------------------------
# Shared building blocks
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# Films
# ---------------------------------------------------------------------------


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
    poster = models.ImageField(_("poster"), upload_to="posters/", blank=True)
    poster_alt = models.CharField(
        _("poster description"),
        max_length=300,
        blank=True,
        help_text=_("Alternative text for the poster, for visitors who cannot see it."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("film")
        verbose_name_plural = _("films")
        constraints = [
            models.CheckConstraint(
                condition=Q(poster="") | ~Q(poster_alt=""),
                name="film_poster_has_alt_text",
                violation_error_message=_("A poster needs a description (alternative text)."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})" if self.year else self.title

    def get_absolute_url(self):
        return reverse("film_detail", args=[self.slug])


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

    objects = NaturalKeyManager("film__slug", "title", "kind")

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

    objects = NaturalKeyManager("film__slug", "url")

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


# ---------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------


class Person(Publishable):
    name = models.CharField(
        _("display name"), max_length=200, help_text=_("The name shown on the site.")
    )
    name_hangul = models.CharField(
        _("name in Hangul"),
        max_length=100,
        blank=True,
        help_text=_("Only when a document gives it."),
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    bio = models.TextField(_("short biography"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="people/", blank=True)
    photo_alt = models.CharField(_("photo description"), max_length=300, blank=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return f"{self.name} ({self.name_hangul})" if self.name_hangul else self.name

    def get_absolute_url(self):
        return reverse("person_detail", args=[self.slug])


class NameKind(models.TextChoices):
    HANGUL = "hangul", _("Hangul")
    HANJA = "hanja", _("Hanja")
    REVISED = "rr", _("Revised Romanization")
    MCCUNE_REISCHAUER = "mr", _("McCune–Reischauer")
    PUBLISHED = "published", _("As published")
    OTHER = "other", _("Other form")


class PersonName(Attested):
    """One spelling of a person's name; the sources say where it was used."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=NameKind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = NaturalKeyManager("person__slug", "name", "kind")

    class Meta:
        ordering = ["person", "kind", "name"]
        verbose_name = _("name form")
        verbose_name_plural = _("name forms")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "name", "kind"],
                name="personname_unique_per_person_and_kind",
                violation_error_message=_("This person already has this name form of this kind."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    def natural_key(self):
        return (*self.person.natural_key(), self.name, self.kind)

    natural_key.dependencies = ["films.person"]


# ---------------------------------------------------------------------------
# Credits
# ---------------------------------------------------------------------------


class Department(models.TextChoices):
    CAST = "cast", _("Cast")
    DIRECTING = "directing", _("Directing")
    ASSISTANT_DIRECTION = "assistant_direction", _("Assistant direction")
    WRITING = "writing", _("Writing")
    PRODUCTION = "production", _("Production")
    MUSIC = "music", _("Music")
    CAMERA = "camera", _("Camera")
    EDITING = "editing", _("Editing")
    ART = "art", _("Art")
    SOUND = "sound", _("Sound")
    COSTUME = "costume", _("Costume and make-up")


class Role(models.TextChoices):
    ACTOR = "actor", _("Actor")
    DIRECTOR = "director", _("Director")
    CO_DIRECTOR = "co_director", _("Co-director")
    ASSISTANT_DIRECTOR = "assistant_director", _("Assistant director")
    SCREENWRITER = "screenwriter", _("Screenwriter")
    ORIGINAL_STORY = "original_story", _("Original story")
    PRODUCER = "producer", _("Producer")
    EXECUTIVE_PRODUCER = "executive_producer", _("Executive producer")
    CO_PRODUCER = "co_producer", _("Co-producer")
    MUSIC = "music", _("Music")
    COMPOSER = "composer", _("Composer")
    MUSIC_SUPERVISOR = "music_supervisor", _("Music supervisor")
    CINEMATOGRAPHER = "cinematographer", _("Cinematographer")
    EDITOR = "editor", _("Editor")
    PRODUCTION_DESIGNER = "production_designer", _("Production designer")
    ART_DIRECTOR = "art_director", _("Art director")
    SOUND_DESIGNER = "sound_designer", _("Sound designer")
    COSTUME_DESIGNER = "costume_designer", _("Costume designer")
    MAKEUP_ARTIST = "makeup_artist", _("Make-up artist")


# The controlled list: each role belongs to exactly one department.
ROLE_DEPARTMENTS = {
    Role.ACTOR: Department.CAST,
    Role.DIRECTOR: Department.DIRECTING,
    Role.CO_DIRECTOR: Department.DIRECTING,
    Role.ASSISTANT_DIRECTOR: Department.ASSISTANT_DIRECTION,
    Role.SCREENWRITER: Department.WRITING,
    Role.ORIGINAL_STORY: Department.WRITING,
    Role.PRODUCER: Department.PRODUCTION,
    Role.EXECUTIVE_PRODUCER: Department.PRODUCTION,
    Role.CO_PRODUCER: Department.PRODUCTION,
    Role.MUSIC: Department.MUSIC,
    Role.COMPOSER: Department.MUSIC,
    Role.MUSIC_SUPERVISOR: Department.MUSIC,
    Role.CINEMATOGRAPHER: Department.CAMERA,
    Role.EDITOR: Department.EDITING,
    Role.PRODUCTION_DESIGNER: Department.ART,
    Role.ART_DIRECTOR: Department.ART,
    Role.SOUND_DESIGNER: Department.SOUND,
    Role.COSTUME_DESIGNER: Department.COSTUME,
    Role.MAKEUP_ARTIST: Department.COSTUME,
}
DEPARTMENT_ORDER = {department: index for index, department in enumerate(Department.values)}


class Credit(Attested):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="credits")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    department = models.CharField(
        _("department"), max_length=30, choices=Department.choices, editable=False
    )
    character = models.CharField(
        _("character"),
        max_length=200,
        blank=True,
        help_text=_("Actors only. Other spellings of the character go in the note."),
    )
    billing_order = models.PositiveSmallIntegerField(
        _("billing order"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Actors only: 1 for top billing."),
    )
    credited_as = models.ForeignKey(
        PersonName,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("credited as"),
        help_text=_("The name form this credit was published under."),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = NaturalKeyManager("film__slug", "person__slug", "role", "character")

    class Meta:
        ordering = ["film", "billing_order", "department", "role", "person__name"]
        verbose_name = _("credit")
        verbose_name_plural = _("credits")
        constraints = [
            models.UniqueConstraint(
                fields=["film", "person", "role", "character"],
                name="credit_unique_person_role_per_film",
                violation_error_message=_(
                    "This person already has this role (and character) on this film."
                ),
            ),
            models.UniqueConstraint(
                fields=["film", "billing_order"],
                condition=Q(billing_order__isnull=False),
                name="credit_unique_billing_order_per_film",
                violation_error_message=_(
                    "Another cast member of this film has this billing order."
                ),
            ),
            models.CheckConstraint(
                condition=Q(role=Role.ACTOR) | (Q(character="") & Q(billing_order__isnull=True)),
                name="credit_character_and_billing_for_cast_only",
                violation_error_message=_("Only actors have a character and a billing order."),
            ),
        ]

    def __str__(self):
        text = f"{self.person.name}: {self.get_role_display()}"
        return f"{text} ({self.character})" if self.character else text

    def save(self, *args, **kwargs):
        self.department = ROLE_DEPARTMENTS[self.role]
        super().save(*args, **kwargs)

    def clean(self):
        if self.credited_as_id and self.person_id and self.credited_as.person_id != self.person_id:
            raise ValidationError({"credited_as": _("Choose one of this person's own name forms.")})

    @property
    def is_cast(self):
        return self.role == Role.ACTOR

    def natural_key(self):
        return (*self.film.natural_key(), *self.person.natural_key(), self.role, self.character)

    natural_key.dependencies = ["films.film", "films.person"]


class Company(models.Model):
    name = models.CharField(_("name"), max_length=200)
    name_hangul = models.CharField(_("name in Hangul"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    url = models.URLField(_("web site"), blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = SlugQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class CompanyRole(models.TextChoices):
    PRODUCTION = "production", _("Production")
    DISTRIBUTION = "distribution", _("Distribution")
    INVESTMENT = "investment", _("Investment")
    INTERNATIONAL_SALES = "international_sales", _("International sales")
    UNSPECIFIED = "unspecified", _("Credited, role not stated")


class CompanyCredit(Attested):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="company_credits")
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="credits")
    role = models.CharField(_("role"), max_length=30, choices=CompanyRole.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = NaturalKeyManager("film__slug", "company__slug", "role")

    class Meta:
        ordering = ["film", "role", "company__name"]
        verbose_name = _("company credit")
        verbose_name_plural = _("company credits")
        constraints = [
            models.UniqueConstraint(
                fields=["film", "company", "role"],
                name="companycredit_unique_role_per_film",
                violation_error_message=_("This company already has this role on this film."),
            ),
        ]

    def __str__(self):
        return f"{self.company.name}: {self.get_role_display()}"

    def natural_key(self):
        return (*self.film.natural_key(), *self.company.natural_key(), self.role)

    natural_key.dependencies = ["films.film", "films.company"]


# ---------------------------------------------------------------------------
# Soundtrack
# ---------------------------------------------------------------------------


class Track(models.Model):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="tracks")
    position = models.PositiveSmallIntegerField(_("position"), validators=[MinValueValidator(1)])
    title = models.CharField(
        _("title as published"),
        max_length=300,
        help_text=_("Exactly as listed, Hangul and hanja kept."),
    )
    transliteration = models.CharField(_("transliteration"), max_length=300, blank=True)
    translation = models.CharField(_("translation"), max_length=300, blank=True)
    length = models.DurationField(_("length"), null=True, blank=True, help_text=_("mm:ss"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    source = models.ForeignKey(
        "articles.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("listed in"),
    )

    objects = NaturalKeyManager("film__slug", "position")

    class Meta:
        ordering = ["film", "position"]
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        constraints = [
            models.UniqueConstraint(
                fields=["film", "position"],
                name="track_unique_position_per_film",
                violation_error_message=_("This film already has a track at this position."),
            ),
            models.CheckConstraint(
                condition=Q(length__isnull=True) | Q(length__gt=timedelta(0)),
                name="track_length_positive",
                violation_error_message=_("A track's length must be more than zero."),
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"

    def get_absolute_url(self):
        return reverse("film_detail", args=[self.film.slug]) + f"#track-{self.position}"

    def natural_key(self):
        return (*self.film.natural_key(), self.position)

    natural_key.dependencies = ["films.film"]


class TrackRole(models.TextChoices):
    ARTIST = "artist", _("Artist (as listed)")
    COMPOSER = "composer", _("Composer")
    PERFORMER = "performer", _("Performer")
    ARRANGER = "arranger", _("Arranger")
    LYRICIST = "lyricist", _("Lyricist")


class TrackCredit(models.Model):
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="track_credits")
    role = models.CharField(_("role"), max_length=20, choices=TrackRole.choices)
    credited_as = models.ForeignKey(
        PersonName,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("credited as"),
    )

    objects = NaturalKeyManager("track__film__slug", "track__position", "person__slug", "role")

    class Meta:
        ordering = ["track", "role", "person__name"]
        verbose_name = _("track credit")
        verbose_name_plural = _("track credits")
        constraints = [
            models.UniqueConstraint(
                fields=["track", "person", "role"],
                name="trackcredit_unique_person_role_per_track",
                violation_error_message=_("This person already has this role on this track."),
            ),
        ]

    def __str__(self):
        return f"{self.person.name}: {self.get_role_display()}"

    def clean(self):
        if self.credited_as_id and self.person_id and self.credited_as.person_id != self.person_id:
            raise ValidationError({"credited_as": _("Choose one of this person's own name forms.")})

    def natural_key(self):
        return (*self.track.natural_key(), *self.person.natural_key(), self.role)

    natural_key.dependencies = ["films.track", "films.person"]


# ---------------------------------------------------------------------------
# Sourced facts
# ---------------------------------------------------------------------------


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
