"""Serves Paspor locally: the ASGI web server, the background task worker and the scheduler.

Ctrl-C (or SIGTERM) stops all three; if one exits, the others are stopped too.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


def child_environment(host: str, port: str, environ: Mapping[str, str]) -> dict[str, str]:
    """The children's environment: links in e-mails point at this server unless the deployment
    set its public address (PASPOR_PUBLIC_URL) itself."""
    env = dict(environ)
    if not env.get("PASPOR_PUBLIC_URL"):
        shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host  # noqa: S104 - a name, not a bind
        env["PASPOR_PUBLIC_URL"] = f"http://{shown}:{port}"
    return env


class Command(BaseCommand):
    help = "Runs the web server (uvicorn), the task worker (db_worker) and the scheduler together."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")

    def handle(self, *args: Any, **options: Any) -> None:
        python = sys.executable
        env = child_environment(options["host"], str(options["port"]), os.environ)
        web = subprocess.Popen(
            [
                python,
                "-m",
                "uvicorn",
                "paspor.asgi:application",
                "--host",
                options["host"],
                "--port",
                str(options["port"]),
                "--log-level",
                "warning",
                # An open board's event stream never ends by itself: without a bound, Ctrl-C
                # would wait for it for ever (the production unit has the same flag).
                "--timeout-graceful-shutdown",
                "5",
            ],
            env=env,
        )
        worker = subprocess.Popen(
            [python, "manage.py", "db_worker", "--interval", "1", "--no-reload"], env=env
        )
        # The periodic jobs (no-shows, waitlist expiry, SLA alerts, reminders), as in production.
        scheduler = subprocess.Popen(
            [python, "manage.py", "run_scheduler", "--interval", "10"],
            env=env,
            stdout=subprocess.DEVNULL,  # a line per run; failures are logged on stderr
        )
        children = (web, worker, scheduler)
        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write(f"Paspor berjalan di {url} (Ctrl-C untuk berhenti)")

        def stop(*_: Any) -> None:
            for child in children:
                if child.poll() is None:
                    child.terminate()

        signal.signal(signal.SIGTERM, stop)
        try:
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for child in children:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
