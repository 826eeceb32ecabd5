"""The SLA figures of the period dashboard follow from the cases, as the SLA board does.

On time: ready for pickup by the promised day (the office's clock). Late: ready after it, or
still not ready once the day has passed — whether or not `sla_check` has raised an alert yet.
Not yet due: not ready and promised for today or later; neither on time nor late.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from conftest import make_office
from paspor.accounts.models import User
from paspor.cases.models import Case, CaseEvent, CaseStatus
from paspor.offices.models import Office
from paspor.payments.models import SlaAlert
from paspor.payments.selectors import sla_board
from paspor.reports.selectors import period
from paspor.reports.tables import sla_table
from paspor.reports.tests.conftest import _case

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
WIT = ZoneInfo("Asia/Jayapura")
DECEMBER = (dt.date(2026, 11, 1), dt.date(2026, 12, 10))
MONDAY_7_DECEMBER = dt.datetime(2026, 12, 7, 10, 0, tzinfo=WIB)


def promised(
    office: Office,
    by: User,
    n: int,
    *,
    due: int,
    status: CaseStatus,
    ready_at: dt.datetime | None = None,
) -> Case:
    """A paid case promised for `due` December, at `status`; ready for pickup at `ready_at`."""
    case = _case(office, by, n, "new_adult")
    Case.objects.filter(pk=case.pk).update(status=status, due_date=dt.date(2026, 12, due))
    if ready_at is not None:
        CaseEvent.objects.create(
            case=case,
            at=ready_at,
            from_status=CaseStatus.QC_PASSED,
            to_status=CaseStatus.READY_FOR_PICKUP,
        )
    return case


def test_a_case_past_its_due_date_and_not_printed_is_late_without_any_alert(
    office: Office, intake_officer: User, client_for, head_of_office: User
) -> None:
    """The walk-through: the SLA board shows one case late, and so must the dashboard, whether
    or not the SLA clock has run."""
    late = promised(office, intake_officer, 1, due=4, status=CaseStatus.PAID)
    assert not SlaAlert.objects.exists()

    result = period.sla_summary(office, *DECEMBER, now=MONDAY_7_DECEMBER)
    assert (result.due, result.kept, result.late, result.pending) == (1, 0, 1, 0)
    assert result.kept_pct == 0
    assert result.breach_reasons == [("", 1)]
    board = sla_board(office, today=MONDAY_7_DECEMBER.date())
    assert [row.case for row in board.overdue] == [late]

    with time_machine.travel(MONDAY_7_DECEMBER, tick=False):  # signed in that morning
        page = client_for(head_of_office).get(
            "/laporan/dasbor/?kantor=ketapang&dari=2026-11-01&sampai=2026-12-07"
        )
    text = page.content.decode()
    section = text[text.index('<section id="sla"') :]
    section = section[: section.index("</section>")]
    assert '<span class="figure">0,0 %</span><span>Tepat waktu</span>' in section
    assert '<span class="figure">1</span><span>Terlambat</span>' in section
    assert "100,0" not in section


def test_ready_on_the_promised_day_of_the_office_clock_is_on_time(intake_officer: User) -> None:
    """Jayapura (WIT): ready at 23.30 on the promised day is on time; at 00.30 the next day —
    still the promised day in Jakarta — is late. The national roll-up reads the office's day."""
    jayapura = make_office("jayapura", tz="Asia/Jayapura")
    promised(
        jayapura,
        intake_officer,
        1,
        due=3,
        status=CaseStatus.READY_FOR_PICKUP,
        ready_at=dt.datetime(2026, 12, 3, 23, 30, tzinfo=WIT),
    )
    promised(
        jayapura,
        intake_officer,
        2,
        due=3,
        status=CaseStatus.HANDED_OVER,
        ready_at=dt.datetime(2026, 12, 4, 0, 30, tzinfo=WIT),
    )
    for office in (jayapura, None):
        result = period.sla_summary(office, *DECEMBER, now=MONDAY_7_DECEMBER)
        assert (result.due, result.kept, result.late, result.pending) == (2, 1, 1, 0)


def test_cases_not_yet_due_are_counted_apart_not_as_on_time(
    office: Office, intake_officer: User
) -> None:
    ready = dt.datetime(2026, 12, 7, 9, 0, tzinfo=WIB)
    promised(office, intake_officer, 1, due=7, status=CaseStatus.READY_FOR_PICKUP, ready_at=ready)
    promised(office, intake_officer, 2, due=7, status=CaseStatus.PAID)  # due today: not late yet
    promised(office, intake_officer, 3, due=9, status=CaseStatus.PRINTED)
    promised(office, intake_officer, 4, due=2, status=CaseStatus.QC_PASSED)  # late

    result = period.sla_summary(office, *DECEMBER, now=MONDAY_7_DECEMBER)
    assert (result.due, result.kept, result.late, result.pending) == (4, 1, 1, 2)
    assert result.kept_pct == 50  # of the two whose outcome is known

    with time_machine.travel(MONDAY_7_DECEMBER, tick=False), translation.override("en"):
        table = sla_table(office, *DECEMBER)
    assert table.rows[:5] == [
        ["Due in the period", 4],
        ["On time", 1],
        ["Late", 1],
        ["Not yet due", 2],
        ["On time (%)", Decimal("50.0")],
    ]
    assert ("Not yet due", "2") in table.summary
    assert "Not yet due" in table.note
