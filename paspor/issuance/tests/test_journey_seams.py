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
