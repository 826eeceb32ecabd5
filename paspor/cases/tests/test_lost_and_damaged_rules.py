"""Lost and damaged passports at the counter: the investigation (BAP) and the suspension.

The supervisor decides a lost or damaged passport's case on its BAP — carelessness may
suspend issuance, a disaster waives the fine — so the BAP is on the page where the decision is
taken. A BAP's incident cannot lie in the future. An issuance suspended for carelessness holds
for the NIK however the case reaches it: opened with it, or corrected to it at intake.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.urls import reverse

from paspor.booking.models import NikBlock, NikBlockKind
from paspor.cases import intake, interview
from paspor.cases.adjudication import case_defer
from paspor.cases.models import Case, CaseStatus
from paspor.cases.services import case_claim
from paspor.cases.tests.conftest import (
    SITI,
    finish_biometrics,
    finish_intake,
    open_case,
    tourist_answers,
)
from paspor.lib.errors import Conflict, DomainError
from paspor.offices.calendar import office_today

pytestmark = pytest.mark.django_db

LOST = dataclasses.replace(SITI, application_type="lost")


def _lost_case_at_interview(office, intake_officer, biometrics_officer) -> Case:
    case = finish_intake(open_case(office, intake_officer, data=LOST), intake_officer)
    case = finish_biometrics(case, biometrics_officer)
    case_claim(case=case, by=biometrics_officer)
    return case


def _bap(**overrides):
    values = dict(
        incident_date=dt.date(2026, 1, 10),
        incident_place="Pasar Ketapang",
        incident_account="Tas berisi paspor tertinggal di angkot jurusan Sukadana",
        police_report_number="SKKH/15/I/2026",
        notes="Pemohon membawa fotokopi paspor lama",
    )
    values.update(overrides)
    return tourist_answers(**values)


def test_the_supervisor_reads_the_bap_where_the_lost_passport_is_decided(
    client_for, office, intake_officer, biometrics_officer, supervisor
):
    case = _lost_case_at_interview(office, intake_officer, biometrics_officer)
    interview.case_interview_record(case=case, by=biometrics_officer, answers=_bap())
    case_claim(case=case, by=supervisor)
    page = client_for(supervisor).get(reverse("cases:detail", args=[office.code, case.code]))
    html = page.content.decode()
    assert "Persetujuan (adjudikasi)" in html
    assert 'id="bap"' in html
    for fact in (
        "10 Januari 2026",
        "Pasar Ketapang",
        "Tas berisi paspor tertinggal di angkot jurusan Sukadana",
        "SKKH/15/I/2026",
        "Pemohon membawa fotokopi paspor lama",
    ):
        assert fact in html, fact


def test_the_bap_says_when_a_disaster_waived_the_fine(
    client_for, office, intake_officer, biometrics_officer, supervisor
):
    case = _lost_case_at_interview(office, intake_officer, biometrics_officer)
    answers = _bap(disaster=True, fine_waived_reason="Banjir Ketapang Januari 2026")
    interview.case_interview_record(case=case, by=biometrics_officer, answers=answers)
    case_claim(case=case, by=supervisor)
    html = client_for(supervisor).get(reverse("cases:detail", args=[office.code, case.code]))
    bap = html.content.decode().split('id="bap"', 1)[1].split("</section>", 1)[0]
    assert "Ya — Banjir Ketapang Januari 2026" in bap


def test_a_bap_incident_in_the_future_is_refused_and_the_answers_stay_on_the_page(
    client_for, office, intake_officer, biometrics_officer
):
    case = _lost_case_at_interview(office, intake_officer, biometrics_officer)
    tomorrow = office_today(office) + dt.timedelta(days=1)
    with pytest.raises(DomainError) as refused:
        interview.case_interview_record(
            case=case, by=biometrics_officer, answers=_bap(incident_date=tomorrow)
        )
    assert refused.value.code == "bap_date"
    response = client_for(biometrics_officer).post(
        reverse("cases:step", args=[office.code, case.code, "wawancara"]),
        {
            "interview-purpose": "tourism",
            "interview-destination": "Malaysia",
            "interview-trip_paid_by": "self",
            "interview-incident_date": tomorrow.isoformat(),
            "interview-incident_place": "Pasar Ketapang",
            "interview-incident_account": "Tas dicuri",
            "interview-police_report_number": "SKKH/15/I/2026",
            "interview-recommendation": "approve",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "tanggal kejadian tidak boleh setelah hari ini" in html
    assert 'value="Pasar Ketapang"' in html
    case.refresh_from_db()
    assert case.status == CaseStatus.INTERVIEW


def test_an_incident_today_is_a_bap_like_any_other(office, intake_officer, biometrics_officer):
    case = _lost_case_at_interview(office, intake_officer, biometrics_officer)
    answers = _bap(incident_date=office_today(office))
    done = interview.case_interview_record(case=case, by=biometrics_officer, answers=answers)
    assert done.status == CaseStatus.AWAITING_SUPERVISOR


def test_a_nik_corrected_at_intake_to_a_suspended_one_is_refused(office, intake_officer):
    suspended = "6104016502880004"  # another woman, suspended after a careless loss
    NikBlock.objects.create(
        nik=suspended,
        until=dt.datetime.combine(
            office_today(office) + dt.timedelta(days=200), dt.time.min, tzinfo=office.tz
        ),
        kind=NikBlockKind.NEGLIGENCE,
        reason="Kelalaian: permohonan LAMA123456",
        case_code="LAMA123456",
    )
    case = open_case(office, intake_officer)
    corrected = dataclasses.replace(
        SITI, nik=suspended, full_name="Sari Dewi", birth_date=dt.date(1988, 2, 25)
    )
    with pytest.raises(Conflict) as refused:
        intake.case_data_verify(case=case, by=intake_officer, data=corrected)
    assert refused.value.code == "issuance_suspended"
    case.refresh_from_db()
    assert case.nik == SITI.nik and case.data_verified_at is None


def test_the_items_to_bring_are_shown_one_per_line(client_for, office, intake_officer):
    case = open_case(office, intake_officer)
    case_defer(case=case, by=intake_officer, missing="Akta kelahiran asli\nKartu Keluarga asli")
    html = client_for(intake_officer).get(reverse("cases:detail", args=[office.code, case.code]))
    assert "Akta kelahiran asli<br>Kartu Keluarga asli" in html.content.decode()
    queue = client_for(intake_officer).get(reverse("cases:work_queue", args=[office.code]))
    assert "Akta kelahiran asli<br>Kartu Keluarga asli" in queue.content.decode()


def test_an_approved_case_shows_the_officer_where_its_billing_code_and_slip_are(
    client_for, office, intake_officer, biometrics_officer, supervisor
):
    from paspor.cases.adjudication import case_decide
    from paspor.payments.services import fee_schedule_ensure_defaults

    fee_schedule_ensure_defaults()
    case = _lost_case_at_interview(office, intake_officer, biometrics_officer)
    interview.case_interview_record(case=case, by=biometrics_officer, answers=_bap())
    case_claim(case=case, by=supervisor)
    case_decide(case=case, by=supervisor, approve=True)
    status_url = reverse("payments:status", kwargs={"case_code": case.code})
    for officer in (supervisor, intake_officer):
        client = client_for(officer)
        html = client.get(reverse("cases:detail", args=[office.code, case.code])).content.decode()
        assert "Berikan kode billing dan slip pembayarannya kepada pemohon" in html
        assert f'href="{status_url}"' in html
        # The link opens for the officer: the code, the amount and the slip are there.
        page = client.get(status_url).content.decode()
        assert case.bill.codes.get().code[:5] in page and "Cetak slip pembayaran" in page
