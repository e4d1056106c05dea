"""The soundtrack."""

from datetime import timedelta

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import AttachedQuerySet, NaturalKeyManager
from films.models.films import Film
from films.models.people import Person, PersonName, check_credited_as


class TrackQuerySet(AttachedQuerySet):
    visible_through = ("film",)

    def with_credits(self):
        """
        Prefetches `visible_credits`: each track's credits of published people,
        with the name form they were credited under. The soundtrack table,
        JSON-LD and the API's TrackSerializer read it.
        """
        return self.prefetch_related(
            models.Prefetch(
                "credits",
                queryset=TrackCredit.objects.published().select_related("person", "credited_as"),
                to_attr="visible_credits",
            )
        )


class TrackCreditQuerySet(AttachedQuerySet):
    visible_through = ("track__film", "person")


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

    objects = NaturalKeyManager.from_queryset(TrackQuerySet)("film__slug", "position")

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

    objects = NaturalKeyManager.from_queryset(TrackCreditQuerySet)(
        "track__film__slug", "track__position", "person__slug", "role"
    )

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
        check_credited_as(self)

    def natural_key(self):
        return (*self.track.natural_key(), *self.person.natural_key(), self.role)

    natural_key.dependencies = ["films.track", "films.person"]
