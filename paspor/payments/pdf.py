"""Printable PDFs: the billing slip and the payment receipt (bukti pembayaran).

Written in the reader's language, with dates as the pages write them ("7 Desember 2026 10.14
WIB"); text too long for its column continues on the next line.
"""

from __future__ import annotations

import datetime as dt
import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from paspor.lib.clock import moment
from paspor.lib.money import billing_code_grouped, rupiah
from paspor.offices.models import Office
from paspor.payments.instructions import HOW_TO_PAY
from paspor.payments.selectors import PaymentStatusView

LEFT, TOP = 20 * mm, A4[1] - 20 * mm
RIGHT = A4[0] - 20 * mm
VALUE = LEFT + 55 * mm  # the value column of label/value pairs
AMOUNT_COLUMN = 35 * mm  # bill items: the amounts, right-aligned at RIGHT
ASCENT = 0.75  # Helvetica's capitals rise about three quarters of the font size


def office_time(value: dt.datetime, office: Office) -> str:
    """A moment on the office's clock, as the pages write it: "7 Desember 2026 10.14 WIB"
    ("7 December 2026 10:14 WIB" in English)."""
    local = timezone.localtime(value, office.tz)
    return f"{moment(local)} {office.tz_abbreviation}"


def _font(bold: bool) -> str:
    return "Helvetica-Bold" if bold else "Helvetica"


class _Page:
    def __init__(self, title: str) -> None:
        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=A4)
        self.canvas.setTitle(title)
        self.y = TOP

    def _room(self) -> None:
        if self.y < 25 * mm:
            self.canvas.showPage()
            self.y = TOP

    def text(
        self, value: str, *, size: int = 10, bold: bool = False, gap: float = 5.5, indent: float = 0
    ) -> None:
        x = LEFT + indent * mm
        for line in simpleSplit(value.replace("→", ">"), _font(bold), size, RIGHT - x):
            self._room()
            # The line above left room for a 10-point line; a larger one needs its extra
            # ascent, or its glyphs run into that line (the billing code under its label).
            self.y -= max(0, size - 10) * ASCENT
            self.canvas.setFont(_font(bold), size)
            self.canvas.drawString(x, self.y, line)
            self.y -= gap * mm * size / 10

    def pair(self, label: str, value: str, *, bold: bool = False, gap: float = 5.5) -> None:
        self._room()
        self.canvas.setFont("Helvetica", 10)
        self.canvas.drawString(LEFT, self.y, label)
        for line in simpleSplit(value, _font(bold), 10, RIGHT - VALUE):
            self._room()
            self.canvas.setFont(_font(bold), 10)
            self.canvas.drawString(VALUE, self.y, line)
            self.y -= gap * mm

    def amount_row(self, label: str, amount: str, *, bold: bool = False, gap: float = 5.5) -> None:
        """A label on the left and an amount right-aligned at the margin, as on a bill."""
        lines = simpleSplit(label, _font(bold), 10, RIGHT - AMOUNT_COLUMN - LEFT)
        for number, line in enumerate(lines):
            self._room()
            self.canvas.setFont(_font(bold), 10)
            self.canvas.drawString(LEFT, self.y, line)
            if number == 0:
                self.canvas.drawRightString(RIGHT, self.y, amount)
            self.y -= gap * mm

    def rule(self) -> None:
        self.canvas.setLineWidth(0.5)
        self.canvas.line(LEFT, self.y + 3.5 * mm, RIGHT, self.y + 3.5 * mm)

    def space(self, millimetres: float = 4) -> None:
        self.y -= millimetres * mm

    def done(self) -> bytes:
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()


def _header(page: _Page, view: PaymentStatusView, title: str) -> None:
    case = view.case
    page.text(case.office.name, size=11, bold=True)
    page.text(title, size=16, bold=True, gap=8)
    page.pair(_("Nomor permohonan"), case.code)
    page.pair(_("Nama pemohon"), case.full_name)


def _items(page: _Page, view: PaymentStatusView) -> None:
    """The bill as the page's table shows it: item and legal basis, amount, then the total."""
    page.space()
    page.text(_("Rincian tagihan"), bold=True)
    page.amount_row(_("Uraian"), _("Jumlah"), bold=True)
    for item in view.items:
        page.amount_row(item.label, rupiah(item.amount), gap=3.5)
        page.text(item.legal_basis, size=7, gap=7)
    if view.bill is not None:
        page.space(1)
        page.rule()
        page.amount_row(_("Total"), rupiah(view.bill.total), bold=True)


def billing_slip_pdf(view: PaymentStatusView) -> bytes:
    assert view.code is not None
    office = view.case.office
    page = _Page(_("Slip pembayaran PNBP"))
    _header(page, view, _("Slip pembayaran PNBP paspor"))
    page.space()
    page.text(_("Kode billing"), size=10)
    page.text(billing_code_grouped(view.code.code), size=22, bold=True, gap=8)
    page.pair(_("Jumlah yang harus dibayar"), rupiah(view.code.amount), bold=True)
    page.pair(_("Berlaku sampai"), office_time(view.code.expires_at, office))
    _items(page, view)
    page.space()
    page.text(_("Cara membayar"), bold=True)
    for how in HOW_TO_PAY:
        page.text(str(how.method.label), bold=True)
        for number, step in enumerate(how.steps, start=1):
            page.text(f"{number}. {step}", size=9, indent=4)
    page.space()
    page.text(
        _("Bayar tepat sejumlah tagihan. Kode yang kedaluwarsa dapat diganti di halaman status."),
        size=9,
    )
    return page.done()


def receipt_pdf(view: PaymentStatusView) -> bytes:
    payment = view.payment
    assert payment is not None
    office = view.case.office
    page = _Page(_("Bukti pembayaran"))
    _header(page, view, _("Bukti pembayaran PNBP paspor"))
    page.space()
    page.pair("NTPN", payment.ntpn, bold=True)
    page.pair("NTB", payment.ntb or "-")
    page.pair(_("Kode billing"), billing_code_grouped(payment.billing_code_text))
    page.pair(_("Saluran"), f"{payment.channel.name} ({payment.get_method_display()})")
    page.pair(_("Dibayar pada"), office_time(payment.paid_at, office))
    page.pair(_("Jumlah dibayar"), rupiah(payment.amount), bold=True)
    _items(page, view)
    if view.case.due_date:
        page.space()
        page.pair(
            _("Janji selesai"), formats.date_format(view.case.due_date, "l, j F Y"), bold=True
        )
    page.space()
    page.text(_("Bawa bukti ini dan KTP saat mengambil paspor."), size=9)
    return page.done()
