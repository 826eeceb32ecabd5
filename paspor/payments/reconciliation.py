"""Daily reconciliation against a bank statement (CSV), and its XLSX report.

The statement has one payment per line: `billing_code,amount,ntpn,paid_at,channel` (a header
line with these names is required; `paid_at` is ISO 8601, without an offset it is read on the
office's clock; `channel` is the channel's code or its name as receipts print it, and the
billing code may be written in the groups the pages print). Each line is matched on its NTPN:

- recorded with the same amount → matched;
- recorded with another amount or billing code → amount mismatch;
- not recorded (the notification never arrived) → repaired through the same path as a
  notification (`payment_receive`), with an audit row; if it cannot be applied it is recorded
  and flagged like any other payment;
- payments applied at the office through the statement's channels within the period whose
  NTPN is not on the statement → recorded but not on the statement.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.lib import reasons
from paspor.lib.csv_rows import csv_header, csv_rows, csv_text_check
from paspor.lib.errors import DomainError
from paspor.lib.money import AMOUNT_DIGITS_MAX, rupiah, rupiah_parse
from paspor.lib.spreadsheet import append_text_row
from paspor.offices.models import Office
from paspor.payments.bank import Malformed, billing_code_typed, ntpn_normalise
from paspor.payments.models import (
    BillingCode,
    FlagReason,
    Payment,
    PaymentChannel,
    PaymentSource,
    PaymentStatus,
    ReconciliationItem,
    ReconciliationKind,
    StatementImport,
)
from paspor.payments.services import (
    AMOUNT_MAX,
    APPLIED,
    FLAGGED,
    PAID_AT_CLOCK_TOLERANCE,
    PAID_AT_EARLIEST,
    PaymentReport,
    payment_receive,
)

COLUMNS = ("billing_code", "amount", "ntpn", "paid_at", "channel")
# What one request reconciles well within the 60 s the web server allows (measured on
# PostgreSQL, docs/payments.md): a recorded line costs no query of its own, but a line whose
# notification never arrived goes through `payment_receive` and two audit rows (~0.1 s).
MAX_LINES = 10_000
MAX_BYTES = 2 * 1024 * 1024
MAX_REPAIRS = 200
BILLING_CODE_MAX = ReconciliationItem._meta.get_field("billing_code").max_length or 40
# More significant digits than `rupiah_parse` reads: far over AMOUNT_MAX, said as such.
_AMOUNT_TOO_LONG = re.compile(rf"[1-9][0-9]{{{AMOUNT_DIGITS_MAX}}}")


def statement_channels() -> list[PaymentChannel]:
    """The channels a statement line may name; the upload page lists them (code and name)."""
    return list(PaymentChannel.objects.order_by("code"))


def _channel_key(value: str) -> str:
    return " ".join(value.split()).casefold()


def channel_index(channels: list[PaymentChannel]) -> dict[str, PaymentChannel | None]:
    """Each channel under its code and under its name, without case or extra spaces.

    Staff know a channel by the name on receipts and in the case history ("Bank Simulasi");
    a bank's file may carry the code ("simulasi"): both are accepted. A code always means its
    own channel; a name two channels share means neither (None), and the line must give the code.
    """
    index: dict[str, PaymentChannel | None] = {}
    for channel in channels:
        key = _channel_key(channel.name)
        index[key] = channel if index.get(key, channel) == channel else None
    for channel in channels:
        index[_channel_key(channel.code)] = channel
    return index


def _channel_of(value: str, channels: dict[str, PaymentChannel | None]) -> PaymentChannel:
    key = _channel_key(value)
    channel = channels.get(key)
    if channel is not None:
        return channel
    if key in channels:
        raise Malformed(_("nama saluran dipakai lebih dari satu saluran; tulis kode salurannya"))
    raise Malformed(
        _("saluran tidak dikenal; tulis kode atau nama saluran dari daftar di halaman unggah")
    )


@dataclass(frozen=True)
class StatementLine:
    line_no: int
    billing_code: str
    amount: int
    ntpn: str
    paid_at: dt.datetime
    channel: PaymentChannel


def _parse_line(
    line_no: int,
    row: dict[str, str],
    office: Office,
    channels: dict[str, PaymentChannel | None],
    now: dt.datetime,
) -> StatementLine:
    amount = rupiah_parse(row["amount"])
    if amount is None and not _AMOUNT_TOO_LONG.search(row["amount"]):
        raise Malformed(_("jumlah bukan bilangan bulat rupiah"))
    if amount is not None and amount <= 0:
        raise Malformed(_("jumlah harus lebih dari 0"))
    if amount is None or amount > AMOUNT_MAX:  # as the banks' notifications (bank.py)
        raise Malformed(_("jumlah melebihi %(max)s") % {"max": rupiah(AMOUNT_MAX)})
    try:
        paid_at = dt.datetime.fromisoformat(row["paid_at"].strip())
    except ValueError:
        raise Malformed(_("waktu bayar bukan ISO 8601")) from None
    if paid_at.tzinfo is None:
        paid_at = paid_at.replace(tzinfo=office.tz)
    if paid_at > now + PAID_AT_CLOCK_TOLERANCE:  # as the banks' notifications (bank.py)
        raise Malformed(_("waktu bayar di masa depan"))
    if paid_at < PAID_AT_EARLIEST:
        raise Malformed(_("waktu bayar sebelum tahun 2000"))
    channel = _channel_of(row["channel"], channels)
    code = billing_code_typed(row["billing_code"])
    if not code:
        raise Malformed(_("kode billing kosong"))
    if len(code) > BILLING_CODE_MAX:  # as the banks' notifications (bank.py)
        raise Malformed(
            _("kode billing paling panjang %(max)s karakter") % {"max": BILLING_CODE_MAX}
        )
    return StatementLine(line_no, code, amount, ntpn_normalise(row["ntpn"]), paid_at, channel)


def caps() -> dict[str, object]:
    """The caps as the upload form and the refusal write them: lines grouped as the reader's
    language groups thousands ("10.000" / "10,000"), size in MB."""
    return {
        "lines": number_format(MAX_LINES, force_grouping=True),
        "mb": MAX_BYTES // (1024 * 1024),
    }


def too_long_message() -> str:
    return (
        _(
            "Rekening koran terlalu panjang (paling banyak %(lines)s baris, %(mb)s MB); "
            "bagi menjadi beberapa berkas."
        )
        % caps()
    )


def _rows(content: str) -> list[tuple[int, dict[str, str]]]:
    """The statement's lines, each with its line in the file (a blank line counts)."""
    csv_text_check(content)
    if len(content) > MAX_BYTES:  # characters: the form has refused more bytes already
        raise DomainError(too_long_message(), code="statement_too_long")
    reader = csv.DictReader(io.StringIO(content.lstrip("\ufeff")))
    if set(COLUMNS) - set(csv_header(reader)):
        raise DomainError(
            _("Kolom rekening koran harus: %(columns)s.") % {"columns": ", ".join(COLUMNS)}
        )
    rows: list[tuple[int, dict[str, str]]] = []
    for numbered in csv_rows(reader):
        if len(rows) == MAX_LINES:
            raise DomainError(too_long_message(), code="statement_too_long")
        rows.append(numbered)
    return rows


@dataclass
class _Findings:
    """What the statement's lines find: their items, written at once at the end, and what the
    database holds of their NTPNs and billing codes, read in a few queries rather than per line."""

    statement: StatementImport
    payments: dict[str, Payment] = field(default_factory=dict)  # by NTPN, any office
    codes: dict[str, BillingCode] = field(default_factory=dict)
    items: list[ReconciliationItem] = field(default_factory=list)

    def add(self, kind: ReconciliationKind, **values: object) -> None:
        item = ReconciliationItem(statement=self.statement, kind=kind, **values)  # type: ignore[misc]
        self.items.append(item)

    def load(self, lines: Iterable[StatementLine]) -> None:
        lines = list(lines)
        for ntpns in _chunks({line.ntpn for line in lines}):
            self.payments.update((p.ntpn, p) for p in Payment.objects.filter(ntpn__in=ntpns))
        for codes in _chunks({line.billing_code for line in lines}):
            query = BillingCode.objects.filter(code__in=codes).select_related("bill")
            self.codes.update((code.code, code) for code in query)


def _chunks(values: Iterable[str], size: int = 500) -> Iterator[list[str]]:
    """Values in lists short enough for one IN (SQLite counts its query parameters)."""
    batch: list[str] = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _match(found: _Findings, line: StatementLine, office: Office, by: User) -> None:
    base = {
        "line_no": line.line_no,
        "billing_code": line.billing_code,
        "ntpn": line.ntpn,
        "channel_code": line.channel.code,
        "amount_statement": line.amount,
        "paid_at": line.paid_at,
    }
    recorded = found.payments.get(line.ntpn)
    if recorded is not None and recorded.office_id == office.pk:
        _compare(found, line, recorded, base)
        return
    foreign = _foreign(found, line, office)
    if foreign:
        found.add(ReconciliationKind.INVALID_LINE, detail=foreign, **base)
        return
    _repair(found, line, office, by, found.codes.get(line.billing_code), base)


def not_applied_note(payment: Payment) -> str:
    """What the reconciler must know of a recorded payment that did not pay its bill ("" for
    an applied one): a line matching it is money to refund or settle, not a normal payment."""
    reason = FlagReason(payment.flag_reason).label if payment.flag_reason else ""
    if payment.status == PaymentStatus.FLAGGED:
        return _("Pembayaran tercatat ditandai, tidak diterapkan: %(reason)s.") % {"reason": reason}
    if payment.status == PaymentStatus.RESOLVED:
        return _("Pembayaran tercatat tidak diterapkan dan sudah ditinjau: %(reason)s.") % {
            "reason": reason
        }
    return ""


def _compare(
    found: _Findings, line: StatementLine, recorded: Payment, base: dict[str, object]
) -> None:
    same = recorded.amount == line.amount and recorded.billing_code_text == line.billing_code
    notes = (
        []
        if same
        else [
            _("Tercatat: %(code)s, %(amount)s")
            % {"code": recorded.billing_code_text, "amount": rupiah(recorded.amount)}
        ]
    )
    notes.append(not_applied_note(recorded))
    found.add(
        ReconciliationKind.MATCHED if same else ReconciliationKind.AMOUNT_MISMATCH,
        amount_recorded=recorded.amount,
        payment=recorded,
        detail=" ".join(note for note in notes if note),
        **base,
    )


def _unrecorded(found: _Findings, line: StatementLine, office: Office) -> bool:
    """Whether the line is to be repaired (`_match`): its NTPN is not recorded anywhere and its
    code is not another office's."""
    return line.ntpn not in found.payments and not _foreign(found, line, office)


def _foreign(found: _Findings, line: StatementLine, office: Office) -> str:
    """Why the line belongs to another office ("" when it does not).

    Another office's payment (or one recorded without an office, which headquarters reviews)
    is neither matched, counted nor described here: its code and amount are that office's.
    """
    if line.ntpn in found.payments:  # recorded, and not at this office (`_match`)
        return _("NTPN sudah tercatat di luar kantor ini; rekonsiliasi di kantor tersebut.")
    code = found.codes.get(line.billing_code)
    if code is not None and code.bill.office_id != office.pk:
        return _("Kode billing milik kantor lain; rekonsiliasi di kantor tersebut.")
    return ""


def _repair(
    found: _Findings,
    line: StatementLine,
    office: Office,
    by: User,
    known: BillingCode | None,
    base: dict[str, object],
) -> None:
    """Paid but not recorded: through the notification's door, audited as a repair."""
    report = PaymentReport(
        reference=f"REKON-{line.ntpn}",
        billing_code=line.billing_code,
        amount=line.amount,
        ntpn=line.ntpn,
        paid_at=line.paid_at,
    )
    receipt = payment_receive(
        channel=line.channel,
        report=report,
        source=PaymentSource.RECONCILIATION,
        by=by,
        office=office,
    )
    audit_record(
        actor=by,
        office=office,
        subject=receipt.payment,
        event="payments.payment_repaired",
        new={
            "statement": str(found.statement.uuid),
            "line": line.line_no,
            "result": receipt.result,
        },
        reason=reasons.reason_record(reasons.PAID_UNRECORDED),
    )
    if receipt.result == APPLIED:
        kind = ReconciliationKind.REPAIRED
    elif receipt.result == FLAGGED and receipt.reason == FlagReason.WRONG_AMOUNT:
        kind = ReconciliationKind.AMOUNT_MISMATCH
    else:
        kind = ReconciliationKind.FLAGGED
    found.add(
        kind,
        amount_recorded=known.amount if known is not None else None,
        payment=receipt.payment,
        detail=FlagReason(receipt.reason).label if receipt.reason else "",
        **base,
    )


def statement_period_default(office: Office, *, now: dt.datetime | None = None) -> dt.date:
    """The day the upload form offers: reconciliation is daily (a bank's statement of one day),
    so the day before today on the office's clock, the last whole day a statement can cover
    (at 23.30 WIB on 31 March a WIT office is already on 1 April and offers 31 March)."""
    today = (now or timezone.now()).astimezone(office.tz).date()
    return today - dt.timedelta(days=1)


@transaction.atomic
def statement_import(
    *,
    office: Office,
    content: str,
    period_start: dt.date,
    period_end: dt.date,
    by: User,
    filename: str = "",
) -> StatementImport:
    """Imports one statement, repairs what the notifications missed, and stores the report."""
    if period_end < period_start:
        raise DomainError(_("Akhir periode tidak boleh sebelum awal periode."))
    rows = _rows(content)
    channels = channel_index(statement_channels())
    statement = StatementImport.objects.create(
        office=office,
        period_start=period_start,
        period_end=period_end,
        filename=filename[:200],
        content=content,
        uploaded_by=by,
        uploaded_at=timezone.now(),
    )
    found = _Findings(statement)
    lines: dict[str, StatementLine] = {}  # by NTPN: the first line that gives it
    for line_no, row in rows:
        try:
            line = _parse_line(line_no, row, office, channels, statement.uploaded_at)
        except Malformed as exc:
            found.add(
                ReconciliationKind.INVALID_LINE,
                line_no=line_no,
                billing_code=row["billing_code"][:BILLING_CODE_MAX],
                ntpn=row["ntpn"][:40],
                channel_code=row["channel"][:100],
                detail=str(exc),
            )
            continue
        if line.ntpn in lines:
            found.add(
                ReconciliationKind.INVALID_LINE,
                line_no=line_no,
                billing_code=line.billing_code,
                ntpn=line.ntpn,
                detail=_("NTPN ganda dalam rekening koran"),
            )
            continue
        lines[line.ntpn] = line
    found.load(lines.values())
    unrecorded = [line for line in lines.values() if _unrecorded(found, line, office)]
    if len(unrecorded) > MAX_REPAIRS:
        raise DomainError(
            _(
                "%(n)s baris dengan NTPN yang belum tercatat; paling banyak %(max)s per unggahan. "
                "Bagi rekening koran menjadi beberapa berkas."
            )
            % {"n": len(unrecorded), "max": MAX_REPAIRS},
            code="statement_too_many_repairs",
        )
    for line in lines.values():
        _match(found, line, office, by)
    start = dt.datetime.combine(period_start, dt.time(), tzinfo=office.tz)
    end = dt.datetime.combine(period_end + dt.timedelta(days=1), dt.time(), tzinfo=office.tz)
    missing = (
        Payment.objects.filter(
            office=office,
            status=PaymentStatus.APPLIED,
            channel_id__in={line.channel.pk for line in lines.values()},
            paid_at__gte=start,
            paid_at__lt=end,
        )
        .select_related("channel")
        .order_by("paid_at")
    )
    found.items.sort(key=lambda item: item.line_no or 0)  # in the file's order
    for payment in missing:
        if payment.ntpn in lines:
            continue
        found.add(
            ReconciliationKind.NOT_ON_STATEMENT,
            billing_code=payment.billing_code_text,
            ntpn=payment.ntpn,
            channel_code=payment.channel.code,
            amount_recorded=payment.amount,
            paid_at=payment.paid_at,
            payment=payment,
        )
    ReconciliationItem.objects.bulk_create(found.items, batch_size=500)
    summary = Counter(statement.items.values_list("kind", flat=True))
    statement.summary = {kind.value: summary.get(kind.value, 0) for kind in ReconciliationKind}
    statement.summary["lines"] = len(rows)
    statement.save(update_fields=["summary"])
    audit_record(
        actor=by,
        office=office,
        subject=statement,
        event="payments.statement_imported",
        new={"filename": filename, "period": [period_start, period_end], **statement.summary},
    )
    return statement


def statement_xlsx(statement: StatementImport) -> bytes:
    """The report as a workbook: a summary sheet and one row per finding."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    summary = book.active
    summary.title = _("Ringkasan")  # the sheets are named in the reader's language too
    # The office's name, the uploaded file's name and the file's values are typed by people: a
    # text that starts with "=" stays text, never a formula.
    append_text_row(summary, [_("Kantor"), statement.office.name])
    summary.append([_("Periode"), f"{statement.period_start} – {statement.period_end}"])
    append_text_row(summary, [_("Berkas"), statement.filename])
    summary.append([])
    # "Jumlah" would read as an amount of money here: the column counts lines.
    summary.append([_("Hasil"), _("Banyaknya")])
    for kind in ReconciliationKind:
        summary.append([str(kind.label), statement.summary.get(kind.value, 0)])
    detail = book.create_sheet(_("Rincian"))
    header = [
        _("Hasil"),
        _("Baris"),
        _("Kode billing"),
        "NTPN",
        _("Saluran"),
        _("Jumlah rekening koran"),
        _("Jumlah tercatat"),
        _("Waktu bayar"),
        _("Keterangan"),
    ]
    detail.append(header)
    for cell in detail[1]:
        cell.font = Font(bold=True)
    tz = statement.office.tz
    for item in statement.items.order_by("kind", "line_no", "pk"):
        append_text_row(
            detail,
            [
                str(ReconciliationKind(item.kind).label),
                item.line_no,
                item.billing_code,
                item.ntpn,
                item.channel_code,
                item.amount_statement,
                item.amount_recorded,
                item.paid_at.astimezone(tz).strftime("%Y-%m-%d %H:%M") if item.paid_at else "",
                item.detail,
            ],
        )
    for column, width in zip("ABCDEFGHI", (38, 7, 18, 19, 14, 16, 16, 17, 50), strict=True):
        detail.column_dimensions[column].width = width
    summary.column_dimensions["A"].width = 55
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
