"""Payments API: the bank notification endpoint, and bills and receipts (access-checked)."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import Router, Schema

from paspor.payments.access import require_case_viewer
from paspor.payments.bank import notification_handle
from paspor.payments.selectors import payment_status_for_case
from paspor.payments.signing import CHANNEL_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER

router = Router(tags=["payments"])


@router.post(
    "/notifications",
    url_name="payment_notification",
    auth=None,
    response={200: dict, 202: dict, 400: dict, 401: dict, 413: dict},
    openapi_extra={
        "description": (
            "Signed by the channel: HMAC-SHA256 over `timestamp + '.' + raw body` with the "
            f"channel's secret, in `{SIGNATURE_HEADER}: sha256=<hex>`, with `{CHANNEL_HEADER}` and "
            f"`{TIMESTAMP_HEADER}` (Unix seconds). Body: reference, billing_code, amount (whole "
            "rupiah), ntpn (16 letters/digits), ntb, paid_at (ISO 8601 with offset), method. "
            "200 applied or duplicate; 202 recorded and flagged for review/refund; 400 malformed; "
            "401 bad signature or stale timestamp."
        )
    },
)
def payment_notification(request: HttpRequest) -> HttpResponse:
    # Read the raw body: the signature covers the exact bytes, so nothing parses them first.
    headers = {
        name: request.headers.get(name, "")
        for name in (CHANNEL_HEADER, TIMESTAMP_HEADER, SIGNATURE_HEADER)
    }
    answer = notification_handle(
        headers=headers, body=request.body, remote_addr=request.META.get("REMOTE_ADDR", "")
    )
    return JsonResponse(answer.body, status=answer.status)


class BillItemOut(Schema):
    item: str
    label: str  # in the caller's language (Accept-Language)
    description: str  # as recorded on the bill, in Indonesian
    amount: int
    legal_basis: str


class BillOut(Schema):
    case_code: str
    case_status: str
    total: int
    items: list[BillItemOut]
    billing_code: str | None
    billing_code_status: str | None
    expires_at: dt.datetime | None
    due_date: dt.date | None
    working_days_left: int | None


class ReceiptOut(Schema):
    case_code: str
    billing_code: str
    amount: int
    ntpn: str
    ntb: str
    channel: str
    method: str
    paid_at: dt.datetime
    due_date: dt.date | None


@router.get("/bills/{case_code}", response=BillOut, url_name="payment_bill")
def bill_detail(request: HttpRequest, case_code: str) -> BillOut:
    view = payment_status_for_case(require_case_viewer(request, case_code))
    if view.bill is None:
        raise Http404
    return BillOut(
        case_code=view.case.code,
        case_status=view.case.status,
        total=view.bill.total,
        items=[
            BillItemOut(
                item=i.item,
                label=i.label,
                description=i.description,
                amount=i.amount,
                legal_basis=i.legal_basis,
            )
            for i in view.items
        ],
        billing_code=view.code.code if view.code else None,
        billing_code_status=view.code_status or None,
        expires_at=view.code.expires_at if view.code else None,
        due_date=view.case.due_date,
        working_days_left=view.days_left,
    )


@router.get("/receipts/{case_code}", response=ReceiptOut, url_name="payment_receipt")
def receipt_detail(request: HttpRequest, case_code: str) -> ReceiptOut:
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
        method=payment.method,
        paid_at=payment.paid_at,
        due_date=view.case.due_date,
    )
