"""Browser review of the personal-data access log: a filter the page cannot use is refused (400)
instead of quietly listing the whole log, and times are on the office's own clock."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from conftest import make_office, make_user
from paspor.accounts.models import Role
from paspor.audit.services import pii_access_record
from paspor.notifications.tests.factories import make_case

pytestmark = pytest.mark.django_db


def log_url(office):
    return f"/audit/{office.code}/akses-data-pribadi/"


@pytest.fixture
def logged_case(office, intake_officer):
    case = make_case(office, intake_officer)
    pii_access_record(user=intake_officer, case=case, what="cases.detail")
    return case


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ({"dari": "2026-13-45"}, "Masukkan tanggal yang valid."),
        ({"permohonan": "Y" * 300}, "paling banyak 12 karakter"),
        ({"dari": "2026-06-12", "sampai": "2026-06-10"}, "Tanggal awal tidak boleh setelah"),
        ({"dari": "0001-01-01"}, "Masukkan tanggal antara tahun 2000 dan 2099."),
        ({"sampai": "9999-12-31"}, "Masukkan tanggal antara tahun 2000 dan 2099."),
    ],
)
def test_a_filter_the_page_cannot_use_is_400_and_lists_no_rows(
    client_for, head_of_office, office, logged_case, query, said
):
    response = client_for(head_of_office).get(log_url(office), query)
    assert response.status_code == 400
    body = response.content.decode()
    assert said in body
    assert "perbaiki isian yang ditandai" in body
    assert logged_case.code not in body  # not the whole log, taken for the filtered one


def test_the_typed_filter_stays_in_its_fields_after_the_refusal(
    client_for, head_of_office, office, logged_case
):
    query = {"petugas": "petugas_loket", "dari": "2026-06-12", "sampai": "2026-06-10"}
    body = client_for(head_of_office).get(log_url(office), query).content.decode()
    for value in query.values():
        assert f'value="{value}"' in body


def test_times_are_on_the_offices_clock_with_its_zone_and_the_month_in_words(
    client_for, intake_officer
):
    jayapura = make_office("jayapura", tz="Asia/Jayapura")
    head = make_user("kakanim_papua", role=Role.HEAD, office=jayapura)
    case = make_case(jayapura, intake_officer)
    # 11 March, 01.30 in Jayapura (WIT), still 10 March on the server's clock (WIB).
    with time_machine.travel(dt.datetime(2026, 3, 10, 16, 30, tzinfo=dt.UTC), tick=False):
        pii_access_record(user=intake_officer, case=case, what="cases.detail")
    client = client_for(head)

    body = client.get(log_url(jayapura), {"dari": "2026-03-11", "sampai": "2026-03-11"})
    page = body.content.decode()
    assert case.code in page  # the day the filter finds it on ...
    assert "11 Maret 2026 01.30.00" in page  # ... is the day it is shown on
    assert "Waktu (WIT)" in page
    client.cookies["django_language"] = "en"
    english = client.get(log_url(jayapura)).content.decode()
    assert "11 March 2026 01:30:00" in english and "Time (WIT)" in english
