"""The public status of an application awaiting payment says until when its billing code can be
paid, and once the code has expired, that it cannot be paid and how to get a new one."""

import datetime as dt

import pytest
import time_machine

from paspor.cases.models import Case, CaseStatus
from paspor.notifications.tests.factories import make_case
from paspor.payments.services import bill_issue_for_case, fee_schedule_ensure_defaults

pytestmark = pytest.mark.django_db
BIRTH = dt.date(1990, 8, 17)
URL = "/notifikasi/status/"


@pytest.fixture
def billed(office, intake_officer, supervisor):
    fee_schedule_ensure_defaults()
    case = make_case(office, intake_officer, nik="6104015708900001", birth_date=BIRTH)
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.APPROVED)
    code = bill_issue_for_case(case=Case.objects.get(pk=case.pk), by=supervisor)
    return case, code


def lookup(client, code):
    return client.post(URL, {"code": code, "birth_date": BIRTH.isoformat()})


def test_a_billed_case_says_until_when_its_code_can_be_paid(client, billed):
    case, code = billed
    expires = code.expires_at.astimezone(dt.timezone(dt.timedelta(hours=7)))
    page = lookup(client, case.code).content.decode()
    assert (
        f"Bayar PNBP dengan kode billing sebelum {expires.day} "
        in page  # the day, the month in words, the time, and the zone
    )
    assert f"{expires:%H.%M} WIB; setelah itu kode tidak berlaku lagi." in page
    assert "Lihat kode billing dan cara membayar" in page


def test_an_expired_code_is_said_to_be_unpayable_and_the_link_asks_for_a_new_one(client, billed):
    case, code = billed
    with time_machine.travel(code.expires_at + dt.timedelta(days=4), tick=False):
        page = lookup(client, case.code).content.decode()
    assert "Kode billing Anda kedaluwarsa pada" in page
    assert "Minta kode billing baru di halaman pembayaran" in page
    assert "sebelum kedaluwarsa" not in page
    assert f'href="/pembayaran/status/{case.code}/" role="button">Minta kode billing baru' in page
