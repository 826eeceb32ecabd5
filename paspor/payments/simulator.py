"""A development bank: sends properly signed notifications through the real endpoint.

Used by `manage.py bank_pay`, the simulator page and the tests, so the journey from billing to
paid can be shown end to end. Never enabled in production (PAYMENT_SIMULATOR_ENABLED).
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import string
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from paspor.lib.choices import choice_label
from paspor.payments import signing
from paspor.payments.models import (
    BillingCode,
    FlagReason,
    NotificationOutcome,
    PaymentChannel,
    PaymentMethod,
)

SIMULATOR_CHANNEL = "simulasi"
_ALNUM = string.ascii_uppercase + string.digits


def fake_ntpn() -> str:
    return "".join(secrets.choice(_ALNUM) for _ in range(16))


@dataclass(frozen=True)
class SimulatedAnswer:
    status: int
    body: dict[str, Any]
    sent: dict[str, Any]

    # The endpoint answers a bank in codes (`result`, `reason`); the page says them in words.
    @property
    def result(self) -> str:
        return str(self.body.get("result", ""))

    @property
    def result_text(self) -> str:
        return choice_label(NotificationOutcome, self.result)

    @property
    def reason(self) -> str:
        return str(self.body.get("reason") or "")

    @property
    def reason_text(self) -> str:
        return choice_label(FlagReason, self.reason)


def notification_body(
    *,
    billing_code: str,
    amount: int,
    method: str = PaymentMethod.MOBILE_BANKING,
    paid_at: dt.datetime | None = None,
    reference: str | None = None,
    ntpn: str | None = None,
) -> dict[str, Any]:
    return {
        "reference": reference or f"SIM-{secrets.token_hex(8).upper()}",
        "billing_code": billing_code,
        "amount": amount,
        "ntpn": ntpn or fake_ntpn(),
        "ntb": f"{secrets.randbelow(10**12):012d}",
        "paid_at": (paid_at or timezone.now()).isoformat(),
        "method": method,
    }


def simulator_send(
    *,
    billing_code: str,
    channel: PaymentChannel,
    amount: int | None = None,
    method: str = PaymentMethod.MOBILE_BANKING,
    url: str | None = None,
) -> SimulatedAnswer:
    """Pays `billing_code` (its own amount unless `amount` is given) through the endpoint.

    Without `url` the request goes through Django in this process (test client); with `url`
    it is an HTTP POST to a running server.
    """
    if amount is None:
        known = BillingCode.objects.filter(code=billing_code).first()
        amount = known.amount if known is not None else 1
    payload = notification_body(billing_code=billing_code, amount=amount, method=method)
    raw = json.dumps(payload).encode()
    headers = signing.signed_headers(
        channel=channel.code, secret=channel.secret, body=raw, now=time.time()
    )
    if url is None:
        # The endpoint's request activates its own language in this thread; the page that sent
        # it keeps the reader's.
        with translation.override(translation.get_language()):
            response = Client().post(
                reverse("api:payment_notification"),
                data=raw,
                content_type="application/json",
                headers=headers,
            )
        return SimulatedAnswer(response.status_code, json.loads(response.content), payload)
    request = urllib.request.Request(  # noqa: S310 - the URL is the operator's own server
        url, data=raw, method="POST", headers={"Content-Type": "application/json", **headers}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:  # noqa: S310
            return SimulatedAnswer(reply.status, json.loads(reply.read()), payload)
    except urllib.error.HTTPError as error:
        return SimulatedAnswer(error.code, json.loads(error.read() or b"{}"), payload)
