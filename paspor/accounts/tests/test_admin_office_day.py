"""The admin's people and certificates, as an office and headquarters count the days."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine

from conftest import make_office, make_user
from paspor.accounts.models import Certification, Role
from paspor.accounts.services import certification_grant
from paspor.offices.models import StationType

pytestmark = pytest.mark.django_db

# 23.30 in Jakarta on 10 March 2026 is already 01.30 on 11 March in Jayapura.
LATE_IN_JAKARTA = dt.datetime(2026, 3, 10, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _certify(user, station_type, *, issued: dt.date, expires: dt.date, number: str):
    return certification_grant(
        user=user,
        station_type=station_type,
        certificate_number=number,
        issued_on=issued,
        expires_on=expires,
        by=None,
    )


def _stations_today(client, user) -> str:
    page = client.get(f"/admin/accounts/user/{user.pk}/change/").content.decode()
    field = re.search(
        r'field-stations_today.*?<div class="readonly">(.*?)</div>\s*</div>', page, re.S
    )
    assert field is not None
    return _text(field.group(1))


def test_stations_open_today_follow_the_office_clock_not_jakartas(client_for, admin_user):
    """A Jayapura officer whose certificate ran through 10 March cannot open the intake counter
    once 11 March has begun in Jayapura, even while it is still the 10th in Jakarta."""
    jayapura = make_office("jayapura", tz="Asia/Jayapura")
    officer = make_user("loket_jayapura", role=Role.INTAKE, office=jayapura)
    _certify(
        officer,
        StationType.INTAKE,
        issued=dt.date(2024, 3, 11),
        expires=dt.date(2026, 3, 10),
        number="SRT-JYP-1",
    )
    client = client_for(admin_user)
    with time_machine.travel(LATE_IN_JAKARTA, tick=False):
        shown = _stations_today(client, officer)
    assert shown == "Kantor Imigrasi Jayapura: belum ada"


def test_a_certificate_in_force_from_the_office_morning_opens_its_counter(client_for, admin_user):
    jayapura = make_office("jayapura", tz="Asia/Jayapura")
    officer = make_user("loket_baru", role=Role.INTAKE, office=jayapura)
    _certify(
        officer,
        StationType.INTAKE,
        issued=dt.date(2026, 3, 11),
        expires=dt.date(2028, 3, 10),
        number="SRT-JYP-2",
    )
    client = client_for(admin_user)
    with time_machine.travel(LATE_IN_JAKARTA, tick=False):
        shown = _stations_today(client, officer)
    assert shown == "Kantor Imigrasi Jayapura: Pemeriksaan berkas"


TODAY = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture
def certificates(office) -> dict[str, Certification]:
    """One officer's certificates: lapsed yesterday, lapsing in 10, 30, 60 and 200 days, and one
    that only comes into force next month."""
    officer = make_user("petugas", role=Role.SUPERVISOR, office=office)
    today = TODAY.date()
    rows = {
        "lapsed": (StationType.INTAKE, today - dt.timedelta(days=1)),
        "in_10": (StationType.BIOMETRICS, today + dt.timedelta(days=10)),
        "in_30": (StationType.PAYMENT_HELP, today + dt.timedelta(days=30)),
        "in_60": (StationType.HANDOVER, today + dt.timedelta(days=60)),
        "in_200": (StationType.INFORMATION, today + dt.timedelta(days=200)),
    }
    made = {
        name: _certify(
            officer,
            station_type,
            issued=dt.date(2024, 1, 1),
            expires=expires,
            number=f"SRT-{name}",
        )
        for name, (station_type, expires) in rows.items()
    }
    made["next_month"] = _certify(
        officer,
        StationType.INTAKE,
        issued=today + dt.timedelta(days=25),
        expires=today + dt.timedelta(days=400),
        number="SRT-next_month",
    )
    return made


@pytest.mark.parametrize(
    ("choice", "listed"),
    [
        ("kedaluwarsa", {"lapsed"}),
        ("30-hari", {"in_10", "in_30"}),
        ("90-hari", {"in_10", "in_30", "in_60"}),
        ("berlaku", {"in_10", "in_30", "in_60", "in_200"}),
    ],
)
def test_certificates_are_filtered_by_what_a_head_of_office_plans_for(
    client_for, admin_user, certificates, choice, listed
):
    client = client_for(admin_user)
    with time_machine.travel(TODAY, tick=False):
        page = client.get(f"/admin/accounts/certification/?berlaku={choice}").content.decode()
    shown = set(re.findall(r"SRT-(\w+)", page))
    assert shown == listed


def test_the_validity_filter_offers_the_choices_ahead_not_only_the_past(client_for, admin_user):
    page = _text(client_for(admin_user).get("/admin/accounts/certification/").content.decode())
    for choice in (
        "Sudah kedaluwarsa",
        "Habis dalam 30 hari",
        "Habis dalam 90 hari",
        "Masih berlaku",
    ):
        assert choice in page
    assert "Tujuh hari terakhir" not in page  # Django's date filter looked only backwards
