"""Money that reached the office but could not pay the bill is shown to the person who paid it.

A payment on an expired code, or of the wrong amount, is recorded and flagged for a refund
(services.payment_receive). Without a word on the status page the applicant who paid sees only
"waiting for payment" — the "paid but still waiting" complaint Paspor exists to end.
"""

import datetime as dt

import pytest
from django.urls import reverse

from paspor.lib.errors import DomainError
from paspor.payments.models import Payment, PaymentStatus
from paspor.payments.services import payment_flag_resolve
from paspor.payments.tests.factories import pay

pytestmark = pytest.mark.django_db


def _status_page(client, case) -> str:
    response = client.get(reverse("payments:status", kwargs={"case_code": case.code}))
    return str(response.content.decode())


def test_a_payment_on_an_expired_code_is_shown_as_received_and_to_be_refunded(
    billing_code, channel, approved_case, client_for, applicant
):
    import time_machine

    late = billing_code.expires_at + dt.timedelta(hours=2)
    with time_machine.travel(late + dt.timedelta(minutes=1)):
        assert pay(channel, billing_code, ntpn="NTPNLATE00000001", paid_at=late).status_code == 202
        page = _status_page(client_for(applicant), approved_case)
    assert Payment.objects.get().status == PaymentStatus.FLAGGED
    assert "Pembayaran yang tidak dapat dipakai untuk tagihan ini" in page
    assert "NTPNLATE00000001" in page
    assert "Kode billing kedaluwarsa" in page
    assert "Menunggu pengembalian oleh kantor" in page
    # The way on is said too: the bill is still to be paid, with a new code.
    assert "minta kode baru" in page and "Minta kode billing baru" in page


def test_a_second_payment_of_the_wrong_amount_stays_visible_after_the_bill_is_paid(
    billing_code, channel, approved_case, client_for, applicant, supervisor
):
    pay(channel, billing_code, amount=1_000, ntpn="NTPNWRONG0000001")
    assert pay(channel, billing_code).status_code == 200
    wrong = Payment.objects.get(ntpn="NTPNWRONG0000001")
    with pytest.raises(DomainError, match="Tuliskan catatan tindak lanjut"):
        payment_flag_resolve(payment=wrong, note="\u200b\u200e", by=supervisor)
    payment_flag_resolve(payment=wrong, note="Dikembalikan, SP2D 77", by=supervisor)
    page = _status_page(client_for(applicant), approved_case)
    assert "Pembayaran diterima" in page
    assert "NTPNWRONG0000001" in page and "Jumlah tidak sama dengan tagihan" in page
    assert "Sudah ditindaklanjuti kantor" in page
    # The office's internal note is not the applicant's to read.
    assert "SP2D 77" not in page


def test_a_bill_paid_once_and_rightly_shows_no_such_section(
    billing_code, channel, approved_case, client_for, applicant
):
    assert pay(channel, billing_code).status_code == 200
    page = _status_page(client_for(applicant), approved_case)
    assert "Pembayaran yang tidak dapat dipakai" not in page
