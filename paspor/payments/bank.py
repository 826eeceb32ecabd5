"""The bank notification endpoint's handler: verify, store raw, de-duplicate, dispatch.

Answers (docs/payments.md):

| case                                   | HTTP | result       |
|----------------------------------------|------|--------------|
| applied to its billing code            | 200  | applied      |
| the same payment again (retry, replay) | 200  | duplicate    |
| recorded but flagged (unknown, expired or cancelled code, wrong amount, already paid) | 202 | flagged |
| unknown channel or bad signature       | 401  | bad_signature|
| timestamp outside the window           | 401  | stale        |
| not JSON, or fields missing or invalid | 400  | malformed    |
| body over 64 KiB                       | 413  | malformed    |

A flagged payment answers 202: the money is recorded and will be refunded or settled by a
person, so the bank must not retry it. Every request is first written to `NotificationLog`
(in its own commit), so nothing that reached us is lost whatever happens next.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone

from paspor.payments import signing
from paspor.payments.models import (
    NotificationLog,
    NotificationOutcome,
    PaymentChannel,
    PaymentMethod,
    PaymentSource,
)
from paspor.payments.services import (
    APPLIED,
    DUPLICATE,
    PaymentReport,
    payment_receive,
)

MAX_BODY = 64 * 1024
NTPN_RE = re.compile(r"^[A-Z0-9]{16}$")
REFERENCE_RE = re.compile(r"^[\x21-\x7e]{1,64}$")  # printable ASCII, no spaces


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]


class Malformed(ValueError):
    pass


def ntpn_normalise(value: object) -> str:
    """16 letters and digits (STANDARDS.md §5), upper-cased; anything else is refused."""
    if not isinstance(value, str) or not NTPN_RE.match(value.strip().upper()):
        raise Malformed("ntpn: harus 16 huruf/angka")
    return value.strip().upper()


# Spaces (also no-break ones) and dashes of any kind between the digits' groups.
_BILLING_CODE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015]+")


def billing_code_typed(value: str) -> str:
    """A billing code as a person types or pastes it: every page prints it in groups of five
    ("14313 58988 10983"), so the spaces and dashes between the groups are dropped."""
    return _BILLING_CODE_SEPARATORS.sub("", value)


def paid_at_parse(value: object) -> dt.datetime:
    if not isinstance(value, str):
        raise Malformed("paid_at: harus teks ISO 8601 dengan zona waktu")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise Malformed("paid_at: bukan tanggal-waktu ISO 8601") from None
    if parsed.tzinfo is None:
        raise Malformed("paid_at: zona waktu wajib (mis. +07:00)")
    return parsed


def report_from_json(data: object) -> PaymentReport:
    if not isinstance(data, dict):
        raise Malformed("isi harus objek JSON")
    reference, code, amount = data.get("reference"), data.get("billing_code"), data.get("amount")
    if not isinstance(reference, str) or not REFERENCE_RE.match(reference):
        raise Malformed("reference: wajib, 1–64 karakter tanpa spasi")
    if not isinstance(code, str) or not 1 <= len(code) <= 40:
        raise Malformed("billing_code: wajib, teks")
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise Malformed("amount: wajib, bilangan bulat rupiah lebih dari 0")
    ntb = data.get("ntb", "")
    if not isinstance(ntb, str) or len(ntb) > 64:
        raise Malformed("ntb: teks paling panjang 64 karakter")
    method = data.get("method", PaymentMethod.OTHER)
    if method not in PaymentMethod.values:
        raise Malformed(f"method: salah satu dari {', '.join(PaymentMethod.values)}")
    return PaymentReport(
        reference=reference,
        billing_code=code.strip(),
        amount=amount,
        ntpn=ntpn_normalise(data.get("ntpn")),
        paid_at=paid_at_parse(data.get("paid_at")),
        ntb=ntb,
        method=str(method),
    )


def _log_start(headers: Mapping[str, str], body: bytes, remote_addr: str) -> NotificationLog:
    return NotificationLog.objects.create(
        received_at=timezone.now(),
        channel_code=headers.get(signing.CHANNEL_HEADER, "")[:100],
        timestamp_header=headers.get(signing.TIMESTAMP_HEADER, "")[:40],
        signature_header=headers.get(signing.SIGNATURE_HEADER, "")[:200],
        remote_addr=remote_addr[:64],
        body=body[:MAX_BODY].decode("utf-8", errors="replace"),
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
        answer = _refuse(413, "malformed", "Isi terlalu besar.")
        return _finish(log, NotificationOutcome.MALFORMED, answer)
    # Verify before parsing: nothing from an unverified body is read.
    channel = PaymentChannel.objects.filter(
        code=headers.get(signing.CHANNEL_HEADER, ""), is_active=True
    ).first()
    timestamp = headers.get(signing.TIMESTAMP_HEADER, "")
    if channel is None or not signing.signature_valid(
        secret=channel.secret,
        timestamp=timestamp,
        body=body,
        signature=headers.get(signing.SIGNATURE_HEADER, ""),
    ):
        answer = _refuse(401, "bad_signature", "Saluran tidak dikenal atau tanda tangan salah.")
        return _finish(log, NotificationOutcome.BAD_SIGNATURE, answer)
    max_age = settings.PAYMENT_NOTIFICATION_MAX_AGE
    if not signing.timestamp_fresh(timestamp=timestamp, now=now, max_age=max_age):
        answer = _refuse(401, "stale", f"Stempel waktu di luar {max_age} detik.")
        return _finish(log, NotificationOutcome.STALE, answer)
    try:
        report = report_from_json(json.loads(body))
    except (ValueError, Malformed) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        detail = str(exc) if isinstance(exc, Malformed) else "Isi bukan JSON yang sah."
        return _finish(log, NotificationOutcome.MALFORMED, _refuse(400, "malformed", detail))
    try:
        receipt = payment_receive(
            channel=channel, report=report, source=PaymentSource.NOTIFICATION, by=None
        )
    except Exception:
        _finish(log, NotificationOutcome.ERROR, _refuse(500, "error", "Galat server."))
        raise
    payment = receipt.payment
    body_out: dict[str, Any] = {
        "result": receipt.result,
        "payment": str(payment.uuid),
        "billing_code": payment.billing_code_text,
        "ntpn": payment.ntpn,
    }
    if receipt.result == APPLIED:
        return _finish(log, NotificationOutcome.APPLIED, Answer(200, body_out), payment=payment)
    if receipt.result == DUPLICATE:
        return _finish(log, NotificationOutcome.DUPLICATE, Answer(200, body_out), payment=payment)
    body_out["reason"] = receipt.reason
    return _finish(log, NotificationOutcome.FLAGGED, Answer(202, body_out), payment=payment)
