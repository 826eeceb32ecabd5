"""Races named in services.payment_receive, run for real with threads on a committed database.

On PostgreSQL the unique (channel, reference) index and the billing-code row lock do the work;
on SQLite the IMMEDIATE transactions serialise the writers. Either way: applied exactly once.
"""

import contextlib
import datetime as dt
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


def test_concurrent_requests_for_a_new_code_issue_one_and_answer_it_to_all(
    billing_code, approved_case, applicant
):
    """A double click on "Minta kode billing baru" after the code expired: one new code, and
    every request answers it (on PostgreSQL the others used to fail on the one-live-code index)."""
    import time_machine

    from paspor.payments.models import BillingCode
    from paspor.payments.services import billing_code_reissue

    bill = billing_code.bill
    barrier = threading.Barrier(6)

    def ask(_n):
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=10)
        try:
            return billing_code_reissue(bill=bill, by=applicant).code
        finally:
            connections.close_all()

    later = billing_code.expires_at + dt.timedelta(minutes=1)
    with time_machine.travel(later), ThreadPoolExecutor(max_workers=6) as pool:
        codes = list(pool.map(ask, range(6)))
    live = BillingCode.objects.filter(bill=bill, status=BillingCodeStatus.ISSUED)
    assert live.count() == 1
    assert set(codes) == {live.get().code} and live.get().code != billing_code.code
