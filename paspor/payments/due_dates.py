"""A paid case's due date follows the working-day calendar in force.

The promise ("three working days after payment", `sla.due_date_for_payment`) is counted on the
office's calendar, and headquarters amends that calendar during the year (STANDARDS.md §3: 18
August 2025 was added in August). When a calendar change moves the count, the cases still being
worked on (paid, printed, QC passed: `SLA_OPEN_STEPS`) get the date the rule gives now, so the
SLA alerts, the board and the applicant's status page count from it: a day added is one more
day for the office, a day removed one less. A case ready for pickup or later keeps the date it
was measured against. Each move is a case event (`due_date_moved`, with the old and the new
date) and an audit row (`payments.due_date_moved`), in the calendar change's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.cases.models import Case
from paspor.cases.services import case_event_record
from paspor.lib.language import record_text
from paspor.offices.calendar import OfficeCalendar
from paspor.offices.models import Office
from paspor.payments.models import BillingCode, BillingCodeStatus
from paspor.payments.selectors import SLA_OPEN_STEPS
from paspor.payments.sla import due_date_for_payment, sla_start

CALENDAR_CHANGED = gettext_lazy("Kalender hari kerja diubah: janji selesai dihitung ulang.")


@dataclass(frozen=True)
class _Move:
    case: Case
    old: dt.date
    new: dt.date


def _open_cases(offices: Collection[Office] | None, days: Collection[dt.date] | None) -> list[Case]:
    cases = Case.objects.filter(
        status__in=list(SLA_OPEN_STEPS), paid_at__isnull=False, due_date__isnull=False
    )
    if offices is not None:
        cases = cases.filter(office__in=offices)
    if days is not None:
        # Only a date from the payment day to the due date changes the count. A day's slack
        # for the offices' zones (what is read here is recounted exactly below), and none past
        # the end of the calendar (a row of 9999 removed).
        last = min(max(days), dt.date.max - dt.timedelta(days=2))
        after_last = dt.datetime.combine(last + dt.timedelta(days=2), dt.time.min, dt.UTC)
        cases = cases.filter(due_date__gte=min(days), paid_at__lt=after_last)
    return list(cases.select_related("office").order_by("pk"))


def _recounted(cases: list[Case]) -> list[_Move]:
    issued = dict(
        BillingCode.objects.filter(bill__case__in=cases, status=BillingCodeStatus.PAID).values_list(
            "bill__case_id", "issued_at"
        )
    )
    calendars: dict[int, OfficeCalendar] = {}
    moves = []
    for case in cases:
        assert case.paid_at is not None and case.due_date is not None
        if case.office_id not in calendars:
            calendars[case.office_id] = OfficeCalendar(case.office)
        start = sla_start(paid_at=case.paid_at, code_issued_at=issued.get(case.pk, case.paid_at))
        due = due_date_for_payment(
            office=case.office,
            paid_at=start,
            express=case.express,
            calendar=calendars[case.office_id],
        )
        if due != case.due_date:
            moves.append(_Move(case, case.due_date, due))
    return moves


def case_due_dates_recount(
    *,
    offices: Collection[Office] | None,
    days: Collection[dt.date] | None,
    by: User | None,
) -> int:
    """Give the open paid cases whose due date a calendar change moved the date the rule gives
    now; returns how many moved. Runs in the calendar change's transaction, after its rows are
    written and before its audit row.

    `offices` None: every office (a national calendar row). `days` None: any date may have
    changed (an office's cuti bersama rule or zone); else only the dates changed.
    """
    if days is not None and not days:
        return 0
    moves = _recounted(_open_cases(offices, days))
    # Race: a print or handover step writing a case meanwhile. Each row moves only from the
    # date read and while still open (a conditional UPDATE); all the case rows are taken before
    # any audit chain head, the payments app's lock order (case row → chain head).
    moved = [
        move
        for move in moves
        if Case.objects.filter(
            pk=move.case.pk, due_date=move.old, status__in=list(SLA_OPEN_STEPS)
        ).update(due_date=move.new)
    ]
    reason = record_text(CALENDAR_CHANGED)
    for move in moved:
        move.case.due_date = move.new
        # No reason text: the history names the event in its reader's language (its label).
        case_event_record(
            case=move.case,
            kind="due_date_moved",
            by=by,
            data={"previous_due_date": move.old.isoformat(), "due_date": move.new.isoformat()},
        )
        audit_record(
            actor=by,
            office=move.case.office,
            subject=move.case,
            event="payments.due_date_moved",
            old={"due_date": move.old},
            new={"due_date": move.new},
            reason=reason,
        )
    return len(moved)
