"""The payments API (/api/payments/): the banks' payment notifications, and a case's bill and
receipt.

A bank or the post office (a payment channel) sends each payment to `POST /notifications`,
signed with its channel's secret; the answers are its own (`result`, `reason`, `field`), not
the shared error answer. The bill and the receipt are for the case's applicant (the mobile
app's bearer token or the site's session), a browser that proved the case on the status page,
and staff of the case's office; everyone else gets 404, as for a case that does not exist.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import Field, P, PathEx, Router, Schema

from paspor.booking.api import BearerToken
from paspor.cases.api import CaseStatusValue
from paspor.cases.models import CaseStatus
from paspor.lib.api_auth import session_auth
from paspor.lib.api_types import NEVER_ANSWERS, Described
from paspor.payments.access import require_case_viewer
from paspor.payments.bank import MAX_BODY, notification_handle
from paspor.payments.models import BillingCodeStatus, FeeItem, PaymentMethod
from paspor.payments.selectors import payment_status_for_case
from paspor.payments.services import PAID_AT_CLOCK_TOLERANCE
from paspor.payments.signing import CHANNEL_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER

router = Router(tags=["payments"])

# The codes a bank's program reads; tests check them against the models' choices.
FlagReasonCode = Literal[
    "unknown_code",
    "expired_code",
    "cancelled_code",
    "paid_before_issue",
    "wrong_amount",
    "already_paid",
    "case_not_billed",
]
MethodCode = Literal["mobile_banking", "atm", "teller", "post_office", "other"]
ComparedFact = Literal["billing_code", "amount", "ntpn", "paid_at"]
TOLERANCE_MINUTES = int(PAID_AT_CLOCK_TOLERANCE.total_seconds() // 60)

NOTIFICATION_EXAMPLE: dict[str, Any] = {
    "reference": "BNI-20260317-000123",
    "billing_code": "820146773019254",
    "amount": 950000,
    "ntpn": "0A1B2C3D4E5F6G7H",
    "ntb": "000123456789",
    "paid_at": "2026-03-17T10:02:11+07:00",
    "method": "mobile_banking",
}


# Documentation only: the endpoint reads the raw bytes (the signature covers them exactly) and
# `bank.report_from_json` checks them once the signature holds; a test keeps the two in step.
class NotificationIn(Schema):
    """A payment the channel received for a billing code."""

    reference: str = Field(
        description="The channel's own reference of this payment, unique per channel: 1–64 "
        "printable ASCII characters without spaces. A retry carries the same reference and "
        "the same facts.",
        min_length=1,
        max_length=64,
        pattern=r"^[\x21-\x7e]{1,64}$",
    )
    billing_code: str = Field(
        description="The 15-digit billing code the applicant paid.",
        min_length=1,
        max_length=40,
    )
    amount: int = Field(
        description="The amount paid in whole rupiah: a JSON integer (not a string, not 1.0).",
        gt=0,
    )
    ntpn: str = Field(
        description="NTPN, the state's number of the deposit: 16 letters/digits (read "
        "upper-cased). One NTPN is one payment.",
        pattern=r"^[A-Za-z0-9]{16}$",
    )
    ntb: str = Field(
        "", description="The bank's own transaction number (NTB), optional.", max_length=64
    )
    paid_at: dt.datetime = Field(
        description="When the applicant paid: ISO 8601 with an offset (`+07:00`, `Z`). Later "
        f"than now by more than {TOLERANCE_MINUTES} minutes: 400. Earlier than the billing "
        f"code's issue by more than {TOLERANCE_MINUTES} minutes: recorded and flagged "
        "`paid_before_issue` (202)."
    )
    method: MethodCode = Field("other", description="How the applicant paid.")


class NotificationAccepted(Schema):
    """200: the payment is applied to its case, or was recorded before (a retry)."""

    result: Literal["applied", "duplicate"] = Field(
        description="`applied`: the case is paid. `duplicate`: this payment was recorded "
        "before (a retry or a replay); nothing more was done."
    )
    payment: UUID = Field(description="Paspor's identifier of the recorded payment.")
    billing_code: str = Field(description="The billing code as the first notification sent it.")
    ntpn: str = Field(description="The NTPN recorded, upper-cased.")
    original_result: Literal["applied", "flagged"] | None = Field(
        None,
        description="Only with `duplicate`: how the first notification of this payment was "
        "answered (`applied`: 200, `flagged`: 202).",
    )
    reason: FlagReasonCode | None = Field(
        None, description="Only with a `duplicate` of a flagged payment: its flag reason."
    )


class NotificationFlagged(Schema):
    """202: the money is recorded but not applied to a case; a person reviews it."""

    result: Literal["flagged"] = Field(
        description="The money is recorded but not applied; a person refunds or settles it. "
        "Do not retry."
    )
    payment: UUID = Field(description="Paspor's identifier of the recorded payment.")
    billing_code: str = Field(description="The billing code as sent.")
    ntpn: str = Field(description="The NTPN recorded, upper-cased.")
    reason: FlagReasonCode = Field(
        description="Why it was not applied: `unknown_code`, `expired_code` (paid after the "
        "code's expiry), `cancelled_code`, `paid_before_issue` (paid_at earlier than the "
        f"code's issue by more than {TOLERANCE_MINUTES} minutes), `wrong_amount`, "
        "`already_paid` (the bill was paid through another payment), `case_not_billed`."
    )


class NotificationRefused(Schema):
    """400, 401 or 413: the notification was stored raw but not read or not believed; nothing
    was recorded as a payment."""

    result: Literal["malformed", "bad_signature", "stale"] = Field(
        description="`malformed` (400, 413), `bad_signature` (401: unknown channel, wrong "
        "signature, missing headers), `stale` (401: timestamp outside the window)."
    )
    detail: str = Field(
        description="What is wrong, for people: Indonesian, or English with "
        "`Accept-Language: en`. A field's fault starts with the field's name (`amount: …`)."
    )
    field: str | None = Field(
        None,
        description="Only with 400: the field or header at fault (`amount`, `paid_at`, "
        f"`{TIMESTAMP_HEADER}`); absent when the body as a whole is not JSON or too large.",
    )


class NotificationConflict(Schema):
    """409: the reference or the NTPN is recorded for a payment with other facts."""

    result: Literal["conflict"] = Field(description="Refused: nothing was recorded.")
    reason: Literal["reference_reused", "ntpn_reused"] = Field(
        description="`reference_reused`: this channel's reference is recorded for a payment "
        "with other facts. `ntpn_reused`: the NTPN is recorded (under another reference) with "
        "another billing code or amount."
    )
    detail: str = Field(description="The same, for people, in the request's language.")
    differs: list[ComparedFact] = Field(
        description="The facts that differ from the recorded payment. `ntb` and `method` are "
        "not compared."
    )
    payment: UUID = Field(description="The payment already recorded under that reference/NTPN.")


def _header(name: str, description: str, pattern: str, example: str) -> dict[str, Any]:
    return {
        "in": "header",
        "name": name,
        "required": True,
        "description": description,
        "schema": {"type": "string", "pattern": pattern},
        "example": example,
    }


NOTIFICATION_OPENAPI: dict[str, Any] = {
    "parameters": [
        _header(
            CHANNEL_HEADER,
            "The channel's code (given by headquarters).",
            r"^[-a-zA-Z0-9_]{1,30}$",
            "bni",
        ),
        _header(
            TIMESTAMP_HEADER,
            "Unix seconds when the request was signed; part of the signed text.",
            r"^[0-9]{1,12}$",
            "1773716531",
        ),
        _header(
            SIGNATURE_HEADER,
            "`sha256=` and the hex HMAC-SHA256 of `timestamp + '.' + raw body`, keyed with "
            "the channel's secret.",
            r"^sha256=[0-9a-f]{64}$",
            "sha256=" + "0" * 64,
        ),
    ],
    "requestBody": {
        "required": True,
        "description": f"JSON, at most {MAX_BODY // 1024} KiB. Signed exactly as sent.",
        "content": {
            "application/json": {
                "schema": NotificationIn.model_json_schema(),
                "example": NOTIFICATION_EXAMPLE,
            }
        },
    },
    "responses": {
        200: {"description": "Applied, or a duplicate of a payment already recorded."},
        202: {"description": "Recorded and flagged for review or refund; do not retry."},
        400: {"description": "Malformed: not JSON, a field or the timestamp header invalid."},
        401: {"description": "Unknown channel, wrong signature, or a stale timestamp."},
        409: {"description": "The reference or NTPN is recorded with other facts."},
        413: {"description": f"The body is over {MAX_BODY // 1024} KiB."},
    },
    # The body is read raw and checked here (400 malformed), never by pydantic; no rate limit.
    NEVER_ANSWERS: ["422", "429"],
}


@router.post(
    "/notifications",
    url_name="payment_notification",
    auth=None,
    response={
        200: NotificationAccepted,
        202: NotificationFlagged,
        400: NotificationRefused,
        401: NotificationRefused,
        409: NotificationConflict,
        413: NotificationRefused,
    },
    openapi_extra=NOTIFICATION_OPENAPI,
    summary="Report a payment received for a billing code (banks)",
)
def payment_notification(request: HttpRequest) -> HttpResponse:
    """A payment channel (a bank or the post office, set up by headquarters with a code and a
    secret); no session, no token. Signed by the channel: HMAC-SHA256 over
    `timestamp + '.' + raw body` with the channel's secret.

    Handling, in order: every request is stored raw; a body over 64 KiB is 413 `malformed`;
    the channel and signature are checked (401 `bad_signature`: unknown or inactive channel,
    wrong signature, or missing headers); the timestamp must be whole Unix seconds (400
    `malformed`, `field` the timestamp header) within `PAYMENT_NOTIFICATION_MAX_AGE` (300 s) of
    the server's clock (401 `stale`); only then is the body read (400 `malformed`, naming the
    `field`; `paid_at` in the future too). Then:

    - 200 `applied`: the case's bill is paid.
    - 202 `flagged` with its `reason`: recorded, not applied; a person refunds or settles it.
      Do not retry.
    - 200 `duplicate`: the same reference (or NTPN) again with the same billing code, amount,
      NTPN and paid_at (not compared under another reference); the first answer is in
      `original_result` and `reason`.
    - 409 `conflict`, `reason` `reference_reused` or `ntpn_reused`: the same reference (or
      NTPN) with other facts, listed in `differs`.

    `result`, `reason` and `field` are stable codes; `detail` follows `Accept-Language`
    (Indonesian by default, `en`)."""
    # Read the raw body: the signature covers the exact bytes, so nothing parses them first.
    headers = {
        name: request.headers.get(name, "")
        for name in (CHANNEL_HEADER, TIMESTAMP_HEADER, SIGNATURE_HEADER)
    }
    answer = notification_handle(
        headers=headers, body=request.body, remote_addr=request.META.get("REMOTE_ADDR", "")
    )
    return JsonResponse(answer.body, status=answer.status)


# --- Bills and receipts -------------------------------------------------------------------


def _browser_without_token(request: HttpRequest) -> bool:
    """A browser not signed in may still have proved the case (its code and the applicant's
    birth date, remembered in its session): `require_case_viewer` decides, and answers everyone
    else 404 whether or not the case exists. A request whose token was refused is no such
    browser: 401, so the app signs in again."""
    return "Authorization" not in request.headers


# The mobile app's bearer token (booking API), a signed-in session, or a proving browser.
CASE_READERS = [BearerToken(), session_auth, _browser_without_token]
CasePath = PathEx[
    str,
    P(
        description="The case number (application number), e.g. `7KQ3M9XH2B`; letters are "
        "case-insensitive."
    ),
]
FeeItemValue = Annotated[
    FeeItem,
    Described(
        "An item of the fee schedule: `ordinary_5`, `ordinary_10` (non-electronic passport, 5 "
        "or 10 years), `electronic_5`, `electronic_10`, `express` (same-day service), "
        "`fine_lost`, `fine_damaged` (fines for a lost or damaged passport)."
    ),
]
BillingCodeStatusValue = Annotated[
    BillingCodeStatus,
    Described(
        "A billing code's state: `issued` (waiting for payment), `paid`, `expired` (past its "
        "expiry unpaid: a new code may be asked for), `cancelled`."
    ),
]
PaymentMethodValue = Annotated[
    PaymentMethod,
    Described(
        "How the applicant paid: `mobile_banking` (mobile or internet banking), `atm`, "
        "`teller` (at a bank's counter), `post_office`, `other`."
    ),
]


class BillItemOut(Schema):
    """One line of a bill: a fee as in force on the bill's date."""

    item: FeeItemValue = Field(description="The fee item's code (`electronic_10`, `express`, …).")
    label: str = Field(description="The item in the caller's language (Accept-Language).")
    description: str = Field(description="The item as recorded on the bill, in Indonesian.")
    amount: int = Field(description="Whole rupiah.")
    legal_basis: str = Field(description="The regulation the fee is charged under.")


class BillOut(Schema):
    """A case's bill: its lines, the billing code to pay with, and the promised date."""

    case_code: str = Field(description="The application number.")
    case_status: CaseStatusValue = Field(
        description="The case's status (`billed` while waiting for payment, `paid`, …)."
    )
    total: int = Field(description="The bill's total in whole rupiah.")
    items: list[BillItemOut] = Field(description="The bill's lines, in order.")
    billing_code: str | None = Field(
        description="The current 15-digit billing code (the latest issued); `null` when none "
        "was issued.",
        examples=["820146773019254"],
    )
    billing_code_status: BillingCodeStatusValue | None = Field(
        description="The current billing code's state (`expired` once past its expiry unpaid); "
        "`null` when no code was issued."
    )
    expires_at: dt.datetime | None = Field(
        description="When the current billing code expires, ISO 8601 with UTC offset; `null` "
        "when no code was issued."
    )
    due_date: dt.date | None = Field(
        description="The promised completion date (set when paid), in the office's calendar."
    )
    working_days_left: int | None = Field(
        description="Working days from today to the due date: 0 on the day, negative once "
        "overdue; null before payment."
    )


class ReceiptOut(Schema):
    """The receipt of the payment applied to a case's bill."""

    case_code: str = Field(description="The application number.")
    billing_code: str = Field(description="The billing code paid.")
    amount: int = Field(description="The amount paid, in whole rupiah.")
    ntpn: str = Field(description="NTPN, the state's number of the deposit.")
    ntb: str = Field(description="The bank's transaction number (may be empty).")
    channel: str = Field(description="The code of the bank or post office channel.")
    method: PaymentMethodValue = Field(description="How the applicant paid.")
    paid_at: dt.datetime = Field(
        description="When the applicant paid, as the bank reported, ISO 8601 with UTC offset."
    )
    due_date: dt.date | None = Field(
        description="The promised completion date, ISO 8601; `null` while none is set."
    )


@router.get(
    "/bills/{case_code}",
    response=BillOut,
    url_name="payment_bill",
    auth=CASE_READERS,
    openapi_extra={NEVER_ANSWERS: ["403"]},  # a bearer token is accepted, never refused
    summary="Show a case's bill and billing code",
)
def bill_detail(request: HttpRequest, case_code: CasePath) -> BillOut:
    """The case's applicant (bearer token from `POST /api/booking/token`, or the signed-in
    session), a browser that proved the case code and birth date on the status page (no
    `Authorization` header), or staff of the case's office who work on cases (`intake`,
    `biometrics`, `supervisor`, `print_qc`, `handover`, `head`, `hq`, `admin`; each look-up by
    staff is recorded in the log of access to personal data). The bill's lines and total, the
    current billing code and its state, and, once paid, the promised completion date.

    - 401 a bearer token expired or void (`token_expired`, `token_invalid`): sign in again.
    - 404 an unknown case, a case this caller may not see (the same answer, so nobody learns
      whether a code exists), or a case not billed yet."""
    view = payment_status_for_case(require_case_viewer(request, case_code))
    if view.bill is None:
        raise Http404
    return BillOut(
        case_code=view.case.code,
        case_status=CaseStatus(view.case.status),
        total=view.bill.total,
        items=[
            BillItemOut(
                item=FeeItem(i.item),
                label=i.label,
                description=i.description,
                amount=i.amount,
                legal_basis=i.legal_basis,
            )
            for i in view.items
        ],
        billing_code=view.code.code if view.code else None,
        billing_code_status=BillingCodeStatus(view.code_status) if view.code_status else None,
        expires_at=view.code.expires_at if view.code else None,
        due_date=view.case.due_date,
        working_days_left=view.days_left,
    )


@router.get(
    "/receipts/{case_code}",
    response=ReceiptOut,
    url_name="payment_receipt",
    auth=CASE_READERS,
    openapi_extra={NEVER_ANSWERS: ["403"]},  # a bearer token is accepted, never refused
    summary="Show the receipt of a case's payment",
)
def receipt_detail(request: HttpRequest, case_code: CasePath) -> ReceiptOut:
    """The same callers as the bill: the case's applicant (bearer token or session), a browser
    that proved the case, or staff of the case's office who work on cases. The payment applied
    to the bill: billing code, amount, NTPN and NTB, channel, method and time.

    - 401 a bearer token expired or void (`token_expired`, `token_invalid`): sign in again.
    - 404 an unknown case, a case this caller may not see, or one with no applied payment
      (not paid yet, or only a flagged payment)."""
    view = payment_status_for_case(require_case_viewer(request, case_code))
    payment = view.payment
    if payment is None:
        raise Http404
    return ReceiptOut(
        case_code=view.case.code,
        billing_code=payment.billing_code_text,
        amount=payment.amount,
        ntpn=payment.ntpn,
        ntb=payment.ntb,
        channel=payment.channel.code,
        method=PaymentMethod(payment.method),
        paid_at=payment.paid_at,
        due_date=view.case.due_date,
    )
