"""films.images on its own: which uploads it refuses, and what it makes of the others."""

import io

import pytest
from PIL import Image

from films import images
from tests.image_files import (
    GPS_IFD,
    ORIENTATION,
    SVG,
    compressed_bomb,
    photo_with_exif,
    picture,
    png_claiming,
    truncated_jpeg,
    truncated_png,
)


def opened(data):
    return Image.open(io.BytesIO(data))


@pytest.mark.parametrize(
    ("image_format", "name", "extension"),
    [("JPEG", "still.jpeg", ".jpg"), ("PNG", "poster.png", ".png"), ("WEBP", "p.webp", ".webp")],
)
def test_jpeg_png_and_webp_are_accepted_and_encoded_afresh(image_format, name, extension):
    prepared = images.prepare(picture((300, 200), image_format), name)
    assert (prepared.format, prepared.extension) == (image_format, extension)
    assert (prepared.width, prepared.height) == (300, 200)
    with opened(prepared.content) as image:
        assert (image.format, image.size) == (image_format, (300, 200))


def test_the_extension_is_checked_without_regard_to_case():
    assert images.prepare(picture(image_format="JPEG"), "POSTER.JPG").format == "JPEG"


def test_exif_orientation_is_applied():
    prepared = images.prepare(photo_with_exif(size=(400, 200), orientation=6), "photo.jpg")
    assert (prepared.width, prepared.height) == (200, 400)
    with opened(prepared.content) as image:
        # Turned a quarter clockwise, the red left half is now on top.
        red, green, blue = image.convert("RGB").getpixel((100, 20))
        assert red > 200 and blue < 60


def test_metadata_is_stripped():
    prepared = images.prepare(photo_with_exif(), "photo.jpg")
    with opened(prepared.content) as image:
        exif = image.getexif()
        assert ORIENTATION not in exif
        assert not exif.get_ifd(GPS_IFD)
        assert "exif" not in image.info
        assert "xmp" not in image.info


def test_png_text_chunks_are_stripped():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Someone's camera")
    prepared = images.prepare(picture(image_format="PNG", pnginfo=info), "poster.png")
    with opened(prepared.content) as image:
        assert "Author" not in image.info


def test_transparency_is_kept():
    data = picture((40, 40), "PNG", mode="RGBA")
    with opened(images.prepare(data, "logo.png").content) as image:
        assert image.mode == "RGBA"


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"\xff\xd8" + b"\x00" * (images.MAX_BYTES + 1), "huge.jpg", "too_large"),
        (png_claiming(7_000, 7_000), "big.png", "too_many_pixels"),
        (png_claiming(20_000, 20_000), "bomb.png", "decompression_bomb"),
        (png_claiming(10_000, 10_000), "bomb.png", "decompression_bomb"),
        (truncated_jpeg(), "cut.jpg", "truncated"),
        (truncated_png(), "cut.png", "truncated"),
        (picture(image_format="PNG"), "poster.jpg", "format_mismatch"),
        (picture(image_format="JPEG"), "poster.webp", "format_mismatch"),
        (b"Not an image at all.\n", "notes.png", "not_an_image"),
        (SVG, "logo.svg", "svg"),
        (SVG, "logo.png", "svg"),
        (picture(image_format="GIF"), "anim.gif", "extension"),
        (picture(image_format="GIF"), "anim.png", "not_an_image"),
        (picture(image_format="BMP"), "scan.bmp", "extension"),
        (picture(image_format="PNG"), "poster", "extension"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_bad_uploads_are_refused_with_their_reason(data, name, code):
    with pytest.raises(images.ImageRejected) as rejection:
        images.prepare(data, name)
    assert rejection.value.code == code


def test_a_compressed_bomb_is_refused_before_it_is_decoded():
    data = compressed_bomb()
    assert len(data) < 100_000
    with pytest.raises(images.ImageRejected) as rejection:
        images.prepare(data, "bomb.png")
    assert rejection.value.code == "decompression_bomb"


def test_the_pixel_limit_is_40_megapixels():
    assert images.MAX_PIXELS == 40_000_000
    with pytest.raises(images.ImageRejected) as rejection:
        images.check(png_claiming(8_000, 5_001))
    assert rejection.value.params == {"width": 8_000, "height": 5_001, "limit": 40_000_000}


def test_renditions_are_made_at_each_narrower_width():
    width, height, copies = images.make_renditions(picture((1600, 900), "JPEG"))
    assert (width, height) == (1600, 900)
    assert [(copy.width, copy.height) for copy in copies] == [(320, 180), (640, 360), (1280, 720)]
    with opened(copies[0].content) as image:
        assert (image.format, image.size) == ("JPEG", (320, 180))


def test_a_small_image_has_no_renditions():
    assert images.make_renditions(picture((300, 200)))[2] == []
