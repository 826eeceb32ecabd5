"""Reads: work queues, a case for an office, ticket look-up, the timeline."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from paspor.accounts.models import Role, User
from paspor.cases.models import Case, CaseEvent, CaseStatus
from paspor.offices.calendar import office_today
from paspor.offices.models import Office
from paspor.queueing.models import Ticket

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


@dataclass(frozen=True)
class QueueSection:
    role: Role
    label: str | Promise
    cases: list[Case]


def work_queue(*, office: Office, roles: frozenset[Role] | set[Role]) -> list[QueueSection]:
    """The cases waiting for each of the viewer's steps at `office`, oldest first."""
    sections = []
    for role, label, statuses in QUEUES:
        if role not in roles:
            continue
        cases = (
            Case.objects.filter(office=office, status__in=statuses)
            .select_related("ticket", "assigned_to")
            .order_by("created_at", "pk")
        )
        sections.append(QueueSection(role, label, list(cases[:200])))
    return sections


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
        Ticket.objects.select_related("booking__profile__account")
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


EVENT_LABELS: dict[str, str | Promise] = {
    "opened": _("Permohonan dibuka"),
    "claimed": _("Diambil dari antrean"),
    "reassigned": _("Dialihkan"),
    "data_verified": _("Data diverifikasi"),
    "parents_recorded": _("Data orang tua dicatat"),
    "documents_checked": _("Dokumen asli diperiksa"),
    "scan_added": _("Pindaian diunggah"),
    "previous_passport_recorded": _("Paspor lama dicatat"),
    "photo_added": _("Foto diambil"),
    "photo_accepted": _("Foto diterima"),
    "fingerprints_captured": _("Sidik jari dipindai"),
    "signature_added": _("Tanda tangan diambil"),
    "interview_recorded": _("Wawancara dicatat"),
}


@dataclass(frozen=True)
class TimelineRow:
    event: CaseEvent
    label: str
    details: str


def _details(data: dict[str, Any]) -> str:
    return "; ".join(
        f"{key}: {value}" for key, value in data.items() if value not in ("", None, [], {})
    )


def case_timeline(case: Case) -> list[TimelineRow]:
    """Every event of the case, oldest first, with a readable label and its details."""
    events = CaseEvent.objects.filter(case=case).select_related("actor").order_by("at", "pk")
    rows = []
    for event in events:
        if event.kind == "transition":
            label = f"{event.get_from_status_display()} → {event.get_to_status_display()}"
        else:
            label = str(EVENT_LABELS.get(event.kind, event.kind))
        rows.append(TimelineRow(event, label, _details(event.data)))
    return rows
