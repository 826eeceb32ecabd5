"""Fixtures for putting a new office into service: the headquarters officer an administrator
lets set up offices (docs/onboarding.md) and the forms that officer fills in the admin."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import Group

from conftest import make_user
from paspor.accounts.groups import OFFICE_SETUP_GROUP
from paspor.accounts.models import Role, User
from paspor.booking.models import Pool
from paspor.booking.services import quota_default_set, session_set
from paspor.offices.models import Office, StationType
from paspor.offices.services import counter_set, office_service_set, opening_hours_set, station_set


def grant_setup_permissions(user: User) -> User:
    """Adds the group `migrate` makes for setting up offices, as an administrator would."""
    user.groups.add(Group.objects.get(name=OFFICE_SETUP_GROUP))
    return User.objects.get(pk=user.pk)  # a fresh object: no cached permissions


@pytest.fixture
def setup_officer(hq_user: User) -> User:
    """Headquarters, allowed by an administrator to set up offices."""
    return grant_setup_permissions(hq_user)


NEW_OFFICE = {
    "code": "denpasar",
    "name": "Kantor Imigrasi Kelas I TPI Denpasar",
    "office_class": "Kelas I TPI",
    "address": "Jl. D.I. Panjaitan No. 3, Renon",
    "city": "Kota Denpasar",
    "province": "Bali",
    "phone": "(0361) 227828",
    "email": "kanim.denpasar@example.go.id",
    "time_zone": "Asia/Makassar",
}


def inline_forms(prefix: str, rows: list[dict[str, Any]], *, initial: int = 0) -> dict[str, Any]:
    """An admin inline's management form and rows, as the page posts them."""
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{name}": value for name, value in row.items()})
    return data


def office_post(*, active: bool = False, hours: int = 5, **changes: Any) -> dict[str, Any]:
    rows = [{"weekday": str(day), "opens": "08:00", "closes": "16:00"} for day in range(hours)]
    data = {**NEW_OFFICE, **changes, **inline_forms("opening_hours", rows)}
    if active:
        data["is_active"] = "on"
    return data


def lay_out(office: Office) -> None:
    """The steps of docs/onboarding.md 2–6 through their services."""
    for weekday in range(5):
        opening_hours_set(
            office=office, weekday=weekday, opens=dt.time(8), closes=dt.time(16), by=None
        )
    for station_type in (StationType.INTAKE, StationType.BIOMETRICS):
        station_set(office=office, station_type=station_type, default_service_minutes=8, by=None)
    counter_set(office=office, number=1, station_types=["intake"], by=None)
    counter_set(office=office, number=2, station_types=["biometrics"], by=None)
    office_service_set(
        office=office,
        kind="regular",
        ticket_prefix="A",
        route=["intake", "biometrics"],
        walk_in=False,
        walk_in_daily_cap=0,
        by=None,
    )
    session = session_set(office=office, start=dt.time(8), end=dt.time(10), by=None)
    quota_default_set(
        office=office, weekday=0, session=session, pool=Pool.REGULAR, capacity=20, by=None
    )


def staff(office: Office, *, on: str = "") -> None:
    """The accounts an office cannot open without: kiosk, certified officers, supervisor."""
    prefix = on or office.code
    make_user(f"{prefix}-kios", role=Role.KIOSK, office=office)
    make_user(f"{prefix}-loket", role=Role.INTAKE, office=office, stations=("intake",))
    make_user(f"{prefix}-bio", role=Role.BIOMETRICS, office=office, stations=("biometrics",))
    make_user(f"{prefix}-kasubsi", role=Role.SUPERVISOR, office=office)
