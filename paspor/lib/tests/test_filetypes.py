"""A file must be readable to its end, not only start with the right bytes: a scan cut off in
transfer starts like a PDF, a JPEG or a PNG and opens as nothing."""

import cv2
import numpy as np
import pytest

from paspor.lib.errors import DomainError
from paspor.lib.filetypes import content_check, pdf_complete, sniff

# The smallest PDFs a scanner or a PDF library writes end like these: a trailer (PDF 1.4) or a
# cross-reference stream found by `startxref` (PDF 1.5+), then %%EOF.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PDF_XREF_STREAM = b"%PDF-1.7\n1 0 obj<<>>endobj\nstartxref\n9\n%%EOF"


def _image(ext: str) -> bytes:
    noise = np.random.default_rng(7).integers(0, 256, (96, 128, 3), dtype=np.uint8)
    ok, encoded = cv2.imencode(ext, noise)
    assert ok
    return encoded.tobytes()


JPEG, PNG = _image(".jpg"), _image(".png")


@pytest.mark.parametrize(
    "data",
    [
        JPEG,
        PNG,
        PDF,
        PDF_XREF_STREAM,
        PDF + b"\r\n\x00" * 20,  # junk after %%EOF, as mail programs add
    ],
)
def test_a_whole_file_passes(data):
    content_check(data, sniff(data) or "")


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xd8\xff",
        b"\x89PNG\r\n\x1a\n",
        b"%PDF-",
        b"%PDF-1.7\n<html>not a pdf</html>",
        JPEG[: len(JPEG) // 2],
        JPEG[:-2],  # without its end marker
        PNG[: len(PNG) // 2],
        PDF[: len(PDF) // 2],
        b"\xff\xd8\xff\xe0" + b"\x00" * 32,
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
    ],
    ids=[
        "jpeg-marker",
        "png-signature",
        "pdf-magic",
        "pdf-html",
        "half-jpeg",
        "jpeg-no-end",
        "half-png",
        "half-pdf",
        "jpeg-zeros",
        "png-zeros",
    ],
)
def test_a_cut_off_or_unreadable_file_is_refused(data):
    with pytest.raises(DomainError) as no:
        content_check(data, sniff(data) or "")
    assert no.value.code == "file_damaged"
    assert no.value.message == "Berkas rusak atau tidak lengkap; pindai ulang."


def test_a_png_header_claiming_a_large_image_without_data_is_refused():
    header = PNG[:16] + (30000).to_bytes(4) + (30000).to_bytes(4) + PNG[24:33]
    with pytest.raises(DomainError):
        content_check(header, "image/png")


def test_a_pdf_needs_its_end_marker_near_the_end():
    assert pdf_complete(PDF)
    assert not pdf_complete(PDF + b"x" * 2000)
    assert not pdf_complete(b"%PDF-1.4\n%%EOF")  # no trailer nor cross-reference
