"""Biometrics, interview and adjudication rules."""

import dataclasses
import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from paspor.audit.models import AuditEntry
from paspor.cases import biometrics, interview
from paspor.cases.adjudication import case_decide, case_resume, cases_expire_deferred
from paspor.cases.devices import SimulatedFingerprintScanner, fingerprint_scanner
from paspor.cases.models import CasePhoto, CaseStatus, Fingerprint
from paspor.cases.services import case_claim
from paspor.cases.tasks import cases_expire_deferred_task
from paspor.cases.tests.conftest import (
    SITI,
    blurred_photo_jpeg,
    case_at,
    finish_biometrics,
    finish_intake,
    good_photo_jpeg,
    open_case,
    signature_png,
    tourist_answers,
)
from paspor.lib.errors import Conflict, DomainError
from paspor.notifications.models import Message

pytestmark = pytest.mark.django_db


# --- Photo ----------------------------------------------------------------------------------


def test_a_good_photo_passes_is_stored_with_thumbnail_and_print_and_is_accepted(
    at_biometrics, biometrics_officer
):
    photo = biometrics.case_photo_add(
        case=at_biometrics, by=biometrics_officer, data=good_photo_jpeg(), source="upload"
    )
    assert photo.passed
    assert {c["code"] for c in photo.report} >= {"face_count", "head_height", "sharpness"}
    assert all("value" in c and "limit" in c for c in photo.report)
    assert photo.thumbnail.read()[:3] == b"\xff\xd8\xff"
    assert photo.print_version.read()[:3] == b"\xff\xd8\xff"
    photo = biometrics.case_photo_accept(case=at_biometrics, photo=photo, by=biometrics_officer)
    assert photo.accepted_at is not None and photo.accept_reason == ""


def test_photo_limits_follow_the_configured_thresholds(at_biometrics, biometrics_officer, settings):
    # STANDARDS.md §9: every threshold configurable; 120 px between the eyes is recommended.
    settings.PASPOR_PHOTO_THRESHOLDS = {"eye_distance_min_px": 120, "head_max_pct": 72}
    photo = biometrics.case_photo_add(
        case=at_biometrics, by=biometrics_officer, data=good_photo_jpeg(), source="upload"
    )
    report = {c["code"]: c for c in photo.report}
    assert report["eye_distance"]["limit"] == "≥ 120 px"
    assert report["head_height"]["limit"] == "70–72 %"
    # The good photo: head at 75 % of the height, about 104 px between the eyes.
    assert {code for code, c in report.items() if not c["passed"]} == {
        "eye_distance",
        "head_height",
    }


def test_photo_thresholds_come_from_the_environment_and_refuse_unknown_fields(
    settings, monkeypatch
):
    from paspor.cases.conf import photo_thresholds
    from paspor.lib.env import ConfigError
    from paspor.lib.photo_quality import DEFAULT_THRESHOLDS

    assert photo_thresholds() == DEFAULT_THRESHOLDS
    monkeypatch.setenv("PASPOR_PHOTO_EYE_DISTANCE_MIN_PX", "120")
    assert photo_thresholds().eye_distance_min_px == 120
    settings.PASPOR_PHOTO_THRESHOLDS = {"eye_distanse_min_px": 120}
    with pytest.raises(ConfigError):
        photo_thresholds()
    settings.PASPOR_PHOTO_THRESHOLDS = {"head_min_pct": 85}
    with pytest.raises(ConfigError):
        photo_thresholds()


def test_a_failing_photo_is_accepted_only_with_a_reason(at_biometrics, biometrics_officer):
    photo = biometrics.case_photo_add(
        case=at_biometrics, by=biometrics_officer, data=blurred_photo_jpeg(), source="webcam"
    )
    assert not photo.passed
    assert [c["code"] for c in photo.report if not c["passed"]] == ["sharpness"]
    with pytest.raises(DomainError, match="alasan"):
        biometrics.case_photo_accept(case=at_biometrics, photo=photo, by=biometrics_officer)
    photo = biometrics.case_photo_accept(
        case=at_biometrics, photo=photo, by=biometrics_officer, reason="Pemohon tunanetra, gerak"
    )
    assert photo.accept_reason == "Pemohon tunanetra, gerak"
    assert AuditEntry.objects.filter(
        event="case.photo_accepted", reason="Pemohon tunanetra, gerak"
    ).exists()


def test_a_photo_without_a_face_fails_the_face_count(at_biometrics, biometrics_officer):
    import cv2
    import numpy as np

    _, blank = cv2.imencode(".png", np.full((531, 480, 3), 255, np.uint8))
    photo = biometrics.case_photo_add(
        case=at_biometrics, by=biometrics_officer, data=blank.tobytes(), source="upload"
    )
    assert [(c["code"], c["value"]) for c in photo.report] == [("face_count", 0.0)]


def test_a_photo_that_is_not_an_image_is_refused(at_biometrics, biometrics_officer):
    with pytest.raises(DomainError):
        biometrics.case_photo_add(
            case=at_biometrics, by=biometrics_officer, data=b"%PDF-1.4 foto", source="upload"
        )
    assert not CasePhoto.objects.exists()


# --- Fingerprints and signature ---------------------------------------------------------------


def test_the_simulator_gives_images_and_nfiq_like_scores():
    scanner = SimulatedFingerprintScanner()
    captures = [scanner.capture(finger="right_index", subject=str(i), attempt=1) for i in range(24)]
    assert all(c.png.startswith(b"\x89PNG") and 1 <= c.quality <= 5 for c in captures)
    assert {c.quality for c in captures} & {1, 2}
    assert isinstance(fingerprint_scanner(), SimulatedFingerprintScanner)


def test_four_fingers_are_captured_and_a_finger_can_be_captured_again(
    at_biometrics, biometrics_officer
):
    rows = biometrics.case_fingerprints_capture(case=at_biometrics, by=biometrics_officer)
    assert sorted(r.finger for r in rows) == [
        "left_index",
        "left_thumb",
        "right_index",
        "right_thumb",
    ]
    biometrics.case_fingerprints_capture(
        case=at_biometrics, by=biometrics_officer, fingers=["left_index"]
    )
    assert Fingerprint.objects.get(case=at_biometrics, finger="left_index").attempts == 2
    assert Fingerprint.objects.filter(case=at_biometrics).count() == 4


def test_poor_fingerprints_need_a_reason_to_go_on(at_biometrics, biometrics_officer, settings):
    photo = biometrics.case_photo_add(
        case=at_biometrics, by=biometrics_officer, data=good_photo_jpeg(), source="upload"
    )
    biometrics.case_photo_accept(case=at_biometrics, photo=photo, by=biometrics_officer)
    biometrics.case_fingerprints_capture(case=at_biometrics, by=biometrics_officer)
    biometrics.case_signature_add(
        case=at_biometrics, by=biometrics_officer, data=signature_png(), source="pad"
    )
    Fingerprint.objects.filter(case=at_biometrics, finger="left_thumb").update(quality=5)
    with pytest.raises(DomainError, match="Ibu jari kiri"):
        biometrics.case_biometrics_complete(case=at_biometrics, by=biometrics_officer)
    case = biometrics.case_biometrics_complete(
        case=at_biometrics, by=biometrics_officer, reason="Ibu jari kiri aus (petani)"
    )
    assert case.status == CaseStatus.INTERVIEW and case.assigned_to == biometrics_officer


def test_biometrics_cannot_finish_without_photo_prints_and_signature(
    at_biometrics, biometrics_officer
):
    with pytest.raises(DomainError) as refused:
        biometrics.case_biometrics_complete(case=at_biometrics, by=biometrics_officer)
    for part in ("Foto", "Sidik jari", "Tanda tangan"):
        assert part in refused.value.message


def test_an_empty_signature_pad_is_refused(at_biometrics, biometrics_officer):
    import cv2
    import numpy as np

    _, blank = cv2.imencode(".png", np.full((140, 480), 255, np.uint8))
    with pytest.raises(DomainError, match="kosong"):
        biometrics.case_signature_add(
            case=at_biometrics, by=biometrics_officer, data=blank.tobytes(), source="pad"
        )


# --- Interview ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "flags"),
    [
        (dict(), []),
        (
            dict(purpose="work", destination="Malaysia"),
            ["work_without_placement", "work_without_contract"],
        ),
        (
            dict(
                purpose="work",
                placement_agency="PT Resmi",
                pmi_registration="PMI-1",
                employment_contract=True,
            ),
            [],
        ),
        (dict(purpose="family", employer_abroad="Tuan Lim, Johor"), ["employer_on_visit"]),
        (dict(trip_paid_by="agent"), ["paid_by_agent"]),
    ],
)
def test_answers_suggesting_non_procedural_migrant_work_are_flagged(answers, flags):
    found = interview.interview_flags(tourist_answers(**answers))
    assert [f["code"] for f in found] == flags


def test_a_flagged_interview_recommending_approval_needs_a_reason(at_interview, biometrics_officer):
    answers = tourist_answers(trip_paid_by="agent")
    with pytest.raises(DomainError, match="alasan"):
        interview.case_interview_record(case=at_interview, by=biometrics_officer, answers=answers)
    answers = dataclasses.replace(answers, recommendation_reason="Dibayari paman kandung")
    case = interview.case_interview_record(
        case=at_interview, by=biometrics_officer, answers=answers
    )
    assert case.status == CaseStatus.AWAITING_SUPERVISOR and case.assigned_to is None
    assert case.interview.flags[0]["code"] == "paid_by_agent"


def test_a_deferral_from_the_interview_defaults_to_seven_days_and_is_configurable(
    at_interview, biometrics_officer, settings, office
):
    settings.PASPOR_CASE_DEFER_DAYS = 3
    answers = tourist_answers(recommendation="defer", missing="Surat sponsor")
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=office.tz)):
        case = interview.case_interview_record(
            case=at_interview, by=biometrics_officer, answers=answers
        )
    assert case.status == CaseStatus.DEFERRED and case.deferred_until == dt.date(2026, 3, 5)
    assert Message.objects.filter(template="case_deferred", to_address=SITI.email).exists()


def test_a_reject_recommendation_needs_a_reason_and_still_goes_to_the_supervisor(
    at_interview, biometrics_officer
):
    with pytest.raises(DomainError):
        interview.case_interview_record(
            case=at_interview,
            by=biometrics_officer,
            answers=tourist_answers(recommendation="reject"),
        )
    case = interview.case_interview_record(
        case=at_interview,
        by=biometrics_officer,
        answers=tourist_answers(recommendation="reject", recommendation_reason="Keterangan palsu"),
    )
    assert case.status == CaseStatus.AWAITING_SUPERVISOR


def _lost_case_at_interview(office, intake_officer, biometrics_officer):
    data = dataclasses.replace(SITI, application_type="lost")
    case = finish_intake(open_case(office, intake_officer, data=data), intake_officer)
    return finish_biometrics(case, biometrics_officer)


def test_a_lost_passport_goes_through_the_bap_and_a_disaster_waives_the_fine(
    office, intake_officer, biometrics_officer
):
    case = _lost_case_at_interview(office, intake_officer, biometrics_officer)
    with pytest.raises(DomainError, match="BAP"):
        interview.case_interview_record(case=case, by=biometrics_officer, answers=tourist_answers())
    bap = tourist_answers(
        incident_date=dt.date(2026, 1, 10),
        incident_place="Sungai Pawan",
        incident_account="Rumah terendam banjir",
        police_report_number="SKKH/12/I/2026",
        disaster=True,
    )
    with pytest.raises(DomainError, match="Bencana"):
        interview.case_interview_record(case=case, by=biometrics_officer, answers=bap)
    bap = dataclasses.replace(bap, fine_waived_reason="Banjir Ketapang Januari 2026")
    case = interview.case_interview_record(case=case, by=biometrics_officer, answers=bap)
    assert case.fine_kind == "lost" and case.fine_waived_reason == "Banjir Ketapang Januari 2026"
    assert case.interview.police_report_number == "SKKH/12/I/2026"


# --- Adjudication -----------------------------------------------------------------------------


@pytest.fixture
def awaiting(office, intake_officer, biometrics_officer):
    return case_at(
        CaseStatus.AWAITING_SUPERVISOR,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )


def test_supervisor_cannot_approve_a_case_they_opened(
    office, supervisor, biometrics_officer, second_supervisor
):
    case = finish_intake(open_case(office, supervisor), supervisor)
    case = finish_biometrics(case, biometrics_officer)
    case = interview.case_interview_record(
        case=case, by=biometrics_officer, answers=tourist_answers()
    )
    with pytest.raises(Conflict, match="empat mata"):
        case_claim(case=case, by=supervisor)  # not even taken: it would only be parked there
    from paspor.cases.models import Case
    from paspor.cases.services import case_reassign

    with pytest.raises(Conflict, match="empat mata"):  # nor handed to them by another
        case_reassign(case=case, to=supervisor, by=second_supervisor, reason="uji")
    Case.objects.filter(pk=case.pk).update(assigned_to=supervisor)  # as assigned before the rule
    with pytest.raises(Conflict, match="empat mata"):
        case_decide(case=case, by=supervisor, approve=True)
    case_reassign(case=case, to=second_supervisor, by=supervisor, reason="empat mata")
    assert case_decide(case=case, by=second_supervisor, approve=True).status == CaseStatus.BILLED


def test_supervisor_cannot_approve_a_case_they_interviewed(
    office, intake_officer, supervisor, second_supervisor
):
    case = finish_intake(open_case(office, intake_officer), intake_officer)
    case = finish_biometrics(case, supervisor)  # the supervisor stood in at the biometrics desk
    case = interview.case_interview_record(case=case, by=supervisor, answers=tourist_answers())
    with pytest.raises(Conflict, match="empat mata"):
        case_claim(case=case, by=supervisor)
    from paspor.cases.services import case_reassign

    with pytest.raises(Conflict, match="empat mata") as refused:
        case_reassign(case=case, to=supervisor, by=second_supervisor, reason="Loket 2 kosong")
    assert refused.value.code == "four_eyes"


def test_the_database_refuses_a_decider_who_opened_the_case(awaiting, intake_officer):
    from django.db import IntegrityError, transaction

    from paspor.cases.models import Case

    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=awaiting.pk).update(decided_by=intake_officer)


def test_a_rejection_needs_a_reason_and_tells_the_applicant(awaiting, supervisor):
    case_claim(case=awaiting, by=supervisor)
    with pytest.raises(DomainError):
        case_decide(case=awaiting, by=supervisor, approve=False)
    case = case_decide(case=awaiting, by=supervisor, approve=False, reason="Dokumen dipalsukan")
    assert case.status == CaseStatus.REJECTED and case.decided_by == supervisor
    assert Message.objects.filter(template="case_rejected").count() == 1


def test_approving_against_a_reject_recommendation_needs_a_reason(
    office, intake_officer, biometrics_officer, supervisor
):
    case = case_at(
        CaseStatus.INTERVIEW,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    case = interview.case_interview_record(
        case=case,
        by=biometrics_officer,
        answers=tourist_answers(recommendation="reject", recommendation_reason="ragu"),
    )
    case_claim(case=case, by=supervisor)
    with pytest.raises(DomainError, match="rekomendasi"):
        case_decide(case=case, by=supervisor, approve=True)
    assert (
        case_decide(case=case, by=supervisor, approve=True, reason="Sudah diklarifikasi").status
        == "billed"
    )


def test_the_supervisor_must_take_the_case_before_deciding(awaiting, supervisor):
    with pytest.raises(Conflict, match="belum diambil"):
        case_decide(case=awaiting, by=supervisor, approve=True)


# --- Deferred cases ---------------------------------------------------------------------------


@pytest.fixture
def deferred(office, intake_officer, biometrics_officer):
    case = case_at(
        CaseStatus.INTERVIEW,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=office.tz)):
        return interview.case_interview_record(
            case=case,
            by=biometrics_officer,
            answers=tourist_answers(recommendation="defer", missing="Surat rekomendasi Disnaker"),
        )


def test_a_deferred_case_past_its_deadline_is_rejected_by_the_task_with_notice(deferred, office):
    with time_machine.travel(dt.datetime(2026, 3, 9, 23, 0, tzinfo=office.tz)):
        assert cases_expire_deferred_task.call() == 0  # the deadline day itself still counts
    with time_machine.travel(dt.datetime(2026, 3, 10, 0, 5, tzinfo=office.tz)):
        assert cases_expire_deferred_task.call() == 1
        assert cases_expire_deferred() == 0  # repeat-safe
    deferred.refresh_from_db()
    assert deferred.status == CaseStatus.REJECTED
    event = deferred.events.get(to_status="rejected")
    assert event.actor is None and "Disnaker" in event.reason
    assert Message.objects.filter(template="case_rejected", to_address=SITI.email).exists()


def test_the_scheduler_command_expires_deferred_cases(deferred, office, capsys):
    with time_machine.travel(dt.datetime(2026, 3, 12, 8, tzinfo=office.tz)):
        call_command("cases_expire_deferred")
    assert "1 permohonan ditolak" in capsys.readouterr().out
    deferred.refresh_from_db()
    assert deferred.status == CaseStatus.REJECTED


def test_a_deferred_case_resumes_at_the_step_that_deferred_it(deferred, office, biometrics_officer):
    with time_machine.travel(dt.datetime(2026, 3, 6, 9, tzinfo=office.tz)):
        case = case_resume(case=deferred, by=biometrics_officer)
    assert case.status == CaseStatus.INTERVIEW and case.deferred_until is None
    with time_machine.travel(dt.datetime(2026, 3, 6, 9, tzinfo=office.tz)):
        case = case_claim(case=case, by=biometrics_officer)
        case = interview.case_interview_record(
            case=case, by=biometrics_officer, answers=tourist_answers()
        )
    assert case.status == CaseStatus.AWAITING_SUPERVISOR


def test_a_deferred_case_past_its_deadline_cannot_resume(deferred, office, biometrics_officer):
    with (
        time_machine.travel(dt.datetime(2026, 3, 11, 9, tzinfo=office.tz)),
        pytest.raises(Conflict),
    ):
        case_resume(case=deferred, by=biometrics_officer)
