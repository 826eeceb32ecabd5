"""Where a ticket goes when the officer presses "Selesai": the route, read with its case.

A service's route lists station types (e.g. ``["intake", "biometrics"]``). Some stations do the
work of a case step: the biometrics station serves the cases waiting for photo, fingerprints
and interview. A ticket goes on to such a station only when its case is waiting there; an
applicant sent home at intake (case deferred, rejected or cancelled) is not called again at the
next counter. Kept as data, like the case lifecycle (`paspor.cases.models.ALLOWED`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from paspor.cases.models import CaseStatus
from paspor.offices.models import StationType


@dataclass(frozen=True)
class CaseGate:
    """The case statuses that decide whether a ticket may go on to a case station."""

    # The case waits for this station's work: the ticket goes there.
    work: frozenset[CaseStatus]
    # The case is still in an earlier step (or held): the ticket may not go on yet.
    pending: frozenset[CaseStatus]


CASE_GATES: dict[str, CaseGate] = {
    StationType.BIOMETRICS: CaseGate(
        work=frozenset({CaseStatus.BIOMETRICS, CaseStatus.INTERVIEW}),
        pending=frozenset({CaseStatus.INTAKE, CaseStatus.ON_HOLD}),
    ),
}

# The applicant was sent home (to complete the papers) or the case ended: the visit is over.
CASE_SENT_HOME = frozenset({CaseStatus.DEFERRED, CaseStatus.REJECTED, CaseStatus.CANCELLED})
# Any other status is past the station's work (e.g. awaiting the supervisor): it is skipped.


class FinishKind(enum.StrEnum):
    FORWARD = "forward"  # on to the station at `step`
    END = "end"  # the visit is over: last station, or the case sent the applicant home
    NOT_READY = "not_ready"  # the case is not finished here (or is held): not yet
    NO_CASE = "no_case"  # no case for the ticket: the officer says "forward" or "end visit"


@dataclass(frozen=True)
class FinishPlan:
    kind: FinishKind
    step: int | None = None  # the route step of the next station (FORWARD, NOT_READY, NO_CASE)
    case_status: CaseStatus | None = None


def next_step(route: list[str], *, step: int, station_type: str | None) -> int | None:
    """The route step after the current station; a detour returns to where it left the route."""
    on_route = station_type is not None and step < len(route) and route[step] == station_type
    after = step + 1 if on_route else step
    return after if after < len(route) else None


def finish_plan(
    route: list[str],
    *,
    step: int | None,
    case_status: CaseStatus | None,
    here: str | None = None,
) -> FinishPlan:
    """What finishing does, from the next route step and the status of the ticket's case.

    `here` is the station type the ticket stands at: a case that still waits for that station's
    own work (photo, fingerprints, interview not yet done) is not finished by "Selesai", even at
    the route's last station; the officer ends the visit on purpose when the applicant leaves.
    """
    gate_here = CASE_GATES.get(here) if here is not None else None
    if gate_here is not None and case_status in gate_here.work:
        return FinishPlan(FinishKind.NOT_READY, None, case_status)
    while step is not None:
        gate = CASE_GATES.get(route[step])
        if gate is None:
            return FinishPlan(FinishKind.FORWARD, step, case_status)
        if case_status is None:
            return FinishPlan(FinishKind.NO_CASE, step)
        if case_status in gate.work:
            return FinishPlan(FinishKind.FORWARD, step, case_status)
        if case_status in CASE_SENT_HOME:
            return FinishPlan(FinishKind.END, None, case_status)
        if case_status in gate.pending:
            return FinishPlan(FinishKind.NOT_READY, step, case_status)
        step = step + 1 if step + 1 < len(route) else None
    return FinishPlan(FinishKind.END, None, case_status)
