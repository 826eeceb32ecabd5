"""A burst of signed bank notifications against a real server, on its own PostgreSQL database.

    .venv/bin/python bench/notifications_burst.py [--notifications 1000] [--duplicates 200]
        [--offices 8] [--workers 32] [--gunicorn-workers 4]

Creates the database p_payments_bench (dropped at the end), migrates it, bills one case per
distinct notification, starts gunicorn on 127.0.0.1, sends the notifications concurrently
(some of them twice: a bank retry with the same reference, or a replay of the very same
request), prints throughput, latency and error counts, and checks that every bill was paid
exactly once. Bounded in count and time; stops by itself.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "p_payments_bench"
DEADLINE_S = 600


def admin_sql(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare(env: dict[str, str], bills: int, offices: int) -> list[tuple[str, int]]:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
    )
    os.environ.update(env)
    import django

    django.setup()
    import datetime as dt

    from conftest import make_office, make_user
    from paspor.accounts.models import Role
    from paspor.cases.models import Case, CaseStatus
    from paspor.payments.services import (
        bill_issue_for_case,
        fee_schedule_ensure_defaults,
        payment_channel_ensure,
    )

    fee_schedule_ensure_defaults()
    payment_channel_ensure(code="bench", name="Bank Bench", secret="bench-rahasia-123")
    codes = []
    places = [make_office(f"bench{n}") for n in range(offices)]
    supervisors = [
        make_user(f"kasubsi{n}", role=Role.SUPERVISOR, office=o) for n, o in enumerate(places)
    ]
    for n in range(bills):
        office, supervisor = places[n % offices], supervisors[n % offices]
        case = Case.objects.create(
            office=office,
            opened_by=supervisor,
            nik=f"61040157089{n:05d}",
            full_name=f"Pemohon {n}",
            sex="F",
            birth_date=dt.date(1990, 1, 1),
            birth_place="Ketapang",
            application_type="new_adult",
            status=CaseStatus.APPROVED,
            express=n % 5 == 0,
        )
        code = bill_issue_for_case(case=case, by=supervisor)
        codes.append((code.code, code.amount))
    return codes


def build_requests(
    codes: list[tuple[str, int]], duplicates: int
) -> list[tuple[bytes, dict[str, str]]]:
    from paspor.payments import signing
    from paspor.payments.simulator import notification_body

    requests = []
    bodies = []
    for code, amount in codes:
        body = notification_body(billing_code=code, amount=amount, method="atm")
        bodies.append(body)
    rng = random.Random(2026)
    repeats = rng.sample(range(len(bodies)), duplicates)
    for body in bodies:
        raw = json.dumps(body).encode()
        requests.append(
            (
                raw,
                signing.signed_headers(
                    channel="bench", secret="bench-rahasia-123", body=raw, now=time.time()
                ),
            )
        )
    for n, index in enumerate(repeats):
        if n % 2:  # a bank retry: same reference, re-signed later
            raw = json.dumps({**bodies[index], "ntb": "retry"}).encode()
            headers = signing.signed_headers(
                channel="bench", secret="bench-rahasia-123", body=raw, now=time.time()
            )
            requests.append((raw, headers))
        else:  # the very same request replayed
            requests.append(requests[index])
    rng.shuffle(requests)
    return requests


def wait_ready(port: int, process: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped during start-up")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def send_all(
    port: int, requests: list[tuple[bytes, dict[str, str]]], workers: int
) -> tuple[list[int], list[float], float]:
    import threading

    local = threading.local()

    def send(item: tuple[bytes, dict[str, str]]) -> tuple[int, float]:
        raw, headers = item
        if not hasattr(local, "conn"):
            local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        started = time.perf_counter()
        try:
            local.conn.request(
                "POST",
                "/api/payments/notifications",
                body=raw,
                headers={"Content-Type": "application/json", **headers},
            )
            reply = local.conn.getresponse()
            reply.read()
            status = reply.status
        except (OSError, http.client.HTTPException):
            local.conn.close()
            del local.conn
            status = 0
        return status, time.perf_counter() - started

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(send, requests))
    elapsed = time.perf_counter() - started
    return [r[0] for r in results], [r[1] for r in results], elapsed


def verify(codes: list[tuple[str, int]]) -> dict[str, int]:
    from django.db.models import Count

    from paspor.cases.models import CaseEvent
    from paspor.payments.models import BillingCode, NotificationLog, Payment

    applied = dict(
        Payment.objects.filter(status="applied")
        .values_list("billing_code__code")
        .annotate(n=Count("pk"))
    )
    paid_events = (
        CaseEvent.objects.filter(to_status="paid").values("case_id").annotate(n=Count("pk"))
    )
    return {
        "bills": len(codes),
        "bills_paid_once": sum(1 for code, _ in codes if applied.get(code) == 1),
        "codes_marked_paid": BillingCode.objects.filter(status="paid").count(),
        "payments_rows": Payment.objects.count(),
        "cases_with_more_than_one_paid_event": sum(1 for row in paid_events if row["n"] != 1),
        "notification_log_rows": NotificationLog.objects.count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notifications", type=int, default=1000)
    parser.add_argument("--duplicates", type=int, default=200)
    parser.add_argument("--offices", type=int, default=8)
    parser.add_argument("--workers", type=int, default=32)
    parser.add_argument("--gunicorn-workers", type=int, default=4)
    args = parser.parse_args()
    bills = args.notifications - args.duplicates
    if not 0 < args.duplicates < bills:
        raise SystemExit("duplicates must be fewer than the distinct notifications")
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "DJANGO_SETTINGS_MODULE": "paspor.settings",
        "PASPOR_ENV": "development",
        "DEBUG": "off",
        "LOG_LEVEL": "WARNING",
        "DATABASE_CONN_MAX_AGE": "60",
        "PAYMENT_NOTIFICATION_MAX_AGE": str(DEADLINE_S),
    }
    env.pop("PYTEST_VERSION", None)
    admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME}")
    admin_sql(f"CREATE DATABASE {DB_NAME}")
    server = None
    try:
        t0 = time.perf_counter()
        codes = prepare(env, bills, args.offices)
        requests = build_requests(codes, args.duplicates)
        print(
            f"prepared {bills} bills in {args.offices} offices in {time.perf_counter() - t0:.1f} s"
        )
        server = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "paspor.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(args.gunicorn_workers),
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        wait_ready(port, server)
        statuses, latencies, elapsed = send_all(port, requests, args.workers)
        from django.db import connections

        connections.close_all()
        counts: dict[str, int] = {}
        for status in statuses:
            counts[str(status)] = counts.get(str(status), 0) + 1
        latencies.sort()
        print(
            f"notifications: {len(requests)} ({bills} distinct, {args.duplicates} duplicates), "
            f"{args.workers} client threads, gunicorn {args.gunicorn_workers} sync workers, PostgreSQL"
        )
        print(
            f"elapsed: {elapsed:.2f} s, throughput: {len(requests) / elapsed:.0f} notifications/s"
        )
        print(
            f"latency: p50 {statistics.median(latencies) * 1000:.0f} ms, "
            f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms"
        )
        print(
            f"HTTP status counts: {counts}; errors (not 200): {len(statuses) - counts.get('200', 0)}"
        )
        check = verify(codes)
        print("verification:", json.dumps(check))
        ok = (
            check["bills_paid_once"] == bills
            and check["payments_rows"] == bills
            and check["cases_with_more_than_one_paid_event"] == 0
            and check["notification_log_rows"] == len(requests)
        )
        print("every bill paid exactly once:", "YES" if ok else "NO")
        if not ok:
            raise SystemExit(1)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        from django.db import connections

        connections.close_all()
        admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


if __name__ == "__main__":
    main()
