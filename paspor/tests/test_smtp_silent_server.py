"""An SMTP server that accepts the connection and never answers: the send gives up after the
configured timeout and the message waits for its retry, instead of holding the task worker."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
from django.test import override_settings

from paspor.notifications.models import Message, MessageStatus
from paspor.notifications.sending import message_deliver
from paspor.notifications.services import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def silent_smtp_port() -> Iterator[int]:
    """A loopback server that accepts connections and says nothing; closed after the test."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen()
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=5)
        for connection in accepted:
            connection.close()
        server.close()


def test_a_silent_smtp_server_times_out_and_the_message_waits_for_its_retry(silent_smtp_port):
    mailer = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": silent_smtp_port, "timeout": 1},
    }
    message = notify(
        to_address="siti@example.com",
        template="case_rejected",
        context={"case_code": "K7X2M9", "name": "Siti", "office": "Kanim Ketapang", "reason": ""},
    )
    assert message is not None
    with override_settings(MAILERS={"default": mailer}):
        assert message_deliver(message_id=message.pk) is False

    message = Message.objects.get(pk=message.pk)
    assert message.status == MessageStatus.PENDING
    assert message.attempts == 1 and message.next_attempt_at is not None
    assert "timed out" in message.last_error.lower()
