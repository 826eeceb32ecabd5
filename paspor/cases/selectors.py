"""Reads: work queues, a case for an office, ticket look-up, the opening form's defaults, the
checks an officer overrode (shown to the supervisor who decides).

The case history (Riwayat) is read by `paspor.cases.timeline`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

from django.db.models import Count, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from paspor.accounts.models import Role, User
from paspor.cases.models import Case, CaseEvent, CasePhoto, CaseStatus, Finger, finger_position
from paspor.cases.services import applicant_from_ticket, ticket_is_express, user_name
from paspor.cases.types import ApplicationType, PassportKind
from paspor.lib.language import in_active_language
from paspor.offices.calendar import office_today
from paspor.offices.models import Office, ServiceKind
from paspor.queueing.models import Ticket

if TYPE_CHECKING:
    from paspor.queueing.selectors import FinishOutlook

# The statuses each role's work queue shows (opencrvs-style queues per role).
QUEUES: tuple[tuple[Role, str | Promise, tuple[CaseStatus, ...]], ...] = (
    (Role.INTAKE, _("Pemeriksaan berkas"), (CaseStatus.INTAKE,)),
    (
        Role.BIOMETRICS,
        _("Foto, sidik jari dan wawancara"),
        (CaseStatus.BIOMETRICS, CaseStatus.INTERVIEW),
    ),
    (
        Role.SUPERVISOR,
        _("Persetujuan dan cegah tangkal"),
        (CaseStatus.AWAITING_SUPERVISOR, CaseStatus.ON_HOLD),
    ),
)
QUEUE_ROLES = frozenset(role for role, _label, _statuses in QUEUES)
VIEW_ROLES = frozenset({Role.INTAKE, Role.BIOMETRICS, Role.SUPERVISOR, Role.HEAD, Role.HQ})


# The oldest cases a work queue lists; the section says how many more are waiting.
QUEUE_ROWS = 200


@dataclass(frozen=True)
class QueueSection:
    role: Role
    label: str | Promise
    cases: list[Case]
    total: int  # every case waiting for the step, listed or not


def work_queue(*, office: Office, roles: frozenset[Role] | set[Role]) -> list[QueueSection]:
    """The cases waiting for each of the viewer's steps at `office`, oldest first: at most
    `QUEUE_ROWS` each, with the people they name read in the same query."""
    sections = []
    for role, label, statuses in QUEUES:
        if role not in roles:
            continue
        waiting = Case.objects.filter(office=office, status__in=statuses)
        cases = list(
            waiting.select_related("ticket", "assigned_to", "decided_by").order_by(
                "created_at", "pk"
            )[:QUEUE_ROWS]
        )
        for case in cases:
            case.office = office  # the queue's office: no join, no query per row
        total = len(cases) if len(cases) < QUEUE_ROWS else waiting.count()
        sections.append(QueueSection(role, label, cases, total))
    return sections


def queue_waiting(*, office: Office, role: Role) -> dict[CaseStatus, int]:
    """How many cases wait at each status of `role`'s queue at `office`: together, the total of
    that role's section of `work_queue`, read in one query."""
    statuses = next(statuses for owner, _label, statuses in QUEUES if owner == role)
    rows = (
        Case.objects.filter(office=office, status__in=statuses)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = dict(rows)
    return {status: counts.get(status, 0) for status in statuses}


def deferred_cases(*, office: Office) -> QuerySet[Case]:
    return Case.objects.filter(office=office, status=CaseStatus.DEFERRED).order_by(
        "deferred_until", "pk"
    )


def case_for_office(*, office: Office, code: str) -> Case | None:
    return (
        Case.objects.select_related("office", "ticket", "booking", "assigned_to", "opened_by")
        .filter(office=office, code=code.upper())
        .first()
    )


_TICKET_CODE = re.compile(r"^\s*([A-Za-z]{1,2})\s*-?\s*(\d{1,4})\s*$")


def ticket_today(*, office: Office, code: str) -> Ticket | None:
    """Today's ticket at `office` by its display code ("A-012", "a12")."""
    found = _TICKET_CODE.match(code)
    if found is None:
        return None
    return (
        Ticket.objects.select_related("service", "booking__profile__account")
        .filter(
            office=office,
            day=office_today(office),
            prefix=found.group(1).upper(),
            number=int(found.group(2)),
        )
        .first()
    )


def ticket_being_served(*, office: Office, officer: User) -> Ticket | None:
    """The ticket this officer is serving, when the queue app says so (else None)."""
    try:
        module: Any = import_module("paspor.queueing.selectors")
    except ImportError:
        return None
    finder = getattr(module, "ticket_being_served", None)
    if finder is None:
        return None
    ticket: Ticket | None = finder(office=office, officer=officer)
    return ticket


def ticket_outlook_at_counter(case: Case, officer: User) -> FinishOutlook | None:
    """Where "Selesai" on the console sends the case's applicant, while they stand at this
    officer's counter (their ticket called or served by them); else None.

    The case page says it in the console's own terms: on to the next station, the visit over,
    or not yet (a held case cannot go on: the number is parked until it can)."""
    ticket = case.ticket
    at_counter = ("called", "serving")
    if ticket is None or ticket.officer_id != officer.pk or ticket.status not in at_counter:
        return None
    from paspor.queueing.selectors import finish_outlook  # the queue app reads its own routes

    return finish_outlook(ticket)


def case_for_ticket(ticket: Ticket) -> Case | None:
    """The live (not cancelled) case opened from `ticket`, or from its booking."""
    live = Case.objects.exclude(status=CaseStatus.CANCELLED).order_by("-created_at", "-pk")
    case = live.filter(ticket=ticket).first()
    if case is None and ticket.booking_id is not None:
        case = live.filter(booking_id=ticket.booking_id).first()
    return case


def ticket_open_defaults(ticket: Ticket | None) -> dict[str, Any]:
    """The opening form's defaults from what the ticket asked for; the officer may correct them.

    A booked ticket brings the booking's profile and answers (application type, passport kind,
    express pool); a walk-in brings its service: express (percepatan) or lost/damaged.
    """
    initial: dict[str, Any] = {"passport_kind": PassportKind.ELECTRONIC, "express": False}
    if ticket is None:
        return initial
    initial["full_name"] = ticket.holder_name
    initial["express"] = ticket_is_express(ticket)
    if ticket.service.kind == ServiceKind.LOST_DAMAGED:
        # The ticket does not say which: lost is preselected, damaged is one choice away.
        initial["application_type"] = ApplicationType.LOST
    booked = applicant_from_ticket(ticket)
    if booked is not None:
        initial.update(asdict(booked[0]))  # the data the case would open with
    return initial


# --- What the supervisor approves over -------------------------------------------------------


@dataclass(frozen=True)
class Override:
    """A rule an officer set aside with a reason: what failed, who set it aside and why."""

    failed: list[str]  # in the active language
    by: str
    reason: str


@dataclass(frozen=True)
class BiometricOverrides:
    photo: Override | None
    fingerprints: Override | None

    def __bool__(self) -> bool:
        return self.photo is not None or self.fingerprints is not None


def _photo_override(photo: CasePhoto | None) -> Override | None:
    """The accepted photo, when it failed an automatic check and was accepted all the same."""
    if photo is None or photo.passed:
        return None
    failed = [
        in_active_language(
            str(check.get("label_id") or check.get("code")), str(check.get("label_en") or "")
        )
        for check in photo.report or []
        if not check.get("passed")
    ]
    return Override(failed=failed, by=user_name(photo.accepted_by), reason=photo.accept_reason)


def _fingerprint_override(case: Case) -> Override | None:
    """The fingers below the quality limit when biometrics was finished (the event keeps their
    codes), with the reason the officer gave for going on without a better capture."""
    finished = (
        CaseEvent.objects.filter(
            case=case, from_status=CaseStatus.BIOMETRICS, to_status=CaseStatus.INTERVIEW
        )
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )
    poor = (finished.data or {}).get("poor_fingers") if finished is not None else None
    if finished is None or not poor:
        return None
    quality = {fp.finger: fp.quality for fp in case.fingerprints.all()}
    failed = []
    for code in sorted(poor, key=finger_position):
        label = str(Finger(code).label) if code in Finger.values else str(code)
        if code in quality:
            label = gettext("%(finger)s (NFIQ %(quality)s)") % {
                "finger": label,
                "quality": quality[code],
            }
        failed.append(label)
    return Override(failed=failed, by=user_name(finished.actor), reason=finished.reason)


def biometric_overrides(case: Case, *, photo: CasePhoto | None) -> BiometricOverrides:
    """What the biometrics officer accepted against the automatic checks (`photo`: the accepted
    one), so that the second person sees it before deciding (four eyes)."""
    return BiometricOverrides(
        photo=_photo_override(photo), fingerprints=_fingerprint_override(case)
    )
