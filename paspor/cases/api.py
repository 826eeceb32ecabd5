"""/api/cases/: a case, the caller's work queue, claiming and moving a case (409 when refused).

Same access rules as the pages: anonymous 401, no suitable role 403, another office 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from paspor.accounts.access import StaffAccess, require_office_role
from paspor.audit.pii import PiiData
from paspor.audit.services import pii_access_record
from paspor.cases import biometrics, intake, travel_ban
from paspor.cases.adjudication import case_decide, case_defer, case_resume
from paspor.cases.models import ALLOWED, Case, CaseStatus
from paspor.cases.selectors import QUEUE_ROLES, VIEW_ROLES, case_for_office, work_queue
from paspor.cases.services import case_cancel, case_claim, require_step_role
from paspor.lib.api_auth import session_auth
from paspor.lib.api_types import Text
from paspor.lib.errors import Conflict, DomainError

router = Router(tags=["cases"], auth=session_auth)


class CaseOut(Schema):
    code: str
    office: str
    status: str
    status_label: str
    full_name: str
    application_type: str
    passport_kind: str
    validity_years: int
    express: bool
    ticket: str | None
    assigned_to: str | None
    fine_kind: str
    fine_waived_reason: str
    deferred_until: dt.date | None
    decided_by: str | None


class QueueOut(Schema):
    role: str
    cases: list[CaseOut]


class TransitionIn(Schema):
    to: CaseStatus  # an unknown status is a 422 naming the field, before any role check
    reason: Annotated[str, Text(2000, blank=True)] = ""
    # With to="rejected" on a lost or damaged passport's case: suspend issuance to the NIK for
    # this many months for carelessness (Permenkumham 8/2014 art. 41; 6–24 by default).
    suspend_months: int | None = None


def _out(case: Case) -> CaseOut:
    return CaseOut(
        code=case.code,
        office=case.office.code,
        status=case.status,
        status_label=str(CaseStatus(case.status).label),
        full_name=case.full_name,
        application_type=case.application_type,
        passport_kind=case.passport_kind,
        validity_years=case.validity_years,
        express=case.express,
        ticket=case.ticket.display if case.ticket else None,
        assigned_to=case.assigned_to.get_username() if case.assigned_to else None,
        fine_kind=case.fine_kind,
        fine_waived_reason=case.fine_waived_reason,
        deferred_until=case.deferred_until,
        decided_by=case.decided_by.get_username() if case.decided_by else None,
    )


def _access(request: HttpRequest, office: str, roles: frozenset[object]) -> StaffAccess:
    try:
        return require_office_role(request, office, roles)  # type: ignore[arg-type]
    except PermissionDenied:
        raise HttpError(403, _("Anda tidak berwenang.")) from None


def _case(request: HttpRequest, office: str, code: str) -> tuple[StaffAccess, Case]:
    access = _access(request, office, VIEW_ROLES)  # type: ignore[arg-type]
    case = case_for_office(office=access.office, code=code)
    if case is None:
        raise Http404
    return access, case


@router.get("/{office}/queue", response=list[QueueOut])
def queue(request: HttpRequest, office: str) -> list[QueueOut]:
    access = _access(request, office, QUEUE_ROLES)  # type: ignore[arg-type]
    return [
        QueueOut(role=section.role.value, cases=[_out(c) for c in section.cases])
        for section in work_queue(office=access.office, roles=access.roles)
    ]


@router.get("/{office}/{code}", response=CaseOut)
def case_get(request: HttpRequest, office: str, code: str) -> CaseOut:
    access, case = _case(request, office, code)
    pii_access_record(user=access.user, case=case, what=PiiData.CASE_API)
    return _out(case)


@router.post("/{office}/{code}/claim", response=CaseOut)
def claim(request: HttpRequest, office: str, code: str) -> CaseOut:
    access, case = _case(request, office, code)
    try:
        return _out(case_claim(case=case, by=access.user))
    except PermissionDenied:
        raise HttpError(403, _("Peran Anda tidak mengerjakan langkah ini.")) from None


@router.post("/{office}/{code}/transition", response=CaseOut)
def transition(request: HttpRequest, office: str, code: str, body: TransitionIn) -> CaseOut:
    """Move the case with the step's own service, so every rule of that step applies."""
    access, case = _case(request, office, code)
    try:
        require_step_role(case, access.user)
        moved = case_move(
            case=case,
            to=body.to,
            by=access.user,
            reason=body.reason,
            suspend_months=body.suspend_months,
        )
    except PermissionDenied:
        raise HttpError(403, _("Peran Anda tidak mengerjakan langkah ini.")) from None
    return _out(moved)


def case_move(
    *, case: Case, to: str, by: object, reason: str, suspend_months: int | None = None
) -> Case:
    """Dispatch a requested status to the service of that step; the table refuses first."""
    from paspor.accounts.models import User

    assert isinstance(by, User)
    if to not in CaseStatus.values:
        raise Conflict(
            _("Status “%(status)s” tidak dikenal.") % {"status": to}, code="unknown_status"
        )
    current, target = CaseStatus(case.status), CaseStatus(to)
    if suspend_months is not None and current != CaseStatus.AWAITING_SUPERVISOR:
        raise DomainError(
            _("Penangguhan penerbitan diputuskan supervisor bersama penolakan permohonan."),
            code="suspension",
        )
    if target == current:
        return case
    if target not in ALLOWED[current]:
        raise Conflict(
            _(
                "Permohonan %(code)s berstatus “%(current)s” dan tidak dapat dipindah ke "
                "“%(target)s”."
            )
            % {"code": case.code, "current": current.label, "target": target.label},
            code="transition_not_allowed",
        )
    S = CaseStatus
    if current == S.DEFERRED and target == S(case.deferred_from or S.INTAKE):
        return case_resume(case=case, by=by)
    if target == S.CANCELLED:
        return case_cancel(case=case, by=by, reason=reason)
    if target == S.DEFERRED:
        return case_defer(case=case, by=by, missing=reason)
    if current == S.INTAKE and target in (S.BIOMETRICS, S.ON_HOLD):
        return intake.case_intake_complete(case=case, by=by)
    if current == S.ON_HOLD and target == S.REJECTED:
        return travel_ban.travel_ban_refuse(case=case, by=by, reason=reason)
    if current == S.ON_HOLD:
        return travel_ban.travel_ban_clear(case=case, by=by, reason=reason)
    if current == S.BIOMETRICS and target == S.INTERVIEW:
        return biometrics.case_biometrics_complete(case=case, by=by, reason=reason)
    if current == S.AWAITING_SUPERVISOR and target in (S.APPROVED, S.REJECTED):
        return case_decide(
            case=case,
            by=by,
            approve=target == S.APPROVED,
            reason=reason,
            suspend_months=suspend_months,
        )
    raise Conflict(
        _(
            "Perpindahan ke “%(status)s” dilakukan dari langkahnya sendiri (formulir wawancara, "
            "pembayaran atau penerbitan), bukan dari sini."
        )
        % {"status": target.label},
        code="use_the_step",
    )
