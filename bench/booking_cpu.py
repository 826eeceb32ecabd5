"""What one booking costs the application, without HTTP and without concurrency.

Creates a PostgreSQL database (`paspor_bench_booking_cpu`, dropped at the end), the same office,
accounts and profiles as `bench/quota_rush.py`, then drives the Django application in this
process (the WSGI handler, every middleware, django-ninja, the services), one request after
another:

1. `GET /api/booking/ping` — the minimal JSON endpoint, as the floor;
2. `POST /api/booking/bookings` — bookings that all succeed (more seats than attempts).

It prints CPU time (`time.process_time`) and wall time per request, and the statements per
booking. The quota rush's throughput is bounded by these figures: two cores give at most
2 000 / (booking CPU in ms) bookings per second before the database, the server and the
clients take their share.

    .venv/bin/python bench/booking_cpu.py [--bookings 1000 --rounds 3] [--profile FILE]

With `--profile FILE` the last round's bookings run under cProfile (its figures then include
the profiler's own cost) and the statistics are written to FILE for `python -m pstats FILE`.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from quota_rush import SESSIONS, admin_sql, booking_body, server_environment  # beside this file

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DB_NAME = "paspor_bench_booking_cpu"
WARM = 20


def environment(postgres: str) -> dict[str, str]:
    return server_environment(f"{postgres}/{DB_NAME}")


def measure(label: str, requests: Sequence[Callable[[], int]], expect: int) -> tuple[float, float]:
    """CPU and wall milliseconds per request; every answer must have the status `expect`."""
    for request in requests[:WARM]:
        request()
    cpu, wall = time.process_time(), time.perf_counter()
    for request in requests[WARM:]:
        status = request()
        if status != expect:
            raise SystemExit(f"{label}: answered {status}, expected {expect}")
    count = len(requests) - WARM
    cpu_ms = (time.process_time() - cpu) * 1000 / count
    wall_ms = (time.perf_counter() - wall) * 1000 / count
    return cpu_ms, wall_ms


def run(plan: dict[str, Any], bookings: int, rounds: int, profile: str = "") -> None:
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    app = WSGIHandler()

    def call(method: str, path: str, body: bytes = b"", token: str = "") -> int:
        environ: dict[str, Any] = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "CONTENT_LENGTH": str(len(body)),
            "CONTENT_TYPE": "application/json",
        }
        if token:
            environ["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        statuses: list[str] = []

        def start_response(status: str, headers: list[tuple[str, str]], *info: Any) -> Any:
            statuses.append(status)

        response = app(environ, start_response)
        b"".join(response)
        response.close()
        return int(statuses[0].split()[0])

    jobs = plan["jobs"]
    random.seed(7)
    figures: dict[str, list[tuple[float, float]]] = {"ping": [], "booking": []}
    per_round = bookings // rounds
    for number in range(rounds):
        figures["ping"].append(
            measure("ping", [lambda: call("GET", "/api/booking/ping")] * 2000, 200)
        )
        chunk = jobs[number * per_round : (number + 1) * per_round]
        booking_requests = []
        for job in chunk:
            body = booking_body(job, plan, random.choice(SESSIONS))
            booking_requests.append(
                lambda body=body, token=job["token"]: call(
                    "POST", "/api/booking/bookings", body, token
                )
            )
        if profile and number == rounds - 1:
            import cProfile

            with cProfile.Profile() as profiler:
                figures["booking"].append(measure("booking", booking_requests, 201))
            profiler.dump_stats(profile)
        else:
            figures["booking"].append(measure("booking", booking_requests, 201))

    job = jobs[rounds * per_round]
    body = booking_body(job, plan, "10:00")
    with CaptureQueriesContext(connection) as captured:
        assert call("POST", "/api/booking/bookings", body, job["token"]) == 201
    print(
        f"PostgreSQL, one process, sequential; {rounds} rounds of {per_round - WARM} bookings "
        f"(after {WARM} to warm up); load average {os.getloadavg()[0]:.1f}"
    )
    for name, label in (
        ("ping", "ping (no database)"),
        ("booking", f"booking ({len(captured.captured_queries)} statements)"),
    ):
        cpu = statistics.median(c for c, _ in figures[name])
        wall = statistics.median(w for _, w in figures[name])
        print(f"{label:<38} CPU {cpu:6.2f} ms   wall {wall:6.2f} ms   (median of the rounds)")
    booking_cpu = statistics.median(c for c, _ in figures["booking"])
    ping_cpu = statistics.median(c for c, _ in figures["ping"])
    print(f"booking / ping CPU: {booking_cpu / ping_cpu:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--bookings", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--postgres", default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    )
    parser.add_argument(
        "--profile", default="", help="write a cProfile of the last round's bookings to this file"
    )
    parser.add_argument("--plan", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.plan:
        run(json.loads(Path(args.plan).read_text()), args.bookings, args.rounds, args.profile)
        return

    env = environment(args.postgres)
    admin_sql(args.postgres, f"DROP DATABASE IF EXISTS {DB_NAME}")
    admin_sql(args.postgres, f"CREATE DATABASE {DB_NAME}")
    try:
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "-v0", "--no-input"], cwd=ROOT, env=env, check=True
        )
        profiles = args.bookings + 1
        made = subprocess.run(
            [
                PYTHON,
                str(ROOT / "bench" / "quota_rush.py"),
                "--setup",
                str(-(-profiles // 5)),
                "5",
                str(3 * profiles),
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        plan_file = ROOT / "var" / "bench-booking-cpu-plan.json"
        plan_file.parent.mkdir(exist_ok=True)
        plan_file.write_text(made.stdout.strip().splitlines()[-1])
        try:
            subprocess.run(
                [
                    PYTHON,
                    __file__,
                    "--plan",
                    str(plan_file),
                    "--bookings",
                    str(args.bookings),
                    "--rounds",
                    str(args.rounds),
                    *(["--profile", str(Path(args.profile).resolve())] if args.profile else []),
                ],
                cwd=ROOT,
                env=env,
                check=True,
            )
        finally:
            plan_file.unlink(missing_ok=True)
    finally:
        admin_sql(args.postgres, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


if __name__ == "__main__":
    main()
