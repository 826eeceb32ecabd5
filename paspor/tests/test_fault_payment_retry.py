"""Fault: the bank gives up waiting for our answer and sends the same notification again.

A real HTTP server on 127.0.0.1 answers the first delivery only after the bank's client has
timed out; the payment is nevertheless committed. The retry, signed afresh as banks do, must be
answered 200 "duplicate" and the money applied once.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from typing import Any

import pytest

from paspor.audit.models import AuditEntry
from paspor.cases.models import CaseStatus
from paspor.payments import api as payments_api
from paspor.payments import bank
from paspor.payments.models import NotificationLog, Payment
from paspor.payments.tests.conftest import approved_case, billing_code, channel, fees
from paspor.payments.tests.factories import body_for, signed

pytestmark = pytest.mark.django_db(transaction=True)
__all__ = ["approved_case", "billing_code", "channel", "fees"]

CLIENT_TIMEOUT = 0.5


def _deliver(url: str, raw: bytes, headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(  # noqa: S310 - the test server on 127.0.0.1
        url, data=raw, method="POST", headers={"Content-Type": "application/json", **headers}
    )
    try:
        with urllib.request.urlopen(request, timeout=CLIENT_TIMEOUT) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_a_notification_retried_after_a_client_timeout_is_applied_once(
    live_server, monkeypatch, billing_code, approved_case, channel
):
    handled = bank.notification_handle
    answered_late = threading.Event()

    def slow_after_commit(**kwargs: Any) -> Any:
        answer = handled(**kwargs)  # committed here
        if not answered_late.is_set():
            answered_late.set()
            time.sleep(CLIENT_TIMEOUT * 3)  # the bank's client is gone by the time we answer
        return answer

    monkeypatch.setattr(payments_api, "notification_handle", slow_after_commit)
    url = live_server.url + "/api/payments/notifications"
    raw = json.dumps(body_for(billing_code)).encode()

    urllib.request.urlopen(live_server.url + "/api/booking/ping", timeout=30).close()  # noqa: S310 - warm-up
    with pytest.raises(TimeoutError):
        _deliver(url, raw, signed(channel, raw))
    assert answered_late.wait(timeout=30)

    time.sleep(1)  # the bank's back-off; the same body, signed again with a new timestamp
    status, body = _deliver(url, raw, signed(channel, raw))

    assert (status, body["result"]) == (200, "duplicate")
    assert Payment.objects.count() == 1
    assert Payment.objects.get().status == "applied"
    approved_case.refresh_from_db()
    assert approved_case.status == CaseStatus.PAID
    assert AuditEntry.objects.filter(event="payments.payment_applied").count() == 1
    outcomes = list(NotificationLog.objects.order_by("id").values_list("outcome", flat=True))
    assert outcomes == ["applied", "duplicate"]
