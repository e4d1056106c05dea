"""Posters, stills and photos."""

import uuid
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from films.images import make_renditions as renditions_of


def image_upload_to(instance, filename):
    """A random name in the model's folder: images/films/3f2a….jpg."""
    extension = PurePath(filename).suffix.lower()
    return f"images/{instance.upload_folder}/{uuid.uuid4().hex}{extension}"


class ImageRendition:
    """One size of an image, for `srcset`."""

    def __init__(self, storage, name, width, height):
        self.name, self.width, self.height = name, width, height
        self.url = storage.url(name)

    def __repr__(self):
        return f"<ImageRendition {self.name} {self.width}×{self.height}>"


class ArchiveImage(models.Model):
    """
    A picture the archive holds, with where it came from and how to describe
    it. The admin's upload form checks and cleans the file (films.images);
    smaller copies for `srcset` are made when a new file is saved.
    """

    image = models.ImageField(_("image file"), upload_to=image_upload_to, max_length=200)
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    renditions = models.JSONField(_("smaller copies"), default=list, blank=True, editable=False)
    alt_text = models.CharField(
        _("description (alternative text)"),
        max_length=300,
        help_text=_("What the image shows, for visitors who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(
        _("credit"),
        max_length=300,
        blank=True,
        help_text=_("Photographer or rights holder as credited; empty when unknown."),
    )
    source = models.CharField(
        _("source"),
        max_length=500,
        help_text=_("Where the archive got this file: a web address, a press kit, a scan of …"),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=1, help_text=_("Order among images of the same kind; 1 first.")
    )

    upload_folder = "other"

    class Meta:
        abstract = True
        # "%(class)s" makes each concrete model's names its own.
        constraints = [
            models.CheckConstraint(
                condition=~Q(alt_text=""),
                name="%(class)s_has_alt_text",
                violation_error_message=_("An image needs a description (alternative text)."),
            ),
            models.CheckConstraint(
                condition=~Q(source=""),
                name="%(class)s_has_source",
                violation_error_message=_("Say where the archive got this image."),
            ),
        ]

    def __str__(self):
        return self.caption or self.alt_text

    def save(self, *args, **kwargs):
        # An uncommitted file is new content from a form: store it and its
        # smaller copies before the row is saved, so that the row and its
        # history always name them. A name assigned in code is kept as it is.
        if self.image and not self.image._committed:
            self.image.save(self.image.name, self.image.file, save=False)
            self.make_renditions()
        super().save(*args, **kwargs)

    def make_renditions(self):
        """Writes the smaller copies of the stored image file (reads the whole file)."""
        with self.image.open("rb") as file:
            data = file.read()
        self.width, self.height, copies = renditions_of(data)
        path = PurePath(self.image.name)
        self.renditions = []
        for copy in copies:
            name = self.image.storage.save(
                str(path.with_name(f"{path.stem}-{copy.width}w{path.suffix}")),
                ContentFile(copy.content),
            )
            self.renditions.append({"name": name, "width": copy.width, "height": copy.height})

    @property
    def rendition_list(self):
        """Every size, narrowest first, ending with the image file itself."""
        storage = self.image.storage
        sizes = [
            ImageRendition(storage, row["name"], row["width"], row["height"])
            for row in self.renditions
        ]
        sizes.append(ImageRendition(storage, self.image.name, self.width, self.height))
        return sizes

    @property
    def srcset(self):
        return ", ".join(f"{size.url} {size.width}w" for size in self.rendition_list if size.width)

    @property
    def src(self):
        """The fallback `src`: a mid-sized copy when there is one."""
        sizes = self.rendition_list
        fitting = [size for size in sizes[:-1] if size.width >= 640]
        return (fitting[0] if fitting else sizes[-1]).url


class ImageKind(models.TextChoices):
    POSTER = "poster", _("Poster")
    STILL = "still", _("Still")


class FilmImage(ArchiveImage):
    film = models.ForeignKey("films.Film", on_delete=models.CASCADE, related_name="images")
    kind = models.CharField(_("kind"), max_length=10, choices=ImageKind.choices)

    upload_folder = "films"

    class Meta(ArchiveImage.Meta):
        ordering = ["kind", "position", "pk"]
        verbose_name = _("film image")
        verbose_name_plural = _("film images")


class PersonImage(ArchiveImage):
    person = models.ForeignKey("films.Person", on_delete=models.CASCADE, related_name="images")

    upload_folder = "people"

    class Meta(ArchiveImage.Meta):
        ordering = ["position", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
