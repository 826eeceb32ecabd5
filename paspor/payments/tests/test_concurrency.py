"""Races named in services.payment_receive, run for real with threads on a committed database.

On PostgreSQL the unique (channel, reference) index and the billing-code row lock do the work;
on SQLite the IMMEDIATE transactions serialise the writers. Either way: applied exactly once.
"""

import contextlib
import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from paspor.cases.models import CaseEvent, CaseStatus
from paspor.payments.models import BillingCodeStatus, NotificationLog, Payment, PaymentStatus
from paspor.payments.tests.factories import body_for, post_notification, signed

pytestmark = pytest.mark.django_db(transaction=True)


def _in_threads(requests, workers=12):
    barrier = threading.Barrier(min(workers, len(requests)))

    def send(item):
        raw, headers = item
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=10)
        try:
            return post_notification(raw, headers).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(send, requests))


def test_concurrent_duplicates_of_one_notification_are_applied_exactly_once(
    billing_code, approved_case, channel
):
    raw = json.dumps(body_for(billing_code, reference="BANK-REF-1")).encode()
    headers = signed(channel, raw)
    statuses = _in_threads([(raw, headers)] * 12)
    assert statuses == [200] * 12
    assert Payment.objects.count() == 1
    assert Payment.objects.get().status == PaymentStatus.APPLIED
    approved_case.refresh_from_db()
    assert approved_case.status == CaseStatus.PAID
    assert CaseEvent.objects.filter(case=approved_case, to_status="paid").count() == 1
    outcomes = sorted(NotificationLog.objects.values_list("outcome", flat=True))
    assert outcomes == ["applied"] + ["duplicate"] * 11


def test_concurrent_different_payments_for_one_code_apply_one_and_flag_the_rest(
    billing_code, approved_case, channel
):
    requests = []
    for n in range(8):
        raw = json.dumps(body_for(billing_code, reference=f"BANK-REF-{n}")).encode()
        requests.append((raw, signed(channel, raw)))
    statuses = _in_threads(requests)
    assert sorted(statuses) == [200] + [202] * 7
    assert Payment.objects.filter(status=PaymentStatus.APPLIED).count() == 1
    assert Payment.objects.filter(flag_reason="already_paid").count() == 7
    billing_code.refresh_from_db()
    assert billing_code.status == BillingCodeStatus.PAID
    assert CaseEvent.objects.filter(case=approved_case, to_status="paid").count() == 1
