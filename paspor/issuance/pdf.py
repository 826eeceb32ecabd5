"""The data-page preview: a PDF the size of a TD3 data page (125 × 88 mm, ICAO Doc 9303 part 4).

The MRZ is set at 10 characters per inch, as Doc 9303 part 3 asks: Courier-Bold at 12 pt has an
advance of exactly 0.1 inch, a monospaced stand-in for OCR-B. A deployment with an OCR-B
TrueType file sets ISSUANCE_MRZ_FONT to its path and the preview uses it (reportlab reads
TrueType outlines only, not the PostScript-flavoured .otf some distributions ship). Outside
production every page carries a SPECIMEN watermark.
"""

from __future__ import annotations

import io
import logging
from functools import cache

from django.conf import settings
from reportlab.lib.colors import Color, HexColor, black
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from paspor.issuance.conf import issuance_config
from paspor.issuance.models import Passport
from paspor.issuance.photos import case_print_photo

logger = logging.getLogger(__name__)

PAGE_WIDTH, PAGE_HEIGHT = 125 * mm, 88 * mm
MRZ_FALLBACK_FONT = "Courier-Bold"
MRZ_FONT_SIZE = 12  # pt: 0.6 em advance × 12 pt = 7.2 pt = 0.1 inch, 10 characters per inch
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MEI", "JUN", "JUL", "AGU", "SEP", "OKT", "NOV", "DES")
_MONTHS_EN = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


@cache
def _registered_font(path: str) -> str:
    if not path:
        return MRZ_FALLBACK_FONT
    try:
        pdfmetrics.registerFont(TTFont("MRZ-OCRB", path))
    except Exception:  # an unreadable or non-TrueType file must not stop printing
        logger.warning("MRZ font %s unusable; using %s", path, MRZ_FALLBACK_FONT)
        return MRZ_FALLBACK_FONT
    return "MRZ-OCRB"


def mrz_font() -> str:
    return _registered_font(issuance_config().mrz_font_path)


def _date(value: object) -> str:
    import datetime as dt

    assert isinstance(value, dt.date)
    month_id, month_en = _MONTHS[value.month - 1], _MONTHS_EN[value.month - 1]
    month = month_id if month_id == month_en else f"{month_id}/{month_en}"
    return f"{value.day:02d} {month} {value.year}"


def _field(
    canvas: Canvas, x: float, y: float, label: str, value: str, width: float = 40 * mm
) -> None:
    canvas.setFont("Helvetica", 5.2)
    canvas.setFillColor(HexColor("#3a4a5a"))
    canvas.drawString(x, y + 3.2 * mm, label)
    # A long value (a long name) is set smaller until it fits, never cut.
    size = 7.5
    while size > 4.5 and pdfmetrics.stringWidth(value, "Helvetica-Bold", size) > width:
        size -= 0.25
    canvas.setFont("Helvetica-Bold", size)
    canvas.setFillColor(black)
    canvas.drawString(x, y, value)


def _photo(canvas: Canvas, passport: Passport) -> None:
    x, y, width, height = 6 * mm, 30 * mm, 32 * mm, 42 * mm
    data = case_print_photo(passport.case)
    if data:
        try:
            canvas.drawImage(
                ImageReader(io.BytesIO(data)), x, y, width, height, preserveAspectRatio=True
            )
            return
        except Exception:  # a damaged image shows the placeholder instead
            logger.warning("photo of case %s not drawable", passport.case.code)
    canvas.setStrokeColor(HexColor("#8899aa"))
    canvas.setFillColor(HexColor("#eef2f6"))
    canvas.rect(x, y, width, height, fill=1)
    canvas.setFillColor(HexColor("#55606b"))
    canvas.setFont("Helvetica-Bold", 7)
    # Bilingual, as every label of the page.
    canvas.drawCentredString(x + width / 2, y + height / 2 + 3 * mm, "FOTO / PHOTO")
    canvas.setFont("Helvetica", 5)
    canvas.drawCentredString(x + width / 2, y + height / 2 - 1 * mm, "belum tersedia /")
    canvas.drawCentredString(x + width / 2, y + height / 2 - 3.5 * mm, "not yet available")


def _header(canvas: Canvas, passport: Passport) -> None:
    canvas.setFillColor(HexColor("#0b5563"))
    canvas.rect(0, PAGE_HEIGHT - 10 * mm, PAGE_WIDTH, 10 * mm, fill=1, stroke=0)
    canvas.setFillColor(HexColor("#ffffff"))
    canvas.setFont("Helvetica-Bold", 8)
    canvas.drawString(6 * mm, PAGE_HEIGHT - 6.5 * mm, "REPUBLIK INDONESIA / REPUBLIC OF INDONESIA")
    canvas.drawRightString(PAGE_WIDTH - 6 * mm, PAGE_HEIGHT - 6.5 * mm, "PASPOR / PASSPORT")


def visual_name(passport: Passport) -> str:
    """The name of the data page's visual zone: the MRZ's own source, the identifiers stored
    when the page was fixed, so both zones name the holder alike — titles and degrees left out
    (Doc 9303 part 3 §4.6; STANDARDS.md §1). In reading order, given names (secondary
    identifier) first, as the single "Nama Lengkap" field of Indonesian passports reads."""
    words = (passport.secondary_identifier, passport.primary_identifier)
    return " ".join(word.strip() for word in words if word.strip()).upper()


def _fields(canvas: Canvas, passport: Passport) -> None:
    left, middle = 42 * mm, 84 * mm
    top = PAGE_HEIGHT - 17 * mm
    step = 7.2 * mm
    _field(canvas, left, top, "Jenis/Type", passport.document_code.replace("<", ""))
    _field(canvas, left + 16 * mm, top, "Kode Negara/Country Code", "IDN")
    _field(canvas, middle, top, "No. Paspor/Passport No.", passport.passport_number)
    _field(canvas, left, top - step, "Nama Lengkap/Full Name", visual_name(passport), 78 * mm)
    _field(canvas, left, top - 2 * step, "Jenis Kelamin/Sex", passport.sex)
    _field(canvas, middle, top - 2 * step, "Kewarganegaraan/Nationality", "INDONESIA")
    _field(canvas, left, top - 3 * step, "Tanggal Lahir/Date of Birth", _date(passport.birth_date))
    _field(
        canvas,
        middle,
        top - 3 * step,
        "Tempat Lahir/Place of Birth",
        passport.birth_place.upper()[:22],
    )
    _field(
        canvas, left, top - 4 * step, "Tgl. Pengeluaran/Date of Issue", _date(passport.issue_date)
    )
    _field(
        canvas,
        middle,
        top - 4 * step,
        "Tgl. Habis Berlaku/Date of Expiry",
        _date(passport.expiry_date),
    )
    office = passport.case.office.name.upper()
    _field(canvas, left, top - 5 * step, "Kantor yang Mengeluarkan/Issuing Office", office, 78 * mm)


def _mrz(canvas: Canvas, passport: Passport) -> None:
    canvas.setFillColor(HexColor("#ffffff"))
    canvas.rect(0, 0, PAGE_WIDTH, 23.2 * mm, fill=1, stroke=0)  # the MRZ's clear band
    canvas.setFillColor(black)
    canvas.setFont(mrz_font(), MRZ_FONT_SIZE)
    left = (PAGE_WIDTH - 44 * 2.54 * mm) / 2
    canvas.drawString(left, 12.6 * mm, passport.mrz_line1)
    canvas.drawString(left, 5.8 * mm, passport.mrz_line2)


def _watermark(canvas: Canvas) -> None:
    canvas.saveState()
    canvas.setFillColor(Color(0.8, 0.1, 0.1, alpha=0.28))
    canvas.setFont("Helvetica-Bold", 40)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2 + 4 * mm)
    canvas.rotate(18)
    canvas.drawCentredString(0, 0, "SPECIMEN")
    canvas.restoreState()


def data_page_pdf(passport: Passport) -> bytes:
    """The preview of the passport's data page as PDF bytes."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=0)
    canvas.setTitle(f"Halaman data paspor {passport.passport_number}")
    canvas.setFillColor(HexColor("#f3f7f2"))
    canvas.rect(0, 0, PAGE_WIDTH, PAGE_HEIGHT, fill=1, stroke=0)
    _header(canvas, passport)
    _photo(canvas, passport)
    _fields(canvas, passport)
    _mrz(canvas, passport)
    if not settings.PRODUCTION:
        _watermark(canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
