"""The monthly stock report as an XLSX workbook: the summary and every booklet behind it."""

from __future__ import annotations

import io

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font

from paspor.issuance.models import BookletKind
from paspor.issuance.selectors import REPORT_COLUMNS, Month, report_booklets, stock_report
from paspor.lib.reasons import reason_shown
from paspor.lib.spreadsheet import append_text_row
from paspor.offices.models import Office


def column_labels() -> dict[str, str]:
    return {
        "opening": _("Stok awal"),
        "received": pgettext("booklet stock", "Diterima"),
        "used": _("Terpakai"),
        "spoiled": _("Rusak"),
        "returned": _("Dikembalikan"),
        "closing": _("Stok akhir"),
    }


def stock_report_xlsx(office: Office, month: Month) -> bytes:
    labels = column_labels()
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = _("Ringkasan")
    append_text_row(  # the office's name as typed: text, never a formula
        summary,
        [_("Laporan stok buku paspor"), office.name, formats.date_format(month.start, "F Y")],
    )
    summary.append([])
    summary.append([_("Jenis"), *(labels[c] for c in REPORT_COLUMNS)])
    for cell in summary[3]:
        cell.font = Font(bold=True)
    for row in stock_report(office, month):
        summary.append([str(BookletKind(row.kind).label), *(row.value(c) for c in REPORT_COLUMNS)])
    summary.append([])
    summary.append([_("Stok akhir = stok awal + diterima − terpakai − rusak − dikembalikan")])
    detail = book.create_sheet(_("Rincian buku"))
    detail.append(
        [
            _("Kolom"),
            _("Jenis"),
            _("Nomor buku"),
            _("Status"),
            pgettext("booklet stock", "Diterima"),
            pgettext("booklet stock", "Keluar"),
            _("Alasan"),
        ]
    )
    for cell in detail[1]:
        cell.font = Font(bold=True)
    for column in REPORT_COLUMNS:
        for kind in BookletKind:
            for booklet in report_booklets(office, month, column, kind).iterator():
                append_text_row(  # a spoil reason typed as "=…" stays text
                    detail,
                    [
                        labels[column],
                        str(kind.label),
                        booklet.number,
                        booklet.get_status_display(),
                        booklet.received_on,
                        booklet.consumed_on,
                        reason_shown(booklet.spoil_reason),
                    ],
                )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
