"""Serves Paspor locally: the ASGI web server and the background task worker side by side.

Ctrl-C (or SIGTERM) stops both; if either exits, the other is stopped too.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Runs the web server (uvicorn) and the task worker (db_worker) together."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")

    def handle(self, *args: Any, **options: Any) -> None:
        python = sys.executable
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
            ]
        )
        worker = subprocess.Popen(
            [python, "manage.py", "db_worker", "--interval", "1", "--no-reload"]
        )
        children = (web, worker)
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
