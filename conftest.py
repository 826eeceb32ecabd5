"""Shared fixtures: the offices and the fixed personas every test speaks of."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from paspor.accounts.models import Role, User
from paspor.accounts.services import certification_grant, staff_assign
from paspor.offices.models import Office, OpeningHours, Station, StationType

PASSWORD = "rahasia-uji-123"  # noqa: S105 - test personas only


def make_office(code: str, *, tz: str = "Asia/Jakarta", name: str | None = None) -> Office:
    office = Office.objects.create(
        code=code,
        name=name or f"Kantor Imigrasi {code.title()}",
        address="Jl. Uji No. 1",
        city=code.title(),
        province="Kalimantan Barat",
        time_zone=tz,
    )
    for weekday in range(5):
        OpeningHours.objects.create(
            office=office, weekday=weekday, opens=dt.time(8), closes=dt.time(16)
        )
    for station_type in StationType:
        Station.objects.create(
            office=office, station_type=station_type, name=str(station_type.label)
        )
    return office


def make_user(
    username: str,
    *,
    role: Role | None = None,
    office: Office | None = None,
    stations: tuple[str, ...] = (),
    email: str = "",
) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, email=email)
    if role is not None:
        staff_assign(user=user, office=office, role=role, by=None)
    for station_type in stations:
        certification_grant(
            user=user,
            station_type=station_type,
            certificate_number=f"C-{username}-{station_type}",
            issued_on=dt.date(2020, 1, 1),
            expires_on=dt.date(2035, 12, 31),
            by=None,
        )
    return user


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Files a test writes go to a temporary folder, never into the local var/media."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _indonesian_first() -> Iterator[None]:
    """Each test starts in the default language: a request in English must not leak into the next."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def office(db: None) -> Office:
    return make_office("ketapang")


@pytest.fixture
def other_office(db: None) -> Office:
    return make_office("pontianak")


@pytest.fixture
def intake_officer(office: Office) -> User:
    return make_user(
        "petugas_loket",
        role=Role.INTAKE,
        office=office,
        stations=(StationType.INTAKE, StationType.INFORMATION),
    )


@pytest.fixture
def biometrics_officer(office: Office) -> User:
    return make_user(
        "petugas_biometrik", role=Role.BIOMETRICS, office=office, stations=(StationType.BIOMETRICS,)
    )


@pytest.fixture
def supervisor(office: Office) -> User:
    return make_user("kasubsi", role=Role.SUPERVISOR, office=office, stations=tuple(StationType))


@pytest.fixture
def head_of_office(office: Office) -> User:
    return make_user("kakanim", role=Role.HEAD, office=office)


@pytest.fixture
def hq_user(db: None) -> User:
    return make_user("ditjen", role=Role.HQ)


@pytest.fixture
def kiosk(office: Office) -> User:
    return make_user("kios", role=Role.KIOSK, office=office)


@pytest.fixture
def display(office: Office) -> User:
    return make_user("layar", role=Role.DISPLAY, office=office)


@pytest.fixture
def officer_of_other_office(other_office: Office) -> User:
    return make_user(
        "petugas_lain", role=Role.INTAKE, office=other_office, stations=(StationType.INTAKE,)
    )


@pytest.fixture
def applicant(db: None) -> User:
    return make_user("pemohon", email="pemohon@example.com")


@pytest.fixture
def other_applicant(db: None) -> User:
    return make_user("pemohon_lain", email="lain@example.com")


@pytest.fixture
def client_for() -> Callable[[User | None], Client]:
    """A test client signed in as the given persona (anonymous for None)."""

    def build(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return build


# Browser fixtures (`page`, `browser_context`) for tests marked `browser`.
from paspor.lib.testing_browser import browser_context, page  # noqa: E402, F401
