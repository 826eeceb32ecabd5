"""Board latency: from an officer's "call next" to the event at 100 connected display boards.

Starts its own uvicorn server on 127.0.0.1 (a free port) with its own PostgreSQL database
(created and dropped here), connects the boards (server-sent events), performs N calls through
the JSON API (call next, then finish) and prints p50/p95/p99/max of the time from sending the
call request to each board receiving the call event. Target: p99 < 100 ms.

    .venv/bin/python bench/board_latency.py                       # 1 process
    .venv/bin/python bench/board_latency.py --workers 2 --redis   # 2 processes, Redis wake-up

Bounded: at most --calls calls and --timeout seconds; it stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = "postgres://postgres@127.0.0.1:5432"
CSRF = "benchcsrftoken0123456789abcdefgh"  # 32 characters: cookie and header must match


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def recreate_database(name: str, *, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def prepare(calls: int) -> tuple[str, str]:
    """Migrates, lays out an office, issues the tickets; returns the two session cookies."""
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, check=True
    )
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paspor.settings")
    django.setup()
    from django.test import Client

    from paspor.accounts.models import Role, User
    from paspor.accounts.services import certification_grant, staff_assign
    from paspor.offices.models import Counter, Office, OfficeService, Station, StationType
    from paspor.queueing.services import ticket_walk_in

    office = Office.objects.create(
        code="bench", name="Kantor Imigrasi Uji Beban", address="-", city="-", province="-"
    )
    info = Station.objects.create(
        office=office, station_type=StationType.INFORMATION, name="Informasi"
    )
    counter = Counter.objects.create(office=office, number=1, name="Loket 1")
    counter.stations.add(info)
    service = OfficeService.objects.create(
        office=office, kind="information", ticket_prefix="E", route=["information"], walk_in=True
    )
    display = User.objects.create_user(username="bench_display", password="x-bench-x")
    staff_assign(user=display, office=office, role=Role.DISPLAY, by=None)
    officer = User.objects.create_user(username="bench_officer", password="x-bench-x")
    staff_assign(user=officer, office=office, role=Role.INTAKE, by=None)
    certification_grant(
        user=officer,
        station_type=StationType.INFORMATION,
        certificate_number="BENCH",
        issued_on=dt.date(2020, 1, 1),
        expires_on=dt.date(2099, 1, 1),
        by=None,
    )
    for _ in range(calls):
        ticket_walk_in(office=office, service=service, by=None)
    cookies = []
    for user in (display, officer):
        client = Client()
        client.force_login(user)
        cookies.append(client.cookies["sessionid"].value)
    from django.db import connections

    connections.close_all()
    return cookies[0], cookies[1]


def api_post(port: int, path: str, cookie: str, body: dict[str, object] | None = None) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    payload = json.dumps(body or {})
    conn.request(
        "POST",
        path,
        body=payload,
        headers={
            "Content-Type": "application/json",
            "Cookie": f"sessionid={cookie}; csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
            "Referer": f"http://127.0.0.1:{port}/",
        },
    )
    response = conn.getresponse()
    data = response.read()
    conn.close()
    if response.status >= 300:
        raise RuntimeError(f"{path}: {response.status} {data[:200]!r}")
    return json.loads(data)  # type: ignore[no-any-return]


async def board_client(
    port: int,
    cookie: str,
    arrivals: dict[str, list[float]],
    pushes: list[float],
    ready: asyncio.Event,
    count: list[int],
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        (
            "GET /antrian/bench/papan/events/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Cookie: sessionid={cookie}\r\nAccept: text/event-stream\r\n\r\n"
        ).encode()
    )
    await writer.drain()
    event = ""
    try:
        while True:
            line = (await reader.readline()).decode()
            if not line:
                return
            if line.startswith("retry:"):
                count[0] += 1
                if count[0] == count[1]:
                    ready.set()
            elif line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event == "call":
                data = json.loads(line.split(":", 1)[1])
                arrivals.setdefault(data["ticket"], []).append(time.perf_counter())
                written = dt.datetime.fromisoformat(data["at"]).timestamp()
                pushes.append((time.time() - written) * 1000)
    finally:
        writer.close()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


async def measure(port: int, display: str, officer: str, *, boards: int, calls: int, pause: float):
    arrivals: dict[str, list[float]] = {}
    pushes: list[float] = []
    ready = asyncio.Event()
    count = [0, boards]
    clients = [
        asyncio.create_task(board_client(port, display, arrivals, pushes, ready, count))
        for _ in range(boards)
    ]
    try:
        await asyncio.wait_for(ready.wait(), 30)
    except TimeoutError:
        raise RuntimeError(f"only {count[0]} of {boards} boards connected") from None
    await asyncio.sleep(0.5)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(
        None,
        api_post,
        port,
        "/api/queue/bench/counter/open",
        officer,
        {"counter": 1, "station": "information"},
    )
    sent: dict[str, float] = {}
    round_trips: list[float] = []
    for _ in range(calls):
        start = time.perf_counter()
        result = await loop.run_in_executor(
            None, api_post, port, "/api/queue/bench/counter/call-next", officer, None
        )
        round_trips.append((time.perf_counter() - start) * 1000)
        sent[result["ticket"]["ticket"]] = start
        await loop.run_in_executor(
            None, api_post, port, "/api/queue/bench/counter/finish", officer, None
        )
        await asyncio.sleep(pause)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(len(arrivals.get(t, [])) < boards for t in sent):
        await asyncio.sleep(0.05)
    for task in clients:
        task.cancel()
    latencies = [
        (arrived - sent[ticket]) * 1000
        for ticket, times in arrivals.items()
        if ticket in sent
        for arrived in times
    ]
    return latencies, len(sent) * boards, round_trips, pushes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boards", type=int, default=100)
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--redis", action="store_true", help="wake other processes by Redis")
    parser.add_argument("--pause", type=float, default=0.2, help="seconds between calls")
    parser.add_argument("--database", default="paspor_bench_board")
    parser.add_argument("--timeout", type=float, default=180)
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = f"{PG}/{args.database}"
    os.environ["PASPOR_ENV"] = "development"
    os.environ["DEBUG"] = "false"
    os.environ["LOG_LEVEL"] = "WARNING"
    if args.redis:
        os.environ["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")
    else:
        os.environ.pop("REDIS_URL", None)
    recreate_database(args.database)
    server = None
    try:
        display, officer = prepare(args.calls)
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "paspor.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(args.workers),
                "--log-level",
                "warning",
                "--timeout-graceful-shutdown",
                "2",
            ],
            cwd=ROOT,
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        time.sleep(0.5 * args.workers)
        latencies, expected, round_trips, pushes = asyncio.run(
            asyncio.wait_for(
                measure(
                    port,
                    display,
                    officer,
                    boards=args.boards,
                    calls=args.calls,
                    pause=args.pause,
                ),
                args.timeout,
            )
        )
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        recreate_database(args.database, drop_only=True)
    mode = f"{args.workers} process(es)" + (", Redis wake-up" if args.redis else "")
    print(
        f"board latency, PostgreSQL, {mode}: {args.boards} boards × {args.calls} calls, "
        f"{len(latencies)}/{expected} events received"
    )
    if not latencies:
        return 1
    print(
        f"  p50 {statistics.median(latencies):.1f} ms · p95 {percentile(latencies, 95):.1f} ms · "
        f"p99 {percentile(latencies, 99):.1f} ms · max {max(latencies):.1f} ms"
    )
    print(
        f"  (the call request itself, answered: p50 {statistics.median(round_trips):.1f} ms · "
        f"p99 {percentile(round_trips, 99):.1f} ms)"
    )
    print(
        f"  (from the event written in the call's transaction to the board: "
        f"p50 {statistics.median(pushes):.1f} ms · p99 {percentile(pushes, 99):.1f} ms)"
    )
    p99 = percentile(latencies, 99)
    print(f"  target p99 < 100 ms: {'met' if p99 < 100 else 'NOT met'}")
    return 0 if len(latencies) == expected else 1


if __name__ == "__main__":
    sys.exit(main())
