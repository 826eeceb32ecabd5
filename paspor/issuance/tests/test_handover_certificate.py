"""Handing a passport over is the handover station's work: only a certified officer does it.

The counter of the handover station opens only for an officer certified for it; the handover
page is held to the same rule, and says so before the officer fills the form.
"""

import datetime as dt

import pytest
from django.urls import reverse

from paspor.accounts.models import Certification
from paspor.cases.certification import NotCertified
from paspor.issuance.models import Handover, PassportStatus
from paspor.issuance.services import handover_record
from paspor.issuance.tests.helpers import holder_input, ready_passport
from paspor.issuance.tests.test_handover_signature_kept import handover_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen", "stock")]


@pytest.fixture
def ready(paid_case, printer, checker):
    return ready_passport(paid_case, printer, checker)


@pytest.fixture
def expired(handover_officer):
    Certification.objects.filter(user=handover_officer).update(
        issued_on=dt.date(2023, 1, 1),
        expires_on=dt.date(2026, 3, 16),  # the day before
    )


@pytest.mark.usefixtures("expired")
def test_an_officer_whose_handover_certificate_expired_hands_nothing_over(
    ready, paid_case, handover_officer
):
    with pytest.raises(NotCertified) as refused:
        handover_record(passport=ready, by=handover_officer, data=holder_input(paid_case))
    assert refused.value.status == 403
    assert "Sertifikat pos Penyerahan paspor Anda (nomor C-petugas_serah-handover)" in (
        refused.value.message
    )
    assert "16 Maret 2026" in refused.value.message
    ready.refresh_from_db()
    assert ready.status == PassportStatus.READY and not Handover.objects.exists()


@pytest.mark.usefixtures("expired")
def test_the_handover_page_says_so_and_offers_no_form(
    client_for, ready, paid_case, handover_officer
):
    url = reverse(
        "issuance:handover", kwargs={"office": "ketapang", "number": ready.passport_number}
    )
    page = client_for(handover_officer).get(url).content.decode()
    assert 'id="not-certified"' in page and "C-petugas_serah-handover" in page
    assert 'id="handover-form"' not in page
    submit = reverse(
        "issuance:handover_submit", kwargs={"office": "ketapang", "number": ready.passport_number}
    )
    answer = client_for(handover_officer).post(submit, handover_form(paid_case.nik))
    assert answer.status_code == 403
    assert "C-petugas_serah-handover" in answer.content.decode()


def test_a_certified_officer_gets_the_form(client_for, ready, handover_officer):
    url = reverse(
        "issuance:handover", kwargs={"office": "ketapang", "number": ready.passport_number}
    )
    page = client_for(handover_officer).get(url).content.decode()
    assert 'id="not-certified"' not in page and 'id="handover-form"' in page
