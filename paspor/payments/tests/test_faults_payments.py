"""A crash while a payment is recorded or a statement reconciled leaves the payment whole or
absent: a billing code is paid exactly once (booking/tests/faults.py).

Each write is failed at every one of its SQL statements and at its COMMIT — by an exception,
and on PostgreSQL by ending its connection — then sent again as the bank does after a timeout.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

import pytest
import time_machine

from paspor.booking.tests.faults import (
    MODES,
    assert_invariants,
    database_tasks,  # noqa: F401 - the fixture
    prove_all_or_nothing,
)
from paspor.cases.models import Case, CaseStatus
from paspor.payments.models import PaymentSource, StatementImport
from paspor.payments.reconciliation import statement_import
from paspor.payments.services import PaymentReport, Receipt, bill_issue_for_case, payment_receive
from paspor.payments.tests.factories import make_case

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_tasks")]
ISSUED = dt.datetime(2026, 3, 10, 1, 0, tzinfo=dt.UTC)
PAID = dt.datetime(2026, 3, 10, 3, 0, tzinfo=dt.UTC)
serials = itertools.count(1)


@pytest.fixture(autouse=True)
def _in_march():
    with time_machine.travel(PAID + dt.timedelta(minutes=5), tick=False):
        yield


def billed(office, intake_officer, supervisor):
    with time_machine.travel(ISSUED, tick=False):
        return bill_issue_for_case(case=make_case(office, intake_officer), by=supervisor)


@pytest.mark.parametrize("kill", MODES)
def test_a_crash_while_a_bank_notification_is_recorded_pays_the_code_once(
    kill, fees, channel, office, intake_officer, supervisor
):
    def setup() -> Callable[[], Receipt]:
        code = billed(office, intake_officer, supervisor)
        n = next(serials)
        report = PaymentReport(
            reference=f"TRX-{n:06d}", billing_code=code.code, amount=code.amount,
            ntpn=f"NTPN{n:012d}", paid_at=PAID,
        )  # fmt: skip
        return lambda: payment_receive(
            channel=channel, report=report, source=PaymentSource.NOTIFICATION, by=None
        )

    report = prove_all_or_nothing(setup, invariants=assert_invariants, kill=kill)
    assert report.result.result == "applied"
    case = Case.objects.get(pk=report.result.payment.billing_code.bill.case_id)
    assert case.status == CaseStatus.PAID and case.due_date is not None
    # The bank sends it again after a timeout: the same payment, nothing written twice (the
    # retry inside `prove_all_or_nothing`); said once more here for the receipt it answers.
    again = payment_receive(
        channel=channel,
        report=PaymentReport(
            reference=report.result.payment.reference,
            billing_code=report.result.payment.billing_code_text,
            amount=report.result.payment.amount,
            ntpn=report.result.payment.ntpn,
            paid_at=PAID,
        ),
        source=PaymentSource.NOTIFICATION,
        by=None,
    )
    assert (again.result, again.payment) == ("duplicate", report.result.payment)


@pytest.mark.parametrize("kill", MODES)
def test_a_crash_during_reconciliation_repairs_all_lines_or_none(
    kill, fees, channel, office, intake_officer, supervisor
):
    def setup() -> Callable[[], StatementImport]:
        codes = [billed(office, intake_officer, supervisor) for _ in range(2)]
        lines = "".join(
            f"{code.code},{code.amount},NTPNREKON{next(serials):07d},2026-03-10 10:00,bank-uji\n"
            for code in codes
        )
        content = "billing_code,amount,ntpn,paid_at,channel\n" + lines
        return lambda: statement_import(
            office=office, content=content, period_start=dt.date(2026, 3, 1),
            period_end=dt.date(2026, 3, 31), by=supervisor,
        )  # fmt: skip

    # Importing the same statement again is a second report that finds everything matched.
    report = prove_all_or_nothing(setup, invariants=assert_invariants, kill=kill, retry=False)
    assert report.result.summary["repaired"] == 2
    statement = report.result
    again = statement_import(
        office=office, content=statement.content, period_start=statement.period_start,
        period_end=statement.period_end, by=supervisor,
    )  # fmt: skip
    assert again.summary["matched"] == 2 and again.summary["repaired"] == 0
    assert_invariants()
