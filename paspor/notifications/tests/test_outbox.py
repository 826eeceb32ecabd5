"""The outbox: written with the event, sent after commit, at most once, retried with back-off."""

import datetime as dt
import http.server
import json
import re
import socket
import threading
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from paspor.audit.models import AuditEntry
from paspor.lib.errors import Conflict
from paspor.notifications import channels
from paspor.notifications.channels import DeliveryError, HttpGatewayAdapter, LoggingAdapter
from paspor.notifications.models import Channel, ChannelPreference, Message, MessageStatus
from paspor.notifications.sending import message_deliver, outbox_flush, retry_delay
from paspor.notifications.services import (
    channel_preference_set,
    message_resend,
    notify,
    notify_person,
    recipient_route,
)

CONTEXT = {"case_code": "K7X2M9", "name": "Siti", "office": "Kanim Ketapang", "reason": "KK"}


def queue(**overrides) -> Message:
    values: dict[str, Any] = dict(
        to_address="siti@example.com", template="case_rejected", context=CONTEXT
    )
    values.update(overrides)
    message = notify(**values)
    assert message is not None or values.get("dedupe_key")
    return message  # type: ignore[return-value]


class FlakyAdapter:
    """Fails the first `failures` sends, then accepts."""

    def __init__(self, failures):
        self.failures, self.sent = failures, []

    def send(self, *, to, subject, body, key):
        if self.failures > 0:
            self.failures -= 1
            raise DeliveryError("gateway down")
        self.sent.append((to, subject, body))


@pytest.mark.django_db(transaction=True)
def test_nothing_is_sent_for_a_change_that_rolled_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue()
        raise RuntimeError("the case transition failed after writing the message")
    assert not Message.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_a_committed_message_is_sent_once_after_commit():
    with transaction.atomic():
        message = queue()
        assert mail.outbox == []  # nothing leaves before the commit
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and message.attempts == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Permohonan paspor ditolak (K7X2M9)"
    assert "ditolak dengan alasan: KK" in mail.outbox[0].body


@pytest.mark.django_db
def test_each_message_is_sent_at_most_once_however_often_delivery_runs(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False):
        message = queue()
    assert message_deliver(message_id=message.pk) is True
    assert message_deliver(message_id=message.pk) is False
    assert outbox_flush().sent == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_flushing_at_once_send_each_message_once():
    ids = []
    with transaction.atomic():
        for number in range(12):
            ids.append(queue(to_address=f"p{number}@example.com", dedupe_key=f"race:{number}").pk)
    # They were sent on commit; make them due again so that the two flushers race for them.
    Message.objects.filter(pk__in=ids).update(
        status=MessageStatus.PENDING, attempts=0, sent_at=None
    )
    mail.outbox.clear()
    barrier = threading.Barrier(2)
    results = []

    def worker():
        barrier.wait()
        results.append(outbox_flush())

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(result.sent for result in results) == 12
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"p{n}@example.com" for n in range(12))
    assert set(Message.objects.values_list("attempts", flat=True)) == {1}


@pytest.mark.django_db
def test_a_failed_send_is_retried_with_exponential_back_off(
    monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.PASPOR_OUTBOX_BACKOFF_SECONDS = 60
    settings.PASPOR_OUTBOX_MAX_ATTEMPTS = 5
    adapter = FlakyAdapter(failures=2)
    monkeypatch.setattr(channels, "adapter_for", lambda channel: adapter)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            message = queue()
        message.refresh_from_db()
        assert (message.status, message.attempts) == (MessageStatus.PENDING, 1)
        assert message.next_attempt_at == start + dt.timedelta(seconds=60)
        assert "gateway down" in message.last_error
        assert outbox_flush().sent == 0  # not due yet
        clock.shift(dt.timedelta(seconds=60))
        assert outbox_flush().sent == 0  # second failure
        message.refresh_from_db()
        assert message.attempts == 2
        assert message.next_attempt_at == timezone.now() + dt.timedelta(seconds=120)
        clock.shift(dt.timedelta(seconds=119))
        assert outbox_flush().due == 0
        clock.shift(dt.timedelta(seconds=1))
        assert outbox_flush().sent == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (MessageStatus.SENT, 3, "")
    assert len(adapter.sent) == 1


def test_back_off_doubles_and_is_capped(settings):
    settings.PASPOR_OUTBOX_BACKOFF_SECONDS = 60
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert retry_delay(30) == dt.timedelta(hours=6)


@pytest.mark.django_db
def test_after_the_last_attempt_the_message_fails_and_staff_can_resend_it(
    monkeypatch, settings, supervisor, django_capture_on_commit_callbacks
):
    settings.PASPOR_OUTBOX_MAX_ATTEMPTS = 2
    adapter = FlakyAdapter(failures=2)
    monkeypatch.setattr(channels, "adapter_for", lambda channel: adapter)
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    outbox_flush()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.FAILED, 2)
    assert outbox_flush().due == 0  # given up: nothing more without a person deciding

    with django_capture_on_commit_callbacks(execute=True):
        message_resend(message=message, by=supervisor)
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and len(adapter.sent) == 1
    audit = AuditEntry.objects.get(event="notifications.resend")
    assert audit.actor == supervisor and audit.old["attempts"] == 2


@pytest.mark.django_db
def test_only_a_failed_message_can_be_resent(supervisor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    with pytest.raises(Conflict):
        message_resend(message=message, by=supervisor)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_same_dedupe_key_gives_one_message():
    assert queue(dedupe_key="once") is not None
    assert queue(dedupe_key="once") is None
    assert Message.objects.count() == 1


@pytest.mark.django_db
def test_outbox_flush_command_sends_due_messages(django_capture_on_commit_callbacks, capsys):
    with django_capture_on_commit_callbacks(execute=False):
        queue()
        queue(to_address="budi@example.com")
    call_command("outbox_flush")
    assert "2 terkirim" in capsys.readouterr().out
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_sms_without_a_gateway_is_logged_and_counts_as_sent(
    settings, caplog, django_capture_on_commit_callbacks
):
    settings.PASPOR_SMS_GATEWAY_URL = ""
    assert isinstance(channels.adapter_for(Channel.SMS), LoggingAdapter)
    with (
        caplog.at_level("INFO", logger="paspor.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        message = queue(to_address="081234567890", channel=Channel.SMS)
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert "sms to …890 (not configured, logged only)" in caplog.text and mail.outbox == []


class _Gateway(http.server.BaseHTTPRequestHandler):
    received: list[Any] = []
    answer = 202

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        type(self).received.append(
            (self.headers["Authorization"], json.loads(self.rfile.read(length)))
        )
        self.send_response(type(self).answer)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway():
    _Gateway.received, _Gateway.answer = [], 202
    server = http.server.HTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/send", _Gateway
    server.shutdown()


@pytest.mark.django_db
def test_whatsapp_goes_through_the_http_gateway_with_its_token(
    settings, gateway, django_capture_on_commit_callbacks
):
    url, handler = gateway
    settings.PASPOR_WHATSAPP_GATEWAY_URL, settings.PASPOR_WHATSAPP_GATEWAY_TOKEN = url, "tok-123"
    assert isinstance(channels.adapter_for(Channel.WHATSAPP), HttpGatewayAdapter)
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(to_address="6281234567890", channel=Channel.WHATSAPP)
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    auth, payload = handler.received[0]
    assert auth == "Bearer tok-123"
    assert payload["channel"] == "whatsapp" and payload["to"] == "6281234567890"
    assert "ditolak" in payload["text"]


@pytest.mark.django_db
def test_a_gateway_error_is_recorded_and_retried(
    settings, gateway, django_capture_on_commit_callbacks
):
    url, handler = gateway
    handler.answer = 503
    settings.PASPOR_SMS_GATEWAY_URL, settings.PASPOR_SMS_GATEWAY_TOKEN = url, "t"
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(to_address="0812", channel=Channel.SMS)
    message.refresh_from_db()
    assert message.status == MessageStatus.PENDING and "503" in message.last_error


@pytest.mark.django_db
def test_the_applicants_channel_and_language_preference_route_the_message(
    applicant, django_capture_on_commit_callbacks
):
    default = recipient_route(user=applicant)
    assert default is not None and default.channel == Channel.EMAIL
    channel_preference_set(
        user=applicant, channel=Channel.WHATSAPP, phone="6281234567890", language="en"
    )
    assert AuditEntry.objects.filter(event="notifications.preference_set").exists()
    route = recipient_route(user=applicant, email="x@example.com")
    assert route is not None
    assert (route.channel, route.address, route.language) == (
        Channel.WHATSAPP,
        "+6281234567890",
        "en",
    )
    with django_capture_on_commit_callbacks(execute=True):
        message = notify_person(user=applicant, template="case_rejected", context=CONTEXT)
    assert message is not None
    assert (message.channel, message.language) == (Channel.WHATSAPP, "en")


@pytest.mark.django_db
def test_an_email_recipient_gets_the_english_version_when_they_chose_it(
    applicant, django_capture_on_commit_callbacks
):
    ChannelPreference.objects.create(user=applicant, channel=Channel.EMAIL, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            to_address=applicant.email,
            template="case_rejected",
            context=CONTEXT,
            recipient=applicant,
        )
    assert mail.outbox[0].subject == "Passport application rejected (K7X2M9)"


@pytest.mark.django_db
def test_sms_or_whatsapp_needs_a_number(applicant):
    with pytest.raises(Conflict):
        channel_preference_set(user=applicant, channel=Channel.SMS, phone="")


@pytest.mark.django_db
def test_a_person_without_an_account_is_written_to_in_the_language_they_used(applicant):
    """No preference to read: the language given (the page's) decides, Indonesian without one."""

    def language(**given):
        route = recipient_route(**given)
        assert route is not None
        return route.language

    assert language(user=None, email="x@example.com") == "id"
    assert language(user=None, email="x@example.com", language="en-us") == "en"
    # A preference the person chose wins over the language of the page at hand.
    channel_preference_set(user=applicant, channel=Channel.EMAIL, language="id")
    assert language(user=applicant, language="en") == "id"


# --- The preferences page -------------------------------------------------------------------

PREFERENCES = "/notifikasi/preferensi/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "refusal"),
    [
        ("id", "Nomor telepon wajib diisi untuk SMS atau WhatsApp."),
        ("en", "A phone number is required for SMS or WhatsApp."),
    ],
)
def test_whatsapp_without_a_number_is_refused_in_the_readers_language(
    client_for, applicant, language, refusal
):
    client = client_for(applicant)
    client.cookies["django_language"] = language
    response = client.post(PREFERENCES, {"channel": "whatsapp", "phone": "", "language": "id"})
    assert response.status_code == 400  # a field left empty, not a state that forbids it
    body = response.content.decode()
    assert refusal in body
    # The refusal is read with the phone field it is about.
    assert 'aria-describedby="id_phone_error"' in body and 'id="id_phone_error"' in body
    assert re.search(r'value="whatsapp"[^>]*checked', body)  # the choice made is kept
    assert not ChannelPreference.objects.filter(user=applicant).exists()


def phone_shown(client) -> str:
    body = client.get(PREFERENCES).content.decode()
    field = next(tag for tag in body.split("<input") if 'name="phone"' in tag)
    value = field.split('value="')[1].split('"')[0] if 'value="' in field else ""
    return value


@pytest.mark.django_db
def test_the_phone_field_starts_with_the_number_the_office_already_knows(client_for, applicant):
    from paspor.notifications.tests.factories import make_profile

    client = client_for(applicant)
    assert phone_shown(client) == ""
    make_profile(applicant, phone="081255550000")
    assert phone_shown(client) == "081255550000"  # from the applicant's profile
    applicant.phone = "081311112222"
    applicant.save(update_fields=["phone"])
    assert phone_shown(client) == "081311112222"  # the account's own number first
    channel_preference_set(
        user=applicant, channel=Channel.WHATSAPP, phone="0812 3456 7899", language="id"
    )
    assert phone_shown(client) == "+6281234567899"  # the number chosen here stays, as dialled


@pytest.mark.django_db
def test_choosing_whatsapp_with_the_prefilled_number_saves_it(client_for, applicant):
    applicant.phone = "081311112222"
    applicant.save(update_fields=["phone"])
    client = client_for(applicant)
    assert phone_shown(client) == "081311112222"
    response = client.post(
        PREFERENCES, {"channel": "whatsapp", "phone": "081311112222", "language": "en"}
    )
    assert response.status_code == 302
    preference = ChannelPreference.objects.get(user=applicant)
    assert (preference.channel, preference.phone) == (Channel.WHATSAPP, "+6281311112222")


@pytest.mark.django_db
def test_a_number_that_is_not_one_is_refused_at_the_phone_field(applicant):
    from django.test import Client

    client = Client()
    client.force_login(applicant)
    response = client.post(PREFERENCES, {"channel": "whatsapp", "phone": "12345", "language": "id"})
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_phone_error"' in body and "Masukkan nomor telepon Indonesia yang benar" in body
    assert not ChannelPreference.objects.filter(user=applicant).exists()


@pytest.mark.django_db
def test_a_mail_server_that_is_down_loses_nothing_and_sends_once_when_back(
    settings, django_capture_on_commit_callbacks
):
    with socket.socket() as probe:  # a loopback port nobody listens on: connection refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    down = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 1},
    }
    settings.PASPOR_OUTBOX_BACKOFF_SECONDS = 60
    with override_settings(MAILERS={"default": down}):
        with django_capture_on_commit_callbacks(execute=True):
            message = queue()
        message.refresh_from_db()
        assert (message.status, message.attempts) == (MessageStatus.PENDING, 1)
        assert "refused" in message.last_error.lower()
    # The server is back (the test mailer): the retry sends it, and only that one.
    with time_machine.travel(message.next_attempt_at, tick=False):
        assert outbox_flush().sent == 1
        assert outbox_flush().due == 0
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (MessageStatus.SENT, 2, "")
    assert len(mail.outbox) == 1


def test_an_unconfigured_channel_logs_no_whole_phone_number(caplog):
    with caplog.at_level("INFO", logger="paspor.notifications"):
        LoggingAdapter(channel="sms").send(
            to="+6281234567890", subject="Kode billing", body="Yth. Budi", key="outbox-7-1"
        )
    logged = caplog.text
    assert "+6281234567890" not in logged and "1234567" not in logged
    assert "…890" in logged and "outbox-7-1" in logged and "Budi" not in logged
