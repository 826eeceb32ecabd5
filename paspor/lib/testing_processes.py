"""Real server processes for tests: WSGI web workers and the ASGI SSE server on loopback.

The multi-process tests start them against the test database (committed rows, so the tests are
transactional) and stop them in a finalizer, whatever happens:

    with ServerGroup(env) as group:
        web = group.start_wsgi()
        sse = group.start_asgi()
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def database_url(settings_dict: dict[str, Any]) -> str:
    """A postgres:// URL for a connection's settings (the test database's real name)."""
    user = quote(str(settings_dict.get("USER") or ""))
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{quote(str(password))}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


def server_env(
    *, database: str, secret_key: str, redis_url: str = "", **extra: str
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "REDIS_URL"}}
    env.update(
        PASPOR_ENV="test",  # immediate tasks and the in-memory mailer, as in the tests
        DEBUG="off",
        DATABASE_URL=database,
        SECRET_KEY=secret_key,  # session cookies made by the test are valid in the servers
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update(extra)
    return env


@dataclass
class Server:
    kind: str
    port: int
    process: subprocess.Popen[bytes]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def connection(self, timeout: float = 10) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)


def wait_until_ready(server: Server, timeout: float = 40) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.kind} exited with {server.process.returncode}")
        try:
            conn = server.connection(timeout=2)
            conn.request("GET", "/api/booking/ping")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{server.kind} on port {server.port} did not answer in {timeout} s")


def stop(server: Server) -> None:
    if server.process.poll() is not None:
        return
    os.killpg(server.process.pid, signal.SIGTERM)
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=5)


class ServerGroup:
    """Servers sharing one environment; all stopped on exit (or by `stop_all`)."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.servers: list[Server] = []

    def _start(self, kind: str, command: list[str], port: int) -> Server:
        process = subprocess.Popen(  # noqa: S603 - fixed commands of this module
            command,
            cwd=ROOT,
            env=self.env,
            start_new_session=True,  # its own process group: workers are stopped with it
            stdout=subprocess.DEVNULL,
        )
        server = Server(kind, port, process)
        self.servers.append(server)
        wait_until_ready(server)
        return server

    def start_wsgi(self, *, workers: int = 1, threads: int = 4) -> Server:
        port = free_port()
        command = [
            PYTHON, "-m", "gunicorn", "paspor.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
            "--worker-class", "gthread", "--threads", str(threads), "--log-level", "warning",
        ]  # fmt: skip
        return self._start("wsgi", command, port)

    def start_asgi(self) -> Server:
        port = free_port()
        command = [
            PYTHON, "-m", "uvicorn", "paspor.asgi:application",
            "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
        ]  # fmt: skip
        return self._start("asgi", command, port)

    def stop_all(self) -> None:
        for server in self.servers:
            stop(server)
        self.servers.clear()

    def __enter__(self) -> ServerGroup:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop_all()
