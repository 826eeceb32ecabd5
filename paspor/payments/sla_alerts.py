"""The live SLA clock: alerts when a paid case is at risk or late, and the reason for a breach.

At risk: due today or the next working day and not printed yet. Breach: still not finished
(not ready for pickup) after its due date. Each alert is raised once per case and kind (a
unique constraint), with a notification to the office's supervisors and an event on the case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.cases.models import Case, CaseStatus
from paspor.cases.services import case_event_record
from paspor.lib import reasons
from paspor.lib.errors import Conflict, DomainError
from paspor.lib.language import record_text
from paspor.lib.text import shown_length
from paspor.notifications.services import notify
from paspor.offices.calendar import OfficeCalendar
from paspor.offices.models import Office
from paspor.payments.models import SlaAlert, SlaAlertKind
from paspor.payments.selectors import SLA_OPEN_STEPS, sla_open_cases
from paspor.payments.services import (
    billing_codes_expire,
    billing_codes_warn_expiring,
    office_supervisors,
)


@dataclass(frozen=True)
class SlaCheckResult:
    at_risk: int
    breaches: int
    codes_expired: int


def _alert_raise(*, case: Case, kind: SlaAlertKind, now: dt.datetime) -> bool:
    """Raises one alert; False when it was raised before. Race: two checks at once — the unique
    (case, kind) index lets one insert win; the other skips."""
    assert case.due_date is not None
    try:
        with transaction.atomic():
            alert = SlaAlert.objects.create(
                case=case,
                office=case.office,
                kind=kind,
                due_date=case.due_date,
                raised_at=now,
                status_at_alert=case.status,
            )
            # Lazy: each supervisor's message writes the step in their own language.
            step_label = SLA_OPEN_STEPS.get(case.status, CaseStatus(case.status).label)
            # The record keeps the office's language; pages show it in their reader's.
            reason = reasons.reason_record(
                reasons.SLA_AT_RISK if kind == SlaAlertKind.AT_RISK else reasons.SLA_BREACH,
                due=case.due_date.isoformat(),
                step=record_text(step_label).lower(),
            )
            case_event_record(
                case=case,
                kind=f"sla_{kind}",
                by=None,
                reason=reason,
                data={"due_date": case.due_date.isoformat(), "status": case.status},
            )
            for supervisor in office_supervisors(case.office):
                notify(
                    to_address=supervisor.email,
                    template="payments_sla_alert",
                    context={
                        "case_code": case.code,
                        "office": case.office.name,
                        "kind": kind.value,
                        "due_date": case.due_date,
                        "step": step_label,
                        "name": supervisor.get_full_name() or supervisor.username,
                    },
                    recipient=supervisor,
                    office=case.office,
                    dedupe_key=f"sla:{alert.pk}:{supervisor.pk}",
                )
            audit_record(
                actor=None,
                office=case.office,
                subject=alert,
                event=f"payments.sla_{kind}",
                new={"case": case.code, "due_date": case.due_date, "status": case.status},
            )
    except IntegrityError:
        if SlaAlert.objects.filter(case=case, kind=kind).exists():
            return False
        raise
    return True


def sla_check_office(*, office: Office, now: dt.datetime) -> tuple[int, int]:
    today = now.astimezone(office.tz).date()
    tomorrow = OfficeCalendar(office).working_days_after(today, 1)
    open_cases = sla_open_cases(office).select_related("office")
    at_risk = breaches = 0
    already = set(SlaAlert.objects.filter(office=office).values_list("case_id", "kind"))
    risky = open_cases.filter(status=CaseStatus.PAID, due_date__gte=today, due_date__lte=tomorrow)
    for case in risky.order_by("pk"):
        if (case.pk, SlaAlertKind.AT_RISK.value) not in already:
            at_risk += _alert_raise(case=case, kind=SlaAlertKind.AT_RISK, now=now)
    for case in open_cases.filter(due_date__lt=today).order_by("pk"):
        if (case.pk, SlaAlertKind.BREACH.value) not in already:
            breaches += _alert_raise(case=case, kind=SlaAlertKind.BREACH, now=now)
    return at_risk, breaches


def sla_check(*, now: dt.datetime | None = None) -> SlaCheckResult:
    """One pass over every active office; also expires billing codes past their validity."""
    now = now or timezone.now()
    codes_expired = billing_codes_expire(now=now)
    billing_codes_warn_expiring(now=now)
    at_risk = breaches = 0
    for office in Office.objects.filter(is_active=True).order_by("pk"):
        risk, late = sla_check_office(office=office, now=now)
        at_risk, breaches = at_risk + risk, breaches + late
    return SlaCheckResult(at_risk=at_risk, breaches=breaches, codes_expired=codes_expired)


@transaction.atomic
def sla_breach_explain(
    *, case: Case, reason: str, by: User, now: dt.datetime | None = None
) -> SlaAlert:
    """Records why a case missed its due date (the supervisor's form on the SLA board)."""
    now = now or timezone.now()
    reason = reason.strip()
    if shown_length(reason) < 5:
        raise DomainError(_("Tuliskan alasan keterlambatan (paling sedikit 5 karakter)."))
    locked = Case.objects.select_for_update().select_related("office").get(pk=case.pk)
    today = now.astimezone(locked.office.tz).date()
    if locked.due_date is None or locked.due_date >= today:
        raise Conflict(
            _("Permohonan %(code)s belum melewati janji selesai.") % {"code": locked.code},
            code="not_breached",
        )
    alert, _created = SlaAlert.objects.get_or_create(
        case=locked,
        kind=SlaAlertKind.BREACH,
        defaults={
            "office": locked.office,
            "due_date": locked.due_date,
            "raised_at": now,
            "status_at_alert": locked.status,
        },
    )
    old = alert.reason
    alert.reason, alert.reason_by, alert.reason_at = reason, by, now
    alert.save(update_fields=["reason", "reason_by", "reason_at"])
    case_event_record(case=locked, kind="sla_breach_reason", by=by, reason=reason)
    audit_record(
        actor=by,
        office=locked.office,
        subject=alert,
        event="payments.sla_breach_explained",
        old={"reason": old},
        new={"reason": reason},
        reason=reason,
    )
    return alert
