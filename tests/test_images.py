"""
Posters, stills and photos uploaded through the admin: good files are
cleaned and resized, bad ones refused with a message and nothing kept.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils.html import escape
from PIL import Image

from films.models import Film, FilmImage, Person, PersonImage
from tests.admin_forms import posted_back
from tests.factories import admin_url, make_film, make_film_image, make_person, make_person_image
from tests.image_files import (
    GPS_IFD,
    SVG,
    compressed_bomb,
    photo_with_exif,
    picture,
    png_claiming,
    truncated_jpeg,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(folder):
    return sorted(
        path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()
    )


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def image_row(prefix, file, **fields):
    row = {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-0-image": file,
        f"{prefix}-0-alt_text": "Two boys at a fence",
        f"{prefix}-0-source": "Press kit, 2008",
        f"{prefix}-0-position": "1",
    }
    if prefix == "images" and "kind" not in fields:
        row[f"{prefix}-0-kind"] = "poster"
    row.update({f"{prefix}-0-{name}": value for name, value in fields.items()})
    return row


def post_film_image(client, film, file, **fields):
    url = admin_url(Film, "change", film.pk)
    return client.post(url, posted_back(client.get(url), **image_row("images", file, **fields)))


BAD_UPLOADS = {
    "too large": (
        lambda: upload("huge.jpg", b"\xff\xd8" + b"\x00" * (10 * 1024 * 1024)),
        "the limit is 10.0",
    ),
    "too many pixels": (
        lambda: upload("big.png", png_claiming(7_000, 7_000)),
        "The image is 7000 × 7000 pixels; the limit is 40 megapixels.",
    ),
    "decompression bomb": (
        lambda: upload("bomb.png", compressed_bomb()),
        "decompression bomb",
    ),
    "truncated": (
        lambda: upload("cut.jpg", truncated_jpeg()),
        "The image is damaged or incomplete",
    ),
    "content not what the name says": (
        lambda: upload("poster.jpg", picture(image_format="PNG")),
        "The file is a PNG image but its name ends in “.jpg”",
    ),
    "not an image": (
        lambda: upload("poster.png", b"GIF89a... or rather, just text"),
        "This file is not a JPEG, PNG or WebP image that can be read",
    ),
    "svg": (lambda: upload("logo.svg", SVG, "image/svg+xml"), "SVG files are not accepted"),
    "svg named png": (lambda: upload("logo.png", SVG), "SVG files are not accepted"),
    "gif": (
        lambda: upload("anim.gif", picture(image_format="GIF")),
        "“.gif” files are not accepted",
    ),
}


@pytest.mark.parametrize("case", BAD_UPLOADS)
def test_a_bad_film_image_is_refused_with_a_message_and_nothing_kept(editor_client, media, case):
    make_upload, message = BAD_UPLOADS[case]
    film = make_film()
    response = post_film_image(editor_client, film, make_upload())
    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    assert not FilmImage.objects.exists()
    assert stored_files(media) == []


@pytest.mark.parametrize("case", ["svg", "truncated", "too many pixels"])
def test_a_bad_person_photo_is_refused_with_a_message_and_nothing_kept(curator_client, media, case):
    make_upload, message = BAD_UPLOADS[case]
    person = make_person()
    url = admin_url(Person, "change", person.pk)
    data = posted_back(curator_client.get(url), **image_row("images", make_upload()))
    response = curator_client.post(url, data)
    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    assert not PersonImage.objects.exists()
    assert stored_files(media) == []


def test_a_good_image_without_alt_text_is_refused_and_nothing_kept(curator_client, media):
    film = make_film()
    file = upload("poster.png", picture(image_format="PNG"))
    response = post_film_image(curator_client, film, file, alt_text="")
    assert response.status_code == 200
    assert not FilmImage.objects.exists()
    assert stored_files(media) == []


def test_a_poster_is_turned_stripped_and_resized_on_upload(curator_client, media):
    film = make_film()
    file = upload("Poster Scan.JPG", photo_with_exif(size=(1600, 800), orientation=6))
    response = post_film_image(curator_client, film, file, caption="Korean poster")
    assert response.status_code == 302
    poster = Film.objects.get().poster_image
    assert (poster.width, poster.height) == (800, 1600)
    assert poster.image.name.startswith("images/films/")
    assert poster.image.name.endswith(".jpg")
    with Image.open(io.BytesIO(poster.image.read())) as stored:
        assert stored.size == (800, 1600)
        assert not stored.getexif().get_ifd(GPS_IFD)
        assert "exif" not in stored.info
    assert [(r.width, r.height) for r in poster.rendition_list] == [
        (320, 640),
        (640, 1280),
        (800, 1600),
    ]
    assert len(stored_files(media)) == 3
    assert poster.srcset == ", ".join(f"{r.url} {r.width}w" for r in poster.rendition_list)
    assert "320w" in poster.srcset and "800w" in poster.srcset
    assert poster.src == poster.rendition_list[1].url


def test_a_person_photo_is_uploaded_with_its_credit(curator_client, media):
    person = make_person()
    url = admin_url(Person, "change", person.pk)
    file = upload("cha.webp", picture((900, 1200), image_format="WEBP"))
    data = posted_back(curator_client.get(url), **image_row("images", file, credit="Big House"))
    assert curator_client.post(url, data).status_code == 302
    photo = Person.objects.get().photo_image
    assert (photo.credit, photo.image.name[-5:]) == ("Big House", ".webp")
    assert [r.width for r in photo.rendition_list] == [320, 640, 900]


def test_stills_and_posters_are_told_apart(media):
    film = make_film()
    still = make_film_image(film=film, kind="still", position=2)
    first_still = make_film_image(film=film, kind="still", position=1)
    poster = make_film_image(film=film, kind="poster")
    assert film.poster_image == poster
    assert film.stills == [first_still, still]


def test_renditions_are_made_for_images_stored_without_them(media):
    (media / "images" / "people").mkdir(parents=True)
    (media / "images" / "people" / "old.png").write_bytes(picture((1000, 500)))
    photo = make_person_image(image="images/people/old.png")
    assert (photo.renditions, photo.width) == ([], 0)
    call_command("make_renditions", stdout=io.StringIO())
    photo.refresh_from_db()
    assert (photo.width, photo.height) == (1000, 500)
    assert [r.width for r in photo.rendition_list] == [320, 640, 1000]


def test_the_image_admin_pages_answer(admin_client, media):
    image = make_film_image()
    assert admin_client.get(admin_url(FilmImage, "changelist")).status_code == 200
    response = admin_client.get(admin_url(FilmImage, "change", image.pk))
    assert response.status_code == 200
    assert image.rendition_list[0].url in response.content.decode()
