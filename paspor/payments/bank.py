"""The bank notification endpoint's handler: verify, store raw, de-duplicate, dispatch.

Answers (docs/payments.md):

| case                                                                 | HTTP | result        |
|----------------------------------------------------------------------|------|---------------|
| applied to its billing code                                          | 200  | applied       |
| the same payment again (retry, replay), with its first answer        | 200  | duplicate     |
| recorded but flagged (`reason`: unknown, expired or cancelled code,  | 202  | flagged       |
|   paid before the code was issued, wrong amount, already paid, case  |      |               |
|   no longer billed)                                                  |      |               |
| a recorded reference (or NTPN) stated with other facts               | 409  | conflict      |
| unknown channel or bad signature                                     | 401  | bad_signature |
| timestamp outside the window                                         | 401  | stale         |
| not JSON; a field missing or invalid (paid_at in the future too); a  | 400  | malformed     |
|   timestamp header that is not Unix seconds                          |      |               |
| body over 64 KiB                                                     | 413  | malformed     |

A flagged payment answers 202: the money is recorded and will be refunded or settled by a
person, so the bank must not retry it. Every request is first written to `NotificationLog`
(in its own commit), so nothing that reached us is lost whatever happens next. The codes
(`result`, `reason`, `field`) are for the bank's programs and never change with the language;
`detail` is for people, in the language the request asks for (Indonesian by default).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeGuard

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from paspor.lib.money import rupiah
from paspor.payments import signing
from paspor.payments.models import (
    NotificationLog,
    NotificationOutcome,
    Payment,
    PaymentChannel,
    PaymentMethod,
    PaymentSource,
)
from paspor.payments.services import (
    AMOUNT_MAX,
    APPLIED,
    BILLING_CODE_DIGITS,
    DUPLICATE,
    FLAGGED,
    PAID_AT_CLOCK_TOLERANCE,
    PAID_AT_EARLIEST,
    PaymentReport,
    payment_receive,
)

MAX_BODY = 64 * 1024
# ASCII letters and digits only: matched before upper-casing, which turns "ß" into "SS".
NTPN_RE = re.compile(r"[A-Za-z0-9]{16}")
REFERENCE_RE = re.compile(r"[\x21-\x7e]{1,64}")  # printable ASCII, no spaces
CONFLICT = "conflict"
# Why a 409: the channel's reference, or the NTPN (one deposit), is recorded with other facts.
REFERENCE_REUSED, NTPN_REUSED = "reference_reused", "ntpn_reused"


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]


class Malformed(ValueError):
    """Input the contract refuses, said in the reader's language. `field` names the field (or
    header) at fault for the bank's programs; empty when the body as a whole is at fault."""

    def __init__(self, words: str, *, field: str = "") -> None:
        super().__init__(f"{field}: {words}" if field else words)
        self.field = field


def _required(data: Mapping[str, Any], field: str) -> object:
    value = data.get(field)
    if value is None:
        raise Malformed(_("wajib diisi"), field=field)
    return value


def ntpn_normalise(value: object) -> str:
    """16 letters and digits (STANDARDS.md §5), upper-cased; anything else is refused."""
    if value is None or value == "":
        raise Malformed(_("wajib diisi"), field="ntpn")
    if not isinstance(value, str) or not NTPN_RE.fullmatch(value.strip()):
        raise Malformed(_("harus 16 huruf/angka"), field="ntpn")
    return value.strip().upper()


# Spaces (also no-break ones) and dashes of any kind between the digits' groups.
_BILLING_CODE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015]+")


def billing_code_typed(value: str) -> str:
    """A billing code as a person types or pastes it: every page prints it in groups of five
    ("14313 58988 10983"), so the spaces and dashes between the groups are dropped."""
    return _BILLING_CODE_SEPARATORS.sub("", value)


_BILLING_CODE = re.compile(rf"[0-9]{{{BILLING_CODE_DIGITS}}}")


def billing_code_valid(code: str) -> bool:
    """Whether `code` can be a billing code: 15 digits 0–9 (STANDARDS.md §5). `str.isdigit` is
    not enough: it also takes other scripts' digits ("١٤٣…") and superscripts."""
    return _BILLING_CODE.fullmatch(code) is not None


def paid_at_parse(value: object, *, now: dt.datetime) -> dt.datetime:
    """An aware ISO 8601 time, no later than now (give or take the clocks' difference): a
    payment reported from the future is a bank's error to correct, not money to record."""
    if value is None:
        raise Malformed(_("wajib diisi"), field="paid_at")
    if not isinstance(value, str):
        raise Malformed(_("harus teks ISO 8601 dengan zona waktu"), field="paid_at")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise Malformed(_("bukan tanggal-waktu ISO 8601"), field="paid_at") from None
    if parsed.tzinfo is None:
        raise Malformed(_("zona waktu wajib (mis. +07:00)"), field="paid_at")
    if parsed > now + PAID_AT_CLOCK_TOLERANCE:
        raise Malformed(_("berada di masa depan"), field="paid_at")
    if parsed < PAID_AT_EARLIEST:
        raise Malformed(_("terlalu lampau (sebelum tahun 2000)"), field="paid_at")
    return parsed


def _storable_text(value: object) -> TypeGuard[str]:
    """Text a database column can hold: no NUL (PostgreSQL text cannot) and no lone surrogate
    (JSON may write ``"\\ud800"``; no encoding can)."""
    if not isinstance(value, str) or "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def report_from_json(data: object, *, now: dt.datetime) -> PaymentReport:
    if not isinstance(data, dict):
        raise Malformed(_("Isi harus objek JSON."))
    reference = _required(data, "reference")
    if not isinstance(reference, str) or not REFERENCE_RE.fullmatch(reference):
        raise Malformed(_("1–64 karakter ASCII tanpa spasi"), field="reference")
    code = _required(data, "billing_code")
    if not _storable_text(code) or not 1 <= len(code) <= 40:
        raise Malformed(_("harus teks, 1–40 karakter"), field="billing_code")
    amount = _required(data, "amount")
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 < amount <= AMOUNT_MAX:
        raise Malformed(
            _("harus bilangan bulat rupiah lebih dari 0, paling banyak %(max)s")
            % {"max": rupiah(AMOUNT_MAX)},
            field="amount",
        )
    ntb = data.get("ntb", "")
    if not _storable_text(ntb) or len(ntb) > 64:
        raise Malformed(_("harus teks paling panjang 64 karakter"), field="ntb")
    method = data.get("method", PaymentMethod.OTHER)
    if method not in PaymentMethod.values:
        raise Malformed(
            _("harus salah satu dari %(choices)s") % {"choices": ", ".join(PaymentMethod.values)},
            field="method",
        )
    return PaymentReport(
        reference=reference,
        billing_code=code.strip(),
        amount=amount,
        ntpn=ntpn_normalise(data.get("ntpn")),
        paid_at=paid_at_parse(data.get("paid_at"), now=now),
        ntb=ntb,
        method=str(method),
    )


def _loggable(text: str) -> str:
    """The text as a log column can hold it: a NUL (which PostgreSQL text cannot) becomes
    U+FFFD, as undecodable bytes do."""
    return text.replace("\x00", "\ufffd")


def _log_start(headers: Mapping[str, str], body: bytes, remote_addr: str) -> NotificationLog:
    return NotificationLog.objects.create(
        received_at=timezone.now(),
        channel_code=_loggable(headers.get(signing.CHANNEL_HEADER, "")[:100]),
        timestamp_header=_loggable(headers.get(signing.TIMESTAMP_HEADER, "")[:40]),
        signature_header=_loggable(headers.get(signing.SIGNATURE_HEADER, "")[:200]),
        remote_addr=remote_addr[:64],
        body=_loggable(body[:MAX_BODY].decode("utf-8", errors="replace")),
        body_sha256=hashlib.sha256(body).hexdigest(),
    )


def _finish(
    log: NotificationLog, outcome: NotificationOutcome, answer: Answer, **extra: Any
) -> Answer:
    NotificationLog.objects.filter(pk=log.pk).update(
        outcome=outcome, http_status=answer.status, detail=str(answer.body)[:2000], **extra
    )
    return answer


def _refuse(status: int, result: str, detail: str) -> Answer:
    return Answer(status, {"result": result, "detail": detail})


def _malformed(exc: Malformed, status: int = 400) -> Answer:
    answer = _refuse(status, "malformed", str(exc))
    if exc.field:
        answer.body["field"] = exc.field
    return answer


def _payment_out(payment: Payment, result: str) -> dict[str, Any]:
    return {
        "result": result,
        "payment": str(payment.uuid),
        "billing_code": payment.billing_code_text,
        "ntpn": payment.ntpn,
    }


def _facts_differing(payment: Payment, report: PaymentReport, *, same_reference: bool) -> list[str]:
    """The facts of a recorded payment that a repeated notification states otherwise.

    The NTB and the method describe the payment and are not compared: a retry may word them
    anew. Under another reference (the same NTPN) the time is not compared either: the payment
    may have been recorded from a bank statement, whose times are written to the minute.
    """
    facts: dict[str, tuple[object, object]] = {
        "billing_code": (payment.billing_code_text, report.billing_code),
        "amount": (payment.amount, report.amount),
        "ntpn": (payment.ntpn, report.ntpn),
    }
    if same_reference:
        facts["paid_at"] = (payment.paid_at, report.paid_at)
    return [name for name, (recorded, sent) in facts.items() if recorded != sent]


def _repeated(
    log: NotificationLog, payment: Payment, report: PaymentReport, channel: PaymentChannel
) -> Answer:
    """A notification for a payment already recorded: the first answer again, or 409 when it
    states other facts (a reference reused for another payment is the bank's error)."""
    same_reference = payment.channel_id == channel.pk and payment.reference == report.reference
    differing = _facts_differing(payment, report, same_reference=same_reference)
    if differing:
        fields = ", ".join(differing)
        if same_reference:
            reason = REFERENCE_REUSED
            detail = _(
                "Referensi ini sudah tercatat untuk pembayaran dengan isi lain (berbeda: "
                "%(fields)s)."
            ) % {"fields": fields}
        else:
            reason = NTPN_REUSED
            detail = _(
                "NTPN ini sudah tercatat untuk pembayaran dengan isi lain (berbeda: %(fields)s)."
            ) % {"fields": fields}
        answer = Answer(
            409,
            {
                "result": CONFLICT,
                "reason": reason,
                "detail": detail,
                "differs": differing,
                "payment": str(payment.uuid),
            },
        )
        return _finish(log, NotificationOutcome.CONFLICT, answer, payment=payment)
    body = _payment_out(payment, DUPLICATE)
    # What the first notification was answered: applied, or flagged with its reason.
    body["original_result"] = FLAGGED if payment.flag_reason else APPLIED
    if payment.flag_reason:
        body["reason"] = payment.flag_reason
    return _finish(log, NotificationOutcome.DUPLICATE, Answer(200, body), payment=payment)


def notification_handle(
    *, headers: Mapping[str, str], body: bytes, remote_addr: str = "", now: float | None = None
) -> Answer:
    """The whole endpoint, transport aside: returns the HTTP status and JSON body to answer.

    Call it outside a transaction (views run in autocommit): the raw request row then commits on
    its own before the payment is processed.
    """
    now = time.time() if now is None else now
    log = _log_start(headers, body, remote_addr)
    if len(body) > MAX_BODY:
        answer = _malformed(Malformed(_("Isi lebih dari 64 KiB.")), status=413)
        return _finish(log, NotificationOutcome.MALFORMED, answer)
    # Verify before parsing: nothing from an unverified body is read.
    channel_code = headers.get(signing.CHANNEL_HEADER, "")
    channel = (
        None  # no channel's code holds a NUL (nor could the lookup take one)
        if "\x00" in channel_code
        else PaymentChannel.objects.filter(code=channel_code, is_active=True).first()
    )
    timestamp = headers.get(signing.TIMESTAMP_HEADER, "")
    if channel is None or not signing.signature_valid(
        secret=channel.secret,
        timestamp=timestamp,
        body=body,
        signature=headers.get(signing.SIGNATURE_HEADER, ""),
    ):
        answer = _refuse(401, "bad_signature", _("Saluran tidak dikenal atau tanda tangan salah."))
        return _finish(log, NotificationOutcome.BAD_SIGNATURE, answer)
    sent = signing.timestamp_seconds(timestamp)
    if sent is None:
        refused = Malformed(_("harus detik Unix (bilangan bulat)"), field=signing.TIMESTAMP_HEADER)
        return _finish(log, NotificationOutcome.MALFORMED, _malformed(refused))
    max_age = settings.PAYMENT_NOTIFICATION_MAX_AGE
    if abs(now - sent) > max_age:
        detail = _("Stempel waktu berselisih lebih dari %(seconds)s detik dengan jam server.") % {
            "seconds": max_age
        }
        return _finish(log, NotificationOutcome.STALE, _refuse(401, "stale", detail))
    try:
        report = report_from_json(json.loads(body), now=dt.datetime.fromtimestamp(now, dt.UTC))
    except Malformed as exc:
        return _finish(log, NotificationOutcome.MALFORMED, _malformed(exc))
    except ValueError:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        answer = _refuse(400, "malformed", _("Isi bukan JSON yang sah."))
        return _finish(log, NotificationOutcome.MALFORMED, answer)
    try:
        receipt = payment_receive(
            channel=channel, report=report, source=PaymentSource.NOTIFICATION, by=None
        )
    except Exception:
        error = str(NotificationOutcome.ERROR.label)
        _finish(log, NotificationOutcome.ERROR, _refuse(500, "error", error))
        raise
    payment = receipt.payment
    if receipt.result == DUPLICATE:
        return _repeated(log, payment, report, channel)
    if receipt.result == APPLIED:
        answer = Answer(200, _payment_out(payment, APPLIED))
        return _finish(log, NotificationOutcome.APPLIED, answer, payment=payment)
    answer = Answer(202, _payment_out(payment, FLAGGED) | {"reason": receipt.reason})
    return _finish(log, NotificationOutcome.FLAGGED, answer, payment=payment)
