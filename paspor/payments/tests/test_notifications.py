"""The bank notification endpoint: verified before parsed, stored raw, applied once, never lost."""

import datetime as dt
import json
import time

import pytest
import time_machine

from paspor.audit.models import AuditEntry
from paspor.cases.models import CaseEvent, CaseStatus
from paspor.payments.models import (
    BillingCode,
    BillingCodeStatus,
    NotificationLog,
    Payment,
    PaymentStatus,
)
from paspor.payments.services import bill_cancel_for_case
from paspor.payments.tests.factories import body_for, pay, post_notification, signed

pytestmark = pytest.mark.django_db


def _raw(code, **kwargs):
    return json.dumps(body_for(code, **kwargs)).encode()


def test_good_notification_marks_the_case_paid_with_its_due_date(
    billing_code, approved_case, channel
):
    paid_at = dt.datetime(2026, 3, 17, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    with time_machine.travel(paid_at + dt.timedelta(minutes=1)):
        response = pay(channel, billing_code, paid_at=paid_at, ntpn="ab12cd34ef56gh78")
    assert response.status_code == 200
    assert response.json()["result"] == "applied"
    approved_case.refresh_from_db()
    assert approved_case.status == CaseStatus.PAID
    assert approved_case.paid_at == paid_at
    assert approved_case.due_date == dt.date(2026, 3, 27)  # STANDARDS.md §3 example
    payment = Payment.objects.get()
    assert (payment.status, payment.ntpn, payment.channel) == (
        "applied",
        "AB12CD34EF56GH78",
        channel,
    )
    assert payment.ntb == "000123456789" and payment.method == "atm"
    billing_code.refresh_from_db()
    assert billing_code.status == BillingCodeStatus.PAID
    log = NotificationLog.objects.get()
    assert (log.outcome, log.http_status, log.payment) == ("applied", 200, payment)
    assert json.loads(log.body)["billing_code"] == billing_code.code
    assert AuditEntry.objects.filter(event="payments.payment_applied").count() == 1
    assert CaseEvent.objects.get(case=approved_case, to_status="paid").data["ntpn"] == payment.ntpn


def test_bad_signature_is_refused_and_stored(billing_code, channel):
    raw = _raw(billing_code)
    response = post_notification(raw, signed(channel, raw, secret="bukan-rahasianya"))
    assert response.status_code == 401
    assert response.json()["result"] == "bad_signature"
    assert not Payment.objects.exists()
    log = NotificationLog.objects.get()
    assert (log.outcome, log.http_status) == ("bad_signature", 401)
    assert log.body == raw.decode()


def test_a_body_changed_after_signing_is_refused(billing_code, channel):
    raw = _raw(billing_code)
    headers = signed(channel, raw)
    tampered = raw.replace(b'"amount": 950000', b'"amount": 1')
    assert post_notification(tampered, headers).status_code == 401
    assert not Payment.objects.exists()


def test_unknown_channel_is_refused(billing_code, channel):
    raw = _raw(billing_code)
    headers = signed(channel, raw)
    headers["X-Paspor-Channel"] = "bank-lain"
    assert post_notification(raw, headers).status_code == 401
    assert NotificationLog.objects.get().outcome == "bad_signature"


def test_missing_headers_are_refused(billing_code, channel):
    assert post_notification(_raw(billing_code), {}).status_code == 401
    assert NotificationLog.objects.count() == 1


def test_stale_timestamp_is_refused_even_when_signed(billing_code, channel):
    raw = _raw(billing_code)
    response = post_notification(raw, signed(channel, raw, now=time.time() - 301))
    assert response.status_code == 401
    assert response.json()["result"] == "stale"
    assert NotificationLog.objects.get().outcome == "stale"
    assert not Payment.objects.exists()


def test_timestamp_from_the_future_beyond_the_window_is_refused(billing_code, channel):
    raw = _raw(billing_code)
    assert post_notification(raw, signed(channel, raw, now=time.time() + 301)).status_code == 401


def test_replayed_request_inside_the_window_is_a_duplicate_and_after_it_stale(
    billing_code, channel
):
    raw = _raw(billing_code)
    headers = signed(channel, raw)
    assert post_notification(raw, headers).status_code == 200
    again = post_notification(raw, headers)
    assert again.status_code == 200 and again.json()["result"] == "duplicate"
    with time_machine.travel(time.time() + 600):
        assert post_notification(raw, headers).status_code == 401
    assert Payment.objects.count() == 1
    assert NotificationLog.objects.count() == 3


def test_bank_retry_with_the_same_reference_is_acknowledged_once(
    billing_code, approved_case, channel
):
    body = body_for(billing_code, reference="BNI-0001")
    raw = json.dumps(body).encode()
    first = post_notification(raw, signed(channel, raw))
    retry_raw = json.dumps({**body, "ntb": "another-ntb"}).encode()
    retry = post_notification(retry_raw, signed(channel, retry_raw, now=time.time() + 5))
    assert (first.status_code, retry.status_code) == (200, 200)
    assert retry.json()["result"] == "duplicate"
    assert retry.json()["payment"] == first.json()["payment"]
    assert Payment.objects.count() == 1
    assert CaseEvent.objects.filter(case=approved_case, to_status="paid").count() == 1
    assert [log.outcome for log in NotificationLog.objects.order_by("pk")] == [
        "applied",
        "duplicate",
    ]


def test_same_ntpn_under_another_reference_is_the_same_payment(billing_code, channel):
    pay(channel, billing_code, reference="R-1", ntpn="NTPN000000000001")
    response = pay(channel, billing_code, reference="R-2", ntpn="NTPN000000000001")
    assert response.status_code == 200 and response.json()["result"] == "duplicate"
    assert Payment.objects.count() == 1


def test_wrong_amount_is_recorded_and_flagged_not_applied(billing_code, approved_case, channel):
    response = pay(channel, billing_code, amount=900_000)
    assert response.status_code == 202
    assert response.json() | {"reason": "wrong_amount"} == response.json()
    payment = Payment.objects.get()
    assert (payment.status, payment.flag_reason, payment.amount) == (
        "flagged",
        "wrong_amount",
        900_000,
    )
    approved_case.refresh_from_db()
    assert approved_case.status == CaseStatus.BILLED
    billing_code.refresh_from_db()
    assert billing_code.status == BillingCodeStatus.ISSUED
    assert NotificationLog.objects.get().outcome == "flagged"
    assert AuditEntry.objects.filter(event="payments.payment_flagged").count() == 1


def test_payment_after_the_code_expired_is_flagged_for_refund(billing_code, approved_case, channel):
    late = billing_code.expires_at + dt.timedelta(minutes=5)
    with time_machine.travel(late + dt.timedelta(seconds=10)):
        response = pay(channel, billing_code, paid_at=late)
    assert response.status_code == 202
    assert Payment.objects.get().flag_reason == "expired_code"
    approved_case.refresh_from_db()
    assert approved_case.status == CaseStatus.BILLED


def test_payment_made_before_expiry_but_notified_after_is_applied(billing_code, channel):
    paid = billing_code.expires_at - dt.timedelta(minutes=1)
    with time_machine.travel(billing_code.expires_at + dt.timedelta(minutes=2)):
        assert pay(channel, billing_code, paid_at=paid).status_code == 200


def test_payment_for_a_cancelled_code_is_flagged(billing_code, approved_case, channel, supervisor):
    bill_cancel_for_case(case=approved_case, by=supervisor, reason="Dibatalkan")
    response = pay(channel, billing_code)
    assert response.status_code == 202
    assert Payment.objects.get().flag_reason == "cancelled_code"


def test_unknown_billing_code_is_recorded_and_flagged(channel, fees):
    response = pay(channel, "000000000000000", amount=350_000)
    assert response.status_code == 202
    payment = Payment.objects.get()
    assert (payment.billing_code, payment.billing_code_text, payment.flag_reason) == (
        None,
        "000000000000000",
        "unknown_code",
    )


def test_second_payment_for_a_paid_bill_is_flagged_for_refund(billing_code, channel):
    assert pay(channel, billing_code).status_code == 200
    double = pay(channel, billing_code)
    assert double.status_code == 202 and double.json()["reason"] == "already_paid"
    assert Payment.objects.filter(status=PaymentStatus.APPLIED).count() == 1
    assert Payment.objects.filter(flag_reason="already_paid").count() == 1


def test_malformed_json_is_400_after_the_signature_and_stored(billing_code, channel):
    raw = b'{"reference": "R-1", "amount": '
    response = post_notification(raw, signed(channel, raw))
    assert response.status_code == 400
    assert response.json()["result"] == "malformed"
    log = NotificationLog.objects.get()
    assert (log.outcome, log.body) == ("malformed", raw.decode())


def test_malformed_json_with_a_bad_signature_is_401_not_400(channel):
    raw = b"not json at all"
    assert post_notification(raw, signed(channel, raw, secret="salah")).status_code == 401


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ntpn": "SHORT"}, "ntpn"),
        ({"ntpn": "ABCDEFGHIJKLMNO!"}, "ntpn"),
        ({"amount": "950000"}, "amount"),
        ({"amount": 950000.0}, "amount"),
        ({"amount": True}, "amount"),
        ({"amount": -5}, "amount"),
        ({"paid_at": "2026-03-17T10:00:00"}, "paid_at"),
        ({"paid_at": "kemarin"}, "paid_at"),
        ({"reference": ""}, "reference"),
        ({"billing_code": 123}, "billing_code"),
        ({"method": "cek"}, "method"),
    ],
)
def test_invalid_fields_are_400_with_the_field_named(billing_code, channel, change, field):
    raw = json.dumps(body_for(billing_code) | change).encode()
    response = post_notification(raw, signed(channel, raw))
    assert response.status_code == 400
    assert field in response.json()["detail"]
    assert not Payment.objects.exists()
    assert NotificationLog.objects.get().outcome == "malformed"


def test_json_that_is_not_an_object_is_400(channel):
    raw = b"[1, 2, 3]"
    assert post_notification(raw, signed(channel, raw)).status_code == 400


def test_oversized_body_is_refused_and_its_start_kept(channel):
    raw = b"{" + b" " * (70 * 1024) + b"}"
    response = post_notification(raw, signed(channel, raw))
    assert response.status_code == 413
    assert len(NotificationLog.objects.get().body) == 64 * 1024


def test_get_is_not_allowed(client):
    assert client.get("/api/payments/notifications").status_code == 405


def test_the_case_must_still_be_billed(billing_code, approved_case, channel, supervisor):
    """A billed case cancelled without cancelling its code: the money is kept and flagged."""
    from paspor.cases.services import case_transition

    case_transition(case=approved_case, to=CaseStatus.CANCELLED, by=supervisor)
    response = pay(channel, billing_code)
    assert response.status_code == 202
    assert Payment.objects.get().flag_reason == "case_not_billed"
    assert BillingCode.objects.get().status == BillingCodeStatus.ISSUED
