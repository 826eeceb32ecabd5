"""Delivery channels behind one interface.

E-mail goes through Django's mailers. SMS and WhatsApp go through an HTTP gateway configured by
URL and token (PASPOR_SMS_GATEWAY_URL/TOKEN, PASPOR_WHATSAPP_GATEWAY_URL/TOKEN); without a URL
the channel only logs what it would send, so development and tests need no gateway.
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
    def send(self, *, to: str, subject: str, body: str) -> None:
        """Hand one message to the channel; raise DeliveryError (or any error) on failure."""


class EmailAdapter:
    def send(self, *, to: str, subject: str, body: str) -> None:
        EmailMessage(subject=subject, body=body, to=[to]).send()


@dataclass(frozen=True)
class LoggingAdapter:
    channel: str

    def send(self, *, to: str, subject: str, body: str) -> None:
        logger.info("%s to %s (not configured, logged only): %s", self.channel, to, subject)


@dataclass(frozen=True)
class HttpGatewayAdapter:
    """POSTs JSON {channel, to, subject, text} with a bearer token; any 2xx is accepted."""

    channel: str
    url: str
    token: str

    def send(self, *, to: str, subject: str, body: str) -> None:
        payload = {"channel": self.channel, "to": to, "subject": subject, "text": body}
        request = urllib.request.Request(  # noqa: S310 - the URL is operator configuration
            self.url,
            data=json.dumps(payload).encode(),
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.token}",
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
