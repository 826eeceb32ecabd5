"""The payments API seen from outside: the mobile app's token opens the applicant's own bill and
receipt, and the OpenAPI document tells a bank and an app what to send and what comes back."""

import datetime as dt
from typing import get_args

import pytest
from django.test import Client

from paspor.booking.services import api_token_issue
from paspor.payments.api import (
    NOTIFICATION_EXAMPLE,
    FlagReasonCode,
    MethodCode,
    NotificationIn,
)
from paspor.payments.bank import Malformed, report_from_json
from paspor.payments.models import FlagReason, Payment, PaymentMethod
from paspor.payments.tests.factories import pay

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(billing_code, channel, approved_case):
    assert pay(channel, billing_code).status_code == 200
    approved_case.refresh_from_db()
    return approved_case


def _bearer(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token_issue(account=user)}"}


# --- Bills and receipts with the mobile app's token -----------------------------------------


def test_the_mobile_app_reads_its_own_bill_and_receipt_with_a_bearer_token(paid, applicant):
    client = Client()
    bill = client.get(f"/api/payments/bills/{paid.code}", headers=_bearer(applicant))
    assert bill.status_code == 200
    assert (bill.json()["case_code"], bill.json()["billing_code_status"]) == (paid.code, "paid")
    receipt = client.get(f"/api/payments/receipts/{paid.code}", headers=_bearer(applicant))
    assert receipt.status_code == 200
    assert receipt.json()["ntpn"] == Payment.objects.get().ntpn


@pytest.mark.parametrize("endpoint", ["bills", "receipts"])
def test_another_applicants_token_is_answered_as_a_code_that_does_not_exist(
    paid, other_applicant, endpoint
):
    client = Client()
    theirs = client.get(f"/api/payments/{endpoint}/{paid.code}", headers=_bearer(other_applicant))
    unknown = client.get(f"/api/payments/{endpoint}/ZZZZ9999ZZ", headers=_bearer(other_applicant))
    anonymous = client.get(f"/api/payments/{endpoint}/{paid.code}")
    for refused in (theirs, unknown, anonymous):
        assert (refused.status_code, refused.json()) == (
            404,
            {"detail": "Data tidak ditemukan.", "code": "not_found"},
        )


def test_a_refused_token_asks_the_app_to_sign_in_again(paid):
    response = Client().get(
        f"/api/payments/bills/{paid.code}", headers={"Authorization": "Bearer kedaluwarsa"}
    )
    assert response.status_code == 401


def test_staff_of_the_office_still_read_with_their_session(paid, intake_officer, client_for):
    response = client_for(intake_officer).get(f"/api/payments/bills/{paid.code}")
    assert response.status_code == 200


def test_a_browser_that_proved_the_case_still_reads_its_bill(paid, client):
    proved = client.post(
        "/pembayaran/status/", {"case_code": paid.code, "birth_date": paid.birth_date.isoformat()}
    )
    assert proved.status_code == 302
    assert client.get(f"/api/payments/bills/{paid.code}").status_code == 200


# --- The OpenAPI document -------------------------------------------------------------------


@pytest.fixture
def openapi(db):
    return Client().get("/api/openapi.json").json()


def _resolve(openapi, schema):
    ref = schema.get("$ref")
    return openapi["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else schema


def test_bills_and_receipts_show_the_token_and_the_session(openapi):
    for path in ("/api/payments/bills/{case_code}", "/api/payments/receipts/{case_code}"):
        operation = openapi["paths"][path]["get"]
        assert operation["security"] == [{"BearerToken": []}, {"SessionAuth": []}]
        assert "bearer token" in operation["description"]


def test_every_field_of_bills_and_receipts_is_described(openapi):
    for name in ("BillOut", "BillItemOut", "ReceiptOut"):
        properties = openapi["components"]["schemas"][name]["properties"]
        assert {field for field, spec in properties.items() if not spec.get("description")} == set()


def test_the_notification_endpoint_documents_its_headers_body_and_answers(openapi):
    operation = openapi["paths"]["/api/payments/notifications"]["post"]
    headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
    assert headers == {"X-Paspor-Channel", "X-Paspor-Timestamp", "X-Paspor-Signature"}
    body = operation["requestBody"]["content"]["application/json"]
    assert body["example"] == NOTIFICATION_EXAMPLE
    assert set(body["schema"]["properties"]) == set(NOTIFICATION_EXAMPLE)
    assert all(spec["description"] for spec in body["schema"]["properties"].values())
    responses = operation["responses"]
    answers = {
        status: _resolve(openapi, responses[status]["content"]["application/json"]["schema"])
        for status in ("200", "202", "400", "401", "409", "413")
    }
    for status, schema in answers.items():
        assert schema["type"] == "object", status
        assert "result" in schema["properties"], status
    assert "original_result" in answers["200"]["properties"]
    assert "differs" in answers["409"]["properties"]


def test_the_documented_example_is_a_notification_the_endpoint_takes():
    now = dt.datetime(2026, 3, 17, 10, 5, tzinfo=dt.UTC)
    report = report_from_json(NOTIFICATION_EXAMPLE, now=now)
    assert (report.reference, report.amount) == (NOTIFICATION_EXAMPLE["reference"], 950_000)


@pytest.mark.parametrize("field", sorted(NOTIFICATION_EXAMPLE))
def test_the_documented_required_fields_are_the_ones_the_endpoint_requires(field):
    required = set(NotificationIn.model_json_schema()["required"])
    without = {name: value for name, value in NOTIFICATION_EXAMPLE.items() if name != field}
    now = dt.datetime(2026, 3, 17, 10, 5, tzinfo=dt.UTC)
    if field in required:
        with pytest.raises(Malformed) as refused:
            report_from_json(without, now=now)
        assert refused.value.field == field
    else:
        report_from_json(without, now=now)


def test_the_documented_codes_are_the_models():
    assert set(get_args(FlagReasonCode)) == set(FlagReason.values)
    assert set(get_args(MethodCode)) == set(PaymentMethod.values)
