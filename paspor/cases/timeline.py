"""The case history (Riwayat) in words: a label for each event and its details for people.

Services store an event's data as they know it (codes, ISO dates, primary keys, booleans), and
other apps (payments, issuance) add events of their own. This module turns them into sentences
at display time, in the active language, so old rows read as well as new ones. A key not known
here is still shown, with its name in words; technical keys (links, hashes, row ids) are not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from paspor.accounts.models import User
from paspor.booking.rules import DOCUMENTS
from paspor.cases.documents import document_label
from paspor.cases.interview import MIGRANT_WORK_RULES
from paspor.cases.models import (
    Case,
    CaseEvent,
    CasePhoto,
    CaseStatus,
    DocumentStatus,
    Finger,
    ParentRole,
    Recommendation,
    finger_position,
)
from paspor.lib.choices import choice_label
from paspor.lib.clock import clock
from paspor.lib.language import nik_notes_shown, record_text
from paspor.lib.money import billing_code_grouped
from paspor.lib.money import rupiah as rupiah_text
from paspor.lib.reasons import reason_shown

EVENT_LABELS: dict[str, str | Promise] = {
    "opened": gettext_lazy("Permohonan dibuka"),
    "claimed": gettext_lazy("Diambil dari antrean"),
    "reassigned": gettext_lazy("Dialihkan"),
    "data_verified": gettext_lazy("Data diverifikasi"),
    "parents_recorded": gettext_lazy("Data orang tua dicatat"),
    "documents_checked": gettext_lazy("Dokumen asli diperiksa"),
    "scan_added": gettext_lazy("Pindaian diunggah"),
    "previous_passport_recorded": gettext_lazy("Paspor lama dicatat"),
    "photo_added": gettext_lazy("Foto diambil"),
    "photo_accepted": gettext_lazy("Foto diterima"),
    "fingerprints_captured": gettext_lazy("Sidik jari dipindai"),
    "signature_added": gettext_lazy("Tanda tangan diambil"),
    "interview_recorded": gettext_lazy("Wawancara dicatat"),
    # Written by issuance, payments and the retention job.
    "print_started": gettext_lazy("Pencetakan paspor dimulai"),
    "print_spoiled": gettext_lazy("Buku paspor rusak saat dicetak"),
    "pickup_reminder": gettext_lazy("Pengingat pengambilan dikirim"),
    "retention_purge": gettext_lazy("Berkas dihapus (masa simpan berakhir)"),
    "sla_at_risk": gettext_lazy("Peringatan: berisiko terlambat"),
    "sla_breach": gettext_lazy("Melewati janji selesai"),
    "sla_breach_reason": gettext_lazy("Alasan keterlambatan dicatat"),
    "due_date_moved": gettext_lazy("Janji selesai dihitung ulang: kalender hari kerja diubah"),
}

# Not for people: links, the office's zone (times are shown in it), row ids, file hashes (they
# stay in the audit log), and what the reason text already says (a deferral's list and date).
HIDDEN_KEYS = frozenset(
    {"status_url", "time_zone", "photo", "travel_ban_check", "sha256", "missing", "until"}
)

# An empty list that says something: no failed photo check means every check passed.
SAID_WHEN_EMPTY = frozenset({"failed"})


@dataclass
class _Context:
    """What the formatters need besides the value: the office's zone and names of people."""

    case: Case
    users_by_pk: dict[int, str] = field(default_factory=dict)
    users_by_username: dict[str, str] = field(default_factory=dict)
    _photo_checks: dict[str, str] | None = None

    def user(self, value: Any) -> str:
        if isinstance(value, int):
            return self.users_by_pk.get(value, str(value))
        return self.users_by_username.get(str(value), str(value))

    def photo_check(self, code: str) -> str:
        if self._photo_checks is None:
            english = (get_language() or "").startswith("en")
            self._photo_checks = {}
            for report in CasePhoto.objects.filter(case=self.case).values_list("report", flat=True):
                for check in report or []:
                    label = check.get("label_en" if english else "label_id") or check.get("code")
                    self._photo_checks[str(check.get("code"))] = str(label)
        return self._photo_checks.get(code, code)


@dataclass(frozen=True)
class TimelineRow:
    event: CaseEvent
    label: str
    actor: str
    details: list[str]

    @property
    def reason(self) -> str:
        """The event's reason; one the system wrote, in the reader's language."""
        text = self.event.reason
        for recommendation in Recommendation:
            # The interview's move to the supervisor keeps the recommendation's Indonesian label.
            if text and text == record_text(recommendation.label):
                return str(recommendation.label)
        return reason_shown(text)


# --- Values -------------------------------------------------------------------------------


def yes_no(value: Any) -> str:
    return _("Ya") if value in (True, "True", "true", 1) else _("Tidak")


def date_text(value: Any) -> str:
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return formats.date_format(day, "d-m-Y")


def datetime_text(value: Any, case: Case) -> str:
    """An aware ISO timestamp in the office's zone, e.g. "06-12-2026 19.22 WIB" (19:22 in
    English)."""
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        return f"{formats.date_format(moment, 'd-m-Y')} {clock(moment)}"
    local = moment.astimezone(case.office.tz)
    return f"{formats.date_format(local, 'd-m-Y')} {clock(local)} {case.office.tz_abbreviation}"


def _nik_notes(value: Any, ctx: _Context) -> str:
    """Stored in Indonesian; on an English page each note the case's NIK, birth date and sex
    still give is shown in English (paspor.lib.language.nik_notes_shown)."""
    stored = [str(note) for note in (value if isinstance(value, list | tuple) else [value])]
    case = ctx.case
    shown = nik_notes_shown(stored, nik=case.nik, birth_date=case.birth_date, sex=case.sex)
    return _("Catatan NIK: %(v)s") % {"v": "; ".join(shown)}


def rupiah(value: Any) -> str:
    try:
        amount = int(value)
    except (TypeError, ValueError):
        return str(value)
    return rupiah_text(amount)


def _labels(choices: type[models.TextChoices], values: Iterable[Any]) -> str:
    return ", ".join(choice_label(choices, v) for v in values)


def _case_field(name: str, value: Any) -> str:
    """ "Jenis permohonan: Penggantian karena hilang" for a changed column of the case."""
    try:
        column = Case._meta.get_field(name)
    except FieldDoesNotExist:
        return f"{_humanize(name)}: {_plain(value)}"
    label = str(getattr(column, "verbose_name", name))
    label = label[:1].upper() + label[1:]
    choices = dict(getattr(column, "flatchoices", None) or [])
    if choices:
        shown = str(choices.get(value, value))
    elif isinstance(column, models.BooleanField):
        shown = yes_no(value)
    elif isinstance(column, models.DateField):
        shown = date_text(value)
    else:
        shown = str(value)
    return f"{label}: {shown}"


def _humanize(key: str) -> str:
    text = key.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{_humanize(str(k))}: {_plain(v)}" for k, v in value.items())
    return str(value)


# --- Keys ---------------------------------------------------------------------------------

Formatter = Callable[[Any, _Context], str | None]


def _flags(value: Any, ctx: _Context) -> str:
    messages = {rule.code: rule.message for rule in MIGRANT_WORK_RULES}
    found = "; ".join(messages.get(code, code) for code in value)
    return _("Tanda pekerja migran non-prosedural: %(flags)s") % {"flags": found}


def _reassigned_to(value: Any, ctx: _Context) -> str:
    if value is None:
        return _("Ke: kembali ke antrean")
    return _("Ke: %(name)s") % {"name": ctx.user(value)}


def _resolution(value: Any, ctx: _Context) -> str:
    if value == "false_match":
        return _("Bukan orang yang ada dalam daftar cegah tangkal")
    if value == "refused":
        return _("Orang yang sama dengan daftar cegah tangkal")
    return str(value)


def _channel(value: Any, ctx: _Context) -> str:
    from paspor.payments.models import PaymentChannel

    name = PaymentChannel.objects.filter(code=value).values_list("name", flat=True).first()
    return _("Saluran: %(channel)s") % {"channel": name or value}


def _basis(value: Any, ctx: _Context) -> str:
    from paspor.issuance.models import CollectorBasis

    return _("Diambil oleh: %(basis)s") % {"basis": choice_label(CollectorBasis, value)}


def _source(value: Any, ctx: _Context) -> str:
    if value == "pad":
        return _("Ditandatangani pada bidang tanda tangan")
    if value == "upload":
        return _("Gambar tanda tangan diunggah")
    return _("Sumber: %(source)s") % {"source": value}


def _content_type(value: Any, ctx: _Context) -> str:
    kind = str(value).rsplit("/", 1)[-1].upper()
    return _("Berkas: %(kind)s") % {"kind": kind}


def _failed(value: Any, ctx: _Context) -> str:
    if not value:
        return _("Semua pemeriksaan foto lulus")
    return _("Tidak lulus: %(checks)s") % {
        "checks": ", ".join(ctx.photo_check(str(c)) for c in value)
    }


def _passed(value: Any, ctx: _Context) -> str:
    if value:
        return _("Lulus semua pemeriksaan foto")
    return _("Diterima walau tidak lulus pemeriksaan foto")


def _against(value: Any, ctx: _Context) -> str:
    if value:
        return _("Berbeda dari rekomendasi petugas")
    return _("Sesuai rekomendasi petugas")


def _said(text: str, render: Callable[[Any], str] = str) -> Formatter:
    """A phrase with the value in it: `_said(_("NTPN: %(v)s"))`."""
    return lambda value, ctx: text % {"v": render(value)}


def _key_formatters() -> dict[str, Formatter]:
    """Per data key; built per request so the phrases are in the active language."""
    return {
        "ticket": _said(_("Nomor antrean: %(v)s")),
        "booking": _said(_("Booking: %(v)s")),
        "nik_warnings": _nik_notes,
        "warnings": _nik_notes,
        "changed": lambda value, ctx: (
            _("Diubah: %(v)s") % {"v": "; ".join(_case_field(k, v) for k, v in value.items())}
        ),
        "from": lambda value, ctx: _("Dari: %(name)s") % {"name": ctx.user(value)},
        "to": _reassigned_to,
        "document": _said(_("Dokumen: %(v)s"), document_label),
        "type": _content_type,
        "number": _said(_("Nomor paspor: %(v)s")),
        "expiry": _said(_("Berlaku sampai: %(v)s"), date_text),
        "from_mrz": lambda value, ctx: _("Dibaca dari MRZ") if value else _("Diketik petugas"),
        "failed": _failed,
        "passed": _passed,
        "source": _source,
        "recommendation": lambda value, ctx: (
            _("Rekomendasi: %(v)s") % {"v": choice_label(Recommendation, value)}
        ),
        "flags": _flags,
        "against_recommendation": _against,
        "suspended_months": _said(_("Penerbitan ditangguhkan %(v)s bulan (kelalaian)")),
        "suspended_until": _said(_("Permohonan baru dapat diajukan mulai: %(v)s"), date_text),
        "poor_fingers": lambda value, ctx: (
            _("Mutu sidik jari kurang: %(v)s") % {"v": _labels(Finger, value)}
        ),
        "resolution": _resolution,
        "opened_by": lambda value, ctx: (
            _("Permohonan dibuka oleh: %(name)s") % {"name": ctx.user(value)}
        ),
        "resolved_by": lambda value, ctx: (
            _("Kecocokan cegah tangkal diputus oleh: %(name)s") % {"name": ctx.user(value)}
        ),
        # Kept by hits cleared before the four-eyes rule covered clearing (docs/cases.md).
        "resolver_opened_case": lambda value, ctx: (
            _("Supervisor yang memutus juga membuka permohonan ini") if value else None
        ),
        "automatic": lambda value, ctx: _("Otomatis oleh sistem") if value else None,
        "billing_code": _said(_("Kode billing: %(v)s"), billing_code_grouped),
        "amount": _said(_("Jumlah: %(v)s"), rupiah),
        "expires_at": lambda value, ctx: (
            _("Kode billing berlaku sampai: %(v)s") % {"v": datetime_text(value, ctx.case)}
        ),
        "ntpn": _said(_("NTPN: %(v)s")),
        "channel": _channel,
        "passport_number": _said(_("Nomor paspor: %(v)s")),
        "basis": _basis,
        "uncollected_days": _said(_("Tidak diambil selama %(v)s hari")),
        "ready_on": _said(_("Siap diambil sejak: %(v)s"), date_text),
        "booklet": _said(_("Buku paspor: %(v)s")),
        "witness": lambda value, ctx: _("Saksi: %(name)s") % {"name": ctx.user(value)},
        "day": _said(_("Hari ke-%(v)s")),
        "deadline": _said(_("Batas pengambilan: %(v)s"), date_text),
        "due_date": _said(_("Janji selesai: %(v)s"), date_text),
        "previous_due_date": _said(_("Janji selesai sebelumnya: %(v)s"), date_text),
        "status": lambda value, ctx: (
            _("Status saat itu: %(v)s") % {"v": choice_label(CaseStatus, value)}
        ),
    }


# --- Events whose data is keyed by something other than a field name -----------------------


def _parents(data: dict[str, Any], ctx: _Context) -> list[str]:
    rows = []
    for role, parent in data.items():
        present = _("hadir") if parent.get("present") else _("tidak hadir")
        rows.append(f"{choice_label(ParentRole, role)}: {parent.get('name', '')} ({present})")
    return rows


def _documents(data: dict[str, Any], ctx: _Context) -> list[str]:
    # In the checklist's order: PostgreSQL's jsonb keeps keys in its own order (shortest first).
    order = {code: position for position, code in enumerate(DOCUMENTS)}
    codes = sorted(data, key=lambda code: (order.get(code, len(order)), code))
    seen = [document_label(c) for c in codes if data[c] == DocumentStatus.SEEN]
    missing = [document_label(c) for c in codes if data[c] != DocumentStatus.SEEN]
    rows = []
    if seen:
        rows.append(_("Asli diperlihatkan: %(v)s") % {"v": ", ".join(seen)})
    if missing:
        rows.append(_("Belum diperlihatkan: %(v)s") % {"v": ", ".join(missing)})
    return rows


def _fingerprints(data: dict[str, Any], ctx: _Context) -> list[str]:
    fingers = sorted(data, key=finger_position)
    return [
        _("%(finger)s: mutu NFIQ %(quality)s (1 terbaik, 5 terburuk)")
        % {"finger": choice_label(Finger, f), "quality": data[f]}
        for f in fingers
    ]


def _purge(data: dict[str, Any], ctx: _Context) -> list[str]:
    scans = [document_label(str(s.get("document", ""))) for s in data.get("scans", [])]
    rows = [_("Pindaian dihapus: %(v)s") % {"v": ", ".join(scans)}] if scans else []
    counts = {
        "photos": _("Foto dihapus: %(v)s"),
        "fingerprints": _("Sidik jari dihapus: %(v)s"),
        "signatures": _("Tanda tangan dihapus: %(v)s"),
    }
    rows += [text % {"v": data[key]} for key, text in counts.items() if data.get(key)]
    return rows


KIND_FORMATTERS: dict[str, Callable[[dict[str, Any], _Context], list[str]]] = {
    "parents_recorded": _parents,
    "documents_checked": _documents,
    "fingerprints_captured": _fingerprints,
    "retention_purge": _purge,
}


def event_details(event: CaseEvent, ctx: _Context, keys: dict[str, Formatter]) -> list[str]:
    data = event.data if isinstance(event.data, dict) else {}
    special = KIND_FORMATTERS.get(event.kind)
    if special is not None:
        return special(data, ctx)
    rows = []
    for key, value in data.items():
        if key in HIDDEN_KEYS or (value in ("", None, [], {}) and key not in SAID_WHEN_EMPTY):
            continue
        formatter = keys.get(key)
        text = formatter(value, ctx) if formatter else f"{_humanize(key)}: {_plain(value)}"
        if text:
            rows.append(text)
    return rows


def event_label(event: CaseEvent) -> str:
    if event.kind == "transition":
        return f"{event.get_from_status_display()} → {event.get_to_status_display()}"
    label = EVENT_LABELS.get(event.kind)
    return str(label) if label is not None else _humanize(event.kind)


def _names(events: list[CaseEvent]) -> tuple[dict[int, str], dict[str, str]]:
    """Names of the people an event's data mentions by id or user name (one query)."""
    ids = {e.data.get("from") for e in events if isinstance(e.data, dict)}
    usernames = {
        str(e.data[k]) for e in events if isinstance(e.data, dict)
        for k in ("to", "witness", "opened_by", "resolved_by") if e.data.get(k)
    }  # fmt: skip
    users = User.objects.filter(
        models.Q(pk__in=[i for i in ids if isinstance(i, int)]) | models.Q(username__in=usernames)
    )
    by_pk, by_username = {}, {}
    for user in users:
        name = user.get_full_name() or user.get_username()
        by_pk[user.pk] = name
        by_username[user.get_username()] = name
    return by_pk, by_username


def case_timeline(case: Case) -> list[TimelineRow]:
    """Every event of the case, oldest first, with a readable label and its details."""
    events = list(CaseEvent.objects.filter(case=case).select_related("actor").order_by("at", "pk"))
    by_pk, by_username = _names(events)
    ctx = _Context(case=case, users_by_pk=by_pk, users_by_username=by_username)
    keys = _key_formatters()
    rows = []
    for event in events:
        actor = (
            (event.actor.get_full_name() or event.actor.get_username())
            if event.actor
            else _("Sistem")
        )
        rows.append(TimelineRow(event, event_label(event), actor, event_details(event, ctx, keys)))
    return rows
