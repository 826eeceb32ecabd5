"""Which officers' certificates the head of office must have renewed."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from conftest import make_user
from paspor.accounts.models import Certification, Role
from paspor.offices.models import StationType
from paspor.reports.selectors import period
from paspor.reports.tests.conftest import END, START, Week

pytestmark = pytest.mark.django_db

PERIOD = "kantor=ketapang&dari=2026-11-02&sampai=2026-11-06"


def _certified(username: str, role: Role, week: Week, station: str, expires: dt.date) -> None:
    user = make_user(username, role=role, office=week.office)
    Certification.objects.create(
        user=user,
        station_type=station,
        certificate_number=f"C-{username}",
        issued_on=dt.date(2023, 1, 1),
        expires_on=expires,
    )


def test_a_certificate_that_lapsed_before_the_period_and_was_not_renewed_is_a_gap(
    week: Week,
) -> None:
    _certified("petugas_serah_2", Role.HANDOVER, week, StationType.HANDOVER, dt.date(2026, 10, 15))

    rows = period.expiring_certifications(week.office, START, END)

    assert [(r.username, r.expires_on) for r in rows] == [
        ("petugas_serah_2", dt.date(2026, 10, 15)),
        ("petugas_biometrik_2", dt.date(2026, 12, 15)),
    ]


def test_a_renewed_certificate_or_one_for_a_station_the_role_does_not_work_is_no_gap(
    week: Week,
) -> None:
    _certified("petugas_serah_2", Role.HANDOVER, week, StationType.HANDOVER, dt.date(2026, 10, 15))
    Certification.objects.create(
        user=Certification.objects.get(certificate_number="C-petugas_serah_2").user,
        station_type=StationType.HANDOVER,
        certificate_number="C-renewed",
        issued_on=dt.date(2026, 10, 16),
        expires_on=dt.date(2029, 10, 15),
    )
    _certified("kakanim_2", Role.HEAD, week, StationType.INTAKE, dt.date(2026, 10, 15))

    rows = period.expiring_certifications(week.office, START, END)

    assert [r.username for r in rows] == ["petugas_biometrik_2"]


def test_the_expiry_date_is_in_the_readers_words_on_the_page_and_a_date_in_the_file(
    client_for, head_of_office, week: Week
) -> None:
    client = client_for(head_of_office)
    page = client.get(f"/laporan/dasbor/?{PERIOD}").content.decode()
    assert "15 Desember 2026" in page and "2026-12-15" not in page

    response = client.get(f"/laporan/dasbor/unduh/sertifikasi.xlsx?{PERIOD}")
    sheet = load_workbook(io.BytesIO(response.content)).active
    last = [cell for cell in sheet[sheet.max_row]]
    assert last[-1].value == dt.datetime(2026, 12, 15)
    assert last[-1].number_format == "yyyy-mm-dd"
    csv_text = client.get(f"/laporan/dasbor/unduh/sertifikasi.csv?{PERIOD}").content.decode()
    assert "2026-12-15" in csv_text
