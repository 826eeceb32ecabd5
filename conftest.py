"""Shared fixtures: the offices and the fixed personas every test speaks of."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import settings as hypothesis_settings

from paspor.accounts.models import Role, User
from paspor.accounts.security import active_roles, two_factor_applies
from paspor.accounts.services import certification_grant, staff_assign
from paspor.lib.errors import DomainError
from paspor.offices.models import COUNTER_STATIONS, Office, OpeningHours, Station, StationType

# Property tests judge answers, not speed: a slow example on a busy machine is no failure.
hypothesis_settings.register_profile("paspor", deadline=None)
hypothesis_settings.load_profile("paspor")

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
    for station_type in COUNTER_STATIONS:  # printing and QC are certified but no station
        Station.objects.create(
            office=office, station_type=station_type, name=str(station_type.label)
        )
    return office


def office_cuti_bersama_set(office: Office, *, serves: bool, by: User | None) -> Office:
    """The office's "melayani pada hari cuti bersama" changed through `office_set`, as the
    admin form does, the rest of the office as it is."""
    from paspor.offices.services import office_set

    return office_set(
        code=office.code,
        name=office.name,
        office_class=office.office_class,
        address=office.address,
        city=office.city,
        province=office.province,
        time_zone=office.time_zone,
        serves_on_cuti_bersama=serves,
        by=by,
    )


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


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Each test starts with an empty cache: an office's cached setup is keyed by its id, and a
    later test's office can get an earlier one's id."""
    cache.clear()
    yield
    cache.clear()


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
            sign_in(client, user)
        return client

    return build


def answered(response: Any) -> int | str:
    """The status code, or "login" when the answer sends the reader to the sign-in page."""
    if response.status_code == 302 and response["Location"].startswith("/akun/masuk/"):
        return "login"
    return int(response.status_code)


def download_name(response: Any) -> str:
    """The file name a download is saved under (`Content-Disposition`); the answer must be 200."""
    assert response.status_code == 200
    return str(response["Content-Disposition"]).split('filename="', 1)[1].rstrip('"')


def refusal(call: Callable[..., Any], *args: Any, **kwargs: Any) -> DomainError:
    """The DomainError (or Conflict) `call` refuses with; the test fails when it does not."""
    with pytest.raises(DomainError) as refused:
        call(*args, **kwargs)
    return refused.value


def sign_in(client: Client, user: User) -> Client:
    """Signs `client` in as `user`, past two-step verification when the user's role needs it."""
    client.force_login(user)
    if two_factor_applies(user, active_roles(user)):
        device = totp_device_for(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def totp_device_for(user: User) -> TOTPDevice:
    """The user's confirmed authenticator (created with a fixed test key when missing)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="uji", key="3132333435363738393031323334353637383930", confirmed=True
        )
    return device


def totp_code(device: TOTPDevice, *, ahead: int = 0) -> str:
    """The code the authenticator app would show now (or `ahead` steps later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift + ahead)
    totp.time = time.time()
    return f"{totp.token():06d}"


# Browser fixtures (`page`, `browser_context`) for tests marked `browser`.
from paspor.lib.testing_browser import browser_context, page  # noqa: E402, F401
