"""
Moves each film's poster and each person's photo into the image models, with
the same file and description. The files stay where they are; their smaller
copies are made by `manage.py make_renditions`.
"""

from django.db import migrations

# The old fields kept no provenance; this says so instead of inventing one.
UNKNOWN_SOURCE = "Uploaded before image sources were recorded"


def forwards(apps, schema_editor):
    Film = apps.get_model("films", "Film")
    Person = apps.get_model("films", "Person")
    FilmImage = apps.get_model("films", "FilmImage")
    PersonImage = apps.get_model("films", "PersonImage")
    for film in Film.objects.exclude(poster=""):
        FilmImage.objects.create(
            film=film,
            kind="poster",
            image=film.poster.name,
            alt_text=film.poster_alt or film.title,
            source=UNKNOWN_SOURCE,
        )
    for person in Person.objects.exclude(photo=""):
        PersonImage.objects.create(
            person=person,
            image=person.photo.name,
            alt_text=person.photo_alt or person.name,
            source=UNKNOWN_SOURCE,
        )


def backwards(apps, schema_editor):
    Film = apps.get_model("films", "Film")
    Person = apps.get_model("films", "Person")
    FilmImage = apps.get_model("films", "FilmImage")
    PersonImage = apps.get_model("films", "PersonImage")
    for image in FilmImage.objects.filter(kind="poster").order_by("film", "position", "pk"):
        Film.objects.filter(pk=image.film_id, poster="").update(
            poster=image.image.name, poster_alt=image.alt_text
        )
    for image in PersonImage.objects.order_by("person", "position", "pk"):
        Person.objects.filter(pk=image.person_id, photo="").update(
            photo=image.image.name, photo_alt=image.alt_text
        )


class Migration(migrations.Migration):
    dependencies = [
        ("films", "0002_images_and_publish_permission"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
