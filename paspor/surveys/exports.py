"""The IKM report as an XLSX workbook (openpyxl): summary, elements, months, suggestions.

The suggestions sheet holds every suggestion of the period (the page shows the latest)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from paspor.lib.spreadsheet import append_text_row
from paspor.surveys.selectors import IkmReport, MonthPoint, category_label

DATE_FORMAT = "yyyy-mm-dd"
MONTH_FORMAT = "yyyy-mm"  # a month is its first day, shown as the month


def ikm_report_xlsx(report: IkmReport, months: Sequence[MonthPoint]) -> bytes:
    workbook = Workbook()
    summary = workbook.active
    summary.title = "IKM"
    bold = Font(bold=True)
    summary.append([_("Indeks Kepuasan Masyarakat (PermenPANRB 14/2017)")])
    summary["A1"].font = bold
    append_text_row(summary, [_("Kantor"), report.office.name])  # as typed: text, never a formula
    # Dates as dates, so a spreadsheet sorts and filters them (the dashboards' tables do too).
    summary.append([_("Periode"), report.start, report.end])
    for cell in summary[summary.max_row][1:]:
        cell.number_format = DATE_FORMAT
    summary.append([_("Responden"), report.respondents])
    summary.append(
        [_("IKM unit layanan"), float(report.index) if report.index is not None else None]
    )
    summary.append(
        [
            _("Mutu pelayanan"),
            report.category.value if report.category else None,
            category_label(report.category),
        ]
    )
    summary.append([])
    # Unrounded NRR and weighted NRR, shown with three decimals: summed and × 25 they give the
    # unit IKM above exactly (rounded NRRs could miss it by a cent).
    weight = report.weight
    weight_label = f"1/{weight.denominator}" if weight is not None else "1/9"
    summary.append(
        [_("No."), _("Unsur"), _("Responden"), _("NRR"), f"NRR × {weight_label}", _("Terlemah")]
    )
    for cell in summary[summary.max_row]:
        cell.font = bold
    first = summary.max_row + 1
    for row in report.rows:
        exact = row.nrr_exact
        summary.append(
            [
                int(row.element),
                row.label,
                row.respondents,
                float(exact) if exact is not None else None,
                float(exact * weight) if exact is not None and weight is not None else None,
                _("ya") if row.weakest else "",
            ]
        )
        for column in "DE":
            summary[f"{column}{summary.max_row}"].number_format = "0.000"
    last = summary.max_row
    summary.append([None, _("Jumlah (IKM)"), None, None, f"=SUM(E{first}:E{last})"])
    summary[f"E{summary.max_row}"].number_format = "0.000"
    summary.append([None, _("IKM × 25 = IKM unit layanan"), None, None, f"=E{last + 1}*25"])
    summary[f"E{summary.max_row}"].number_format = "0.00"
    summary.column_dimensions["B"].width = 48
    monthly = workbook.create_sheet(_("Bulanan"))
    monthly.append([_("Bulan"), _("Responden"), _("IKM"), _("Mutu")])
    for point in months:
        monthly.append(
            [
                point.month,
                point.respondents,
                float(point.index) if point.index is not None else None,
                point.category.value if point.category else None,
            ]
        )
        monthly.cell(row=monthly.max_row, column=1).number_format = MONTH_FORMAT
    comments = workbook.create_sheet(_("Saran"))
    comments.append([_("Saran responden (tanpa identitas)")])
    for text in report.comments:
        # Written by anyone with a survey link: "=HYPERLINK(…)" stays text, never a formula, and
        # a control character kept from before the survey dropped them cannot break the file.
        append_text_row(comments, [ILLEGAL_CHARACTERS_RE.sub("", text)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
