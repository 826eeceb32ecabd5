"""The period dashboard as named tables: each shown with a chart above it and downloadable.

A `Table` is what the page shows under a chart, what the CSV and XLSX files hold, and what the
chart is drawn from — one source, so the three never disagree.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import time_format
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy, npgettext, pgettext, pgettext_lazy
from django.utils.translation import gettext as _

from paspor.cases.types import ApplicationType
from paspor.lib.ikm import IkmElement
from paspor.lib.money import rupiah as rupiah_text
from paspor.lib.reasons import reason_shown
from paspor.lib.spreadsheet import append_text_row
from paspor.offices.models import Office, StationType
from paspor.payments.models import FeeItem
from paspor.reports.charts import grouped_bar_chart
from paspor.reports.figures import Rupiah, count, fixed, rounded
from paspor.reports.selectors import period

# A figure with fixed decimals is a Decimal, already rounded: the page, the CSV and the XLSX
# show the same digits. Money is a `Rupiah`: a plain integer in the files, "Rp 950.000" on the
# page.
# A date is a date in every form: the reader's words on the page, ISO in the CSV, a date cell
# the spreadsheet can sort and count from in the XLSX.
Cell = str | int | float | Decimal | dt.date | None


@dataclass
class Table:
    key: str  # in the URL: the same in every language
    title: str
    # The workbook's sheet and, in lowercase ASCII, the downloaded file: short, in the reader's
    # language. In Indonesian it reads as the key does, so the files keep their old names.
    sheet: str
    headers: list[str]
    rows: list[list[Cell]]
    # Key figures above the chart: (label, value). A label under a count is `npgettext` with the
    # context "key figure" ("1 Application", "4 Applications"), apart from other apps' words.
    summary: list[tuple[str, str]] = field(default_factory=list)
    chart: str = ""  # SVG
    note: str = ""

    @property
    def file_stem(self) -> str:
        return slugify(self.sheet) or self.key


def _minutes(value: float | None) -> Decimal | None:
    return rounded(value, 1) if value is not None else None


def _row(*cells: Cell) -> list[Cell]:
    return list(cells)


def _pct(value: float | None) -> Decimal | None:
    return rounded(value, 1) if value is not None else None


def _number(value: float | Decimal | None, unit: str = "", places: int = 1) -> str:
    """A key figure: rounded half up exactly as the table's cell (`_pct`), so the two agree."""
    return fixed(value, places, unit)


def _count(value: int) -> str:
    return count(value)


def _chart(
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    y_label: str,
) -> str:
    if not categories or not any(any(values) for _name, values in series):
        return ""
    return grouped_bar_chart(title=title, categories=categories, series=series, y_label=y_label)


# Short names for chart axes; the table carries the full names. The context keeps them apart from
# the same words elsewhere ("Berkas" is a file in payments, the intake station here).
TYPE_SHORT: dict[ApplicationType, str | Promise] = {
    ApplicationType.NEW_ADULT: gettext_lazy("Baru dewasa"),
    ApplicationType.NEW_CHILD: gettext_lazy("Baru anak"),
    ApplicationType.REPLACEMENT: gettext_lazy("Penggantian"),
    ApplicationType.DAMAGED: pgettext_lazy("chart axis", "Paspor rusak"),
    ApplicationType.LOST: gettext_lazy("Hilang"),
    ApplicationType.CHANGE_OF_DATA: gettext_lazy("Ubah data"),
}
STATION_SHORT: dict[StationType, str | Promise] = {
    StationType.INTAKE: pgettext_lazy("chart axis", "Berkas"),
    StationType.BIOMETRICS: gettext_lazy("Biometrik"),
    StationType.PAYMENT_HELP: pgettext_lazy("chart axis", "Bayar"),
    StationType.HANDOVER: gettext_lazy("Serah"),
    StationType.INFORMATION: gettext_lazy("Informasi"),
}


def applications_table(office: Office | None, start: dt.date, end: dt.date) -> Table:
    rows = period.applications_by_type(office, start, end)
    total = sum(r.total for r in rows)
    booked = sum(r.booked for r in rows)
    return Table(
        key="permohonan",
        title=_("Permohonan per jenis dan saluran"),
        sheet=pgettext("sheet name", "Permohonan"),
        headers=[
            _("Jenis permohonan"),
            _("Booking daring"),
            _("Datang langsung"),
            pgettext("total", "Jumlah"),
        ],
        rows=[
            *(_row(str(r.application_type.label), r.booked, r.walk_in, r.total) for r in rows),
            [pgettext("total", "Jumlah"), booked, total - booked, total],
        ],
        summary=[
            (npgettext("key figure", "Permohonan", "Permohonan", total), _count(total)),
            (_("Lewat booking"), _number(100.0 * booked / total, " %") if total else "–"),
        ],
        chart=_chart(
            _("Permohonan per jenis"),
            [str(TYPE_SHORT[r.application_type]) for r in rows],
            [
                (_("Booking daring"), [r.booked for r in rows]),
                (_("Datang langsung"), [r.walk_in for r in rows]),
            ],
            pgettext("chart unit", "permohonan"),
        ),
    )


def outcomes_table(office: Office | None, start: dt.date, end: dt.date) -> Table:
    result = period.outcomes(office, start, end)
    labels = [_("Diterbitkan (diserahkan)"), _("Ditangguhkan"), _("Ditolak")]
    values = [result.issued, result.deferred, result.rejected]
    rows: list[list[Cell]] = [
        [label, value, ""] for label, value in zip(labels, values, strict=True)
    ]
    for label, reasons in (
        (labels[1], result.deferred_reasons),
        (labels[2], result.rejected_reasons),
    ):
        # Reasons the system wrote itself (a travel-ban refusal, an expired deferral) are kept
        # in Indonesian: shown in the reader's language, as on the case's own pages.
        rows.extend(
            [f"{label}: {reason_shown(reason) or _('(tanpa alasan)')}", "", n]
            for reason, n in reasons
        )
    return Table(
        key="keputusan",
        title=_("Diterbitkan, ditangguhkan, ditolak — dengan alasan"),
        sheet=pgettext("sheet name", "Keputusan"),
        headers=[_("Hasil"), pgettext("total", "Jumlah"), _("Menurut alasan")],
        rows=rows,
        summary=list(zip(labels, (_count(v) for v in values), strict=True)),
        chart=_chart(
            _("Hasil permohonan"),
            [_("Diterbitkan"), _("Ditangguhkan"), _("Ditolak")],
            [(pgettext("chart unit", "permohonan"), values)],
            pgettext("chart unit", "permohonan"),
        ),
    )


def sla_table(office: Office | None, start: dt.date, end: dt.date) -> Table:
    result = period.sla_summary(office, start, end)
    late = pgettext("service promise", "Terlambat")
    not_due = _("Belum jatuh tempo")
    rows: list[list[Cell]] = [
        [_("Jatuh tempo dalam periode"), result.due],
        [_("Tepat waktu"), result.kept],
        [late, result.late],
        [not_due, result.pending],
        [_("Tepat waktu (%)"), _pct(result.kept_pct)],
    ]
    rows.extend(
        [_("Terlambat: %(reason)s") % {"reason": reason or _("(belum dijelaskan)")}, n]
        for reason, n in result.breach_reasons
    )
    return Table(
        key="sla",
        title=_("Janji layanan (SLA) — tepat waktu dan keterlambatan"),
        sheet=pgettext("sheet name", "SLA"),
        headers=[_("Ukuran"), _("Nilai")],
        rows=rows,
        summary=[
            (_("Tepat waktu"), _number(result.kept_pct, " %")),
            (late, _count(result.late)),
            (not_due, _count(result.pending)),
        ],
        chart=_chart(
            _("Janji layanan"),
            [_("Tepat waktu"), late, not_due],
            [
                (
                    pgettext("chart unit", "permohonan"),
                    [result.kept, result.late, result.pending],
                )
            ],
            pgettext("chart unit", "permohonan"),
        ),
        note=_(
            "Permohonan yang janji selesainya jatuh dalam periode. Tepat waktu: siap diambil "
            "paling lambat pada tanggal janji. Terlambat: siap diambil sesudahnya, atau sampai "
            "hari ini belum siap padahal tanggal janji sudah lewat (ada atau belum ada peringatan "
            "jam SLA). Belum jatuh tempo: belum siap dan janjinya hari ini atau sesudahnya; "
            "dihitung terpisah, tidak masuk persentase tepat waktu."
        ),
    )


def station_times_table(office: Office | None, start: dt.date, end: dt.date) -> Table:
    rows = period.station_times(office, start, end)
    return Table(
        key="waktu-pos",
        title=_("Waktu tunggu dan waktu layanan per pos (menit)"),
        sheet=pgettext("sheet name", "Waktu pos"),
        headers=[
            _("Pos"),
            _("Kunjungan dipanggil"),
            _("Tunggu rata-rata"),
            _("Tunggu median"),
            _("Tunggu p90"),
            _("Kunjungan dilayani"),
            _("Layanan rata-rata"),
            _("Layanan median"),
            _("Layanan p90"),
        ],
        rows=[
            [
                str(r.station_type.label),
                r.wait.count,
                _minutes(r.wait.mean),
                _minutes(r.wait.median),
                _minutes(r.wait.p90),
                r.service.count,
                _minutes(r.service.mean),
                _minutes(r.service.median),
                _minutes(r.service.p90),
            ]
            for r in rows
        ],
        chart=_chart(
            _("Menit per pos"),
            [str(STATION_SHORT[r.station_type]) for r in rows],
            [
                (_("Tunggu median"), [r.wait.median or 0 for r in rows]),
                (_("Tunggu p90"), [r.wait.p90 or 0 for r in rows]),
                (_("Layanan median"), [r.service.median or 0 for r in rows]),
            ],
            _("menit"),
        ),
        note=_(
            "Tunggu: dari masuk antrean pos sampai dipanggil pertama kali. Layanan: dari mulai "
            "dilayani sampai selesai. p90: 9 dari 10 orang menunggu paling lama sekian."
        ),
    )


def _hour_span(hour: int) -> str:
    """An hour of the day as the reader writes times: "07.00–07.59" in Indonesian, "07:00–07:59"
    in English (the clock said "07.00" on English pages too)."""
    return f"{time_format(dt.time(hour, 0))}–{time_format(dt.time(hour, 59))}"


def arrivals_table(office: Office | None, start: dt.date, end: dt.date) -> Table:
    by_hour = period.arrivals_by_hour(office, start, end)
    hours = list(range(min(by_hour), max(by_hour) + 1)) if by_hour else []
    tickets = sum(by_hour.values())
    return Table(
        key="kedatangan",
        title=_("Kedatangan per jam (nomor antrean diambil)"),
        sheet=pgettext("sheet name", "Kedatangan"),
        headers=[_("Jam"), _("Kedatangan")],
        rows=[[_hour_span(h), by_hour.get(h, 0)] for h in hours],
        summary=[
            (npgettext("key figure", "Nomor antrean", "Nomor antrean", tickets), _count(tickets))
        ],
        chart=_chart(
            _("Kedatangan per jam"),
            [f"{h:02d}" for h in hours],
            [(_("kedatangan"), [by_hour.get(h, 0) for h in hours])],
            _("orang"),
        ),
    )


def no_shows_table(office: Office | None, start: dt.date, end: dt.date) -> Table:
    result = period.no_shows(office, start, end)
    return Table(
        key="tidak-hadir",
        title=_("Booking tidak hadir"),
        sheet=pgettext("sheet name", "Tidak hadir"),
        headers=[_("Ukuran"), _("Nilai")],
        rows=[
            [_("Booking yang sudah lewat harinya"), result.booked],
            [_("Hadir"), result.booked - result.no_show],
            [_("Tidak hadir"), result.no_show],
            [_("Tingkat tidak hadir (%)"), _pct(result.rate_pct)],
        ],
        summary=[(_("Tingkat tidak hadir"), _number(result.rate_pct, " %"))],
    )


def revenue_table(office: Office | None, start: dt.date, end: dt.date) -> Table:
    result = period.revenue(office, start, end)
    items = list(result.by_item.items())
    lines = sum(n for n, _rupiah in result.by_item.values())
    return Table(
        key="penerimaan",
        title=_("Penerimaan (PNBP) per jenis tarif"),
        sheet=pgettext("sheet name", "Penerimaan"),
        headers=[_("Jenis tarif"), _("Baris tagihan"), _("Rupiah")],
        rows=[
            *(_row(str(item.label), n, Rupiah(rupiah)) for item, (n, rupiah) in items),
            # The total row adds up the column it stands in: the bill lines above it, and the
            # money received (the payments' sum, as the reconciliation records it).
            [pgettext("total", "Jumlah"), lines, Rupiah(result.total)],
        ],
        # A payment settles a bill of one or more lines, so the payments are counted apart:
        # a key figure, not a cell under "bill lines".
        summary=[
            (_("Penerimaan"), rupiah_text(result.total)),
            (
                npgettext("key figure", "Pembayaran", "Pembayaran", result.payments),
                _count(result.payments),
            ),
        ],
        chart=_chart(
            _("Penerimaan per jenis tarif (juta rupiah)"),
            [str(FEE_SHORT[item]) for item, _v in items],
            [(_("juta rupiah"), [rupiah / 1_000_000 for _i, (_n, rupiah) in items])],
            _("juta Rp"),
        ),
        note=_(
            "Pembayaran yang diterapkan pada tagihan dengan waktu bayar dalam periode — sama "
            "dengan sisi “tercatat” rekonsiliasi harian."
        ),
    )


FEE_SHORT: dict[FeeItem, str | Promise] = {
    FeeItem.ORDINARY_5: gettext_lazy("Biasa 5 th"),
    FeeItem.ORDINARY_10: gettext_lazy("Biasa 10 th"),
    FeeItem.ELECTRONIC_5: gettext_lazy("Elektronik 5 th"),
    FeeItem.ELECTRONIC_10: gettext_lazy("Elektronik 10 th"),
    FeeItem.EXPRESS: gettext_lazy("Percepatan"),
    FeeItem.FINE_LOST: gettext_lazy("Denda hilang"),
    FeeItem.FINE_DAMAGED: gettext_lazy("Denda rusak"),
}


def booklets_table(office: Office | None, start: dt.date, end: dt.date) -> Table:
    rows = period.booklet_use(office, start, end)
    used = sum(r.used for r in rows)
    spoiled = sum(r.spoiled for r in rows)
    return Table(
        key="blanko",
        title=_("Pemakaian dan kerusakan blanko paspor"),
        sheet=pgettext("sheet name", "Blanko"),
        headers=[_("Jenis buku"), _("Terpakai"), _("Rusak"), _("Rusak (%)")],
        rows=[[str(r.kind.label), r.used, r.spoiled, _pct(r.spoilage_pct)] for r in rows],
        summary=[
            (_("Terpakai"), _count(used)),
            (
                _("Rusak"),
                _number(100.0 * spoiled / (used + spoiled), " %") if used + spoiled else "–",
            ),
        ],
        chart=_chart(
            _("Blanko per jenis"),
            [str(r.kind.label) for r in rows],
            [(_("Terpakai"), [r.used for r in rows]), (_("Rusak"), [r.spoiled for r in rows])],
            _("buku"),
        ),
    )


# The IKM and each element's NRR are published with two decimals (87,50; 3,50), on the page, in
# its key figure and in the files alike.
IKM_PLACES = 2


def ikm_table(office: Office | None, start: dt.date, end: dt.date) -> Table:
    result = period.ikm(office, start, end)
    scores = list(result.elements)
    category = result.category
    return Table(
        key="ikm",
        title=_("Indeks Kepuasan Masyarakat (IKM)"),
        sheet=pgettext("sheet name", "IKM"),
        headers=[_("Unsur"), _("Responden"), "NRR"],
        rows=[
            *(
                _row(
                    f"U{int(s.element)} {IkmElement(s.element).label_in(get_language())}",
                    s.respondents,
                    s.nrr_rounded(IKM_PLACES),
                )
                for s in scores
            ),
            _row(
                _("IKM unit layanan"),
                result.respondents,
                rounded(result.index, IKM_PLACES) if result.index is not None else None,
            ),
        ],
        summary=[
            (_("IKM"), _number(result.index, places=IKM_PLACES)),
            (_("Mutu"), category.value if category is not None else "–"),
            (
                npgettext("key figure", "Responden", "Responden", result.respondents),
                _count(result.respondents),
            ),
        ],
        chart=_chart(
            _("Nilai rata-rata per unsur (NRR, 1–4)"),
            [f"U{int(s.element)}" for s in scores],
            [("NRR", [float(s.nrr_rounded(IKM_PLACES) or 0) for s in scores])],
            "NRR",
        ),
    )


def certifications_table(office: Office | None, start: dt.date, end: dt.date) -> Table:
    rows = period.expiring_certifications(office, start, end)
    lapsed = sum(1 for r in rows if r.expires_on < end)
    return Table(
        key="sertifikasi",
        title=_("Petugas dengan sertifikasi yang sudah atau segera habis"),
        sheet=pgettext("sheet name", "Sertifikasi"),
        headers=[
            _("Petugas"),
            _("Pengguna"),
            _("Kantor"),
            _("Pos"),
            _("Nomor sertifikat"),
            _("Berlaku sampai"),
        ],
        rows=[
            [
                r.name,
                r.username,
                r.office,
                str(r.station_type.label),
                r.certificate_number,
                r.expires_on,
            ]
            for r in rows
        ],
        summary=[
            (npgettext("key figure", "Sertifikasi", "Sertifikasi", len(rows)), _count(len(rows))),
            (_("Sudah habis"), _count(lapsed)),
        ],
        note=_(
            "Sertifikat untuk pos yang dikerjakan peran petugas, tanpa sertifikat pengganti: yang "
            "sudah habis (petugas tidak dapat membuka loket pos itu sampai diperpanjang) dan yang "
            "habis sampai 90 hari setelah periode."
        ),
    )


TABLES: dict[str, Callable[[Office | None, dt.date, dt.date], Table]] = {
    "permohonan": applications_table,
    "keputusan": outcomes_table,
    "sla": sla_table,
    "waktu-pos": station_times_table,
    "kedatangan": arrivals_table,
    "tidak-hadir": no_shows_table,
    "penerimaan": revenue_table,
    "blanko": booklets_table,
    "ikm": ikm_table,
    "sertifikasi": certifications_table,
}


def all_tables(office: Office | None, start: dt.date, end: dt.date) -> list[Table]:
    return [build(office, start, end) for build in TABLES.values()]


# The CSV is for programs (comma-separated, decimal point, ISO dates, UTF-8), the XLSX for a
# spreadsheet (docs/reports.md). It starts with a UTF-8 byte-order mark all the same: without
# one Excel reads the file in the machine's legacy code page and garbles "07.00–07.59" and
# "Pemeriksaan …"; Python (encoding "utf-8-sig"), pandas and LibreOffice skip the mark.
CSV_BOM = "\ufeff"
# A text that starts like a formula is run by the spreadsheet that opens the file
# ("=HYPERLINK(…)" in a reason an officer typed, an office name, a deferral's documents): such a
# cell is written with an apostrophe in front, which keeps it text (OWASP "CSV injection").
# Numbers are never text here, so a negative figure keeps its minus.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(cell: Cell) -> Cell:
    """A cell as the CSV writes it: empty for None, a formula-like text made harmless."""
    if cell is None:
        return ""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def table_csv(table: Table) -> str:
    """The table as a CSV file's text, byte-order mark first."""
    out = io.StringIO()
    out.write(CSV_BOM)
    writer = csv.writer(out)
    writer.writerow([csv_cell(header) for header in table.headers])
    writer.writerows([csv_cell(cell) for cell in row] for row in table.rows)
    return out.getvalue()


# Excel refuses these characters in a sheet title, and titles longer than 31 characters.
SHEET_FORBIDDEN = re.compile(r"[:\\/?*\[\]]")
SHEET_TITLE_MAX = 31
# ISO dates read one way to an Indonesian (day first) and an English (often month first)
# reader alike, and match the dates in the file name.
DATE_FORMAT = "yyyy-mm-dd"


def sheet_title(text: str, *, fallback: str) -> str:
    """`text` as a title Excel accepts: a translation may hold any character and any length.
    Excel also refuses an apostrophe at either end."""
    title = " ".join(SHEET_FORBIDDEN.sub(" ", text).split())
    return title[:SHEET_TITLE_MAX].strip(" '") or fallback


def table_xlsx(table: Table, *, scope: str, start: dt.date, end: dt.date) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(table.sheet, fallback=table.key)
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True)
    append_text_row(sheet, [_("Kantor"), scope])  # an office's name, as typed
    sheet.append([_("Periode"), start, end])
    for cell in sheet[sheet.max_row][1:]:
        cell.number_format = DATE_FORMAT
    sheet.append([])
    append_text_row(sheet, table.headers)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in table.rows:
        append_text_row(sheet, row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
    sheet.column_dimensions["A"].width = 48
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
