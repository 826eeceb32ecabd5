"""/api/cases/: a case, the caller's work queue, claiming and moving a case (409 when refused).

Same access rules as the pages: anonymous 401, no suitable role 403, another office 404.
Staff only, by browser session (a write also sends the `X-CSRFToken` header).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import P, PathEx, Router, Schema
from pydantic import ConfigDict, Field

from paspor.accounts.access import StaffAccess, require_office_role
from paspor.accounts.models import Role
from paspor.audit.pii import PiiData
from paspor.audit.services import pii_access_record
from paspor.booking.api.schemas import ApplicationTypeValue, PassportKindValue
from paspor.cases import biometrics, intake, travel_ban
from paspor.cases.adjudication import case_decide, case_defer, case_resume
from paspor.cases.models import ALLOWED, Case, CaseStatus, FineKind
from paspor.cases.selectors import QUEUE_ROLES, VIEW_ROLES, case_for_office, work_queue
from paspor.cases.services import (
    STEP_ROLES,
    case_cancel,
    case_claim,
    case_step_roles,
    require_status,
    require_step_role,
)
from paspor.cases.types import ApplicationType, PassportKind
from paspor.lib.api_auth import session_auth
from paspor.lib.api_types import Described, Text
from paspor.lib.errors import Conflict, DomainError, Forbidden, NotFound

router = Router(tags=["cases"], auth=session_auth)


CaseStatusValue = Annotated[
    CaseStatus,
    Described(
        "The case's step: `intake` (documents checked at the counter), `on_hold` (travel-ban "
        "match, for the supervisor), `biometrics` (photo and fingerprints), `interview`, "
        "`awaiting_supervisor`, `deferred` (the applicant must bring what is missing), "
        "`approved`, `billed` (waiting for payment), `paid`, `printed`, `qc_passed`, `ready` "
        "(for pickup), `handed_over`; ends `rejected` or `cancelled`."
    ),
]
RoleValue = Annotated[
    Role,
    Described(
        "A staff role: `intake` (counter), `biometrics` (photo, fingerprints, interview), "
        "`supervisor`, `print_qc`, `handover`, `head` (of the office), `hq` (headquarters), "
        "`admin`; and the non-staff `applicant`, `kiosk`, `display`."
    ),
]
FineKindValue = Annotated[
    FineKind, Described("The fine the case carries: `none`, `lost` or `damaged` (passport).")
]
OfficePath = PathEx[str, P(description="The office's code, e.g. `ketapang`.")]
CasePath = PathEx[str, P(description="The case number (letters are case-insensitive).")]


class CaseOut(Schema):
    """A passport application case as the office works it."""

    code: str = Field(
        description="The case number: 10 characters of 2–9 and A–Z, without 0, O, 1, I or L.",
        examples=["7KQ3M9XH2B"],
    )
    office: str = Field(description="The office's code.")
    status: CaseStatusValue
    status_label: str = Field(description="The status in the reader's language.")
    full_name: str = Field(description="The applicant's full name.")
    application_type: ApplicationTypeValue
    passport_kind: PassportKindValue
    validity_years: int = Field(description="Validity of the passport in years: 5 or 10.")
    express: bool = Field(description="The fast service (percepatan), at a higher fee.")
    ticket: str | None = Field(
        description="The queue ticket the case was opened from, e.g. `A-012`; `null` if none."
    )
    assigned_to: str | None = Field(
        description="Username of the officer working the case; `null` while it waits in the queue."
    )
    fine_kind: FineKindValue
    fine_waived_reason: str = Field(description="Why the fine was waived (a disaster), or empty.")
    deferred_until: dt.date | None = Field(
        description="While `deferred`: the last day to bring what is missing, ISO 8601; else "
        "`null`."
    )
    decided_by: str | None = Field(
        description="Username of the supervisor who approved or rejected it; `null` before."
    )


class QueueOut(Schema):
    """One section of the caller's work queue: the cases waiting for one step."""

    role: RoleValue = Field(
        description="The step's role: `intake` (status `intake`), `biometrics` (`biometrics` "
        "and `interview`) or `supervisor` (`awaiting_supervisor` and `on_hold`)."
    )
    cases: list[CaseOut] = Field(description="The cases waiting, oldest first; at most 200.")


class TransitionIn(Schema):
    """The status to move the case to, and what that step needs."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"to": "deferred", "reason": "Akta kelahiran asli"},
                {
                    "to": "rejected",
                    "reason": "Paspor hilang karena kelalaian",
                    "suspend_months": 12,
                },
            ]
        }
    )

    # an unknown status is a 422 naming the field, before any role check
    to: CaseStatusValue
    reason: Annotated[str, Text(2000, blank=True)] = Field(
        "",
        description="Free text, as the step needs it: what is missing (`deferred`), why "
        "(`cancelled`, `rejected`, a decision against the interview's recommendation, a "
        "travel-ban decision), or why fingerprints of poor quality are accepted (`interview`).",
    )
    # With to="rejected" on a lost or damaged passport's case: suspend issuance to the NIK for
    # this many months for carelessness (Permenkumham 8/2014 art. 41; 6–24 by default).
    suspend_months: int | None = Field(
        None,
        description="Only with `to: rejected` by the supervisor on a lost or damaged "
        "passport's case: suspend issuance to the NIK for this many months for carelessness "
        "(Permenkumham 8/2014 art. 41; 6 to 24 by default). The NIK can neither book nor "
        "apply until then.",
    )


def _out(case: Case) -> CaseOut:
    return CaseOut(
        code=case.code,
        office=case.office.code,
        status=CaseStatus(case.status),
        status_label=str(CaseStatus(case.status).label),
        full_name=case.full_name,
        application_type=ApplicationType(case.application_type),
        passport_kind=PassportKind(case.passport_kind),
        validity_years=case.validity_years,
        express=case.express,
        ticket=case.ticket.display if case.ticket else None,
        assigned_to=case.assigned_to.get_username() if case.assigned_to else None,
        fine_kind=FineKind(case.fine_kind),
        fine_waived_reason=case.fine_waived_reason,
        deferred_until=case.deferred_until,
        decided_by=case.decided_by.get_username() if case.decided_by else None,
    )


def _access(request: HttpRequest, office: str, roles: frozenset[object]) -> StaffAccess:
    try:
        return require_office_role(request, office, roles)  # type: ignore[arg-type]
    except PermissionDenied:
        raise Forbidden(_("Anda tidak berwenang."), code="forbidden") from None


def _case(request: HttpRequest, office: str, code: str) -> tuple[StaffAccess, Case]:
    access = _access(request, office, VIEW_ROLES)  # type: ignore[arg-type]
    case = case_for_office(office=access.office, code=code)
    if case is None:
        raise NotFound(_("Permohonan tidak ditemukan."), code="case_not_found")
    return access, case


@router.get("/{office}/queue", response=list[QueueOut], summary="Show the caller's work queue")
def queue(request: HttpRequest, office: OfficePath) -> list[QueueOut]:
    """Staff of the office (session) with the role `intake`, `biometrics` or `supervisor`.
    One section per such role the caller holds at the office, each with the cases waiting for
    that step, oldest first.

    - 401 not signed in (`not_signed_in`); 403 `token_not_accepted` for an applicant's bearer
      token.
    - 403 `forbidden`: none of these roles.
    - 404 `not_found`: an unknown office, or none of these roles at this office."""
    access = _access(request, office, QUEUE_ROLES)  # type: ignore[arg-type]
    return [
        QueueOut(role=section.role, cases=[_out(c) for c in section.cases])
        for section in work_queue(office=access.office, roles=access.roles)
    ]


@router.get("/{office}/{code}", response=CaseOut, summary="Show a case")
def case_get(request: HttpRequest, office: OfficePath, code: CasePath) -> CaseOut:
    """Staff of the office (session) with the role `intake`, `biometrics`, `supervisor`,
    `head` or `hq`. The case; the look-up is recorded in the log of access to personal data.

    - 401 not signed in; 403 `token_not_accepted` for an applicant's bearer token.
    - 403 `forbidden`: none of these roles.
    - 404 `not_found`: an unknown office, or none of these roles at this office;
      `case_not_found`: no such case at this office."""
    access, case = _case(request, office, code)
    pii_access_record(user=access.user, case=case, what=PiiData.CASE_API)
    return _out(case)


@router.post("/{office}/{code}/claim", response=CaseOut, summary="Take a case from the queue")
def claim(request: HttpRequest, office: OfficePath, code: CasePath) -> CaseOut:
    """Staff of the office (session, `X-CSRFToken`) whose role works the case's current step:
    `intake` or `supervisor` for `intake`; `biometrics` or `supervisor` for `biometrics` and
    `interview`; `supervisor` for `awaiting_supervisor` and `on_hold`; any of the three for
    `deferred`. Assigns the case to the caller; asking again changes nothing.

    - 401 not signed in; 403 `csrf_failed` without the CSRF token, or `token_not_accepted`.
    - 403 `forbidden`: none of the case roles; `role_not_for_step`: the caller's role does
      not work this step (a withdrawal: neither the step's role nor a supervisor); `not_certified`: no certificate for the step's station valid today
      (intake; biometrics and interview) — the reason names the certificate.
    - 404 `not_found` (another office), `case_not_found` (no such case at this office).
    - 409 `wrong_status` (no step to work in this status), `taken` (another officer has it;
      the reason names them), `four_eyes` (an `awaiting_supervisor` or `on_hold` case the
      supervisor opened or worked on: another supervisor decides it)."""
    access, case = _case(request, office, code)
    try:
        return _out(case_claim(case=case, by=access.user))
    except PermissionDenied:
        raise Forbidden(
            _("Peran Anda tidak mengerjakan langkah ini."), code="role_not_for_step"
        ) from None


@router.post(
    "/{office}/{code}/transition", response=CaseOut, summary="Move a case to another status"
)
def transition(
    request: HttpRequest, office: OfficePath, code: CasePath, body: TransitionIn
) -> CaseOut:
    """Staff of the office (session, `X-CSRFToken`) whose role works the case's current step,
    as for claiming (a case that is `approved` or further, `rejected` or `cancelled` has no
    step here: 403). The move is made by the step's own service, so every rule of that step
    applies; moving to the current status changes nothing. A move needs the case assigned to
    the caller (claim it first), except resuming a deferred case and a supervisor cancelling.

    What each move does:
    - `deferred` → its earlier step: the applicant brought what was missing in time.
    - → `cancelled`: the applicant withdraws (`reason` required; a billing code is cancelled).
    - → `deferred`: `reason` lists what is missing; the deadline is 7 days by default.
    - `intake` → `biometrics` or `on_hold`: ends intake; the travel-ban check decides which.
    - `on_hold` → `rejected`: the travel-ban match is confirmed; → any other allowed status:
      it was another person, and the case goes back to where it stopped. Both four eyes: never
      by a supervisor who opened or worked on the case.
    - `biometrics` → `interview`: photo, fingerprints and signature are complete.
    - `awaiting_supervisor` → `approved` or `rejected`: the decision (four eyes). An approval
      issues the bill: the case answers as `billed`.
    - anything else the status table allows is done on its own page (interview, payment,
      issuance): 409 `use_the_step`.

    Refusals:
    - 400 with `code`: `reason_required`, `missing_required`, `intake_incomplete`,
      `biometrics_incomplete`, `suspension` (`suspend_months` where the rule does not allow
      it), `suspension_months` (out of range); the reason says what to do.
    - 401 not signed in; 403 `csrf_failed` without the CSRF token, or `token_not_accepted`.
    - 403 `forbidden`: none of the case roles; `role_not_for_step`: the caller's role does
      not work this step; `not_certified`: no certificate valid today for the station of the
      step being worked (intake; biometrics and interview) — the reason names it.
    - 404 `not_found` (another office), `case_not_found` (no such case at this office).
    - 409 `transition_not_allowed` (the status table forbids it), `use_the_step`,
      `not_assigned` (claim it first), `taken`, `wrong_status` (also any move but a
      withdrawal of a case no step works any more: approved, billed, paid and after), `four_eyes` (the supervisor
      worked on the case), `deferral_expired`.
    - 422 an unknown `to` status."""
    access, case = _case(request, office, code)
    try:
        if body.to != CaseStatus.CANCELLED:  # case_cancel decides who may withdraw, as the page
            if not case_step_roles(case):
                require_status(case, *STEP_ROLES)  # 409 wrong_status: no step works it now
            require_step_role(case, access.user)
        moved = case_move(
            case=case,
            to=body.to,
            by=access.user,
            reason=body.reason,
            suspend_months=body.suspend_months,
        )
    except PermissionDenied:
        raise Forbidden(
            _("Peran Anda tidak mengerjakan langkah ini."), code="role_not_for_step"
        ) from None
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
