"""A worker killed mid-send: after the lease the message is sent again, and delivered once."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.utils import timezone

from paspor.notifications import channels
from paspor.notifications.models import Channel, Message, MessageStatus
from paspor.notifications.sending import message_deliver, message_idempotency_key, outbox_flush
from paspor.notifications.services import notify

ROOT = Path(__file__).resolve().parents[3]
CONTEXT = {"case_code": "K7X2M9", "name": "Siti", "office": "Kanim Ketapang", "reason": "KK"}


def _claimed_message(**overrides: Any) -> Message:
    """A message a worker claimed and then died with: "sending", claimed now."""
    values: dict[str, Any] = {
        "to_address": "siti@example.com",
        "template": "case_rejected",
        "channel": Channel.EMAIL,
    }
    values.update(overrides)
    message = Message.objects.create(context=CONTEXT, **values)
    Message.objects.filter(pk=message.pk).update(
        status=MessageStatus.SENDING, attempts=1, claimed_at=timezone.now()
    )
    return message


@pytest.mark.django_db
def test_a_claim_is_taken_again_only_after_its_lease(settings):
    settings.PASPOR_OUTBOX_LEASE_SECONDS = 300
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        message = _claimed_message()
        clock.shift(dt.timedelta(seconds=299))
        assert outbox_flush().due == 0  # the worker may still be sending
        assert not message_deliver(message_id=message.pk)
        clock.shift(dt.timedelta(seconds=2))
        result = outbox_flush()
        assert result.sent == 1, Message.objects.get(pk=message.pk).last_error
        # A second flush finds nothing: the reclaim was one conditional UPDATE.
        assert outbox_flush().due == 0
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and message.attempts == 2
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_only_one_worker_reclaims_an_abandoned_message(settings, monkeypatch):
    settings.PASPOR_OUTBOX_LEASE_SECONDS = 60
    sends: list[str] = []

    class Recording:
        def send(self, *, to: str, subject: str, body: str, key: str) -> None:
            # While this worker sends, a second one tries the same message.
            assert not message_deliver(message_id=message.pk)
            sends.append(key)

    monkeypatch.setattr(channels, "adapter_for", lambda channel: Recording())
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        message = _claimed_message()
        clock.shift(dt.timedelta(seconds=61))
        assert message_deliver(message_id=message.pk)
    assert sends == [message_idempotency_key(message)]


@pytest.mark.django_db
def test_a_dead_workers_late_failure_does_not_undo_the_reclaim(settings, monkeypatch):
    """The first worker, slow rather than dead, fails after its claim was taken over."""
    from paspor.notifications import sending

    settings.PASPOR_OUTBOX_LEASE_SECONDS = 60
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        message = _claimed_message()
        stale = Message.objects.get(pk=message.pk)
        clock.shift(dt.timedelta(seconds=61))
        Message.objects.filter(pk=message.pk).update(claimed_at=timezone.now())  # reclaimed
        sending._record_failure(stale, RuntimeError("timed out"))
    message.refresh_from_db()
    assert message.status == MessageStatus.SENDING and message.last_error == ""


@pytest.mark.django_db
def test_a_message_whose_workers_keep_dying_fails_after_the_last_attempt(settings):
    settings.PASPOR_OUTBOX_LEASE_SECONDS, settings.PASPOR_OUTBOX_MAX_ATTEMPTS = 60, 3
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        message = _claimed_message()
        Message.objects.filter(pk=message.pk).update(attempts=3)
        clock.shift(dt.timedelta(seconds=61))
        assert outbox_flush().sent == 0
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED and "worker stopped" in message.last_error
    assert mail.outbox == []


@pytest.mark.django_db
def test_every_attempt_carries_the_same_key(settings):
    settings.DEFAULT_FROM_EMAIL = "Paspor <noreply@imigrasi.example>"
    message = notify(to_address="siti@example.com", template="case_rejected", context=CONTEXT)
    assert message is not None
    key = message_idempotency_key(message)
    assert key == message_idempotency_key(Message.objects.get(pk=message.pk))
    other = notify(to_address="budi@example.com", template="case_rejected", context=CONTEXT)
    assert other is not None and message_idempotency_key(other) != key
    channels.EmailAdapter().send(to="siti@example.com", subject="s", body="b", key=key)
    assert mail.outbox[-1].extra_headers["Message-ID"] == f"<{key}@imigrasi.example>"
    assert mail.outbox[-1].message()["Message-ID"] == f"<{key}@imigrasi.example>"


# --- The real worker, killed mid-send (PostgreSQL) --------------------------------------------


class _DedupingGateway(http.server.BaseHTTPRequestHandler):
    """An SMS gateway that delivers each Idempotency-Key once, and hangs on its first request
    after accepting it: the worker dies between the gateway accepting and the DB commit."""

    requests: list[str] = []
    delivered: dict[str, int] = {}
    hang = threading.Event()
    first_seen = threading.Event()

    def do_POST(self) -> None:
        handler = type(self)
        key = self.headers["Idempotency-Key"]
        json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        handler.requests.append(key)
        if key not in handler.delivered:
            handler.delivered[key] = 1  # delivered to the phone network
        if len(handler.requests) == 1:
            handler.first_seen.set()
            handler.hang.wait(30)  # no answer: the worker is killed while waiting
            return
        self.send_response(202)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def deduping_gateway() -> Iterator[tuple[str, type[_DedupingGateway]]]:
    _DedupingGateway.requests, _DedupingGateway.delivered = [], {}
    _DedupingGateway.hang, _DedupingGateway.first_seen = threading.Event(), threading.Event()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _DedupingGateway)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/send", _DedupingGateway
    _DedupingGateway.hang.set()
    server.shutdown()
    server.server_close()


def _worker_env(gateway_url: str, tmp_path: Path) -> dict[str, str]:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    if db["PASSWORD"]:
        url = url.replace("@", f":{db['PASSWORD']}@", 1)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    env.update(
        DATABASE_URL=url,
        PASPOR_SMS_GATEWAY_URL=gateway_url,
        PASPOR_SMS_GATEWAY_TOKEN="t",
        PASPOR_OUTBOX_LEASE_SECONDS="1",
        PASPOR_VAR_DIR=str(tmp_path),
        NO_PROXY="127.0.0.1",
    )
    return env


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the worker runs in its own process and must see the test's committed rows; "
    "the SQLite test database lives in memory",
)
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_is_replaced_and_the_message_arrives_once(
    deduping_gateway, processes, tmp_path
):
    url, gateway = deduping_gateway
    message = Message.objects.create(
        to_address="081234567890", channel=Channel.SMS, template="case_rejected", context=CONTEXT
    )
    key = message_idempotency_key(message)
    env = _worker_env(url, tmp_path)
    manage = [sys.executable, str(ROOT / "manage.py"), "outbox_flush"]

    worker = subprocess.Popen(manage, env=env, cwd=ROOT, text=True)
    processes.append(worker)
    assert gateway.first_seen.wait(60), "the worker never reached the gateway"
    os.kill(worker.pid, signal.SIGKILL)
    assert worker.wait(timeout=10) == -signal.SIGKILL
    message.refresh_from_db()
    assert message.status == MessageStatus.SENDING  # claimed, handed over, never recorded

    time.sleep(1.2)  # the lease (1 s) runs out
    flush = subprocess.run(
        manage, env=env, cwd=ROOT, text=True, capture_output=True, timeout=120, check=False
    )
    assert flush.returncode == 0, flush.stderr
    assert "1 terkirim" in flush.stdout

    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and message.attempts == 2
    assert gateway.requests == [key, key]  # sent again, with the same key
    assert gateway.delivered == {key: 1}  # the gateway delivered it once
    assert not Message.objects.filter(status=MessageStatus.SENDING).exists()
