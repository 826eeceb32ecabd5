"""`manage.py serve`: the processes it starts, and the links its e-mails carry point at it."""

from __future__ import annotations

import io
import signal
import subprocess

import pytest
from django.core.management import call_command

from paspor.portal.management.commands.serve import child_environment


class _Exited:
    """A child that has already stopped: serve stops the others and returns."""

    def __init__(self, args: list[str], **_: object) -> None:
        self.args = args

    def poll(self) -> int:
        return 0

    def wait(self, timeout: float | None = None) -> int:
        return 0


def test_the_web_server_the_worker_and_the_scheduler_are_started(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[list[str]] = []

    def popen(args: list[str], **_: object) -> _Exited:
        started.append(args)
        return _Exited(args)

    monkeypatch.setattr(signal, "signal", lambda *_: None)  # the test runner's handler stays
    monkeypatch.setattr(subprocess, "Popen", popen)
    call_command("serve", "--port", "8149", stdout=io.StringIO())
    commands = [" ".join(args[1:4]) for args in started]
    assert commands == [
        "-m uvicorn paspor.asgi:application",
        "manage.py db_worker --interval",
        "manage.py run_scheduler --interval",
    ]
    # Ctrl-C with a board open: the never-ending event stream is cut after 5 s.
    web = started[0]
    assert web[web.index("--timeout-graceful-shutdown") + 1] == "5"


def test_links_point_at_the_port_served_when_no_public_address_is_set() -> None:
    env = child_environment("127.0.0.1", "8140", {"PATH": "/bin"})
    assert env["PASPOR_PUBLIC_URL"] == "http://127.0.0.1:8140"
    assert env["PATH"] == "/bin"


def test_a_server_on_every_interface_is_linked_through_loopback() -> None:
    assert child_environment("0.0.0.0", "8000", {})["PASPOR_PUBLIC_URL"] == (  # noqa: S104
        "http://127.0.0.1:8000"
    )


def test_the_deployments_public_address_wins() -> None:
    env = child_environment("127.0.0.1", "8140", {"PASPOR_PUBLIC_URL": "https://paspor.go.id"})
    assert env["PASPOR_PUBLIC_URL"] == "https://paspor.go.id"
