"""Money paid on a billing code no office issued is reviewed by headquarters.

Such a payment is recorded and flagged `unknown_code` without an office, so no office's list
of flagged payments shows it: headquarters and administrators see it on the payments page of
any office they open, and close it with the same note and audit row as an office's flagged
payment. A head of office or a supervisor never sees it.
"""

import pytest
from django.urls import reverse

from conftest import make_user
from paspor.accounts.models import Role
from paspor.audit.models import AuditEntry
from paspor.payments.models import FlagReason, Payment, PaymentStatus
from paspor.payments.tests.factories import pay

pytestmark = pytest.mark.django_db

UNKNOWN_CODE = "999990000012345"
NTPN = "NTPNUNKNOWN00001"


@pytest.fixture
def money_without_office(channel):
    assert pay(channel, UNKNOWN_CODE, amount=350_000, ntpn=NTPN).status_code == 202
    payment = Payment.objects.get(ntpn=NTPN)
    assert payment.office is None and payment.flag_reason == FlagReason.UNKNOWN_CODE
    return payment


def _overview(client, office_code="ketapang") -> str:
    response = client.get(reverse("payments:overview", kwargs={"office": office_code}))
    assert response.status_code == 200
    return str(response.content.decode())


@pytest.mark.parametrize("national", ["hq_user", "admin_user"])
def test_headquarters_sees_money_on_an_unknown_code_on_the_payments_page(
    money_without_office, client_for, office, other_office, request, national
):
    user = (
        request.getfixturevalue("hq_user")
        if national == "hq_user"
        else make_user("administrator", role=Role.ADMIN)
    )
    for office_code in ("ketapang", "pontianak"):
        page = _overview(client_for(user), office_code)
        assert "Pembayaran tanpa kantor" in page
        assert NTPN in page and "99999 00000 12345" in page
        assert "Kode billing tidak dikenal" in page
        assert str(money_without_office.uuid) in page


@pytest.mark.parametrize("persona", ["head_of_office", "supervisor"])
def test_an_office_does_not_see_money_that_is_no_office_s(
    money_without_office, client_for, request, persona
):
    page = _overview(client_for(request.getfixturevalue(persona)))
    assert "Pembayaran tanpa kantor" not in page
    assert NTPN not in page


def test_headquarters_resolves_money_without_an_office_with_a_note_and_an_audit_row(
    money_without_office, client_for, hq_user, office
):
    client = client_for(hq_user)
    url = reverse(
        "payments:payment_resolve",
        kwargs={"office": "ketapang", "payment": money_without_office.uuid},
    )
    response = client.post(url, {"note": "Dikembalikan ke bank, surat 12/2026"})
    assert response.status_code == 302
    money_without_office.refresh_from_db()
    assert money_without_office.status == PaymentStatus.RESOLVED
    assert money_without_office.resolved_by == hq_user
    entry = AuditEntry.objects.get(event="payments.payment_resolved")
    assert entry.actor == hq_user and entry.office is None
    assert entry.reason == "Dikembalikan ke bank, surat 12/2026"
    assert NTPN not in _overview(client)


@pytest.mark.parametrize("persona", ["head_of_office", "supervisor"])
def test_an_office_cannot_resolve_money_that_is_no_office_s(
    money_without_office, client_for, request, persona
):
    url = reverse(
        "payments:payment_resolve",
        kwargs={"office": "ketapang", "payment": money_without_office.uuid},
    )
    response = client_for(request.getfixturevalue(persona)).post(url, {"note": "Bukan milik kami"})
    assert response.status_code == 404
    money_without_office.refresh_from_db()
    assert money_without_office.status == PaymentStatus.FLAGGED
    assert not AuditEntry.objects.filter(event="payments.payment_resolved").exists()
