"""The ticket on paper: a QR code to follow it on a phone, and an 80 mm PDF (reportlab)."""

from __future__ import annotations

import io

import segno
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from paspor.lib.clock import moment
from paspor.queueing.models import Ticket
from paspor.queueing.selectors import TicketView, WaitEstimate

PAPER_WIDTH = 80 * mm
PAPER_HEIGHT = 150 * mm


def qr_svg(url: str) -> str:
    """An inline SVG QR code (no external file, prints sharply at any size).

    With a viewBox and no fixed width and height, so the stylesheet sizes the whole code: with
    fixed sizes the drawing kept its own 4 px per module inside the box, and on the 34 mm printed
    ticket its right and bottom edges were cut off.
    """
    svg: str = segno.make(url, error="m").svg_inline(scale=4, border=2, omitsize=True)
    return svg


def _wait_lines(wait: WaitEstimate | None) -> list[str]:
    """The wait as the ticket card says it (`_wait.html`): never "called shortly" while no
    counter is open at the station."""
    if wait is None:
        return []
    lines = []
    if wait.minutes and not wait.no_counter_open:
        lines.append(_("Perkiraan tunggu: ± %(minutes)s menit") % {"minutes": wait.minutes})
    elif not wait.no_counter_open:
        lines.append(_("Segera dipanggil"))
    if wait.no_counter_open:
        lines.append(_("Belum ada loket yang dibuka untuk pos ini."))
    return lines


def _position_line(view: TicketView) -> list[str]:
    """ "Urutan ke-1 di Penyerahan paspor", as the screen and the printed ticket say it."""
    if view.wait is None or not view.position:
        return []
    return [_("Urutan ke-%(n)s di %(station)s") % {"n": view.position, "station": view.station}]


def ticket_pdf(ticket: Ticket, *, url: str, view: TicketView) -> bytes:
    """One ticket on 80 mm receipt paper."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAPER_WIDTH, PAPER_HEIGHT))
    pdf.setTitle(f"{_('Nomor antrean')} {ticket.display}")
    centre = PAPER_WIDTH / 2
    y = PAPER_HEIGHT - 10 * mm
    pdf.setFont("Helvetica-Bold", 9)
    pdf.drawCentredString(centre, y, ticket.office.name[:48])
    y -= 8 * mm
    pdf.setFont("Helvetica", 9)
    pdf.drawCentredString(centre, y, _("NOMOR ANTREAN"))
    y -= 16 * mm
    pdf.setFont("Helvetica-Bold", 44)
    pdf.drawCentredString(centre, y, ticket.display)
    y -= 8 * mm
    pdf.setFont("Helvetica", 10)
    pdf.drawCentredString(centre, y, str(ticket.service.get_kind_display()))
    if ticket.holder_name:
        y -= 6 * mm
        pdf.setFont("Helvetica-Bold", 10)
        pdf.drawCentredString(centre, y, ticket.holder_name[:40])
    y -= 6 * mm
    pdf.setFont("Helvetica", 8)
    local = ticket.arrived_at.astimezone(ticket.office.tz)
    pdf.drawCentredString(centre, y, f"{moment(local)} {ticket.office.tz_abbreviation}")
    for line in _wait_lines(view.wait) + _position_line(view):
        y -= 5 * mm
        pdf.drawCentredString(centre, y, line)
    qr = segno.make(url, error="m")
    matrix = list(qr.matrix)
    size = 34 * mm
    module = size / len(matrix)
    left, top = centre - size / 2, y - 6 * mm
    for row_index, row in enumerate(matrix):
        for col_index, dark in enumerate(row):
            if dark:
                pdf.rect(
                    left + col_index * module,
                    top - (row_index + 1) * module,
                    module,
                    module,
                    stroke=0,
                    fill=1,
                )
    y = top - size - 5 * mm
    pdf.setFont("Helvetica", 7)
    pdf.drawCentredString(centre, y, _("Pindai untuk memantau antrean di ponsel Anda."))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
