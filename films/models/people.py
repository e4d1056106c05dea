"""People and every form of their names."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import AttachedQuerySet, NaturalKeyManager, Publishable, PublishableQuerySet
from films.models.base import Attested


class PersonQuerySet(PublishableQuerySet):
    def with_names(self, *related):
        """
        Prefetches `name_rows`: every form of each person's name, with the
        `related` lookups of each form. The person page, JSON-LD
        (public/jsonld.py) and the API's PersonSerializer read it.
        """
        names = PersonName.objects.in_display_order().prefetch_related(*related)
        return self.prefetch_related(models.Prefetch("names", queryset=names, to_attr="name_rows"))


class PersonNameQuerySet(AttachedQuerySet):
    visible_through = ("person",)

    def in_display_order(self):
        return self.order_by(*name_display_order())


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

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        permissions = [("publish_person", _("Can publish and unpublish people"))]

    def __str__(self):
        return f"{self.name} ({self.name_hangul})" if self.name_hangul else self.name

    def get_absolute_url(self):
        return reverse("person_detail", args=[self.slug])

    @property
    def photo_image(self):
        """The first photo, or None; uses prefetched `images` when present."""
        return next(iter(self.images.all()), None)


class NameKind(models.TextChoices):
    HANGUL = "hangul", _("Hangul")
    HANJA = "hanja", _("Hanja")
    REVISED = "rr", _("Revised Romanization")
    MCCUNE_REISCHAUER = "mr", _("McCune–Reischauer")
    PUBLISHED = "published", _("As published")
    OTHER = "other", _("Other form")


def name_display_order():
    """
    The order in which a person's name forms are shown and read, everywhere (the
    person page, the API, JSON-LD, the search index): NameKind's declared order,
    then the name, then the row. A function of the kind and name columns only, so
    the search index can order historical models in migrations with it.
    """
    position = models.Case(
        *(models.When(kind=kind, then=index) for index, kind in enumerate(NameKind.values)),
        default=len(NameKind.values),
        output_field=models.IntegerField(),
    )
    return [position, "name", "pk"]


class PersonName(Attested):
    """One spelling of a person's name; the sources say where it was used."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=NameKind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = NaturalKeyManager.from_queryset(PersonNameQuerySet)("person__slug", "name", "kind")

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


def check_credited_as(credit):
    """A credit's 'credited as' must be one of its own person's name forms."""
    if (
        credit.credited_as_id
        and credit.person_id
        and credit.credited_as.person_id != credit.person_id
    ):
        raise ValidationError({"credited_as": _("Choose one of this person's own name forms.")})
