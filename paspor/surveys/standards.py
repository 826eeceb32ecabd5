"""The service standard (standar pelayanan) of each passport service, UU 25/2009 art. 21.

Six components are published (STANDARDS.md §6): requirements; systems, mechanisms and
procedures; completion time; cost/tariff; product; and complaint handling. They are built from
the configuration the system runs on, never typed into a page:

* documents — `required_documents(application_type)` of the booking rules
  (`paspor.booking.rules`, through `paspor.cases.documents`), the list the counter checks;
* fees — `fees_in_force(on=date)` of `paspor.payments.selectors` when present: amounts and legal
  basis from the dated fee schedule, wording from `DEFAULT_FEES` below where it has the item;
  otherwise, or when the schedule has no row in force, `DEFAULT_FEES` (PP 45/2024,
  STANDARDS.md §4), the one fallback;
* completion time — the settings the SLA code counts with (`paspor.payments.sla`):
  SLA_WORKING_DAYS, SLA_COUNT_PAYMENT_DAY and SLA_EXPRESS_CUTOFF_HOUR, and per office whether it serves on cuti
  bersama (`Office.serves_on_cuti_bersama`, read by `paspor.offices.calendar`);
* product — the pickup deadline of the issuance configuration (`issuance_config()`);
* complaint handling — the complaints app's deadline setting and categories.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from paspor.cases.types import ApplicationType
from paspor.issuance.conf import issuance_config
from paspor.payments.sla import express_pay_by

if TYPE_CHECKING:
    from paspor.offices.models import Office


@dataclass(frozen=True)
class FeeRow:
    key: str
    label: str | Promise
    amount: int
    legal_basis: str


# PP 45/2024 (STANDARDS.md §4). The payments fee schedule replaces these when it exists; the keys
# are its item codes (`paspor.payments.models.FeeItem`).
DEFAULT_FEES: tuple[FeeRow, ...] = (
    FeeRow("ordinary_5", _("Paspor biasa non-elektronik, 5 tahun"), 350_000, "PP 45/2024"),
    FeeRow("ordinary_10", _("Paspor biasa non-elektronik, 10 tahun"), 650_000, "PP 45/2024"),
    FeeRow("electronic_5", _("Paspor elektronik, 5 tahun"), 650_000, "PP 45/2024"),
    FeeRow("electronic_10", _("Paspor elektronik, 10 tahun"), 950_000, "PP 45/2024"),
    FeeRow(
        "express",
        _("Layanan percepatan (selesai hari yang sama), di luar biaya paspor"),
        1_000_000,
        "PP 45/2024",
    ),
    FeeRow(
        "fine_lost",
        _("Paspor hilang (setelah pemeriksaan BAP), di luar biaya paspor"),
        1_000_000,
        "PP 28/2019",
    ),
    FeeRow("fine_damaged", _("Paspor rusak, di luar biaya paspor"), 500_000, "PP 28/2019"),
)

_BASE_FEE_KEYS = ("ordinary_5", "ordinary_10", "electronic_5", "electronic_10", "express")
# A child (under 17, never married) gets at most 5 years (Permenkumham 18/2022, STANDARDS.md §4):
# the 10-year items do not apply to the service at all.
_CHILD_FEE_KEYS = ("ordinary_5", "electronic_5", "express")
FEE_KEYS_FOR: dict[str, tuple[str, ...]] = {
    ApplicationType.NEW_ADULT: _BASE_FEE_KEYS,
    ApplicationType.NEW_CHILD: _CHILD_FEE_KEYS,
    ApplicationType.REPLACEMENT: _BASE_FEE_KEYS,
    ApplicationType.CHANGE_OF_DATA: _BASE_FEE_KEYS,
    ApplicationType.LOST: (*_BASE_FEE_KEYS, "fine_lost"),
    ApplicationType.DAMAGED: (*_BASE_FEE_KEYS, "fine_damaged"),
}


def _optional(module_path: str, name: str) -> Callable[..., Any] | None:
    try:
        module = import_module(module_path)
    except ImportError:
        return None
    found = getattr(module, name, None)
    return found if callable(found) else None


def _label(item: Any) -> str:
    for attribute in ("label", "name", "title"):
        value = getattr(item, attribute, None)
        if isinstance(value, str | Promise):
            return str(value)
    return str(item)


def documents_for(application_type: str) -> list[str]:
    """The originals an applicant brings: the same rules the booking and the counter use."""
    from paspor.cases.documents import required_documents

    return [str(document.label) for document in required_documents(application_type)]


def fees_in_force(on: dt.date) -> list[FeeRow]:
    """The fee table on a date: the payments fee schedule when present, else the defaults."""
    defaults = [
        FeeRow(row.key, str(row.label), row.amount, row.legal_basis) for row in DEFAULT_FEES
    ]
    source = _optional("paspor.payments.selectors", "fees_in_force")
    if source is None:
        return defaults
    wording = {row.key: row.label for row in defaults}
    rows = []
    for row in source(on=on):
        key = str(getattr(row, "key", None) or getattr(row, "code", ""))
        label = wording.get(key) or _label(row)
        rows.append(FeeRow(key, label, int(row.amount), str(getattr(row, "legal_basis", ""))))
    return rows or defaults


@dataclass(frozen=True)
class ServiceStandard:
    slug: str
    title: str
    requirements: list[str]
    procedure: list[str]
    completion_time: list[str]
    fees: list[FeeRow]
    fee_notes: list[str]
    product: list[str]
    complaint_handling: list[str]


def _procedure(application_type: str) -> list[str]:
    steps: list[str | Promise] = [
        _("Pesan jadwal kedatangan secara daring dan simpan bukti booking dengan kode QR."),
        _("Datang sesuai jadwal, pindai kode QR di kios dan ambil nomor antrean."),
        _("Petugas loket memeriksa dokumen asli."),
        _("Foto, sidik jari, tanda tangan dan wawancara."),
    ]
    if application_type in (ApplicationType.LOST, ApplicationType.DAMAGED):
        steps.append(_("Pemeriksaan dan berita acara (BAP) atas paspor yang hilang atau rusak."))
    steps += [
        _("Persetujuan oleh supervisor; kode billing dikirim kepada Anda."),
        _("Bayar PNBP dengan kode billing melalui bank, ATM, mobile banking atau kantor pos."),
        _("Paspor dicetak dan diperiksa mutunya."),
        _pickup_step(application_type),
    ]
    return [str(step) for step in steps]


def _pickup_step(application_type: str) -> str:
    # STANDARDS.md §10: a child's passport is collected by a parent or guardian, who has the KTP.
    if application_type == ApplicationType.NEW_CHILD:
        return gettext(
            "Orang tua atau wali mengambil paspor anak dengan KTP asli orang tua atau wali dan "
            "bukti pembayaran."
        )
    return gettext("Ambil paspor dengan KTP asli dan bukti pembayaran.")


def _validity(application_type: str) -> str:
    if application_type == ApplicationType.NEW_CHILD:
        return gettext(
            "Masa berlaku paling lama 5 tahun: paspor 10 tahun hanya untuk usia 17 tahun ke atas "
            "atau sudah menikah."
        )
    return gettext(
        "Masa berlaku paling lama 10 tahun; 10 tahun hanya untuk usia 17 tahun ke atas "
        "atau sudah menikah, selain itu paling lama 5 tahun."
    )


def _completion_time(office: Office | None) -> list[str]:
    """What `paspor.payments.sla.due_date_for_payment` promises, in the applicant's words."""
    days = settings.SLA_WORKING_DAYS
    if settings.SLA_COUNT_PAYMENT_DAY:
        regular = ngettext(
            "Paspor selesai paling lambat %(days)s hari kerja sejak pembayaran; hari pembayaran "
            "dihitung sebagai hari pertama bila hari kerja.",
            "Paspor selesai paling lambat %(days)s hari kerja sejak pembayaran; hari pembayaran "
            "dihitung sebagai hari pertama bila hari kerja.",
            days,
        ) % {"days": days}
    else:
        regular = ngettext(
            "Paspor selesai paling lambat %(days)s hari kerja setelah pembayaran; hari "
            "pembayaran tidak dihitung.",
            "Paspor selesai paling lambat %(days)s hari kerja setelah pembayaran; hari "
            "pembayaran tidak dihitung.",
            days,
        ) % {"days": days}
    pay_by = express_pay_by()  # the hour the booking page and the SLA use too
    express = _("Layanan percepatan: selesai di hari yang sama bila dibayar sebelum pukul %(t)s.")
    return [regular, _days_not_counted(office), str(express) % {"t": pay_by}]


def _days_not_counted(office: Office | None) -> str:
    # STANDARDS.md §3: whether cuti bersama is a working day is each office's decision.
    if office is None:
        return str(
            _(
                "Sabtu, Minggu dan libur nasional tidak dihitung. Cuti bersama juga tidak "
                "dihitung, kecuali di kantor yang melayani pada hari cuti bersama; lihat standar "
                "pelayanan kantor Anda."
            )
        )
    if office.serves_on_cuti_bersama:
        return str(
            _(
                "Sabtu, Minggu dan libur nasional tidak dihitung. Kantor ini melayani pada hari "
                "cuti bersama, sehingga cuti bersama dihitung sebagai hari kerja."
            )
        )
    return str(_("Sabtu, Minggu, libur nasional dan cuti bersama tidak dihitung."))


def service_standard(
    application_type: str, *, on: dt.date, office: Office | None = None
) -> ServiceStandard:
    """The six published components; with `office`, completion time follows its calendar."""
    kind = ApplicationType(application_type)
    wanted = FEE_KEYS_FOR[kind]
    table = fees_in_force(on)
    fees = [row for row in table if row.key in wanted] or table
    days = settings.PASPOR_COMPLAINT_RESPONSE_DAYS
    return ServiceStandard(
        slug=kind.value,
        title=str(kind.label),
        requirements=documents_for(kind.value),
        procedure=_procedure(kind.value),
        completion_time=_completion_time(office),
        fees=fees,
        fee_notes=[
            str(
                _(
                    "Biaya dibayar ke kas negara (PNBP) hanya dengan kode billing; petugas tidak menerima uang."
                )
            ),
            str(
                _(
                    "Layanan prioritas (lansia, penyandang disabilitas, ibu hamil, anak) tanpa biaya tambahan."
                )
            ),
            str(_("Paspor hilang atau rusak karena bencana tidak dikenai biaya tambahan.")),
        ],
        product=[
            str(_("Paspor biasa (non-elektronik) atau paspor elektronik, 48 halaman.")),
            str(_validity(kind.value)),
            str(
                _("Paspor yang tidak diambil dalam %(days)s hari sejak siap diambil dibatalkan.")
                % {"days": issuance_config().cancel_after_days}
            ),
        ],
        complaint_handling=[
            str(
                _(
                    "Pengaduan dapat disampaikan siapa saja, tanpa akun, melalui formulir pengaduan daring atau di kantor."
                )
            ),
            str(
                _(
                    "Setiap pengaduan mendapat kode pelacakan dan ditanggapi paling lambat %(days)s hari kerja."
                )
                % {"days": days}
            ),
            str(_("Kepala kantor memantau pengaduan yang terbuka dan waktu tanggapannya.")),
        ],
    )


def all_service_standards(*, on: dt.date, office: Office | None = None) -> list[ServiceStandard]:
    return [service_standard(kind.value, on=on, office=office) for kind in ApplicationType]
