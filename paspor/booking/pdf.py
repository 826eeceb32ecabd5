"""The booking proof as a one-page A4 PDF (reportlab), with the QR drawn as vector squares;
only for a booking that still holds (`services.proof_refusal`).

A value too long for its column (an office address) continues on the next line.
"""

from __future__ import annotations

import io

import segno
from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from paspor.booking.models import Booking, Pool
from paspor.booking.qr import qr_payload
from paspor.booking.selectors import express_terms
from paspor.booking.services import booking_documents, booking_for_child, proof_refusal
from paspor.lib.clock import clock_window
from paspor.lib.money import rupiah


def _qr(pdf: canvas.Canvas, payload: str, *, x: float, y: float, size: float) -> None:
    matrix = segno.make(payload, error="m").matrix
    count = len(matrix) + 8  # four modules of quiet zone each side
    cell = size / count
    pdf.setFillColorRGB(0, 0, 0)
    for row, line in enumerate(matrix):
        for col, dark in enumerate(line):
            if dark:
                pdf.rect(
                    x + (col + 4) * cell, y + size - (row + 5) * cell, cell, cell, stroke=0, fill=1
                )


def _express_rows(booking: Booking) -> list[tuple[str, str]]:
    if booking.pool != Pool.EXPRESS:
        return []
    terms = express_terms(booking.date)
    if terms.amount is None:
        return []
    return [
        (
            _("Biaya percepatan"),
            _(
                "%(fee)s di atas biaya paspor; selesai hari itu bila lunas sebelum %(hour)s, "
                "selain itu hari kerja berikutnya"
            )
            % {"fee": rupiah(terms.amount), "hour": terms.pay_by},
        )
    ]


def proof_pdf(booking: Booking) -> bytes:
    """The proof of a booked or checked-in booking; Conflict (409) for a cancelled, invalid or
    no-show one (`proof_refusal`), whose PDF with its QR code would look as valid as the day
    it was made."""
    refusal = proof_refusal(booking)
    if refusal is not None:
        raise refusal
    office = booking.office
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(f"{_('Bukti booking')} {booking.code}")
    width, height = A4
    left, top = 20 * mm, height - 20 * mm
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(left, top, _("Bukti booking antrean paspor"))
    pdf.setFont("Helvetica", 10)
    pdf.drawString(left, top - 6 * mm, office.name)
    pdf.setFont("Helvetica-Bold", 28)
    pdf.drawString(left, top - 22 * mm, booking.code)
    right = width - 20 * mm
    qr_left, qr_bottom = width - 70 * mm, top - 55 * mm
    _qr(pdf, qr_payload(code=booking.code, nik=booking.nik), x=qr_left, y=qr_bottom, size=50 * mm)
    rows = [
        (_("Nama"), booking.profile.full_name),
        (_("NIK"), booking.nik_masked),
        (_("Tanggal"), formats.date_format(booking.date, "l, j F Y")),
        (
            _("Datang antara"),
            f"{clock_window(booking.window_start, booking.window_end)} {office.tz_abbreviation}",
        ),
        (_("Kuota"), str(booking.get_pool_display())),
        *_express_rows(booking),
        (_("Jenis permohonan"), str(booking.get_application_type_display())),
        (_("Jenis paspor"), str(booking.get_passport_kind_display())),
        (_("Alamat kantor"), f"{office.address}, {office.city}, {office.province}"),
    ]
    y = top - 34 * mm
    value_x = left + 35 * mm
    for label, value in rows:
        pdf.setFont("Helvetica-Bold", 10)
        pdf.drawString(left, y, label)
        pdf.setFont("Helvetica", 10)
        # Beside the QR code a value has less room than below it.
        room = (qr_left - 4 * mm if y + 3 * mm > qr_bottom else right) - value_x
        for number, line in enumerate(simpleSplit(value, "Helvetica", 10, room)):
            if number:
                y -= 4.5 * mm
            pdf.drawString(value_x, y, line)
        y -= 6 * mm
    y -= 4 * mm
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(left, y, _("Dokumen ASLI yang wajib dibawa"))
    pdf.setFont("Helvetica", 10)
    for number, doc in enumerate(booking_documents(booking), start=1):
        y -= 6 * mm
        pdf.drawString(left + 4 * mm, y, f"{number}. {doc.label}")
        if doc.note:
            pdf.setFont("Helvetica-Oblique", 9)
            for line in simpleSplit(str(doc.note), "Helvetica-Oblique", 9, right - left - 9 * mm):
                y -= 5 * mm
                pdf.drawString(left + 9 * mm, y, line)
            pdf.setFont("Helvetica", 10)
    y -= 12 * mm
    pdf.setFont("Helvetica", 9)
    first = (
        _("Pindai kode QR di kios kantor; anak menunjukkan KK dan akta lahir, orang tua KTP-nya.")
        if booking_for_child(booking)
        else _("Pindai kode QR di kios kantor dan tunjukkan KTP; QR hanya berlaku untuk NIK ini.")
    )
    for line in (
        first,
        _("Datang pada jam yang dipilih. Tidak hadir sampai akhir sesi: NIK tidak dapat memesan"),
        _("selama masa blokir. Jadwal ulang satu kali, paling lambat sehari sebelumnya."),
    ):
        pdf.drawString(left, y, line)
        y -= 5 * mm
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
