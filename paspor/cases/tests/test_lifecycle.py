"""The case lifecycle table and its one door."""

import datetime as dt

import pytest

from paspor.audit.models import AuditEntry
from paspor.cases.models import ALLOWED, TERMINAL, Case, CaseEvent, CaseStatus
from paspor.cases.services import case_transition
from paspor.cases.types import ApplicationType
from paspor.lib.errors import Conflict
from paspor.notifications.models import Message


def make_case(office, opened_by, **overrides):
    values = dict(
        office=office,
        opened_by=opened_by,
        nik="6104015708900001",
        full_name="Siti Aminah",
        sex="F",
        birth_date=dt.date(1990, 8, 17),
        birth_place="Ketapang",
        email="siti@example.com",
        application_type=ApplicationType.NEW_ADULT,
    )
    values.update(overrides)
    return Case.objects.create(**values)


def test_every_status_is_in_the_table():
    assert set(ALLOWED) == set(CaseStatus)
    for targets in ALLOWED.values():
        assert targets <= set(CaseStatus)
    assert {CaseStatus.HANDED_OVER, CaseStatus.REJECTED, CaseStatus.CANCELLED} == TERMINAL


def test_every_status_can_be_reached_from_intake():
    seen, frontier = {CaseStatus.INTAKE}, [CaseStatus.INTAKE]
    while frontier:
        for target in ALLOWED[frontier.pop()]:
            if target not in seen:
                seen.add(target)
                frontier.append(target)
    assert seen == set(CaseStatus)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "target"),
    [(a, b) for a in CaseStatus for b in CaseStatus if a != b and b not in ALLOWED[a]],
)
def test_a_move_the_table_forbids_is_refused_and_changes_nothing(
    office, intake_officer, start, target
):
    case = make_case(office, intake_officer, status=start)
    with pytest.raises(Conflict):
        case_transition(case=case, to=target, by=intake_officer)
    case.refresh_from_db()
    assert case.status == start
    assert not CaseEvent.objects.filter(case=case).exists()


@pytest.mark.django_db
def test_transition_writes_event_audit_row_and_outbox_message(office, intake_officer):
    case = make_case(office, intake_officer, status=CaseStatus.AWAITING_SUPERVISOR)
    case_transition(case=case, to=CaseStatus.DEFERRED, by=intake_officer, reason="KK belum ada")
    event = CaseEvent.objects.get(case=case)
    assert (event.from_status, event.to_status, event.reason) == (
        "awaiting_supervisor",
        "deferred",
        "KK belum ada",
    )
    audit = AuditEntry.objects.get(event="case.transition", subject_id=str(case.pk))
    assert audit.old == {"status": "awaiting_supervisor"} and audit.actor == intake_officer
    assert (
        Message.objects.filter(template="case_deferred", to_address="siti@example.com").count() == 1
    )


@pytest.mark.django_db
def test_repeating_a_transition_is_safe(office, intake_officer):
    case = make_case(office, intake_officer)
    case_transition(case=case, to=CaseStatus.BIOMETRICS, by=intake_officer)
    case_transition(case=case, to=CaseStatus.BIOMETRICS, by=intake_officer)
    assert CaseEvent.objects.filter(case=case).count() == 1


@pytest.mark.django_db
def test_hold_remembers_where_the_case_was(office, intake_officer):
    case = make_case(office, intake_officer, status=CaseStatus.INTERVIEW)
    case = case_transition(case=case, to=CaseStatus.ON_HOLD, by=intake_officer, reason="cekal")
    assert case.status_before_hold == CaseStatus.INTERVIEW


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "target"), [(a, b) for a in CaseStatus for b in sorted(ALLOWED[a])]
)
def test_every_move_the_table_allows_is_made_once_and_repeating_it_changes_nothing(
    office, intake_officer, start, target
):
    case = make_case(office, intake_officer, status=start)
    moved = case_transition(case=case, to=target, by=intake_officer, reason="uji")
    again = case_transition(case=case, to=target, by=intake_officer, reason="uji")
    assert moved.status == again.status == target
    assert CaseEvent.objects.filter(case=case).count() == 1
    assert AuditEntry.objects.filter(event="case.transition", subject_id=str(case.pk)).count() == 1


def test_the_diagram_in_the_docs_is_the_table():
    """docs/cases.md draws ALLOWED as a mermaid state diagram; the two must not drift apart."""
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[3] / "docs" / "cases.md").read_text()
    diagram = text.split("```mermaid", 1)[1].split("```", 1)[0]
    edges = set(re.findall(r"^\s*(\w+)\s*-->\s*(\w+)", diagram, re.MULTILINE))
    table = {(a.value, b.value) for a in CaseStatus for b in ALLOWED[a]}
    drawn = {(a, b) for a, b in edges if a != "[*]" and b != "[*]"}
    assert drawn == table
