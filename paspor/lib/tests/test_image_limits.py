"""An image's size is read from its header and refused before a pixel is decoded: a small PNG
may claim a gigapixel (a "decompression bomb"), which took 51 s and 6 GB to decode."""

import struct
import zlib

import cv2
import numpy as np
import pytest

from paspor.lib import photo_quality
from paspor.lib.errors import DomainError
from paspor.lib.filetypes import (
    MAX_IMAGE_PIXELS,
    MAX_IMAGE_SIDE,
    content_check,
    image_fits,
    image_size,
    image_size_check,
)


def _chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def bomb_png(width: int = 32000, height: int = 32000) -> bytes:
    """A 1-bit PNG whose header claims `width`×`height`; only a few rows of data follow (the
    guard must refuse it on the header, so the rest never matters)."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = (b"\x00" + b"\x00" * ((width + 7) // 8)) * 4
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows))
        + _chunk(b"IEND", b"")
    )


def jpeg(width: int = 64, height: int = 48) -> bytes:
    ok, encoded = cv2.imencode(".jpg", np.full((height, width, 3), 200, np.uint8))
    assert ok
    return encoded.tobytes()


def forged_jpeg(width: int, height: int) -> bytes:
    """A real JPEG whose frame header (SOF0) claims another size."""
    data = bytearray(jpeg())
    at = data.index(b"\xff\xc0")
    data[at + 5 : at + 9] = struct.pack(">HH", height, width)
    return bytes(data)


@pytest.fixture
def no_decoding(monkeypatch):
    """Decoding fails the test: the guard refuses on the header alone."""

    def refuse(*args, **kwargs):
        raise AssertionError("decoded although the header was over the limit")

    monkeypatch.setattr(cv2, "imdecode", refuse)


def test_the_size_is_read_from_the_header_of_a_png_and_a_jpeg():
    assert image_size(bomb_png(32000, 31000)) == (32000, 31000)
    assert image_size(jpeg(64, 48)) == (64, 48)
    assert image_size(forged_jpeg(9000, 20)) == (9000, 20)


def test_a_jpegs_exif_thumbnail_does_not_hide_the_frames_size():
    exif_thumbnail = jpeg(8, 8)
    app1 = b"Exif\x00\x00" + exif_thumbnail
    main = jpeg(640, 480)
    data = main[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + main[2:]
    assert image_size(data) == (640, 480)


@pytest.mark.parametrize(
    ("size", "fits"),
    [
        ((MAX_IMAGE_SIDE, MAX_IMAGE_PIXELS // MAX_IMAGE_SIDE), True),  # 8000×5000
        ((4961, 7016), True),  # A4 at 600 dpi
        ((MAX_IMAGE_SIDE + 1, 10), False),
        ((7000, 7000), False),  # 49 megapixels
        ((32000, 32000), False),
    ],
)
def test_the_limits_are_a_side_and_a_pixel_count(size, fits):
    assert image_fits(size) is fits


def test_a_png_claiming_a_gigapixel_is_refused_before_decoding(no_decoding):
    with pytest.raises(DomainError, match="Gambar terlalu besar") as refused:
        content_check(bomb_png(), "image/png")
    assert refused.value.code == "image_too_large"
    assert "32000×32000 piksel" in refused.value.message
    assert "paling besar 8000 piksel per sisi dan 40 megapiksel" in refused.value.message


def test_a_jpeg_claiming_too_many_pixels_is_refused_before_decoding(no_decoding):
    with pytest.raises(DomainError, match="Gambar terlalu besar"):
        image_size_check(forged_jpeg(9000, 6000))


def test_the_photo_checks_do_not_decode_a_bomb(no_decoding):
    report = photo_quality.check_photo(bomb_png())
    assert [check.code for check in report.checks] == ["readable"]
    with pytest.raises(ValueError):
        photo_quality.make_thumbnail(bomb_png())
