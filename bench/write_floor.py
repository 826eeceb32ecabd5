"""The floor of a write: what the least possible booking reaches on this stack, beside the real one.

`bench/quota_rush.py` reports the booking as a ratio of `GET /api/booking/ping`. This benchmark
asks how far any implementation of a booking could go on the same server: it starts gunicorn
with the application's settings and URLs plus one endpoint that exists only here
(`bench/floor_urls.py`, `POST /bench/write`: one transaction with a conditional UPDATE of a
seat counter and an INSERT guarded by a unique NIK, raw SQL, every middleware), and measures
in one run, with the same clients, seats and attempts:

1. `ping` — the minimal JSON endpoint;
2. `write` — the floor: two raw statements and a commit;
3. `write+token` — the floor after reading the bearer token's account, as the API must;
4. `booking` — the real `POST /api/booking/bookings`.

It prints each phase's requests/s, p50/p99 and status counts, and each as a ratio of `ping`.
Database `paspor_bench_floor`, created and dropped here; loopback only; every phase is bounded
in count and time.

    .venv/bin/python bench/write_floor.py [--clients 64 --seats 600 --attempts 1280]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from quota_rush import (
    SESSIONS,
    Work,
    admin_sql,
    booking_body,
    family_work,
    free_port,
    report,
    run_clients,
    server_environment,
    server_start,
    server_stop,
)

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DB_NAME = "paspor_bench_floor"


def reset_floor(url: str, seats: int) -> None:
    """Empty seat counters (the rush's three sessions) and no floor bookings."""
    per_session = [seats // 3 + (1 if n < seats % 3 else 0) for n in range(3)]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_booking, bench_seat")
        conn.execute(
            "CREATE TABLE bench_seat (session text PRIMARY KEY, taken integer NOT NULL, "
            "capacity integer NOT NULL, CHECK (taken <= capacity))"
        )
        conn.execute(
            "CREATE TABLE bench_booking (id bigserial PRIMARY KEY, nik text NOT NULL UNIQUE, "
            "session text NOT NULL REFERENCES bench_seat)"
        )
        for session, capacity in zip(SESSIONS, per_session, strict=True):
            conn.execute("INSERT INTO bench_seat VALUES (%s, 0, %s)", [session, capacity])


def floor_facts(url: str) -> str:
    with psycopg.connect(url) as conn:
        over = conn.execute("SELECT count(*) FROM bench_seat WHERE taken > capacity").fetchone()
        rows = conn.execute("SELECT count(*) FROM bench_booking").fetchone()
        taken = conn.execute("SELECT sum(taken) FROM bench_seat").fetchone()
    assert over is not None and rows is not None and taken is not None
    return f"rows {rows[0]}, seats taken {taken[0]}, counters over capacity {over[0]}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--seats", type=int, default=600)
    parser.add_argument("--attempts", type=int, default=1280)
    parser.add_argument("--ping-requests", type=int, default=6400)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--max-seconds", type=float, default=120.0, help="per phase")
    args = parser.parse_args()

    per_account = 5
    accounts = -(-args.attempts // per_account)
    port = free_port()
    database = f"{args.postgres}/{DB_NAME}"
    env = server_environment(database)
    env["PYTHONPATH"] = f"{ROOT}{os.pathsep}{BENCH}"  # the floor's settings and URLs

    admin_sql(args.postgres, f"DROP DATABASE IF EXISTS {DB_NAME}")
    admin_sql(args.postgres, f"CREATE DATABASE {DB_NAME}")
    server = None
    try:
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "-v0", "--no-input"], cwd=ROOT, env=env, check=True
        )
        setup_args = [str(accounts), str(per_account), str(args.seats)]
        made = subprocess.run(
            [PYTHON, str(BENCH / "quota_rush.py"), "--setup", *setup_args],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        plan = json.loads(made.stdout.strip().splitlines()[-1])
        jobs = plan["jobs"][: args.attempts]
        floor = {**env, "DJANGO_SETTINGS_MODULE": "floor_settings"}
        server = server_start(port, args.workers, args.threads, floor)
        print(
            f"gunicorn {args.workers} workers x {args.threads} threads, PostgreSQL, "
            f"local-memory cache, {args.clients} clients, {os.cpu_count()} CPUs "
            f"(load average {os.getloadavg()[0]:.1f}); {args.seats} seats, "
            f"{len(jobs)} attempts per write phase"
        )
        deadline = lambda: time.monotonic() + args.max_seconds  # noqa: E731
        warm: Work = [[("GET", "/api/booking/ping", None, {})] * 20 for _ in range(args.clients)]
        run_clients(port, warm, time.monotonic() + 30)
        per_client = max(1, args.ping_requests // args.clients)
        ping_work: Work = [
            [("GET", "/api/booking/ping", None, {})] * per_client for _ in range(args.clients)
        ]
        ping, ping_time = run_clients(port, ping_work, deadline())
        ping_rate = report("ping", ping, ping_time)

        random.seed(7)
        sessions = [random.choice(SESSIONS) for _ in jobs]
        rates: dict[str, float] = {}
        for name, query in (("write", ""), ("write+token", "?token=1")):
            reset_floor(database, args.seats)
            work = family_work(
                args.clients,
                jobs,
                per_account,
                lambda n, _job, path=f"/bench/write{query}": (
                    path,
                    json.dumps({"nik": f"{n:016d}", "session": sessions[n]}).encode(),
                ),
            )
            results, elapsed = run_clients(port, work, deadline())
            rates[name] = report(name, results, elapsed)
            print(f"          {floor_facts(database)}")

        booking_work = family_work(
            args.clients,
            jobs,
            per_account,
            lambda n, job: ("/api/booking/bookings", booking_body(job, plan, sessions[n])),
        )
        booked, book_time = run_clients(port, booking_work, deadline())
        rates["booking"] = report("booking", booked, book_time)
        print(
            "ratio to ping: "
            + ", ".join(f"{name} {rate / ping_rate:.2f}" for name, rate in rates.items())
        )
    finally:
        server_stop(server)
        admin_sql(args.postgres, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


if __name__ == "__main__":
    sys.exit(main())
