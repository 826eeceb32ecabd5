"""A refused follow-up note or breach reason is said as the form says it (missing, too short,
too long) at the row it was typed in, and the typed text is still there to correct."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from paspor.cases.models import CaseStatus
from paspor.lib.errors import Conflict
from paspor.payments import views
from paspor.payments.models import Payment, PaymentStatus
from paspor.payments.tests.factories import make_case, pay

pytestmark = pytest.mark.django_db


@pytest.fixture
def late(office, intake_officer):
    return make_case(office, intake_officer, status=CaseStatus.PAID, due_date=dt.date(2020, 1, 2))


def _reason_url(office, case):
    return reverse("payments:sla_reason", kwargs={"office": office.code, "case_code": case.code})


def test_a_breach_reason_too_long_is_said_as_too_long_and_kept_in_its_row(
    office, late, client_for, supervisor
):
    reason = "Mesin cetak rusak sejak pagi. " * 33 + "Mesin cetak rusak"
    assert len(reason) == 1007
    response = client_for(supervisor).post(_reason_url(office, late), {"reason": reason})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Alasan keterlambatan wajib diisi." not in page
    assert "paling banyak 1000 karakter" in page
    assert f'value="{reason}"' in page
    assert f'aria-describedby="reason-{late.code}-error"' in page
    assert f'id="reason-{late.code}-error"' in page
    assert 'maxlength="1000"' in page and 'minlength="5"' in page
    assert not late.sla_alerts.exclude(reason="").exists()


def test_a_breach_reason_shorter_than_the_page_asks_is_refused_by_the_form(
    office, late, client_for, supervisor
):
    """The server agrees with the input's `minlength`: said at the field, the text kept."""
    response = client_for(supervisor).post(_reason_url(office, late), {"reason": "rsk"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tuliskan alasan keterlambatan (paling sedikit 5 karakter)." in page
    assert 'value="rsk"' in page
    assert not late.sla_alerts.exclude(reason="").exists()


def test_a_breach_reason_refused_by_the_service_keeps_the_text(
    office, late, client_for, supervisor, monkeypatch
):
    def refuse(**kwargs):
        raise Conflict("Ditolak untuk uji.", code="test")

    monkeypatch.setattr(views, "sla_breach_explain", refuse)
    response = client_for(supervisor).post(
        _reason_url(office, late), {"reason": "Mesin cetak rusak"}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Ditolak untuk uji." in page and 'value="Mesin cetak rusak"' in page


@pytest.fixture
def flagged(billing_code, channel):
    pay(channel, billing_code, amount=1)
    return Payment.objects.get()


def _resolve_url(payment):
    return reverse(
        "payments:payment_resolve", kwargs={"office": "ketapang", "payment": payment.uuid}
    )


def test_a_follow_up_note_too_long_is_said_as_too_long_and_kept_in_its_row(
    flagged, client_for, supervisor
):
    note = "Dikembalikan ke rekening pemohon. " * 30  # 1 020 characters
    response = client_for(supervisor).post(_resolve_url(flagged), {"note": note})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Catatan tindak lanjut wajib diisi." not in page
    assert "paling banyak 1000 karakter" in page
    assert note.strip() in page
    assert f'aria-describedby="note-{flagged.uuid}-error"' in page
    assert f'id="note-{flagged.uuid}-error"' in page
    assert 'maxlength="1000"' in page
    flagged.refresh_from_db()
    assert flagged.status == PaymentStatus.FLAGGED


def test_a_follow_up_note_refused_by_the_service_keeps_the_text(
    flagged, client_for, supervisor, monkeypatch
):
    def refuse(**kwargs):
        raise Conflict("Ditolak untuk uji.", code="test")

    monkeypatch.setattr(views, "payment_flag_resolve", refuse)
    response = client_for(supervisor).post(_resolve_url(flagged), {"note": "SP2D 123"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Ditolak untuk uji." in page and 'value="SP2D 123"' in page
