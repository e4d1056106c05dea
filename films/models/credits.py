"""Credits of people and companies."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import AttachedQuerySet, NaturalKeyManager, SlugQuerySet
from films.models.base import Attested
from films.models.films import Film
from films.models.people import Person, PersonName, check_credited_as


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


class CreditQuerySet(AttachedQuerySet):
    visible_through = ("film", "person")


class CompanyCreditQuerySet(AttachedQuerySet):
    visible_through = ("film",)


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

    objects = NaturalKeyManager.from_queryset(CreditQuerySet)(
        "film__slug", "person__slug", "role", "character"
    )

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
        check_credited_as(self)

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

    objects = NaturalKeyManager.from_queryset(CompanyCreditQuerySet)(
        "film__slug", "company__slug", "role"
    )

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
