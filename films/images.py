"""
Checks and prepares an uploaded image with Pillow alone (no Django), so that
what reaches the archive's storage is a plain, known-good picture.

An upload is refused unless it is a JPEG, PNG or WebP file that Pillow decodes
in full, whose content matches its file name, within the size and pixel
limits. An accepted image is turned the way its EXIF orientation says, then
encoded again without its metadata (EXIF with camera and location, XMP,
comments), and resized copies are made for `srcset`.
"""

import io
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
RENDITION_WIDTHS = (320, 640, 1280)

# Pillow format name -> the file name extensions it may carry.
EXTENSIONS = {
    "JPEG": (".jpg", ".jpeg"),
    "PNG": (".png",),
    "WEBP": (".webp",),
}
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
SAVE_OPTIONS = {
    "JPEG": {"quality": 88, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 85, "method": 4},
}


class ImageRejected(ValueError):
    """
    Why an upload was refused: `code` names the reason, `params` fill its
    message. The codes: too_large, extension, not_an_image, svg, truncated,
    too_many_pixels, decompression_bomb, format_mismatch.
    """

    def __init__(self, code, **params):
        super().__init__(code, params)
        self.code = code
        self.params = params


@dataclass
class Rendition:
    width: int
    height: int
    content: bytes


@dataclass
class PreparedImage:
    format: str
    extension: str
    width: int
    height: int
    content: bytes

    @property
    def content_type(self):
        return CONTENT_TYPES[self.format]


def accepted_extensions():
    return [extension for extensions in EXTENSIONS.values() for extension in extensions]


def prepare(data, filename):
    """
    The upload `data` (bytes) named `filename`, checked and cleaned; raises
    ImageRejected when it may not enter the archive.
    """
    if len(data) > MAX_BYTES:
        raise ImageRejected("too_large", size=len(data), limit=MAX_BYTES)
    extension = PurePath(filename).suffix.lower()
    if looks_like_svg(data):
        raise ImageRejected("svg")
    if extension not in accepted_extensions():
        raise ImageRejected("extension", extension=extension or filename)
    image_format = check(data)
    if extension not in EXTENSIONS[image_format]:
        raise ImageRejected("format_mismatch", format=image_format, extension=extension)
    image = decode(data)
    icc_profile = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    return PreparedImage(
        format=image_format,
        extension=EXTENSIONS[image_format][0],
        width=image.width,
        height=image.height,
        content=encode(image, image_format, icc_profile),
    )


def make_renditions(data, widths=RENDITION_WIDTHS):
    """
    The width, height and smaller copies of an image already accepted by
    prepare(), whose orientation is already applied.
    """
    with Image.open(io.BytesIO(data), formats=list(EXTENSIONS)) as image:
        image.load()
        copies = renditions(image, image.format, widths, image.info.get("icc_profile"))
        return image.width, image.height, copies


def looks_like_svg(data):
    # SVG is XML text: a script inside it would run on the archive's domain.
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in head


def check(data):
    """
    The Pillow format of `data` once its header and structure check out,
    before any pixel is decoded.
    """
    with warnings.catch_warnings():
        # Pillow warns above its own limit (about 89 megapixels) and raises
        # above twice that; both are refusals here. The pixel check below
        # refuses such files anyway, should another thread change the
        # warning filters meanwhile.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=list(EXTENSIONS)) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise ImageRejected(
                        "too_many_pixels",
                        width=image.width,
                        height=image.height,
                        limit=MAX_PIXELS,
                    )
                image_format = image.format
                image.verify()
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
            raise ImageRejected("decompression_bomb") from error
        except UnidentifiedImageError as error:
            raise ImageRejected("not_an_image") from error
        except (OSError, SyntaxError, ValueError, EOFError) as error:
            if isinstance(error, ImageRejected):
                raise
            raise ImageRejected("truncated") from error
    return image_format


def decode(data):
    """Every pixel of `data`: verify() does not decode, and a cut-off file fails only here."""
    try:
        with Image.open(io.BytesIO(data), formats=list(EXTENSIONS)) as image:
            image.load()
            # Only the first frame of an animation is kept.
            return image.copy()
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ImageRejected("truncated") from error


def encode(image, image_format, icc_profile=None):
    """
    `image` encoded afresh: only pixels, transparency and the colour profile
    are written (the profile is how the colours look, not information about
    the photograph).
    """
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    elif image_format in ("PNG", "WEBP") and image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    else:
        image = image.copy()
    # Some encoders fall back to what the decoder read (EXIF, XMP, text).
    image.info = {key: value for key, value in image.info.items() if key == "transparency"}
    options = dict(SAVE_OPTIONS[image_format])
    if icc_profile:
        options["icc_profile"] = icc_profile
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def renditions(image, image_format, widths=RENDITION_WIDTHS, icc_profile=None):
    """Copies of `image` at each width narrower than it, in its own format."""
    if image.mode == "P":
        image = image.convert("RGBA")
    result = []
    for width in sorted(set(widths)):
        if width >= image.width:
            continue
        height = max(1, round(image.height * width / image.width))
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        content = encode(resized, image_format, icc_profile)
        result.append(Rendition(width=width, height=height, content=content))
    return result
