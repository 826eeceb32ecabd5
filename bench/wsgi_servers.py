"""gunicorn against granian for the WSGI pages and API, same workers, same database.

Usage:
    .venv/bin/python bench/wsgi_servers.py [--server-url postgres://postgres@127.0.0.1:5432]
        [--workers 2 --threads 4 --clients 32 --seconds 15]

Creates a PostgreSQL database (`paspor_bench_wsgi`), migrates it and seeds the demo office,
then for each server: starts it on 127.0.0.1 and a free port, lets client threads (keep-alive
connections) drive a mix of the home page, the booking availability API and the status page
for a bounded time, prints requests/s and p50/p99, and stops the server. Drops the database at
the end. Stops by itself.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
DB_NAME = "paspor_bench_wsgi"
OFFICE = "ketapang"
MIX = (  # path, weight: the pages that take the traffic around a quota release
    ("/", 3),
    (f"/api/booking/availability/{OFFICE}", 5),
    ("/notifikasi/status/", 2),
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def admin_sql(server_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def server_command(name: str, port: int, workers: int, threads: int) -> list[str]:
    if name == "gunicorn":
        return [
            PYTHON, "-m", "gunicorn", "paspor.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
            "--worker-class", "gthread", "--threads", str(threads), "--log-level", "warning",
        ]  # fmt: skip
    return [
        str(Path(PYTHON).parent / "granian"), "--interface", "wsgi", "paspor.wsgi:application",
        "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
        "--blocking-threads", str(threads), "--log-level", "warning",
    ]  # fmt: skip


def wait_ready(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/booking/ping")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server on port {port} did not start")


def drive(port: int, clients: int, seconds: float) -> tuple[list[float], dict[int, int]]:
    paths = [path for path, weight in MIX for _ in range(weight)]
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        codes: dict[int, int] = {}
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                conn.request("GET", rng.choice(paths), headers={"Accept-Language": "id"})
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status = 0
            mine.append(time.perf_counter() - started)
            codes[status] = codes.get(status, 0) + 1
        conn.close()
        with lock:
            latencies.extend(mine)
            for code, count in codes.items():
                statuses[code] = statuses.get(code, 0) + count

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, statuses


def run_server(name: str, env: dict[str, str], args: argparse.Namespace) -> str:
    port = free_port()
    process = subprocess.Popen(
        server_command(name, port, args.workers, args.threads),
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        wait_ready(port)
        drive(port, args.clients, 2)  # warm-up: connections, caches, imports
        latencies, statuses = drive(port, args.clients, args.seconds)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
    cuts = statistics.quantiles(latencies, n=100)
    return (
        f"| {name} | {args.workers} × {args.threads} | {len(latencies) / args.seconds:,.0f} | "
        f"{cuts[49] * 1000:.1f} ms | {cuts[98] * 1000:.1f} ms | "
        f"{', '.join(f'{code}: {count}' for code, count in sorted(statuses.items()))} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--servers", default="gunicorn,granian")
    args = parser.parse_args()

    admin_sql(args.server_url, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    admin_sql(args.server_url, f"CREATE DATABASE {DB_NAME}")
    env = {
        **os.environ,
        "DATABASE_URL": f"{args.server_url}/{DB_NAME}",
        "PASPOR_ENV": "development",
        "DEBUG": "off",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("PYTEST_VERSION", None)
    env.pop("REDIS_URL", None)
    try:
        for step in (["migrate", "--no-input", "-v0"], ["seed_demo", "--no-history"]):
            subprocess.run(
                [PYTHON, "manage.py", *step], cwd=ROOT, env=env, check=True,
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
        print("| server | workers × threads | requests/s | p50 | p99 | statuses |")
        print("|---|---|---|---|---|---|")
        for name in args.servers.split(","):
            print(run_server(name, env, args), flush=True)
    finally:
        admin_sql(args.server_url, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


if __name__ == "__main__":
    main()
