"""The quota rush: many clients book the same date at once against a real server.

Starts its own gunicorn (several workers, 127.0.0.1, a free port) on a PostgreSQL database it
creates and drops itself (`paspor_bench_booking`), creates applicant accounts and profiles,
then:

1. measures a minimal JSON endpoint (`GET /api/booking/ping`) with N concurrent clients,
2. lets N concurrent clients book through `POST /api/booking/bookings` (bearer tokens) until
   every profile has tried once — more attempts than seats, so the quota sells out,
3. checks the database: seats booked per session against capacity, active bookings per NIK.

Prints bookings/s, p50/p99 latency, 2xx/409/429/5xx counts, overbooked slots, and booking
throughput as a ratio of the minimal endpoint's. Every loop is bounded in count and time.

    .venv/bin/python bench/quota_rush.py --clients 64 --seats 600 --attempts 1280

Clients are threads with keep-alive connections (http.client); they run on the same machine
as the server, so on a 2-core machine they take CPU from it — the ratio is the figure to read.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DB_NAME = "paspor_bench_booking"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def admin_sql(server_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def server_environment(database_url: str) -> dict[str, str]:
    """The application's environment for a benchmark run: production-like settings on
    `database_url`, no e-mail, and the abuse limits lifted (every client shares one address and
    a handful of accounts). Shared by the booking benchmarks."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "paspor.settings",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "DEBUG": "0",
        "PASPOR_ENV": "development",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "ERROR",  # 409s are logged as warnings by django.request
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "BOOKING_RATE_BOOK_IP": "100000000/60",
        "BOOKING_RATE_BOOK_ACCOUNT": "100000000/60",
        "BOOKING_MAX_PER_ACCOUNT_PER_MONTH": "1000",
    }
    env.pop("PYTEST_VERSION", None)
    env.pop("REDIS_URL", None)
    return env


def server_start(
    port: int, workers: int, threads: int, env: dict[str, str]
) -> subprocess.Popen[bytes]:
    """gunicorn (gthread workers) on 127.0.0.1:`port`, once it answers `ping`."""
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "paspor.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(threads),
            "--keep-alive",
            "30",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/booking/ping", timeout=1).read()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("server did not start")


def server_stop(server: subprocess.Popen[bytes] | None) -> None:
    if server is None:
        return
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()


# --- Setup (runs in a child process with the server's environment) ------------------------


def setup(accounts: int, per_account: int, seats: int) -> None:
    import datetime as dt

    import django

    django.setup()
    from paspor.accounts.models import User
    from paspor.booking.models import (
        ApplicantProfile,
        ArrivalSession,
        BookingPolicy,
        QuotaDefault,
        ReleaseRule,
    )
    from paspor.booking.selectors import DayState, day_state
    from paspor.booking.services import api_token_issue
    from paspor.offices.models import Office, OpeningHours

    office = Office.objects.create(
        code="rush", name="Kantor Imigrasi Uji Beban", address="Jl. Uji", city="Uji", province="Uji"
    )
    for weekday in range(5):
        OpeningHours.objects.create(
            office=office, weekday=weekday, opens=dt.time(8), closes=dt.time(16)
        )
    BookingPolicy.objects.create(office=office, release_rule=ReleaseRule.ROLLING, rolling_days=60)
    sessions = [
        ArrivalSession.objects.create(office=office, start=dt.time(h), end=dt.time(h + 2))
        for h in (8, 10, 13)
    ]
    per_session = [seats // 3 + (1 if n < seats % 3 else 0) for n in range(3)]
    for session, capacity in zip(sessions, per_session, strict=True):
        for weekday in range(5):
            QuotaDefault.objects.create(
                office=office, weekday=weekday, session=session, pool="regular", capacity=capacity
            )
    day = dt.date.today() + dt.timedelta(days=2)
    while day_state(office, day)[0] != DayState.OPEN:
        day += dt.timedelta(days=1)
    users = User.objects.bulk_create(
        [
            User(username=f"rush{n}@example.com", email=f"rush{n}@example.com", email_verified=True)
            for n in range(accounts)
        ]
    )
    profiles = []
    serial = 1
    for user in users:
        for _ in range(per_account):
            nik = f"610401150590{serial:04d}" if serial < 10000 else f"6104011505{serial:06d}"
            profiles.append(
                ApplicantProfile(
                    account=user,
                    nik=nik,
                    full_name=f"Pemohon {serial}",
                    sex="M",
                    birth_date=dt.date(1990, 5, 15),
                    birth_place="Ketapang",
                )
            )
            serial += 1
    ApplicantProfile.objects.bulk_create(profiles)
    jobs = [
        {"token": api_token_issue(account=p.account), "profile": str(p.public_id)}
        for p in ApplicantProfile.objects.select_related("account").order_by("id")
    ]
    print(json.dumps({"office": office.code, "date": day.isoformat(), "jobs": jobs}))


def check(office: str) -> None:
    import django

    django.setup()
    from django.db.models import Count, F

    from paspor.booking.models import Booking, QuotaCounter

    counters = QuotaCounter.objects.filter(office__code=office)
    over_counter = counters.filter(booked__gt=F("capacity")).count()
    actual = {
        (row["date"], row["session_id"], row["pool"]): row["n"]
        for row in Booking.objects.filter(office__code=office, status="booked")
        .values("date", "session_id", "pool")
        .annotate(n=Count("id"))
    }
    over_rows = sum(
        1
        for c in counters
        if actual.get((c.date, c.session_id, c.pool), 0) > c.capacity
        or actual.get((c.date, c.session_id, c.pool), 0) != c.booked
    )
    duplicate_niks = (
        Booking.objects.filter(status="booked")
        .values("nik")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    print(
        json.dumps(
            {
                "seats": sum(c.capacity for c in counters),
                "booked": sum(actual.values()),
                "overbooked_slots": over_counter + over_rows,
                "duplicate_active_niks": duplicate_niks,
            }
        )
    )


SESSIONS = ("08:00", "10:00", "13:00")  # the arrival sessions `setup` creates


def booking_body(job: dict[str, str], plan: dict[str, Any], session: str) -> bytes:
    """The JSON of `POST /api/booking/bookings` for one profile of the plan."""
    return json.dumps(
        {
            "profile": job["profile"],
            "office": plan["office"],
            "date": plan["date"],
            "session": session,
            "pool": "regular",
            "answers": {"old_passport": "none"},
        }
    ).encode()


# --- Load --------------------------------------------------------------------------------


class Results:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.status: dict[str, int] = {}

    def add(self, status: int, seconds: float) -> None:
        bucket = (
            "2xx"
            if 200 <= status < 300
            else str(status)
            if status in (409, 429)
            else ("5xx" if status >= 500 else f"{status}")
        )
        with self.lock:
            self.latencies.append(seconds)
            self.status[bucket] = self.status.get(bucket, 0) + 1


Work = list[list[tuple[str, str, bytes | None, dict[str, str]]]]


def family_work(
    clients: int,
    jobs: list[dict[str, str]],
    per_account: int,
    request: Callable[[int, dict[str, str]], tuple[str, bytes]],
) -> Work:
    """`POST`s for every job, spread over `clients`: a client sends one account's people in
    turn, as a family does. `request(n, job)` gives the path and body of the n-th job."""
    work: Work = [[] for _ in range(clients)]
    for n, job in enumerate(jobs):
        path, body = request(n, job)
        headers = {"Authorization": f"Bearer {job['token']}", "Content-Type": "application/json"}
        work[(n // per_account) % clients].append(("POST", path, body, headers))
    return work


def run_clients(
    port: int, work: list[list[tuple[str, str, bytes | None, dict[str, str]]]], deadline: float
) -> tuple[Results, float]:
    results = Results()
    start = threading.Barrier(len(work) + 1)

    def client(requests: list[tuple[str, str, bytes | None, dict[str, str]]]) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        start.wait()
        for method, path, body, headers in requests:
            if time.monotonic() > deadline:
                break
            began = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            except (OSError, http.client.HTTPException):
                status = 599
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            results.add(status, time.perf_counter() - began)
        conn.close()

    threads = [threading.Thread(target=client, args=(w,)) for w in work]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - began


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(name: str, results: Results, elapsed: float) -> float:
    total = len(results.latencies)
    rate = total / elapsed if elapsed else 0.0
    print(
        f"{name:<9} {total:>6} requests in {elapsed:6.2f} s = {rate:8.1f}/s   "
        f"p50 {percentile(results.latencies, 0.50) * 1000:6.1f} ms   "
        f"p99 {percentile(results.latencies, 0.99) * 1000:6.1f} ms   "
        f"mean {statistics.fmean(results.latencies) * 1000 if total else 0:6.1f} ms   "
        f"status {dict(sorted(results.status.items()))}"
    )
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument(
        "--seats", type=int, default=600, help="total seats on the day (3 sessions)"
    )
    parser.add_argument(
        "--attempts", type=int, default=1280, help="booking attempts (one per profile)"
    )
    parser.add_argument("--ping-requests", type=int, default=6400)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4, help="gthread threads per worker")
    parser.add_argument(
        "--postgres", default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    )
    parser.add_argument(
        "--redis", default=os.environ.get("BENCH_REDIS", ""), help="e.g. redis://127.0.0.1:6379/1"
    )
    parser.add_argument("--max-seconds", type=float, default=120.0, help="per phase")
    parser.add_argument("--setup", nargs=3, type=int, help=argparse.SUPPRESS)
    parser.add_argument("--check", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup:
        setup(*args.setup)
        return
    if args.check:
        check(args.check)
        return

    per_account = 5
    accounts = -(-args.attempts // per_account)
    port = free_port()
    env = server_environment(f"{args.postgres}/{DB_NAME}")
    if args.redis:
        env["REDIS_URL"] = args.redis

    admin_sql(args.postgres, f"DROP DATABASE IF EXISTS {DB_NAME}")
    admin_sql(args.postgres, f"CREATE DATABASE {DB_NAME}")
    server = None
    try:
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "-v0", "--no-input"], cwd=ROOT, env=env, check=True
        )
        made = subprocess.run(
            [PYTHON, __file__, "--setup", str(accounts), str(per_account), str(args.seats)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        plan = json.loads(made.stdout.strip().splitlines()[-1])
        jobs = plan["jobs"][: args.attempts]
        server = server_start(port, args.workers, args.threads, env)
        print(
            f"gunicorn {args.workers} workers x {args.threads} threads, PostgreSQL, "
            f"{'Redis' if args.redis else 'local-memory'} cache, {args.clients} clients, "
            f"{os.cpu_count()} CPUs (load average {os.getloadavg()[0]:.1f}); "
            f"{args.seats} seats on {plan['date']}, {len(jobs)} attempts"
        )
        # Warm every worker (imports, connections) before measuring.
        warm = [[("GET", "/api/booking/ping", None, {})] * 20 for _ in range(args.clients)]
        run_clients(port, warm, time.monotonic() + 30)

        per_client = max(1, args.ping_requests // args.clients)
        ping_work = [
            [("GET", "/api/booking/ping", None, {})] * per_client for _ in range(args.clients)
        ]
        ping, ping_time = run_clients(port, ping_work, time.monotonic() + args.max_seconds)
        ping_rate = report("ping", ping, ping_time)

        day_path = f"/api/booking/availability/{plan['office']}/{plan['date']}"
        avail_work = [[("GET", day_path, None, {})] * per_client for _ in range(args.clients)]
        avail, avail_time = run_clients(port, avail_work, time.monotonic() + args.max_seconds)
        report("avail.", avail, avail_time)

        random.seed(7)
        sessions = [random.choice(SESSIONS) for _ in jobs]
        booking_work = family_work(
            args.clients,
            jobs,
            per_account,
            lambda n, job: ("/api/booking/bookings", booking_body(job, plan, sessions[n])),
        )
        booked, book_time = run_clients(port, booking_work, time.monotonic() + args.max_seconds)
        book_rate = report("booking", booked, book_time)
        ok = booked.status.get("2xx", 0)
        print(
            f"bookings/s (2xx only) {ok / book_time:8.1f}   booking/ping throughput ratio {book_rate / ping_rate:5.2f}"
        )

        checked = subprocess.run(
            [PYTHON, __file__, "--check", plan["office"]],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        facts = json.loads(checked.stdout.strip().splitlines()[-1])
        print(
            f"seats {facts['seats']}, active bookings {facts['booked']}, overbooked slots "
            f"{facts['overbooked_slots']}, NIKs with two active bookings {facts['duplicate_active_niks']}, "
            f"server errors {booked.status.get('5xx', 0) + ping.status.get('5xx', 0) + avail.status.get('5xx', 0)}"
        )
    finally:
        server_stop(server)
        admin_sql(args.postgres, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


if __name__ == "__main__":
    sys.exit(main())
