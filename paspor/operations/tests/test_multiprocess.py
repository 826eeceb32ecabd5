"""Several processes on one PostgreSQL: two WSGI web processes and one ASGI SSE process.

A call made through one web process reaches a board connected to the SSE process (fanned out
over Redis, and over LISTEN/NOTIFY without Redis), and a booking burst spread over both web
processes never sells more seats than there are. The processes start on loopback and are
stopped by the fixture's finalizer.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from conftest import make_user
from paspor.accounts.models import Role, User
from paspor.lib.testing_processes import Server, ServerGroup, database_url, server_env
from paspor.offices.models import Counter, Office, OfficeService, Station, StationType

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="several processes need a shared PostgreSQL database (SQLite: one process)",
    ),
    pytest.mark.django_db(transaction=True),  # the servers must see the rows: committed
]
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
CSRF = "multiprocesscsrftoken0123456789a"  # 32 characters: cookie and header must match
SEATS = 10
APPLICANTS = 40


def redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:
        return False


@dataclass
class Cluster:
    web: tuple[Server, Server]
    sse: Server
    fanout: str


@pytest.fixture(params=["redis", "notify"])
def cluster(request: pytest.FixtureRequest, transactional_db: None) -> Iterator[Cluster]:
    redis_url = REDIS_TEST_URL if request.param == "redis" else ""
    if redis_url and not redis_reachable(redis_url):
        pytest.skip(f"Redis not reachable at {redis_url} (set REDIS_TEST_URL)")
    env = server_env(
        database=database_url(connection.settings_dict),
        secret_key=str(settings.SECRET_KEY),
        redis_url=redis_url,
        # The boards' fallback poll is pushed out of reach: only the fan-out can deliver in time.
        QUEUE_BOARD_POLL_MS="60000",
        # All clients share 127.0.0.1; the per-address limit would count earlier runs in Redis.
        BOOKING_RATE_BOOK_IP="10000/60",
    )
    group = ServerGroup(env)
    request.addfinalizer(group.stop_all)
    yield Cluster(
        web=(group.start_wsgi(), group.start_wsgi()), sse=group.start_asgi(), fanout=request.param
    )


def session_cookie(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def api_post(server: Server, path: str, *, cookie: str = "", token: str = "", body: object = None):  # type: ignore[no-untyped-def]
    headers = {"Content-Type": "application/json"}
    if cookie:
        headers |= {"Cookie": f"sessionid={cookie}; csrftoken={CSRF}", "X-CSRFToken": CSRF}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    conn = server.connection(timeout=30)
    try:
        conn.request("POST", path, body=json.dumps(body or {}), headers=headers)
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        conn.close()


def read_events(server: Server, path: str, cookie: str, found: list[dict[str, object]],
                connected: threading.Event, stop_at: float) -> None:  # fmt: skip
    conn = server.connection(timeout=2)
    conn.request(
        "GET", path, headers={"Cookie": f"sessionid={cookie}", "Accept": "text/event-stream"}
    )
    response = conn.getresponse()
    event = ""
    try:
        while time.monotonic() < stop_at:
            try:
                line = response.fp.readline().decode()
            except TimeoutError:
                continue
            if line.startswith("retry:"):
                connected.set()
            elif line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event == "call":
                found.append(json.loads(line.split(":", 1)[1]))
                return
    finally:
        conn.close()


def queue_office() -> tuple[Office, str, str]:
    from paspor.queueing.services import ticket_walk_in

    office = Office.objects.create(
        code="multi", name="Kantor Uji", address="-", city="-", province="-"
    )
    info = Station.objects.create(office=office, station_type=StationType.INFORMATION, name="Info")
    Counter.objects.create(office=office, number=1, name="Loket 1").stations.add(info)
    service = OfficeService.objects.create(
        office=office, kind="information", ticket_prefix="E", route=["information"], walk_in=True
    )
    display = make_user("papan_multi", role=Role.DISPLAY, office=office)
    officer = make_user(
        "petugas_multi", role=Role.INTAKE, office=office, stations=(StationType.INFORMATION,)
    )
    ticket_walk_in(office=office, service=service, by=None)
    return office, session_cookie(display), session_cookie(officer)


def test_a_call_through_one_web_process_reaches_a_board_on_the_sse_process(
    cluster: Cluster,
) -> None:
    office, display, officer = queue_office()
    found: list[dict[str, object]] = []
    connected = threading.Event()
    reader = threading.Thread(
        target=read_events,
        args=(cluster.sse, f"/antrian/{office.code}/papan/events/", display, found, connected,
              time.monotonic() + 20),
    )  # fmt: skip
    reader.start()
    assert connected.wait(15), "the board did not connect"
    time.sleep(1.0)  # the SSE process subscribes to the fan-out channel
    web = cluster.web[0]
    status, _ = api_post(web, f"/api/queue/{office.code}/counter/open", cookie=officer,
                         body={"counter": 1, "station": "information"})  # fmt: skip
    assert status == 200
    called_at = time.monotonic()
    status, answer = api_post(web, f"/api/queue/{office.code}/counter/call-next", cookie=officer)
    assert status == 200, answer
    reader.join(timeout=20)
    assert found, f"no call event reached the board over {cluster.fanout}"
    assert found[0]["ticket"] == answer["ticket"]["ticket"]
    # Well inside the 60 s fallback poll: the event was pushed, not polled.
    assert time.monotonic() - called_at < 10


def booking_day() -> tuple[Office, dt.date, list[tuple[str, str]]]:
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

    office = Office.objects.create(
        code="rebut", name="Kantor Uji", address="-", city="-", province="-"
    )
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
    jobs = []
    for n in range(APPLICANTS):
        user = User.objects.create(
            username=f"rebut{n}@example.com", email=f"rebut{n}@example.com", email_verified=True
        )
        profile = ApplicantProfile.objects.create(
            account=user, nik=f"610401150590{n + 1:04d}", full_name=f"Pemohon {n}", sex="M",
            birth_date=dt.date(1990, 5, 15), birth_place="Ketapang",
        )  # fmt: skip
        jobs.append((api_token_issue(account=user), str(profile.public_id)))
    return office, day, jobs


def test_a_booking_burst_over_both_web_processes_never_oversells(cluster: Cluster) -> None:
    from paspor.booking.models import ACTIVE_BOOKING_STATUSES, Booking

    office, day, jobs = booking_day()
    statuses: list[int] = []
    start = threading.Barrier(len(jobs))

    def book(n: int, token: str, profile: str) -> None:
        body = {"profile": profile, "office": office.code, "date": day.isoformat(),
                "session": "08:00", "pool": "regular", "answers": {"old_passport": "none"}}  # fmt: skip
        start.wait()
        status, _ = api_post(cluster.web[n % 2], "/api/booking/bookings", token=token, body=body)
        statuses.append(status)

    threads = [threading.Thread(target=book, args=(n, *job)) for n, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert statuses.count(201) == SEATS, statuses
    assert set(statuses) <= {201, 409}, statuses
    booked = Booking.objects.filter(office=office, status__in=ACTIVE_BOOKING_STATUSES).count()
    assert booked == SEATS
