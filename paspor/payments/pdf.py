"""Printable PDFs: the billing slip and the payment receipt (bukti pembayaran)."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from paspor.payments.instructions import HOW_TO_PAY
from paspor.payments.selectors import PaymentStatusView
from paspor.payments.services import rupiah

LEFT, TOP = 20 * mm, A4[1] - 20 * mm
ASCENT = 0.75  # Helvetica's capitals rise about three quarters of the font size


class _Page:
    def __init__(self, title: str) -> None:
        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=A4)
        self.canvas.setTitle(title)
        self.y = TOP

    def text(
        self, value: str, *, size: int = 10, bold: bool = False, gap: float = 5.5, indent: float = 0
    ) -> None:
        if self.y < 25 * mm:
            self.canvas.showPage()
            self.y = TOP
        # The line above left room for a 10-point line; a larger one needs its extra ascent,
        # or its glyphs run into that line (the billing code under its label).
        self.y -= max(0, size - 10) * ASCENT
        self.canvas.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        self.canvas.drawString(LEFT + indent * mm, self.y, value.replace("→", ">"))
        self.y -= gap * mm * size / 10

    def pair(self, label: str, value: str, *, bold: bool = False, gap: float = 5.5) -> None:
        self.canvas.setFont("Helvetica", 10)
        self.canvas.drawString(LEFT, self.y, label)
        self.canvas.setFont("Helvetica-Bold" if bold else "Helvetica", 10)
        self.canvas.drawString(LEFT + 55 * mm, self.y, value)
        self.y -= gap * mm

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
    page.space()
    page.text(_("Rincian tagihan"), bold=True)
    for item in view.items:
        page.pair(rupiah(item.amount), item.description, gap=3.5)
        page.text(item.legal_basis[:110], size=7, gap=7, indent=55)
    if view.bill is not None:
        page.pair(_("Jumlah"), rupiah(view.bill.total), bold=True)


def billing_slip_pdf(view: PaymentStatusView) -> bytes:
    assert view.code is not None
    tz = view.case.office.tz
    page = _Page(_("Slip pembayaran PNBP"))
    _header(page, view, _("Slip pembayaran PNBP paspor"))
    page.space()
    page.text(_("Kode billing"), size=10)
    page.text(
        " ".join(view.code.code[i : i + 5] for i in range(0, 15, 5)), size=22, bold=True, gap=8
    )
    page.pair(_("Jumlah yang harus dibayar"), rupiah(view.code.amount), bold=True)
    expires = timezone.localtime(view.code.expires_at, tz)
    page.pair(_("Berlaku sampai"), f"{expires:%d-%m-%Y %H:%M} {view.case.office.tz_abbreviation}")
    _items(page, view)
    page.space()
    page.text(_("Cara membayar"), bold=True)
    for how in HOW_TO_PAY:
        page.text(str(how.method.label), bold=True)
        for number, step in enumerate(how.steps, start=1):
            page.text(f"  {number}. {step}", size=9)
    page.space()
    page.text(
        _("Bayar tepat sejumlah tagihan. Kode yang kedaluwarsa dapat diganti di halaman status."),
        size=9,
    )
    return page.done()


def receipt_pdf(view: PaymentStatusView) -> bytes:
    payment = view.payment
    assert payment is not None
    tz = view.case.office.tz
    page = _Page(_("Bukti pembayaran"))
    _header(page, view, _("Bukti pembayaran PNBP paspor"))
    page.space()
    page.pair("NTPN", payment.ntpn, bold=True)
    page.pair("NTB", payment.ntb or "-")
    page.pair(_("Kode billing"), payment.billing_code_text)
    page.pair(_("Saluran"), f"{payment.channel.name} ({payment.get_method_display()})")
    paid = timezone.localtime(payment.paid_at, tz)
    page.pair(_("Dibayar pada"), f"{paid:%d-%m-%Y %H:%M} {view.case.office.tz_abbreviation}")
    page.pair(_("Jumlah dibayar"), rupiah(payment.amount), bold=True)
    _items(page, view)
    if view.case.due_date:
        page.space()
        page.pair(_("Janji selesai"), f"{view.case.due_date:%d-%m-%Y}", bold=True)
    page.space()
    page.text(_("Bawa bukti ini dan KTP saat mengambil paspor."), size=9)
    return page.done()
