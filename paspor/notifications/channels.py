"""Delivery channels behind one interface.

E-mail goes through Django's mailers. SMS and WhatsApp go through an HTTP gateway configured by
URL and token (PASPOR_SMS_GATEWAY_URL/TOKEN, PASPOR_WHATSAPP_GATEWAY_URL/TOKEN); without a URL
the channel only logs what it would send, so development and tests need no gateway.

Every send carries the message's idempotency key, the same on every attempt: the gateways get
it as the `Idempotency-Key` header and must deliver a key they have already accepted only once;
e-mail gets a `Message-ID` derived from it, so a repeated e-mail is recognisably the same one.
"""

from __future__ import annotations

import json
import logging
import urllib.request
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage

from paspor.notifications.models import Channel

logger = logging.getLogger("paspor.notifications")

GATEWAY_TIMEOUT_SECONDS = 10


class DeliveryError(Exception):
    """The channel refused or could not take the message; the outbox retries it later."""


class ChannelAdapter(Protocol):
    def send(self, *, to: str, subject: str, body: str, key: str) -> None:
        """Hand one message to the channel; raise DeliveryError (or any error) on failure."""


def message_id_header(key: str) -> str:
    """A fixed Message-ID for one outbox message, on the sender's own domain."""
    domain = str(settings.DEFAULT_FROM_EMAIL).rsplit("@", 1)[-1].strip(" >") or "localhost"
    return f"<{key}@{domain}>"


class EmailAdapter:
    def send(self, *, to: str, subject: str, body: str, key: str) -> None:
        EmailMessage(
            subject=subject, body=body, to=[to], headers={"Message-ID": message_id_header(key)}
        ).send()


@dataclass(frozen=True)
class LoggingAdapter:
    channel: str

    def send(self, *, to: str, subject: str, body: str, key: str) -> None:
        # The log is read by more people than the outbox: the recipient only by its last
        # digits, enough to tell two messages apart, not to call or write to anyone.
        logger.info(
            "%s to …%s (not configured, logged only): %s [%s]",
            self.channel,
            to[-3:],
            subject,
            key,
        )


@dataclass(frozen=True)
class HttpGatewayAdapter:
    """POSTs JSON {channel, to, subject, text} with a bearer token and the message's
    Idempotency-Key; any 2xx is accepted (also the gateway's answer to a key it has seen)."""

    channel: str
    url: str
    token: str

    def send(self, *, to: str, subject: str, body: str, key: str) -> None:
        payload = {"channel": self.channel, "to": to, "subject": subject, "text": body}
        request = urllib.request.Request(  # noqa: S310 - the URL is operator configuration
            self.url,
            data=json.dumps(payload).encode(),
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.token}",
                "Idempotency-Key": key,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=GATEWAY_TIMEOUT_SECONDS) as response:  # noqa: S310
                status = response.status
        except OSError as exc:  # URLError and HTTPError are OSErrors
            raise DeliveryError(f"{self.channel} gateway: {exc}") from exc
        if not 200 <= status < 300:
            raise DeliveryError(f"{self.channel} gateway answered HTTP {status}")


def adapter_for(channel: str) -> ChannelAdapter:
    if channel == Channel.EMAIL:
        return EmailAdapter()
    gateways = {
        Channel.SMS: (settings.PASPOR_SMS_GATEWAY_URL, settings.PASPOR_SMS_GATEWAY_TOKEN),
        Channel.WHATSAPP: (
            settings.PASPOR_WHATSAPP_GATEWAY_URL,
            settings.PASPOR_WHATSAPP_GATEWAY_TOKEN,
        ),
    }
    if channel not in gateways:
        raise DeliveryError(f"unknown channel {channel!r}")
    url, token = gateways[Channel(channel)]
    if not url:
        return LoggingAdapter(channel=channel)
    return HttpGatewayAdapter(channel=channel, url=url, token=token)
