"""What an uploaded file is, by its first bytes ("magic numbers"), never by its name or the
type the browser claims: a renamed executable is none of these. Case files, the signature pad
and complaint attachments all ask here.

The right first bytes are not yet a readable file: a scan cut off in transfer (`FF D8 FF`, a PNG
signature alone, `%PDF-` alone) starts like one. `content_check` reads the rest: an image is
decoded in full, a PDF must end with its trailer. An image's size is read from its header
before any pixel is decoded: a PNG of 124 KB may claim 32000×32000 pixels (a "decompression
bomb"), which took 51 s and 6 GB of memory to decode. Nothing Paspor takes needs more than
`MAX_IMAGE_SIDE` pixels a side or `MAX_IMAGE_PIXELS` in all: an A4 page scanned at 600 dpi is
4961×7016 (35 megapixels), a 24-megapixel camera's photo 6000×4000; decoded, the largest image
allowed fills 120 MB as colour, against 3 GB for the bomb.

The photo checks (`photo_quality`, plain Python + OpenCV, used outside Django too) share the
size guard: only `content_check` and `image_size_check`, which word the refusal for a person,
import Django, when called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.utils.functional import Promise

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_MAGIC = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (_PNG_MAGIC, PNG))
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}

MAX_IMAGE_SIDE = 8000
MAX_IMAGE_PIXELS = 40_000_000
# A PDF's last bytes hold `%%EOF`; readers look for it in the last 1024 (trailing junk after
# it is common, from mail programs and scanners).
_PDF_TAIL = 1024
# Frame headers (SOF0–SOF15) give a JPEG's size; C4, C8 and CC share the range but are not
# frame headers (Huffman tables, reserved, arithmetic coding).
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_JPEG_BARE = frozenset({0x01, *range(0xD0, 0xD8)})  # markers without a length


def sniff(data: bytes) -> str | None:
    """The content type the bytes start with, or None when none of PDF, JPEG or PNG."""
    for magic, content_type in _MAGIC:
        if data.startswith(magic):
            return content_type
    return None


def content_check(data: bytes, content_type: str) -> None:
    """Refuse (DomainError) an image over the size limits before decoding it, and a file that
    cannot be read to its end. `content_type` is what `sniff` found."""
    from django.utils.translation import gettext as _

    from paspor.lib.errors import DomainError

    if content_type in (JPEG, PNG):
        image_size_check(data)
        readable = image_readable(data)
    else:
        readable = content_type == PDF and pdf_complete(data)
    if not readable:
        raise DomainError(_("Berkas rusak atau tidak lengkap; pindai ulang."), code="file_damaged")


def image_size_check(data: bytes) -> None:
    """Refuse an image whose header claims more pixels than allowed, before any decode."""
    from paspor.lib.errors import DomainError

    too_large = image_too_large(data)
    if too_large is not None:
        message, values = too_large
        raise DomainError(str(message) % values, code="image_too_large")


def image_too_large(data: bytes) -> tuple[Promise, dict[str, int]] | None:
    """The refusal of an image whose header claims more pixels than allowed (a lazy message and
    its values, for a caller that also records it in the office's language); None when it
    fits or gives no size."""
    from django.utils.translation import gettext_lazy as _

    size = image_size(data)
    if size is None or image_fits(size):
        return None
    message = _(
        "Gambar terlalu besar (%(width)s×%(height)s piksel); paling besar %(side)s "
        "piksel per sisi dan %(megapixels)s megapiksel."
    )
    return message, {
        "width": size[0],
        "height": size[1],
        "side": MAX_IMAGE_SIDE,
        "megapixels": MAX_IMAGE_PIXELS // 1_000_000,
    }


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG's or a JPEG's header, without decoding a pixel; None when the
    header is missing or cut short, or gives no size."""
    if data.startswith(_PNG_MAGIC):
        size = _png_size(data)
    elif data.startswith(b"\xff\xd8"):
        size = _jpeg_size(data)
    else:
        return None
    return size if size and min(size) > 0 else None


def image_fits(size: tuple[int, int]) -> bool:
    width, height = size
    return max(width, height) <= MAX_IMAGE_SIDE and width * height <= MAX_IMAGE_PIXELS


def image_readable(data: bytes) -> bool:
    """Whether a PNG or JPEG within the size limits decodes to the end (a cut-off image
    does not); an image over the limits is not decoded and counts as unreadable."""
    size = image_size(data)
    if size is None or not image_fits(size):
        return False
    import cv2
    import numpy as np

    try:
        # Grey: one byte a pixel is enough to know that every pixel is there.
        image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    except cv2.error:
        return False
    return image is not None and image.size > 0


def pdf_complete(data: bytes) -> bool:
    """A PDF that ends as one: `%%EOF` near the end, after a trailer or a cross-reference
    offset (`startxref`). Cut off in transfer, a PDF loses them first."""
    tail = data[-_PDF_TAIL:]
    return b"%%EOF" in tail and (b"startxref" in data or b"trailer" in data)


def _png_size(data: bytes) -> tuple[int, int] | None:
    # The IHDR chunk comes first: length 13, type, width, height (big-endian).
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    return int.from_bytes(data[16:20]), int.from_bytes(data[20:24])


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """The frame header's size, walking the segments after the start marker (the EXIF
    thumbnail inside APP1 is skipped with its segment)."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # a fill byte before a marker
            at += 1
        elif marker in _JPEG_BARE:
            at += 2
        elif marker in (0xD9, 0xDA):  # the end, or pixels before any frame header
            return None
        elif marker in _JPEG_FRAMES:
            if at + 9 > len(data):
                return None
            return int.from_bytes(data[at + 7 : at + 9]), int.from_bytes(data[at + 5 : at + 7])
        else:
            length = int.from_bytes(data[at + 2 : at + 4])
            if length < 2:
                return None
            at += 2 + length
    return None
