"""Suspension of issuance after carelessness (STANDARDS.md §4, Permenkumham 8/2014 art. 41).

A passport lost or damaged through carelessness can suspend issuance for 6 months to 2 years;
a disaster never does. The supervisor decides it when refusing the lost/damaged case; until the
end date the NIK can neither book online nor have a case opened at the counter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.utils import formats

from paspor.booking.models import NikBlock, NikBlockKind
from paspor.booking.selectors import active_block
from paspor.booking.services.bookings import block_message
from paspor.cases import interview
from paspor.cases.adjudication import add_months, case_decide
from paspor.cases.models import CaseEvent, CaseStatus
from paspor.cases.services import case_claim
from paspor.cases.tests.conftest import (
    SITI,
    case_at,
    finish_biometrics,
    finish_intake,
    open_case,
    tourist_answers,
)
from paspor.lib.errors import Conflict, DomainError
from paspor.offices.calendar import office_today

pytestmark = pytest.mark.django_db


def lost_case_awaiting(office, intake_officer, biometrics_officer, supervisor, *, disaster=False):
    data = dataclasses.replace(SITI, application_type="lost")
    case = finish_intake(open_case(office, intake_officer, data=data), intake_officer)
    case = finish_biometrics(case, biometrics_officer)
    bap = tourist_answers(
        incident_date=dt.date(2026, 1, 10),
        incident_place="Pasar Ketapang",
        incident_account="Tas tertinggal di angkot",
        police_report_number="SKKH/15/I/2026",
        disaster=disaster,
        fine_waived_reason="Banjir Ketapang Januari 2026" if disaster else "",
    )
    case = interview.case_interview_record(case=case, by=biometrics_officer, answers=bap)
    case_claim(case=case, by=supervisor)
    return case


def test_a_refusal_for_carelessness_suspends_the_nik_for_the_chosen_months(
    office, intake_officer, biometrics_officer, supervisor
):
    case = lost_case_awaiting(office, intake_officer, biometrics_officer, supervisor)
    decided = case_decide(
        case=case,
        by=supervisor,
        approve=False,
        reason="Paspor hilang karena kelalaian berulang",
        suspend_months=12,
    )
    assert decided.status == CaseStatus.REJECTED
    block = NikBlock.objects.get(kind=NikBlockKind.NEGLIGENCE)
    assert block.nik == SITI.nik and block.case_code == case.code
    first_free_day = add_months(office_today(office), 12)
    assert block.until == dt.datetime.combine(first_free_day, dt.time.min, tzinfo=office.tz)
    event = CaseEvent.objects.filter(case=case, to_status=CaseStatus.REJECTED).get()
    assert event.data["suspended_months"] == 12
    assert event.data["suspended_until"] == first_free_day.isoformat()
    # The booking refusal says why and until when.
    found = active_block(SITI.nik, now=dt.datetime.now(tz=office.tz))
    assert found is not None
    told = formats.date_format(first_free_day, "j F Y")
    assert f"dapat diajukan mulai {told}" in block_message(found)
    assert "Permenkumham 8/2014 pasal 41" in block_message(found)


def test_no_case_can_be_opened_for_a_suspended_nik(
    office, intake_officer, biometrics_officer, supervisor
):
    case = lost_case_awaiting(office, intake_officer, biometrics_officer, supervisor)
    case_decide(case=case, by=supervisor, approve=False, reason="Kelalaian", suspend_months=6)
    with pytest.raises(Conflict, match="ditangguhkan karena kelalaian"):
        open_case(office, intake_officer, data=dataclasses.replace(SITI, application_type="lost"))


def test_a_suspended_nik_pasted_with_non_breaking_spaces_is_refused_too(
    office, intake_officer, biometrics_officer, supervisor
):
    case = lost_case_awaiting(office, intake_officer, biometrics_officer, supervisor)
    case_decide(case=case, by=supervisor, approve=False, reason="Kelalaian", suspend_months=6)
    pasted = dataclasses.replace(SITI, nik="6104\u00a00157\u00a00890\u00a00001")
    with pytest.raises(Conflict, match="ditangguhkan karena kelalaian"):
        open_case(office, intake_officer, data=pasted)


@pytest.mark.parametrize("months", [5, 25])
def test_the_length_stays_within_six_months_and_two_years(
    office, intake_officer, biometrics_officer, supervisor, months
):
    case = lost_case_awaiting(office, intake_officer, biometrics_officer, supervisor)
    with pytest.raises(DomainError, match="6 sampai 24 bulan"):
        case_decide(
            case=case, by=supervisor, approve=False, reason="Kelalaian", suspend_months=months
        )
    assert not NikBlock.objects.exists()


def test_the_bounds_are_configurable(
    office, intake_officer, biometrics_officer, supervisor, settings
):
    settings.PASPOR_NEGLIGENCE_SUSPENSION_MAX_MONTHS = 12
    case = lost_case_awaiting(office, intake_officer, biometrics_officer, supervisor)
    with pytest.raises(DomainError, match="6 sampai 12 bulan"):
        case_decide(case=case, by=supervisor, approve=False, reason="Kelalaian", suspend_months=18)


def test_a_disaster_is_never_suspended(office, intake_officer, biometrics_officer, supervisor):
    case = lost_case_awaiting(office, intake_officer, biometrics_officer, supervisor, disaster=True)
    with pytest.raises(DomainError, match="bencana"):
        case_decide(case=case, by=supervisor, approve=False, reason="Kelalaian", suspend_months=6)


def test_only_with_a_refusal(office, intake_officer, biometrics_officer, supervisor):
    case = lost_case_awaiting(office, intake_officer, biometrics_officer, supervisor)
    with pytest.raises(DomainError, match="hanya bersama penolakan"):
        case_decide(case=case, by=supervisor, approve=True, reason="ok", suspend_months=6)
    assert case.status == CaseStatus.AWAITING_SUPERVISOR


def test_only_for_a_lost_or_damaged_passport(
    office, intake_officer, biometrics_officer, supervisor
):
    case = case_at(
        CaseStatus.AWAITING_SUPERVISOR,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    case_claim(case=case, by=supervisor)
    with pytest.raises(DomainError, match="hilang atau rusak"):
        case_decide(case=case, by=supervisor, approve=False, reason="x", suspend_months=6)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 3, 17), 6, dt.date(2026, 9, 17)),
        (dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28)),
        (dt.date(2027, 8, 31), 6, dt.date(2028, 2, 29)),
        (dt.date(2026, 12, 15), 24, dt.date(2028, 12, 15)),
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
    ],
)
def test_months_are_calendar_months(day, months, expected):
    assert add_months(day, months) == expected


# --- The same over the JSON API ----------------------------------------------------------------


def transition(client, case, body):
    return client.post(
        f"/api/cases/{case.office.code}/{case.code}/transition",
        body,
        content_type="application/json",
    )


def test_the_api_refuses_with_a_suspension_and_answers_400_for_a_rule(
    client_for, office, intake_officer, biometrics_officer, supervisor
):
    case = lost_case_awaiting(office, intake_officer, biometrics_officer, supervisor)
    client = client_for(supervisor)
    missing_reason = transition(client, case, {"to": "rejected"})
    assert missing_reason.status_code == 400  # a rule, not a server error
    assert missing_reason.json()["code"] == "reason_required"
    # A zero-width space and a direction mark show nothing: no reason either (it was taken).
    invisible = transition(client, case, {"to": "rejected", "reason": "\u200b\u200e"})
    assert (invisible.status_code, invisible.json()["code"]) == (400, "reason_required")
    too_long = transition(client, case, {"to": "rejected", "reason": "x", "suspend_months": 36})
    assert too_long.status_code == 400 and "6 sampai 24 bulan" in too_long.json()["detail"]
    done = transition(client, case, {"to": "rejected", "reason": "Kelalaian", "suspend_months": 12})
    assert done.status_code == 200 and done.json()["status"] == "rejected"
    assert NikBlock.objects.filter(kind=NikBlockKind.NEGLIGENCE, case_code=case.code).exists()


def test_the_api_allows_a_suspension_only_with_the_supervisors_decision(
    client_for, office, intake_officer, biometrics_officer
):
    case = case_at(
        CaseStatus.INTAKE,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    response = transition(
        client_for(intake_officer), case, {"to": "cancelled", "reason": "x", "suspend_months": 6}
    )
    assert response.status_code == 400 and response.json()["code"] == "suspension"


# --- The supervisor's page ---------------------------------------------------------------------


def test_the_decision_page_offers_the_suspension_for_a_lost_passport_and_records_it(
    client_for, office, intake_officer, biometrics_officer, supervisor
):
    from django.urls import reverse

    case = lost_case_awaiting(office, intake_officer, biometrics_officer, supervisor)
    client = client_for(supervisor)
    page = client.get(reverse("cases:detail", args=[office.code, case.code])).content.decode()
    assert "tangguhkan penerbitan" in page and 'min="6" max="24"' in page
    step = reverse("cases:step", args=[office.code, case.code, "putusan"])
    response = client.post(
        step,
        {
            "decision-decision": "reject",
            "decision-reason": "Paspor hilang karena lalai",
            "decision-suspend_months": "9",
        },
    )
    assert response.status_code == 302
    block = NikBlock.objects.get(kind=NikBlockKind.NEGLIGENCE)
    assert block.until.astimezone(office.tz).date() == add_months(office_today(office), 9)


def test_the_decision_page_of_an_ordinary_case_has_no_suspension(
    client_for, office, intake_officer, biometrics_officer, supervisor
):
    from django.urls import reverse

    case = case_at(
        CaseStatus.AWAITING_SUPERVISOR,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    page = client_for(supervisor).get(reverse("cases:detail", args=[office.code, case.code]))
    assert "tangguhkan penerbitan" not in page.content.decode()


def test_the_history_tells_the_suspension_in_words(
    client_for, office, intake_officer, biometrics_officer, supervisor
):
    from django.urls import reverse

    case = lost_case_awaiting(office, intake_officer, biometrics_officer, supervisor)
    case_decide(case=case, by=supervisor, approve=False, reason="Kelalaian", suspend_months=12)
    history = client_for(supervisor).get(reverse("cases:timeline", args=[office.code, case.code]))
    body = history.content.decode()
    first_day = add_months(office_today(office), 12)
    assert "Penerbitan ditangguhkan 12 bulan (kelalaian)" in body
    assert f"Permohonan baru dapat diajukan mulai: {first_day:%d-%m-%Y}" in body
    assert "suspended_" not in body
