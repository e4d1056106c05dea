"""
Image files for the upload tests, good and bad, made in memory.
"""

import io
import struct
import zlib

from PIL import Image

SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>"
)
# EXIF tags: Orientation, and the GPS block with a latitude.
ORIENTATION = 0x0112
GPS_IFD = 0x8825


def picture(size=(800, 600), image_format="PNG", mode="RGB", **save_options):
    """A picture of `size`, left half red and right half blue (so turning it shows)."""
    image = Image.new(mode, size, "red" if mode != "1" else 0)
    if mode == "RGB":
        image.paste("blue", (size[0] // 2, 0, size[0], size[1]))
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **save_options)
    return buffer.getvalue()


def photo_with_exif(size=(400, 200), orientation=6):
    """A JPEG whose EXIF says to turn it a quarter clockwise and where it was taken."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD)[2] = (37.0, 30.0, 0.0)  # GPSLatitude
    return picture(size, "JPEG", exif=exif.tobytes())


def png_claiming(width, height):
    """
    A tiny PNG whose header claims `width` × `height` pixels: what a
    decompression bomb looks like before it is decoded.
    """

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def compressed_bomb():
    """A real, valid PNG of 12,000 × 12,000 pixels in a few kilobytes."""
    return picture((12_000, 12_000), "PNG", mode="1")


def truncated_jpeg():
    data = picture((400, 300), "JPEG", quality=95)
    return data[: len(data) // 2]


def truncated_png():
    data = picture((400, 300), "PNG")
    return data[: len(data) // 2]
