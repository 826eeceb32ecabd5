"""The due date of a paid case follows the calendar in force (docs/payments.md, "The SLA clock").

Paid Friday 14 August 2026 at 10.00 WIB: Monday 17 August is Independence Day, so the three
working days are 18, 19 and 20 August. Headquarters then adds 18 August as cuti bersama, as the
decree did for 2025: the case is due on 21 August, and its history and the audit log say so.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from conftest import office_cuti_bersama_set
from paspor.audit.models import AuditEntry
from paspor.cases.models import Case, CaseEvent, CaseStatus
from paspor.cases.timeline import case_timeline
from paspor.offices.models import CalendarDay, CalendarDayKind
from paspor.offices.services import calendar_day_remove, calendar_day_set
from paspor.payments.models import PaymentSource, SlaAlert, SlaAlertKind
from paspor.payments.services import PaymentReport, bill_issue_for_case, payment_receive
from paspor.payments.sla_alerts import sla_check
from paspor.payments.tests.factories import make_case

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
PAID = dt.datetime(2026, 8, 14, 10, 0, tzinfo=WIB)
ADDED = dt.date(2026, 8, 18)


def at(day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, 8, day, hour, 0, tzinfo=WIB)


@pytest.fixture
def paid_case(fees, channel, office, intake_officer, supervisor):
    """Billed at 09.00 and paid at 10.00 on Friday 14 August, through the bank's notification."""
    with time_machine.travel(at(14, 9), tick=False):
        code = bill_issue_for_case(case=make_case(office, intake_officer), by=supervisor)
    with time_machine.travel(at(14, 10), tick=False):
        receipt = payment_receive(
            channel=channel,
            report=PaymentReport(
                reference="TRX-000001",
                billing_code=code.code,
                amount=code.amount,
                ntpn="NTPN000000000001",
                paid_at=PAID,
            ),
            source=PaymentSource.NOTIFICATION,
            by=None,
        )
    assert receipt.result == "applied"
    case = Case.objects.get(pk=code.bill.case_id)
    assert case.due_date == dt.date(2026, 8, 20)
    return case


def add_cuti_bersama(hq_user, day: dt.date = ADDED):
    with time_machine.travel(at(15), tick=False):
        return calendar_day_set(
            office=None, date=day, kind=CalendarDayKind.CUTI_BERSAMA, name="Tambahan", by=hq_user
        )


def test_a_day_added_by_headquarters_gives_the_paid_case_one_more_day(paid_case, hq_user):
    change = add_cuti_bersama(hq_user)
    assert change.due_dates_moved == 1
    paid_case.refresh_from_db()
    assert paid_case.due_date == dt.date(2026, 8, 21)
    event = CaseEvent.objects.get(case=paid_case, kind="due_date_moved")
    assert event.data == {"previous_due_date": "2026-08-20", "due_date": "2026-08-21"}
    assert event.actor == hq_user
    audit = AuditEntry.objects.get(event="payments.due_date_moved")
    assert (audit.old, audit.new) == ({"due_date": "2026-08-20"}, {"due_date": "2026-08-21"})
    assert audit.subject_id == str(paid_case.pk) and audit.actor == hq_user


def test_no_false_breach_on_the_day_the_amended_calendar_still_allows(paid_case, hq_user):
    add_cuti_bersama(hq_user)
    sla_check(now=at(21))
    assert not SlaAlert.objects.filter(case=paid_case, kind=SlaAlertKind.BREACH).exists()
    sla_check(now=at(24))  # Monday after the Friday due date: now it is late
    assert SlaAlert.objects.filter(case=paid_case, kind=SlaAlertKind.BREACH).exists()


def test_a_day_taken_out_again_brings_the_due_date_back(paid_case, hq_user):
    added = add_cuti_bersama(hq_user)
    assert added.day is not None
    with time_machine.travel(at(15), tick=False):
        removed = calendar_day_remove(day=added.day, by=hq_user)
    assert removed.due_dates_moved == 1
    paid_case.refresh_from_db()
    assert paid_case.due_date == dt.date(2026, 8, 20)
    moves = CaseEvent.objects.filter(case=paid_case, kind="due_date_moved").order_by("pk")
    assert [e.data["due_date"] for e in moves] == ["2026-08-21", "2026-08-20"]


def test_the_history_says_the_promise_moved_in_its_readers_language(paid_case, hq_user):
    add_cuti_bersama(hq_user)
    for language, label, details in (
        ("id", "Janji selesai dihitung ulang", "Janji selesai sebelumnya: "),
        ("en", "Promised completion recomputed", "Previously promised: "),
    ):
        with translation.override(language):
            row = next(r for r in case_timeline(paid_case) if r.event.kind == "due_date_moved")
        assert row.label.startswith(label)
        assert any(line.startswith(details) for line in row.details), row.details


def closed_case(office, intake_officer, status: CaseStatus, paid: dt.datetime, due: dt.date):
    return make_case(office, intake_officer, status=status, paid_at=paid, due_date=due)


def test_only_open_cases_whose_count_crosses_the_changed_day_move(office, intake_officer, hq_user):
    ready = closed_case(
        office, intake_officer, CaseStatus.READY_FOR_PICKUP, PAID, dt.date(2026, 8, 20)
    )
    printed = closed_case(office, intake_officer, CaseStatus.PRINTED, PAID, dt.date(2026, 8, 20))
    due_before = closed_case(office, intake_officer, CaseStatus.PAID, at(11), dt.date(2026, 8, 14))
    paid_after = closed_case(office, intake_officer, CaseStatus.PAID, at(19), dt.date(2026, 8, 24))
    assert add_cuti_bersama(hq_user).due_dates_moved == 1
    due = dict(Case.objects.values_list("pk", "due_date"))
    assert due[printed.pk] == dt.date(2026, 8, 21)  # still being worked on
    assert due[ready.pk] == dt.date(2026, 8, 20)  # done: measured against its date
    assert due[due_before.pk] == dt.date(2026, 8, 14)
    assert due[paid_after.pk] == dt.date(2026, 8, 24)


def test_another_offices_closure_leaves_these_due_dates_alone(paid_case, other_office, hq_user):
    with time_machine.travel(at(15), tick=False):
        change = calendar_day_set(
            office=other_office, date=ADDED, kind=CalendarDayKind.OFFICE_CLOSURE, by=hq_user
        )
    assert change.due_dates_moved == 0
    paid_case.refresh_from_db()
    assert paid_case.due_date == dt.date(2026, 8, 20)


def test_an_office_starting_to_serve_on_cuti_bersama_counts_those_days_for_open_cases(
    paid_case, office, hq_user
):
    add_cuti_bersama(hq_user)
    with time_machine.travel(at(15), tick=False):
        office_cuti_bersama_set(office, serves=True, by=hq_user)
    paid_case.refresh_from_db()
    assert paid_case.due_date == dt.date(2026, 8, 20)  # 18 August counts there again
    assert CaseEvent.objects.filter(case=paid_case, kind="due_date_moved").count() == 2


def test_an_import_moves_each_due_date_once(paid_case, hq_user):
    from paspor.offices.services import calendar_import_csv

    text = "date,kind\n2026-08-18,cuti_bersama\n2026-08-19,cuti_bersama\n"
    with time_machine.travel(at(15), tick=False):
        result = calendar_import_csv(office=None, text=text, by=hq_user)
    assert (result.imported, result.due_dates_moved) == (2, 1)
    paid_case.refresh_from_db()
    assert paid_case.due_date == dt.date(2026, 8, 24)  # 20, 21, then Monday 24
    assert CalendarDay.objects.count() == 2
