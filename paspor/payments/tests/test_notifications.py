"""The bank notification endpoint: verified before parsed, stored raw, applied once, never lost."""

import datetime as dt
import json
import time
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from paspor.audit.models import AuditEntry
from paspor.cases.models import CaseEvent, CaseStatus
from paspor.payments import signing
from paspor.payments.models import (
    BillingCode,
    BillingCodeStatus,
    NotificationLog,
    Payment,
    PaymentStatus,
)
from paspor.payments.services import (
    PAID_AT_CLOCK_TOLERANCE,
    bill_cancel_for_case,
    bill_issue_for_case,
)
from paspor.payments.sla import due_date_for_payment
from paspor.payments.tests.factories import (
    body_for,
    make_express_case,
    pay,
    post_notification,
    signed,
)

pytestmark = pytest.mark.django_db
WIB = dt.timezone(dt.timedelta(hours=7))


def _raw(code, **kwargs):
    return json.dumps(body_for(code, **kwargs)).encode()


def test_good_notification_marks_the_case_paid_with_its_due_date(
    fees, approved_case, supervisor, channel
):
    paid_at = dt.datetime(2026, 3, 17, 10, 0, tzinfo=WIB)
    with time_machine.travel(paid_at - dt.timedelta(hours=1)):
        billing_code = bill_issue_for_case(case=approved_case, by=supervisor)
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


# --- The bank's time of payment -----------------------------------------------------------


def _issued_at(moment, approved_case, supervisor):
    with time_machine.travel(moment):
        return bill_issue_for_case(case=approved_case, by=supervisor)


def test_a_payment_dated_before_its_code_was_issued_is_recorded_and_flagged(
    fees, approved_case, supervisor, channel
):
    issued = dt.datetime(2026, 3, 10, 9, 0, tzinfo=WIB)
    code = _issued_at(issued, approved_case, supervisor)
    with time_machine.travel(issued + dt.timedelta(hours=1)):
        response = pay(channel, code, paid_at=issued - dt.timedelta(hours=2))
    assert response.status_code == 202
    assert (response.json()["result"], response.json()["reason"]) == (
        "flagged",
        "paid_before_issue",
    )
    payment = Payment.objects.get()
    assert (payment.status, payment.flag_reason) == ("flagged", "paid_before_issue")
    approved_case.refresh_from_db()
    assert (approved_case.status, approved_case.due_date) == (CaseStatus.BILLED, None)
    code.refresh_from_db()
    assert code.status == BillingCodeStatus.ISSUED
    assert NotificationLog.objects.get().outcome == "flagged"
    flagged = AuditEntry.objects.get(event="payments.payment_flagged")
    assert flagged.new["flag_reason"] == "paid_before_issue"


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("id", "Dibayar sebelum kode billing diterbitkan"),
        ("en", "Paid before the billing code was issued"),
    ],
)
def test_staff_see_why_a_payment_dated_before_its_code_waits_for_review(
    fees, approved_case, supervisor, channel, client_for, settings, language, words
):
    issued = dt.datetime(2026, 3, 10, 9, 0, tzinfo=WIB)
    code = _issued_at(issued, approved_case, supervisor)
    assert pay(channel, code, paid_at=issued - dt.timedelta(days=1)).status_code == 202
    client = client_for(supervisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    overview = client.get(reverse("payments:overview", kwargs={"office": "ketapang"}))
    assert f'<span class="badge warn">{words}</span>' in overview.content.decode()


@pytest.mark.parametrize(
    ("before_issue", "status"),
    [
        (PAID_AT_CLOCK_TOLERANCE - dt.timedelta(minutes=1), 200),
        (PAID_AT_CLOCK_TOLERANCE + dt.timedelta(minutes=1), 202),
    ],
)
def test_a_bank_clock_a_few_minutes_behind_ours_is_tolerated(
    fees, approved_case, supervisor, channel, before_issue, status
):
    issued = dt.datetime(2026, 3, 10, 9, 0, tzinfo=WIB)
    code = _issued_at(issued, approved_case, supervisor)
    with time_machine.travel(issued + dt.timedelta(minutes=1)):
        assert pay(channel, code, paid_at=issued - before_issue).status_code == status


def test_the_sla_of_a_payment_dated_just_before_the_issue_starts_at_the_issue(
    fees, office, intake_officer, applicant, supervisor, channel
):
    """Express: paid before noon is ready the same day. The bank says 11.58, but the code was
    issued at 12.01: the promise counts from 12.01, the next working day."""
    case = make_express_case(office, intake_officer, applicant)
    issued = dt.datetime(2026, 3, 10, 12, 1, tzinfo=WIB)  # a Tuesday
    code = _issued_at(issued, case, supervisor)
    bank_says = dt.datetime(2026, 3, 10, 11, 58, tzinfo=WIB)
    with time_machine.travel(issued + dt.timedelta(minutes=1)):
        assert pay(channel, code, paid_at=bank_says).status_code == 200
    case.refresh_from_db()
    assert case.paid_at == bank_says  # the record keeps the bank's time
    from_issue = due_date_for_payment(office=office, paid_at=issued, express=True)
    assert case.due_date == from_issue
    assert from_issue > due_date_for_payment(office=office, paid_at=bank_says, express=True)


def test_a_payment_time_in_the_future_is_refused_as_malformed(billing_code, channel):
    future = dt.datetime(2030, 1, 1, 10, 0, tzinfo=WIB)
    response = pay(channel, billing_code, paid_at=future)
    assert response.status_code == 400
    assert response.json() == {
        "result": "malformed",
        "detail": "paid_at: berada di masa depan",
        "field": "paid_at",
    }
    assert not Payment.objects.exists()
    assert NotificationLog.objects.get().outcome == "malformed"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"amount": 2**63}, "amount"),
        ({"amount": 1_000_000_000_001}, "amount"),
        ({"paid_at": dt.datetime(1, 1, 1, 5, 0, tzinfo=WIB)}, "paid_at"),
        ({"paid_at": dt.datetime(1999, 12, 31, 23, 0, tzinfo=dt.UTC)}, "paid_at"),
    ],
)
def test_an_amount_or_time_past_any_real_payment_is_malformed_not_a_server_error(
    billing_code, channel, changes, field
):
    """A bank retries a failed notification: a 500 would come back six times."""
    response = pay(channel, billing_code, **changes)
    assert response.status_code == 400
    assert (response.json()["result"], response.json()["field"]) == ("malformed", field)
    assert not Payment.objects.exists()
    assert NotificationLog.objects.get().outcome == "malformed"


def test_a_nul_in_a_signed_notification_is_malformed_and_still_logged(billing_code, channel):
    """A NUL reaches no lookup (PostgreSQL text cannot hold one): the signature is checked
    first, the request logged, and a code or NTB holding one refused as malformed."""
    for changes, field in (({"billing_code": "12\x00"}, "billing_code"), ({"ntb": "\x00"}, "ntb")):
        response = pay(channel, billing_code, **changes)
        assert (response.status_code, response.json()["field"]) == (400, field)
    raw = b'{"reference": "R\x00"}'
    unsigned = post_notification(raw, {**signed(channel, raw), "X-Paspor-Channel": "a\x00b"})
    assert unsigned.status_code == 401
    assert not Payment.objects.exists()
    assert NotificationLog.objects.count() == 3
    assert "\x00" not in NotificationLog.objects.latest("pk").body


@pytest.mark.parametrize("field", ["billing_code", "ntb"])
def test_a_lone_surrogate_in_a_signed_notification_is_malformed_not_a_server_error(
    billing_code, channel, field
):
    """JSON may escape half a character ("\\ud800"), which no column can store."""
    response = pay(channel, billing_code, **{field: "12\ud800"})
    assert (response.status_code, response.json()["field"]) == (400, field)
    assert not Payment.objects.exists()
    assert NotificationLog.objects.get().outcome == "malformed"


@pytest.mark.parametrize(
    ("ahead", "status"),
    [
        (PAID_AT_CLOCK_TOLERANCE - dt.timedelta(minutes=1), 200),
        (PAID_AT_CLOCK_TOLERANCE + dt.timedelta(minutes=1), 400),
    ],
)
def test_a_bank_clock_a_few_minutes_ahead_of_ours_is_tolerated(
    billing_code, channel, ahead, status
):
    paid_at = dt.datetime.now(dt.UTC) + ahead
    assert pay(channel, billing_code, paid_at=paid_at).status_code == status


# --- The same reference again ---------------------------------------------------------------


def _send(channel, body, *, later=0):
    raw = json.dumps(body).encode()
    return post_notification(raw, signed(channel, raw, now=time.time() + later))


def test_a_retry_of_a_flagged_payment_is_told_the_first_answer(billing_code, channel):
    body = body_for(billing_code, amount=1, reference="BNI-0002")
    first = _send(channel, body)
    assert (first.status_code, first.json()["reason"]) == (202, "wrong_amount")
    retry = _send(channel, body, later=5)
    assert retry.status_code == 200
    assert retry.json() == {
        "result": "duplicate",
        "payment": first.json()["payment"],
        "billing_code": billing_code.code,
        "ntpn": body["ntpn"],
        "original_result": "flagged",
        "reason": "wrong_amount",
    }


def test_a_retry_of_an_applied_payment_is_told_it_was_applied(billing_code, channel):
    body = body_for(billing_code, reference="BNI-0003")
    assert _send(channel, body).status_code == 200
    retry = _send(channel, body, later=5).json()
    assert (retry["result"], retry["original_result"]) == ("duplicate", "applied")
    assert "reason" not in retry


def test_a_reference_reused_with_another_amount_is_refused_with_409(
    billing_code, approved_case, channel
):
    body = body_for(billing_code, amount=1, reference="BNI-0004")
    flagged = _send(channel, body)
    assert flagged.status_code == 202
    corrected = _send(channel, body | {"amount": billing_code.amount}, later=5)
    assert corrected.status_code == 409
    assert corrected.json() == {
        "result": "conflict",
        "reason": "reference_reused",
        "detail": "Referensi ini sudah tercatat untuk pembayaran dengan isi lain "
        "(berbeda: amount).",
        "differs": ["amount"],
        "payment": flagged.json()["payment"],
    }
    payment = Payment.objects.get()
    assert (payment.amount, payment.flag_reason) == (1, "wrong_amount")
    approved_case.refresh_from_db()
    assert approved_case.status == CaseStatus.BILLED
    log = NotificationLog.objects.order_by("pk")[1]
    assert (log.outcome, log.http_status, log.payment) == ("conflict", 409, payment)


@pytest.mark.parametrize(
    ("change", "differs"),
    [
        ({"ntpn": "OTHERNTPN0000001"}, ["ntpn"]),
        ({"billing_code": "000000000000000"}, ["billing_code"]),
        ({"paid_at": "2026-01-01T10:00:00+07:00"}, ["paid_at"]),
    ],
)
def test_each_fact_of_a_reused_reference_is_compared(billing_code, channel, change, differs):
    body = body_for(billing_code, reference="BNI-0005")
    assert _send(channel, body).status_code == 200
    reused = _send(channel, body | change, later=5)
    assert (reused.status_code, reused.json()["differs"]) == (409, differs)
    assert Payment.objects.count() == 1


def test_the_same_moment_written_in_another_zone_is_the_same_payment(billing_code, channel):
    paid_at = dt.datetime.now(WIB).replace(microsecond=0)
    body = body_for(billing_code, reference="BNI-0006", paid_at=paid_at)
    assert _send(channel, body).status_code == 200
    in_utc = body | {"paid_at": paid_at.astimezone(dt.UTC).isoformat()}
    assert _send(channel, in_utc, later=5).json()["result"] == "duplicate"


def test_an_ntpn_recorded_under_another_reference_with_another_amount_is_409(billing_code, channel):
    assert pay(channel, billing_code, reference="R-1", ntpn="NTPN000000000009").status_code == 200
    response = pay(channel, billing_code, reference="R-2", ntpn="NTPN000000000009", amount=5)
    assert response.status_code == 409
    assert (response.json()["reason"], response.json()["differs"]) == ("ntpn_reused", ["amount"])
    assert Payment.objects.count() == 1


# --- Answers in the bank's language, codes unchanged -----------------------------------------


def _post(raw, headers, language):
    extra = {"Accept-Language": language} if language else {}
    return post_notification(raw, headers | extra)


def _as_sent(channel, billing_code, case):
    """The request of each refusal, and its result code."""
    good = _raw(billing_code)
    if case == "bad_signature":
        return good, signed(channel, good, secret="salah")
    if case == "stale":
        return good, signed(channel, good, now=time.time() - 301)
    if case == "not_json":
        return b"{", signed(channel, b"{")
    if case == "too_large":
        big = b"{" + b" " * (70 * 1024) + b"}"
        return big, signed(channel, big)
    changes: dict[str, dict[str, Any]] = {
        "amount": {"amount": "950000"},
        "paid_at": {"paid_at": "2026-03-17T10:00:00"},
        "method": {"method": "cek"},
        "ntpn_missing": {"ntpn": None},
    }
    change = changes[case]
    raw = json.dumps(body_for(billing_code) | change).encode()
    return raw, signed(channel, raw)


@pytest.mark.parametrize(
    ("case", "status", "result", "indonesian", "english"),
    [
        (
            "bad_signature",
            401,
            "bad_signature",
            "Saluran tidak dikenal atau tanda tangan salah.",
            "Unknown channel or wrong signature.",
        ),
        (
            "stale",
            401,
            "stale",
            "Stempel waktu berselisih lebih dari 300 detik dengan jam server.",
            "The timestamp is more than 300 seconds away from the server's clock.",
        ),
        ("not_json", 400, "malformed", "Isi bukan JSON yang sah.", "The body is not valid JSON."),
        ("too_large", 413, "malformed", "Isi lebih dari 64 KiB.", "The body is over 64 KiB."),
        (
            "amount",
            400,
            "malformed",
            "amount: harus bilangan bulat rupiah lebih dari 0, paling banyak Rp 1.000.000.000.000",
            "amount: must be a whole number of rupiah above 0, at most Rp 1.000.000.000.000",
        ),
        (
            "paid_at",
            400,
            "malformed",
            "paid_at: zona waktu wajib (mis. +07:00)",
            "paid_at: a time zone is required (e.g. +07:00)",
        ),
        (
            "method",
            400,
            "malformed",
            "method: harus salah satu dari mobile_banking, atm, teller, post_office, other",
            "method: must be one of mobile_banking, atm, teller, post_office, other",
        ),
        ("ntpn_missing", 400, "malformed", "ntpn: wajib diisi", "ntpn: is required"),
    ],
)
def test_refusals_are_said_in_the_requests_language_with_the_same_codes(
    billing_code, channel, case, status, result, indonesian, english
):
    raw, headers = _as_sent(channel, billing_code, case)
    for language, detail in ((None, indonesian), ("en", english)):
        response = _post(raw, headers, language)
        assert response.status_code == status
        assert (response.json()["result"], response.json()["detail"]) == (result, detail)


def test_a_refused_field_is_named_for_programs_too(billing_code, channel):
    raw = json.dumps(body_for(billing_code) | {"amount": 0}).encode()
    english = _post(raw, signed(channel, raw), "en").json()
    assert english["field"] == "amount"


def test_a_timestamp_that_is_not_unix_seconds_is_malformed_not_stale(billing_code, channel):
    raw = _raw(billing_code)
    headers = signed(channel, raw)
    headers["X-Paspor-Timestamp"] = "2026-03-17T10:00:00Z"
    headers["X-Paspor-Signature"] = signing.signature_for(
        secret=channel.secret, timestamp=headers["X-Paspor-Timestamp"], body=raw
    )
    response = _post(raw, headers, "en")
    assert response.status_code == 400
    assert response.json() == {
        "result": "malformed",
        "detail": "X-Paspor-Timestamp: must be Unix seconds (a whole number)",
        "field": "X-Paspor-Timestamp",
    }
    assert NotificationLog.objects.get().outcome == "malformed"
    assert not Payment.objects.exists()
