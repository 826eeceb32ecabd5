"""The SLA board at an office with years of history: it reads the alerts of the cases it
shows, not every breach the office ever had."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from paspor.cases.models import CaseStatus
from paspor.payments.models import SlaAlert, SlaAlertKind
from paspor.payments.selectors import sla_board
from paspor.payments.tests.factories import make_case

pytestmark = pytest.mark.django_db

PAID_AT = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)


def _breach(office, case):
    return SlaAlert.objects.create(
        case=case,
        office=office,
        kind=SlaAlertKind.BREACH,
        due_date=case.due_date,
        raised_at=PAID_AT,
    )


def test_the_sla_board_reads_only_the_breaches_of_the_cases_it_shows(office, intake_officer):
    late = make_case(
        office,
        intake_officer,
        status=CaseStatus.PAID,
        due_date=dt.date(2026, 3, 4),
        paid_at=PAID_AT,
    )
    alert = _breach(office, late)
    for n in range(3):  # collected long ago, late at the time
        old = make_case(
            office,
            intake_officer,
            nik=f"610401570890{n:04d}",
            status=CaseStatus.HANDED_OVER,
            due_date=dt.date(2025, 6, 4),
            paid_at=PAID_AT,
        )
        _breach(office, old)
    with CaptureQueriesContext(connection) as captured:
        board = sla_board(office, today=dt.date(2026, 3, 5))
    assert [(row.case, row.breach) for row in board.overdue] == [(late, alert)]
    (read,) = [
        q["sql"]
        for q in captured.captured_queries
        if 'FROM "payments_slaalert"' in q["sql"] and "reason" not in q["sql"].split("WHERE")[1]
    ]
    assert f'"payments_slaalert"."case_id" IN ({late.pk})' in read
