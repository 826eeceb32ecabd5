"""Marking a passport ready twice (a second tab, another officer first): the list again."""

import pytest
from django.urls import reverse

from paspor.issuance.models import PassportStatus
from paspor.issuance.tests.helpers import ready_passport

pytestmark = pytest.mark.django_db


def test_marking_ready_a_second_time_shows_the_list_with_the_refusal(
    office, paid_case, stock, printer, checker, client_for
):
    passport = ready_passport(paid_case, printer, checker)
    assert passport.status == PassportStatus.READY
    url = reverse("issuance:mark_ready", args=[office.code, passport.passport_number])
    response = client_for(checker).post(url)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Kendali mutu" in body  # the quality-control list, not an empty page
    assert passport.passport_number in body and "message error" in body


def test_a_passport_past_quality_control_is_said_so_not_page_not_found(
    office, paid_case, stock, printer, checker, client_for
):
    passport = ready_passport(paid_case, printer, checker)
    number = passport.passport_number
    client = client_for(checker)
    for response in (
        client.get(reverse("issuance:qc_check", args=[office.code, number])),
        client.post(reverse("issuance:qc_submit", args=[office.code, number]), {}),
    ):
        assert response.status_code == 409
        body = response.content.decode()
        assert f"Paspor {number} tidak menunggu langkah ini lagi: statusnya kini Siap diambil." in (
            body
        )
        assert "Kendali mutu" in body  # the quality-control list again


def test_a_passport_handed_over_is_said_so_on_the_pickup_list(
    office, paid_case, stock, printer, checker, handover_officer, client_for
):
    passport = ready_passport(paid_case, printer, checker)
    passport.status = PassportStatus.ISSUED  # handed over at another counter a moment ago
    passport.save(update_fields=["status"])
    number = passport.passport_number
    client = client_for(handover_officer)
    for response in (
        client.get(reverse("issuance:handover", args=[office.code, number])),
        client.post(reverse("issuance:handover_submit", args=[office.code, number]), {}),
    ):
        assert response.status_code == 409
        assert "statusnya kini Diserahkan" in response.content.decode()
    unknown = client.get(reverse("issuance:handover", args=[office.code, "X0000000"]))
    assert unknown.status_code == 404
