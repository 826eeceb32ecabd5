"""Payments in the admin: amounts in rupiah, dates in words, the channel secret kept secret."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse

from paspor.audit.models import AuditEntry
from paspor.lib.errors import Conflict
from paspor.payments.fees import fee_in_force
from paspor.payments.models import FeeItem, PaymentChannel

pytestmark = pytest.mark.django_db

SECRET = "sangat-rahasia-bank-123"


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def test_a_channel_secret_typed_in_the_admin_is_never_in_the_audit_log(admin_client):
    response = admin_client.post(
        reverse("admin:payments_paymentchannel_add"),
        {"code": "bank-baru", "name": "Bank Baru", "secret": SECRET, "is_active": "on"},
    )
    assert response.status_code == 302
    assert PaymentChannel.objects.get(code="bank-baru").secret == SECRET
    entry = AuditEntry.objects.get(event="payments.channel_created")
    assert SECRET not in str(entry.new)
    assert not AuditEntry.objects.filter(new__icontains=SECRET).exists()


def test_the_channel_form_never_shows_the_secret_and_keeps_it_when_left_empty(
    admin_client, channel
):
    url = reverse("admin:payments_paymentchannel_change", args=[channel.pk])
    assert channel.secret not in admin_client.get(url).content.decode()
    response = admin_client.post(url, {"name": "Bank Uji Baru", "secret": "", "is_active": "on"})
    assert response.status_code == 302
    channel.refresh_from_db()
    assert (channel.name, channel.secret) == ("Bank Uji Baru", "rahasia-bank-uji-123")


def test_a_new_channel_without_a_secret_is_refused_in_words(admin_client):
    response = admin_client.post(
        reverse("admin:payments_paymentchannel_add"),
        {"code": "bank-kosong", "name": "Bank", "secret": "", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "Kunci rahasia saluran pembayaran wajib diisi." in response.content.decode()


def test_bills_billing_codes_and_payments_show_amounts_in_rupiah(admin_client, billing_code):
    for name in ("bill", "billingcode"):
        page = html.unescape(
            admin_client.get(reverse(f"admin:payments_{name}_changelist")).content.decode()
        )
        assert f"Rp {billing_code.amount:,}".replace(",", ".") in page
        assert f">{billing_code.amount}<" not in page
    bill = billing_code.bill
    page = admin_client.get(reverse("admin:payments_bill_change", args=[bill.pk])).content
    assert f">{bill.items.first().amount}<" not in page.decode()


def test_a_missing_fee_names_the_date_in_words(fees):
    with pytest.raises(Conflict) as refused:
        fee_in_force(FeeItem.EXPRESS, dt.date(2020, 3, 2))
    assert "2 Maret 2020" in refused.value.message
    assert "2020-03-02" not in refused.value.message
