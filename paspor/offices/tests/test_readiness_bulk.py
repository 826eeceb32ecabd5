"""The readiness of many offices at once: each office's own steps, in a fixed number of
statements whatever the number of offices (the national list, the admin's office list)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
import time_machine
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_user
from paspor.accounts.models import Role, User
from paspor.accounts.services import certification_grant, staff_assign
from paspor.booking.models import ArrivalSession, BookingPolicy, Pool
from paspor.booking.services import quota_default_set, session_set
from paspor.issuance.models import BookletKind
from paspor.issuance.services.stock import booklet_delivery_receive
from paspor.offices.models import Office
from paspor.offices.readiness import office_readiness, offices_readiness, readiness_steps
from paspor.offices.services import office_set
from paspor.offices.tests.conftest import lay_out, staff

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 10)
_deliveries = itertools.count(1)


def an_office(code: str, *, tz: str = "Asia/Jakarta", province: str = "Bali") -> Office:
    return office_set(
        code=code,
        name=f"Kantor Imigrasi {code.title()}",
        office_class="Kelas I TPI",
        address="Jl. Uji No. 1",
        city=f"Kota {code.title()}",
        province=province,
        time_zone=tz,
        serves_on_cuti_bersama=False,
        by=None,
    )


def open_steps(readiness) -> list[str]:
    return [step.key for step in readiness.steps if not step.done]


def fully_set_up(code: str, **where: str) -> Office:
    """Every step done, reminders too: policy, display, a certified printer and a certified
    checker, handover, head, booklets in stock."""
    office = an_office(code, **where)
    lay_out(office)
    staff(office)
    BookingPolicy.objects.create(office=office)
    make_user(f"{code}-papan", role=Role.DISPLAY, office=office)
    for n, station in ((1, "printing"), (2, "quality_control")):
        make_user(f"{code}-cetak{n}", role=Role.PRINT_QC, office=office, stations=(station,))
    make_user(f"{code}-serah", role=Role.HANDOVER, office=office, stations=("handover",))
    make_user(f"{code}-kakanim", role=Role.HEAD, office=office)
    printer = User.objects.get(username=f"{code}-cetak1")
    first = next(_deliveries) * 10
    booklet_delivery_receive(
        office=office,
        kind=BookletKind.ELECTRONIC,
        document_number=f"BAST-{code}",
        received_on=dt.date(2026, 1, 5),
        first_number=f"X{first:07d}",
        last_number=f"X{first + 1:07d}",
        by=printer,
    )
    return office


def test_each_office_gets_its_own_steps_when_read_together():
    nothing = an_office("kosong")
    laid_out = an_office("tata")
    lay_out(laid_out)
    staffed = an_office("lengkap")
    lay_out(staffed)
    staff(staffed)
    priority = an_office("prioritas")
    lay_out(priority)
    staff(priority)
    session = ArrivalSession.objects.get(office=priority)
    quota_default_set(
        office=priority, weekday=0, session=session, pool=Pool.PRIORITY, capacity=5, by=None
    )
    session_set(office=priority, start=dt.time(17), end=dt.time(18), by=None)
    everything = fully_set_up("semua")

    together = offices_readiness([nothing, laid_out, staffed, priority, everything], today=TODAY)

    assert [r.office for r in together] == [nothing, laid_out, staffed, priority, everything]
    assert [r.ready for r in together] == [False, False, True, False, True]
    assert open_steps(together[1]) == [
        "policy", "officers", "supervisor", "kiosk", "display", "print_qc", "handover", "head",
        "booklets",
    ]  # fmt: skip
    assert [s.key for s in together[3].blocking] == ["services"]
    assert "sessions_in_hours" in open_steps(together[3])
    assert "17.00–18.00" in together[3].steps[5].missing
    assert open_steps(together[4]) == []
    # The same answers as each office read alone (its page in the admin, `office_open`).
    for readiness in together:
        assert readiness == office_readiness(readiness.office, today=TODAY)


def test_a_certificate_counts_on_each_offices_own_date():
    """One officer works at Jakarta and Jayapura; the certificate runs through 10 June. At
    23.30 in Jakarta it is already 11 June in Jayapura: the station is unstaffed there only."""
    west = an_office("barat", tz="Asia/Jakarta")
    east = an_office("timur", tz="Asia/Jayapura")
    officer = make_user("petugas-dua-kantor")
    for office in (west, east):
        lay_out(office)
        staff_assign(user=officer, office=office, role=Role.SUPERVISOR, by=None)
        make_user(f"{office.code}-kios", role=Role.KIOSK, office=office)
    for station_type in ("intake", "biometrics"):
        certification_grant(
            user=officer,
            station_type=station_type,
            certificate_number=f"C-{station_type}",
            issued_on=dt.date(2024, 1, 1),
            expires_on=TODAY,
            by=None,
        )
    with time_machine.travel(dt.datetime(2026, 6, 10, 16, 30, tzinfo=dt.UTC), tick=False):
        west_ready, east_ready = offices_readiness([west, east])
    assert west_ready.ready
    assert [s.key for s in east_ready.blocking] == ["officers"]


def test_an_account_that_cannot_sign_in_staffs_no_office_read_together():
    first, second = an_office("satu"), an_office("dua")
    for office in (first, second):
        lay_out(office)
        staff(office)
    User.objects.filter(username="dua-kios").update(password=UNUSABLE_PASSWORD_PREFIX + "x")
    one, two = offices_readiness([first, second], today=TODAY)
    assert one.ready and [s.key for s in two.blocking] == ["kiosk"]


def test_the_steps_are_named_without_an_office():
    steps = readiness_steps()
    assert [key for key, _label, _blocking in steps] == [
        step.key for step in office_readiness(an_office("contoh"), today=TODAY).steps
    ]
    assert ("kiosk", "Akun perangkat kios", True) in steps
    assert ("booklets", "Stok buku paspor", False) in steps


def _offices(first: int, n: int) -> list[Office]:
    made = []
    for i in range(first, first + n):
        if i % 3 == 0:
            made.append(fully_set_up(f"kantor{i}", tz=("Asia/Jakarta", "Asia/Jayapura")[i % 2]))
        else:
            office = an_office(f"kantor{i}", province="Papua")
            lay_out(office)
            made.append(office)
    return made


def _statements(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def test_many_offices_are_read_in_a_fixed_number_of_statements(django_assert_max_num_queries):
    three = _offices(0, 3)
    few = _statements(lambda: offices_readiness(three))
    _offices(3, 27)
    offices = list(Office.objects.all())
    assert len(offices) == 30
    with django_assert_max_num_queries(9):
        many = offices_readiness(offices)
    assert _statements(lambda: offices_readiness(offices)) == few
    assert sum(r.ready for r in many) == 10


def test_the_admins_office_list_reads_readiness_for_the_page_at_once(client_for, admin_user):
    client = client_for(admin_user)
    url = reverse("admin:offices_office_changelist")
    _offices(0, 3)
    client.get(url)  # the session and the caches, as on any page after the first
    few = _statements(lambda: client.get(url))
    _offices(3, 27)
    page = client.get(url).content.decode()
    assert _statements(lambda: client.get(url)) == few
    assert page.count(">siap<") == 10
    assert page.count("langkah wajib belum") == 20
