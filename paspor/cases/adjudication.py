"""Deferral, the supervisor's four-eyes decision, resuming and expiring deferred cases."""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.cases import conf
from paspor.cases.certification import require_step_certificate
from paspor.cases.models import Case, CaseStatus, Interview, Recommendation
from paspor.cases.services import (
    UNASSIGNED,
    case_claim,
    case_lock,
    case_transition,
    case_worked_on_by,
    four_eyes_refusal,
    require_assignee,
    require_status,
    require_step_role,
)
from paspor.lib import reasons
from paspor.lib.errors import Conflict, DomainError
from paspor.lib.text import blank
from paspor.offices.calendar import office_today

logger = logging.getLogger(__name__)
DEFERRABLE = (
    CaseStatus.INTAKE,
    CaseStatus.BIOMETRICS,
    CaseStatus.INTERVIEW,
    CaseStatus.AWAITING_SUPERVISOR,
)
# The latest deadline an officer may set, in days from today (or the default's, if longer).
DEFER_MAX_DAYS = 90


def missing_items(missing: str) -> list[str]:
    """What the officer typed as missing, one item per line or between semicolons.

    Commas stay inside an item: "Akta kelahiran asli, dilegalisir" is one document.
    """
    lines = (part.strip() for line in missing.splitlines() for part in line.split(";"))
    return [line for line in lines if not blank(line)]


@transaction.atomic
def case_defer(
    *,
    case: Case,
    by: User,
    missing: str,
    deadline: dt.date | None = None,
    seen: Iterable[str] | None = None,
) -> Case:
    """The applicant must bring `missing` by `deadline` (default: today + the configured days).

    The event keeps the items as a list (the applicant's message lists them, in any language);
    the deadline is the case's `deferred_until`, which the message and the status page read.
    At intake, `seen` (the originals ticked on the screen) is recorded first, so the officer
    who resumes the case finds them ticked and the applicant brings only what was missing.
    """
    items = missing_items(missing)
    if not items:
        raise DomainError(_("Tuliskan apa yang harus dilengkapi."), code="missing_required")
    locked = case_lock(case)
    require_status(locked, *DEFERRABLE)
    require_assignee(locked, by)
    require_step_certificate(user=by, office=locked.office, status=locked.status)
    if seen is not None and locked.status == CaseStatus.INTAKE:
        from paspor.cases.intake import case_documents_check

        case_documents_check(case=locked, by=by, seen=seen)
    today = office_today(locked.office)
    until = deadline or today + dt.timedelta(days=conf.defer_days())
    if until <= today:
        raise DomainError(_("Batas waktu harus setelah hari ini."), code="deadline")
    longest = max(DEFER_MAX_DAYS, conf.defer_days())
    if until > today + dt.timedelta(days=longest):
        # A year typed 2062 for 2026 would hold the case for decades, unseen by the expiry.
        raise DomainError(
            _("Batas waktu paling lama %(days)s hari dari hari ini.") % {"days": longest},
            code="deadline",
        )
    return case_transition(
        case=locked,
        to=CaseStatus.DEFERRED,
        by=by,
        reason=reasons.reason_record(
            reasons.DEFERRED, missing=missing.strip(), until=f"{until:%d-%m-%Y}"
        ),
        data={"missing": items, "until": until.isoformat()},
        fields={
            **UNASSIGNED,
            "deferred_from": locked.status,
            "deferred_until": until,
            "deferred_missing": missing.strip(),
        },
    )


@transaction.atomic
def case_decide(
    *,
    case: Case,
    by: User,
    approve: bool,
    reason: str = "",
    suspend_months: int | None = None,
) -> Case:
    """The supervisor's decision (four eyes): nobody decides a case they worked on.

    A refusal of a lost or damaged passport's case may suspend issuance to the NIK for
    `suspend_months` when the loss or damage came from carelessness (Permenkumham 8/2014
    art. 41: 6 months to 2 years; never after a disaster): the NIK can neither book nor have
    a case opened until then.
    """
    locked = case_lock(case)
    require_status(locked, CaseStatus.AWAITING_SUPERVISOR)
    require_assignee(locked, by)
    if case_worked_on_by(locked, by):
        raise four_eyes_refusal()
    interview = Interview.objects.filter(case=locked).first()
    recommended = interview.recommendation if interview else Recommendation.APPROVE
    against = (recommended == Recommendation.APPROVE) != approve
    if (against or not approve) and blank(reason):
        raise DomainError(
            _("Tuliskan alasan (penolakan, atau putusan yang berbeda dari rekomendasi)."),
            code="reason_required",
        )
    suspended_until = None
    if suspend_months is not None:
        suspended_until = _suspension_end(locked, interview, approve, suspend_months)
    decided = {**UNASSIGNED, "decided_by": by, "decided_at": timezone.now()}
    data: dict[str, object] = {"recommendation": recommended, "against_recommendation": against}
    if suspended_until is not None:
        data |= {"suspended_months": suspend_months, "suspended_until": suspended_until.isoformat()}
    decided_case = case_transition(
        case=locked,
        to=CaseStatus.APPROVED if approve else CaseStatus.REJECTED,
        by=by,
        reason=reason.strip() or reasons.reason_record(reasons.APPROVED),
        data=data,
        fields=decided,
    )
    if suspended_until is not None:
        _suspend_issuance(
            decided_case, by=by, months=suspend_months, until=suspended_until, reason=reason.strip()
        )
    if not approve:
        return decided_case
    # Approval issues the bill and its billing code in the same transaction (payments owns
    # the fee computation); the case leaves here BILLED, ready to be paid.
    from paspor.payments.services import bill_issue_for_case

    bill_issue_for_case(case=decided_case, by=by)
    decided_case.refresh_from_db()
    return decided_case


def _suspension_end(case: Case, interview: Interview | None, approve: bool, months: int) -> dt.date:
    """The first day the NIK may apply again; refuses a suspension the rule does not allow."""
    if approve:
        raise DomainError(
            _("Penangguhan penerbitan hanya bersama penolakan permohonan."), code="suspension"
        )
    if not case.needs_bap:
        raise DomainError(
            _("Penangguhan karena kelalaian hanya untuk paspor yang hilang atau rusak."),
            code="suspension",
        )
    if (interview is not None and interview.disaster) or case.fine_waived_reason.strip():
        raise DomainError(
            _("Kehilangan atau kerusakan akibat bencana tidak dapat ditangguhkan."),
            code="suspension",
        )
    shortest, longest = conf.negligence_suspension_months()
    if not shortest <= months <= longest:
        raise DomainError(
            _("Lama penangguhan %(shortest)s sampai %(longest)s bulan.")
            % {"shortest": shortest, "longest": longest},
            code="suspension_months",
        )
    return add_months(office_today(case.office), months)


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months; the 31st becomes the month's last day (31 Aug + 6 → 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _suspend_issuance(
    case: Case, *, by: User, months: int | None, until: dt.date, reason: str
) -> None:
    from paspor.booking.models import NikBlock, NikBlockKind

    block = NikBlock.objects.create(
        nik=case.nik,
        until=dt.datetime.combine(until, dt.time.min, tzinfo=case.office.tz),
        kind=NikBlockKind.NEGLIGENCE,
        reason=(reason or f"Kelalaian: permohonan {case.code}")[:200],
        case_code=case.code,
    )
    audit_record(
        actor=by,
        office=case.office,
        subject=case,
        event="case.issuance_suspended",
        new={"months": months, "until": until.isoformat(), "block": block.pk},
        reason=block.reason,
    )


@transaction.atomic
def case_resume(*, case: Case, by: User) -> Case:
    """The applicant brought what was missing in time: back to the step that deferred it."""
    locked = case_lock(case)
    require_status(locked, CaseStatus.DEFERRED)
    back = CaseStatus(locked.deferred_from or CaseStatus.INTAKE)
    require_step_role(locked, by)  # an officer of the step that deferred it resumes it
    today = office_today(locked.office)
    if locked.deferred_until is not None and locked.deferred_until < today:
        raise Conflict(
            _("Batas waktu %(date)s sudah lewat: permohonan akan ditolak otomatis.")
            % {"date": date_format(locked.deferred_until, "j F Y")},
            code="deferral_expired",
        )
    resumed = case_transition(
        case=locked,
        to=back,
        by=by,
        reason=reasons.reason_record(reasons.RESUMED),
        fields={**UNASSIGNED, "deferred_until": None},
    )
    # The officer with the applicant in front of them goes on with the case, when they may work
    # that step (certificate, four eyes); otherwise it waits in the step's queue.
    try:
        with transaction.atomic():
            return case_claim(case=resumed, by=by)
    except (PermissionDenied, DomainError):
        return resumed


@transaction.atomic
def case_expire_deferred(*, case: Case) -> bool:
    """Reject one deferred case whose deadline has passed in its office; False if not due."""
    locked = case_lock(case)
    if locked.status != CaseStatus.DEFERRED or locked.deferred_until is None:
        return False
    if locked.deferred_until >= office_today(locked.office):
        return False
    case_transition(
        case=locked,
        to=CaseStatus.REJECTED,
        by=None,
        reason=reasons.reason_record(
            reasons.DEFERRAL_EXPIRED,
            until=f"{locked.deferred_until:%d-%m-%Y}",
            missing=locked.deferred_missing,
        ),
        data={"automatic": True},
    )
    return True


def cases_expire_deferred() -> int:
    """Every deferred case past its deadline, each in its own transaction; returns how many."""
    # A day's margin: office-local dates run up to 9 hours ahead of the server (WIT).
    horizon = timezone.now().date() + dt.timedelta(days=1)
    candidates = Case.objects.filter(status=CaseStatus.DEFERRED, deferred_until__lt=horizon)
    expired = 0
    for case in candidates.select_related("office").iterator():
        if case_expire_deferred(case=case):
            expired += 1
    logger.info("cases_expire_deferred: %d case(s) rejected", expired)
    return expired
