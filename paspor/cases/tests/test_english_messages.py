"""Refusals and checklists at intake, the photo station and the interview speak the officer's
language; what the case records (event reasons, stored labels and flags) stays Indonesian."""

import dataclasses
import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import refusal
from paspor.cases import biometrics, intake, interview
from paspor.cases.models import CaseDocument, CaseEvent, CaseStatus, Fingerprint, Interview
from paspor.cases.tests.conftest import (
    SITI,
    finish_intake,
    good_photo_jpeg,
    open_case,
    signature_png,
    tourist_answers,
)

pytestmark = pytest.mark.django_db

CHILD = dataclasses.replace(
    SITI, full_name="Rizky", nik="6104010105180003", sex="M",
    birth_date=dt.date(2018, 5, 1), application_type="new_child",
)  # fmt: skip
REPLACEMENT = dataclasses.replace(SITI, application_type="replacement")


def _refusal(service, **kwargs) -> str:
    return refusal(service, **kwargs).message


# --- Intake ---------------------------------------------------------------------------------


def test_the_intake_checklist_reads_in_english(office, intake_officer):
    case = open_case(office, intake_officer)
    with translation.override("en"):
        problems = intake.intake_problems(case)
    assert "The applicant's data has not been verified against the original documents." in problems
    assert (  # one sentence naming every document still to see
        "Original document not checked or missing: Original electronic identity card (e-KTP); "
        "Original family card (KK); Original birth certificate, marriage certificate, diploma "
        "or baptism letter."
    ) in problems
    assert not any("Dokumen asli" in p for p in problems)


def test_the_intake_checklist_stays_indonesian_by_default(office, intake_officer):
    problems = intake.intake_problems(open_case(office, intake_officer))
    assert "Data pemohon belum diverifikasi terhadap dokumen asli." in problems
    assert (
        "Dokumen asli belum diperiksa atau tidak ada: KTP elektronik (e-KTP) asli; Kartu "
        "Keluarga (KK) asli; Akta kelahiran, akta perkawinan/buku nikah, ijazah, atau surat "
        "baptis asli."
    ) in problems
    assert sum("Dokumen asli" in problem for problem in problems) == 1


def test_a_replacement_without_the_old_passport_is_refused_in_english(office, intake_officer):
    case = open_case(office, intake_officer, data=REPLACEMENT)
    with translation.override("en"):
        message = _refusal(intake.case_intake_complete, case=case, by=intake_officer)
    assert "Record the old passport number for a replacement application." in message
    assert "Catat nomor paspor lama" not in message
    message = _refusal(intake.case_intake_complete, case=case, by=intake_officer)
    assert "Catat nomor paspor lama untuk permohonan penggantian." in message


def test_a_still_valid_old_passport_is_explained_in_english(office, intake_officer):
    case = open_case(office, intake_officer)
    case.previous_passport_number = "B1234567"
    case.previous_passport_expiry = dt.date(2099, 1, 31)
    with translation.override("en"):
        problem = intake.previous_passport_problem(case, dt.date(2026, 1, 1))
    assert problem == (
        "The applicant still holds passport B1234567, valid until 31 January 2099: only a "
        "replacement can be applied for, not a new passport."
    )


def test_a_wrong_parent_nik_and_a_bad_mrz_are_explained_in_english(office, intake_officer):
    case = open_case(office, intake_officer, data=CHILD)
    father = intake.ParentData("father", "Ahmad", "123", True)
    with translation.override("en"):
        nik = _refusal(intake.case_parents_record, case=case, by=intake_officer, parents=[father])
        mrz = _refusal(
            intake.previous_passport_read,
            number="",
            expiry=None,
            mrz_line1="P<IDN",
            mrz_line2="123",
            today=dt.date(2026, 1, 1),
        )
    assert nik == "Father's NIK: A NIK has exactly 16 digits, not 3."
    assert mrz.startswith("Invalid MRZ: The line is 5 characters long")
    assert _refusal(
        intake.case_parents_record, case=case, by=intake_officer, parents=[father]
    ).startswith("NIK Ayah: NIK harus terdiri dari 16 angka")


def test_intake_finished_in_english_is_recorded_in_indonesian(office, intake_officer):
    case = open_case(office, intake_officer)
    with translation.override("en"):
        case = finish_intake(case, intake_officer)
    assert case.status == CaseStatus.BIOMETRICS
    assert CaseEvent.objects.get(case=case, to_status=CaseStatus.BIOMETRICS).reason == (
        "Pemeriksaan berkas selesai."
    )
    assert CaseDocument.objects.get(case=case, code="ktp").label == "KTP elektronik (e-KTP) asli"


def test_the_intake_page_in_english_lists_what_is_missing_in_english(
    office, intake_officer, client_for, settings
):
    case = open_case(office, intake_officer, data=REPLACEMENT)
    client = client_for(intake_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("cases:detail", args=[office.code, case.code])).content.decode()
    missing = re.search(r"Original document not checked or missing: ([^<]*)\.</li>", page)
    assert missing is not None and "Original family card (KK)" in missing.group(1)
    assert "Record the old passport number for a replacement application." in page
    assert "Dokumen asli belum diperiksa" not in page and "Catat nomor paspor lama" not in page


def test_moving_a_case_to_another_officer_is_a_reassignment_in_english(
    office, intake_officer, supervisor, client_for, settings
):
    case = open_case(office, intake_officer)
    client = client_for(supervisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("cases:detail", args=[office.code, case.code])).content.decode()
    # Not "hand over" (the passport's, to its holder) nor "transfer" (a ticket's, to a counter).
    assert "<summary>Reassign to another officer</summary>" in page
    assert '<button type="submit" class="secondary">Reassign</button>' in page


# --- Photo station --------------------------------------------------------------------------


def test_the_photo_station_refusal_reads_in_english(at_biometrics, biometrics_officer):
    with translation.override("en"):
        message = _refusal(
            biometrics.case_biometrics_complete, case=at_biometrics, by=biometrics_officer
        )
    assert "The photo has not been accepted yet." in message
    assert "Fingerprints not yet taken: Right thumb, " in message
    assert "The signature has not been taken yet." in message
    assert "Foto belum diterima" not in message and "Ibu jari" not in message


def test_the_photo_station_refusal_stays_indonesian_by_default(at_biometrics, biometrics_officer):
    message = _refusal(
        biometrics.case_biometrics_complete, case=at_biometrics, by=biometrics_officer
    )
    assert "Foto belum diterima." in message
    assert "Sidik jari belum diambil: Ibu jari kanan, " in message
    assert "Tanda tangan belum diambil." in message


def test_poor_fingerprints_are_named_in_english_and_recorded_as_codes(
    at_biometrics, biometrics_officer
):
    photo = biometrics.case_photo_add(
        case=at_biometrics, by=biometrics_officer, data=good_photo_jpeg(), source="upload"
    )
    biometrics.case_photo_accept(case=at_biometrics, photo=photo, by=biometrics_officer)
    biometrics.case_fingerprints_capture(case=at_biometrics, by=biometrics_officer)
    biometrics.case_signature_add(
        case=at_biometrics, by=biometrics_officer, data=signature_png(), source="pad"
    )
    # The simulated scanner smudges about one finger in sixteen (by case code): only the left
    # thumb is poor here, whatever code the case drew.
    Fingerprint.objects.filter(case=at_biometrics).update(quality=1)
    Fingerprint.objects.filter(case=at_biometrics, finger="left_thumb").update(quality=5)
    with translation.override("en"):
        message = _refusal(
            biometrics.case_biometrics_complete, case=at_biometrics, by=biometrics_officer
        )
        assert message.startswith("Poor fingerprint quality (Left thumb): capture again")
        case = biometrics.case_biometrics_complete(
            case=at_biometrics, by=biometrics_officer, reason="Worn thumb"
        )
    event = CaseEvent.objects.get(case=case, to_status=CaseStatus.INTERVIEW)
    assert event.data["poor_fingers"] == ["left_thumb"]


def test_an_empty_signature_pad_is_refused_in_english(at_biometrics, biometrics_officer):
    import cv2
    import numpy as np

    _, blank = cv2.imencode(".png", np.full((140, 480), 255, np.uint8))
    with translation.override("en"):
        message = _refusal(
            biometrics.case_signature_add,
            case=at_biometrics,
            by=biometrics_officer,
            data=blank.tobytes(),
            source="pad",
        )
    assert message == "The signature is still empty."


# --- Interview ------------------------------------------------------------------------------


def test_interview_refusals_read_in_english(at_interview, biometrics_officer):
    with translation.override("en"):
        flagged = _refusal(
            interview.case_interview_record,
            case=at_interview,
            by=biometrics_officer,
            answers=tourist_answers(trip_paid_by="agent"),
        )
        rejected = _refusal(
            interview.case_interview_record,
            case=at_interview,
            by=biometrics_officer,
            answers=tourist_answers(recommendation="reject"),
        )
    assert flagged == (
        "There are signs of non-procedural migrant work: write a reason if approval is still "
        "recommended."
    )
    assert rejected == "Write the reason for the rejection."
    assert (
        _refusal(
            interview.case_interview_record,
            case=at_interview,
            by=biometrics_officer,
            answers=tourist_answers(recommendation="reject"),
        )
        == "Tuliskan alasan penolakan."
    )


def test_flags_read_in_english_but_are_stored_in_indonesian(at_interview, biometrics_officer):
    answers = tourist_answers(trip_paid_by="agent", recommendation_reason="Paid by an uncle")
    rule = next(r for r in interview.MIGRANT_WORK_RULES if r.code == "paid_by_agent")
    with translation.override("en"):
        assert (
            rule.message == "The trip is paid for by a broker, a private sponsor or someone else."
        )
        case = interview.case_interview_record(
            case=at_interview, by=biometrics_officer, answers=answers
        )
    stored = Interview.objects.get(case=case).flags
    assert stored == [
        {
            "code": "paid_by_agent",
            "message": "Biaya perjalanan ditanggung calo, sponsor perorangan atau orang lain.",
        }
    ]
    assert rule.message == stored[0]["message"]
    event = CaseEvent.objects.get(case=case, to_status=CaseStatus.AWAITING_SUPERVISOR)
    assert event.reason == "Disarankan disetujui"
