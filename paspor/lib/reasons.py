"""The reasons the system writes for a step it takes itself (an approval without words, a
deferral's list and date, an expired deferral, a pickup reminder, a bill issued, a payment
received, an SLA alert, a failed quality control, a passport handed over or left uncollected).

The record keeps text, not a code, so that it reads on its own in the audit log, exports and
the database, and it keeps it in Indonesian, the office's language, whichever language the
officer or the worker was speaking (`reason_record`). Pages and messages show it in their
reader's language (`reason_shown`): a text written from one of these phrases, in any language
the site speaks, is written again in the active language, with the words put into it (an
officer's reason, the missing documents, a date) kept as they were — except the words that are
themselves labels of the site (`TERMS`: a case's step, a handover's basis), which are shown in
the active language too. Any other text — what an officer typed — is shown as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from django.conf import settings
from django.utils import formats, translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Cases
APPROVED = _("Disetujui.")
INTAKE_DONE = _("Pemeriksaan berkas selesai.")
TRAVEL_BAN_HIT = _("Cocok dengan daftar cegah tangkal: menunggu keputusan supervisor.")
TRAVEL_BAN_FALSE_MATCH = _("Bukan orang yang sama (cegah tangkal): %(reason)s")
TRAVEL_BAN_REFUSED = _("Termasuk daftar cegah tangkal: %(reason)s")
BIOMETRICS_DONE = _("Foto, sidik jari dan tanda tangan selesai.")
DEFERRED = _("Harus dilengkapi: %(missing)s. Batas waktu: %(until)s.")
RESUMED = _("Pemohon melengkapi berkas.")
DEFERRAL_EXPIRED = _("Berkas tidak dilengkapi sampai batas waktu %(until)s: %(missing)s")
FILES_PURGED = _("Masa simpan berakhir: pindaian, foto dan biometrik dihapus.")
# Payments and issuance
BILL_ISSUED = _("Tagihan PNBP diterbitkan")
PAID_UNRECORDED = _("Dibayar tetapi belum tercatat (rekonsiliasi)")
PICKUP_REMINDER = _("Pengingat pengambilan hari ke-%(day)s")
PAYMENT_RECEIVED = _("Pembayaran diterima melalui %(channel)s")
SLA_AT_RISK = _("Berisiko terlambat: janji selesai %(due)s, masih %(step)s.")
SLA_BREACH = _("Melewati janji selesai %(due)s, masih %(step)s.")
QC_FAILED = _("Gagal kendali mutu. %(findings)s")
UNCOLLECTED_CANCELLED = _(
    "Paspor %(number)s tidak diambil dalam %(days)s hari sejak siap diambil (%(ready)s) dan "
    "dibatalkan. Silakan mengajukan permohonan baru."
)
# Who collected a passport, and their name. The same in every language, but its basis is a
# label (a term); tried after every other phrase, which it would otherwise match.
HANDED_OVER = "%(basis)s: %(name)s"

PHRASES: tuple[Promise, ...] = (
    APPROVED,
    INTAKE_DONE,
    TRAVEL_BAN_HIT,
    TRAVEL_BAN_FALSE_MATCH,
    TRAVEL_BAN_REFUSED,
    BIOMETRICS_DONE,
    DEFERRED,
    RESUMED,
    DEFERRAL_EXPIRED,
    FILES_PURGED,
    BILL_ISSUED,
    PAID_UNRECORDED,
    PICKUP_REMINDER,
    PAYMENT_RECEIVED,
    SLA_AT_RISK,
    SLA_BREACH,
    QC_FAILED,
    UNCOLLECTED_CANCELLED,
)
# Placeholders that hold a label of the site, recorded in the office's language.
TERMS = frozenset({"step", "basis"})
# Placeholders that hold a date, recorded as digits: "09-12-2026" (a deferral's deadline, the
# day a passport became ready) or "2026-12-09" (an SLA alert's promised date).
DATES = frozenset({"until", "ready", "due"})

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def reason_record(phrase: Promise, **values: object) -> str:
    """`phrase` as the record keeps it: in the office's language, with `values` put in."""
    with translation.override(settings.LANGUAGE_CODE):
        text = str(phrase)
    return text % values if values else text


def reason_shown(text: str, *, dates: str | None = None) -> str:
    """`text` in the active language when it was written from one of the phrases above.

    With `dates` (a date format, "j F Y"), the dates put into the phrase are written in it, in
    the active language: a message to an applicant says "9 December 2026" in the reason as in
    the rest of its text, not the record's "09-12-2026".
    """
    if not text:
        return text
    for language, _name in settings.LANGUAGES:
        for pattern, phrase in _patterns(language):
            match = pattern.fullmatch(text)
            if match is not None:
                values = match.groupdict()
                return str(phrase) % _values_shown(values, dates) if values else str(phrase)
    match = _HANDED_OVER.fullmatch(text)
    if match is not None and (basis := _term_shown(match["basis"])) != match["basis"]:
        return HANDED_OVER % {"basis": basis, "name": match["name"]}
    return text


_HANDED_OVER = re.compile(r"(?P<basis>[^:]+?): (?P<name>.+)", re.DOTALL)


def _values_shown(values: dict[str, str], dates: str | None = None) -> dict[str, str]:
    shown = {name: _term_shown(value) if name in TERMS else value for name, value in values.items()}
    if dates is not None:
        shown.update({name: _date_shown(shown[name], dates) for name in DATES & shown.keys()})
    return shown


def _date_shown(value: str, date_format: str) -> str:
    """A recorded date ("09-12-2026" or "2026-12-09") in `date_format`; anything else as it is."""
    for parse in (_day_month_year, dt.date.fromisoformat):
        try:
            return formats.date_format(parse(value), date_format)
        except ValueError:
            continue
    return value


def _day_month_year(value: str) -> dt.date:
    return dt.datetime.strptime(value, "%d-%m-%Y").date()


def _term_shown(term: str) -> str:
    """A label of the site recorded in the office's language (whose texts are the catalogues'
    keys), in the active language; a label written in lower case in a sentence stays so."""
    shown = gettext(term)
    if shown != term or not term[:1].islower():
        return shown
    capital = term[:1].upper() + term[1:]
    shown = gettext(capital)
    return term if shown == capital else shown[:1].lower() + shown[1:]


@cache
def _patterns(language: str) -> tuple[tuple[re.Pattern[str], Promise], ...]:
    """Each phrase as written in `language`, as a pattern whose groups are its placeholders."""
    with translation.override(language):
        return tuple((re.compile(_pattern(str(phrase)), re.DOTALL), phrase) for phrase in PHRASES)


def _pattern(text: str) -> str:
    parts = _PLACEHOLDER.split(text)  # literal, name, literal, name, …, literal
    return "".join(
        re.escape(part) if index % 2 == 0 else f"(?P<{part}>.*?)"
        for index, part in enumerate(parts)
    )
