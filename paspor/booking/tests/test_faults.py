"""Faults during a booking burst, against real web processes on PostgreSQL.

* The database restarts in the middle of the burst (every connection of the servers to the
  test database is terminated for about a second, which is what clients see during a restart): each client gets a
  booking or a clean 503 in JSON; no half-written rows (seats counted == active bookings);
  after the outage new bookings succeed without restarting anything.
* A web worker is killed with SIGKILL during the rush: every 201 has exactly one booking row,
  no NIK has two active bookings, seats counted == active bookings, and the server keeps serving.

The processes listen on loopback and are stopped by finalizers.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.db import connection

from paspor.accounts.models import User
from paspor.lib.testing_processes import Server, ServerGroup, database_url, server_env
from paspor.offices.models import Office

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="web processes need a shared PostgreSQL database (SQLite: one process)",
    ),
    pytest.mark.django_db(transaction=True),  # the servers must see the rows: committed
]
SEATS = 200  # more than the applicants: after the outage, a booking must succeed
APPLICANTS = 48
SERVER_APP_NAME = "paspor-fault-test"


@pytest.fixture
def group(request: pytest.FixtureRequest, transactional_db: None) -> Iterator[ServerGroup]:
    env = server_env(
        database=database_url(connection.settings_dict),
        secret_key=str(settings.SECRET_KEY),
        BOOKING_RATE_BOOK_IP="10000/60",  # every client is 127.0.0.1
        PGAPPNAME=SERVER_APP_NAME,  # the outage ends only the servers' connections
    )
    servers = ServerGroup(env)
    request.addfinalizer(servers.stop_all)
    yield servers


@dataclass
class Day:
    office: Office
    date: dt.date
    applicants: list[tuple[str, str, str]]  # token, profile, nik

    def body(self, profile: str) -> dict[str, object]:
        return {"profile": profile, "office": self.office.code, "date": self.date.isoformat(),
                "session": "08:00", "pool": "regular", "answers": {"old_passport": "none"}}  # fmt: skip


def booking_day(prefix: str) -> Day:
    from paspor.booking.models import (
        ApplicantProfile,
        ArrivalSession,
        BookingPolicy,
        QuotaDefault,
        ReleaseRule,
    )
    from paspor.booking.selectors import DayState, day_state
    from paspor.booking.services import api_token_issue
    from paspor.offices.models import OpeningHours

    office = Office.objects.create(code=prefix, name="Kantor Uji", address="-", city="-",
                                   province="-")  # fmt: skip
    for weekday in range(5):
        OpeningHours.objects.create(
            office=office, weekday=weekday, opens=dt.time(8), closes=dt.time(16)
        )
    BookingPolicy.objects.create(office=office, release_rule=ReleaseRule.ROLLING, rolling_days=60)
    session = ArrivalSession.objects.create(office=office, start=dt.time(8), end=dt.time(10))
    for weekday in range(5):
        QuotaDefault.objects.create(
            office=office, weekday=weekday, session=session, pool="regular", capacity=SEATS
        )
    day = dt.date.today() + dt.timedelta(days=2)
    while day_state(office, day)[0] != DayState.OPEN:
        day += dt.timedelta(days=1)
    applicants = []
    for n in range(APPLICANTS + 1):
        user = User.objects.create(username=f"{prefix}{n}@example.com",
                                   email=f"{prefix}{n}@example.com", email_verified=True)  # fmt: skip
        nik = f"610401150590{n + 1:04d}"
        profile = ApplicantProfile.objects.create(
            account=user, nik=nik, full_name=f"Pemohon {n}", sex="M",
            birth_date=dt.date(1990, 5, 15), birth_place="Ketapang",
        )  # fmt: skip
        applicants.append((api_token_issue(account=user), str(profile.public_id), nik))
    return Day(office, day, applicants)


@dataclass
class Answer:
    status: int  # 0: the connection broke before an answer
    content_type: str = ""
    body: dict[str, object] = field(default_factory=dict)
    retry_after: str = ""


def book(server: Server, token: str, body: dict[str, object]) -> Answer:
    conn = server.connection(timeout=30)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    try:
        conn.request("POST", "/api/booking/bookings", body=json.dumps(body), headers=headers)
        response = conn.getresponse()
        raw = response.read()
        content_type = response.getheader("Content-Type", "")
        parsed = json.loads(raw) if content_type.startswith("application/json") else {}
        return Answer(response.status, content_type, parsed, response.getheader("Retry-After", ""))
    except (OSError, http.client.HTTPException):
        return Answer(0)
    finally:
        conn.close()


def run_burst(day: Day, server: Server, spread: float) -> list[Answer]:
    """Each applicant books once, starting over `spread` seconds."""
    answers: list[Answer | None] = [None] * APPLICANTS

    def one(n: int) -> None:
        time.sleep(spread * n / APPLICANTS)
        token, profile, _ = day.applicants[n]
        answers[n] = book(server, token, day.body(profile))

    threads = [threading.Thread(target=one, args=(n,)) for n in range(APPLICANTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert all(answer is not None for answer in answers), "a client hung"
    return [answer for answer in answers if answer is not None]


def assert_consistent(day: Day) -> tuple[int, int]:
    """Seats counted == active bookings; no NIK with two active bookings. Returns both counts."""
    from paspor.booking.models import ACTIVE_BOOKING_STATUSES, Booking, QuotaCounter

    active = Booking.objects.filter(office=day.office, status__in=ACTIVE_BOOKING_STATUSES)
    counted = sum(QuotaCounter.objects.filter(office=day.office).values_list("booked", flat=True))
    assert counted == active.count(), (counted, active.count())
    niks = [booking.nik for booking in active]
    assert len(niks) == len(set(niks)), "a NIK holds two active bookings"
    return counted, active.count()


def assert_each_success_has_one_row(day: Day, answers: list[Answer]) -> None:
    from paspor.booking.models import Booking

    codes = [str(answer.body["code"]) for answer in answers if answer.status == 201]
    assert len(codes) == len(set(codes))
    rows = Booking.objects.filter(office=day.office, code__in=codes).count()
    assert rows == len(codes), (rows, len(codes))


def terminate_backends(stop_at: float, spare: set[int], killed: list[int]) -> None:
    """Ends the servers' connections to the test database until `stop_at`, as a restart does.

    Only connections of the servers started here (by their application name): a live server
    of another test in this process keeps its connection.
    """
    import psycopg

    with psycopg.connect(database_url(connection.settings_dict), autocommit=True) as admin:
        spare = spare | {admin.info.backend_pid}
        while time.monotonic() < stop_at:
            rows = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND application_name = %s"
                " AND NOT (pid = ANY(%s))",
                [SERVER_APP_NAME, list(spare)],
            ).fetchall()
            killed.append(len(rows))
            time.sleep(0.02)


def test_database_restart_during_a_booking_burst(group: ServerGroup) -> None:
    day = booking_day("mati")
    web = group.start_wsgi(workers=2, threads=4)
    with connection.cursor() as cursor:  # the test's own connection survives the outage
        cursor.execute("SELECT pg_backend_pid()")
        own = int(cursor.fetchone()[0])
    killed: list[int] = []
    outage = threading.Thread(
        target=terminate_backends, args=(time.monotonic() + 1.0 + 1.2, {own}, killed)
    )
    outage_start = threading.Timer(1.0, outage.start)  # in the middle of a 3 s burst
    outage_start.start()
    answers = run_burst(day, web, spread=3.0)
    outage_start.join()
    outage.join(timeout=10)
    statuses = [answer.status for answer in answers]
    assert sum(killed) > 0, "the outage ended no connection"
    # Clean answers only: a booking or 503 JSON with Retry-After and a message. Never a
    # refusal: every applicant has a NIK of their own and there are seats for all.
    assert set(statuses) <= {201, 503}, statuses
    for answer in answers:
        assert answer.content_type.startswith("application/json"), answer
        if answer.status == 503:
            assert answer.retry_after and "coba lagi" in str(answer.body["detail"]), answer
    assert 503 in statuses, f"the outage was not felt: {statuses}"
    assert_each_success_has_one_row(day, answers)
    counted, active = assert_consistent(day)
    # Recovery without a restart: the ones who got 503 try again, and one more newcomer books.
    retry = [n for n, answer in enumerate(answers) if answer.status == 503]
    for n in retry:
        token, profile, _ = day.applicants[n]
        assert book(web, token, day.body(profile)).status in {201, 409}
    token, profile, _ = day.applicants[APPLICANTS]
    assert book(web, token, day.body(profile)).status == 201
    assert_consistent(day)
    print(f"\nrestart: {statuses.count(201)} booked, {statuses.count(503)} x 503, "
          f"{statuses.count(409)} x 409, {sum(killed)} connections ended; "
          f"counted={counted} active={active}; {len(retry)} retried after")  # fmt: skip


def worker_pids(server: Server) -> list[int]:
    pid = server.process.pid
    with open(f"/proc/{pid}/task/{pid}/children") as children:
        return [int(child) for child in children.read().split()]


def test_a_web_worker_killed_during_the_rush_loses_and_doubles_nothing(
    group: ServerGroup,
) -> None:
    day = booking_day("bunuh")
    web = group.start_wsgi(workers=2, threads=4)
    before = worker_pids(web)
    assert len(before) == 2
    victim = before[0]
    kill = threading.Timer(1.0, os.kill, args=(victim, signal.SIGKILL))
    kill.start()
    answers = run_burst(day, web, spread=2.5)
    kill.join()
    statuses = [answer.status for answer in answers]
    # Requests on the killed worker see a broken connection (0) or gunicorn's 502; the rest are
    # clean. Whatever was answered 201 is stored exactly once.
    assert set(statuses) <= {0, 201, 502, 503}, statuses
    assert_each_success_has_one_row(day, answers)
    counted, active = assert_consistent(day)
    # Everyone who saw no answer tries again: the booking is either made now or was already made
    # (409: one active booking per NIK); never a second one.
    retried = [n for n, answer in enumerate(answers) if answer.status not in {201, 409}]
    deadline = time.monotonic() + 20
    while len(worker_pids(web)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert victim not in worker_pids(web) and len(worker_pids(web)) == 2, "no replacement worker"
    again = []
    for n in retried:
        token, profile, _ = day.applicants[n]
        again.append(book(web, token, day.body(profile)))
    assert {answer.status for answer in again} <= {201, 409}, again
    token, profile, _ = day.applicants[APPLICANTS]
    assert book(web, token, day.body(profile)).status == 201
    final, _ = assert_consistent(day)
    # every applicant ends with exactly one booking
    assert final == APPLICANTS + 1, (statuses, again)
    print(f"\nkill: {statuses.count(201)} booked, {statuses.count(0)} broken, "
          f"{statuses.count(502)} x 502, {statuses.count(409)} x 409; counted={counted} "
          f"active={active}; {len(retried)} retried; final {final}")  # fmt: skip
