"""The national readiness list as a table: what its CSV holds (docs/reports.md).

One row per office, one column per setup step: "selesai" (done) or what is still missing, in
words, as on the page. Written by `table_csv` like every table of the reports: byte-order mark,
comma-separated, formula-like texts kept text.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from paspor.offices.readiness import Readiness, readiness_steps
from paspor.reports.tables import Cell, Table


def _yes(value: bool) -> str:
    return _("ya") if value else _("tidak")


def _row(row: Readiness) -> list[Cell]:
    office = row.office
    cells: list[Cell] = [
        office.code,
        office.name,
        office.city,
        office.province,
        _yes(office.is_active),
        _yes(row.ready),
        len(row.blocking),
    ]
    return cells + [
        pgettext("readiness step", "selesai") if s.done else s.missing for s in row.steps
    ]


def readiness_table(rows: list[Readiness]) -> Table:
    steps = [
        _("%(step)s (wajib)") % {"step": label} if blocking else label
        for _key, label, blocking in readiness_steps()
    ]
    return Table(
        key="kesiapan",
        title=_("Kesiapan kantor"),
        sheet=pgettext("file name", "kesiapan-kantor"),
        headers=[
            _("Kode"),
            _("Kantor"),
            _("Kota/kabupaten"),
            _("Provinsi"),
            _("Melayani publik"),
            _("Siap dibuka"),
            _("Langkah wajib belum"),
            *steps,
        ],
        rows=[_row(row) for row in rows],
    )
