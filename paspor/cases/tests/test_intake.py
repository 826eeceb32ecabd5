"""Opening a case and the intake step: documents, NIK check, scans, old passport, children."""

import dataclasses
import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from conftest import make_office
from paspor.audit.models import AuditEntry
from paspor.cases import intake
from paspor.cases.adjudication import case_defer
from paspor.cases.documents import required_documents
from paspor.cases.forms import OpenForm, PreviousPassportForm, VerifyForm
from paspor.cases.models import Case, CaseScan, CaseStatus, FineKind
from paspor.cases.services import case_claim, case_open, case_reassign
from paspor.cases.tests.conftest import (
    SITI,
    finish_intake,
    good_photo_jpeg,
    make_booking,
    make_ticket,
    open_case,
    signature_png,
)
from paspor.cases.types import ApplicationType
from paspor.lib.errors import Conflict, DomainError
from paspor.lib.mrz import compose_td3
from paspor.offices.models import StationType

pytestmark = pytest.mark.django_db


# --- Opening ------------------------------------------------------------------------------


def test_a_booked_ticket_opens_a_case_with_the_booking_profile(office, intake_officer, applicant):
    booking = make_booking(
        office, applicant, application_type="replacement", passport_kind="ordinary"
    )
    ticket = make_ticket(office, 12, booking=booking)
    case = case_open(office=office, by=intake_officer, ticket=ticket)
    assert (case.nik, case.full_name, case.sex, case.birth_place) == (
        SITI.nik,
        SITI.full_name,
        "F",
        "Ketapang",
    )
    assert (case.application_type, case.passport_kind) == ("replacement", "ordinary")
    assert case.phone == "+6281234567890" and case.email == applicant.email
    assert case.applicant_account == applicant and case.booking == booking
    assert case.assigned_to == intake_officer and case.status == CaseStatus.INTAKE
    assert AuditEntry.objects.filter(event="case.opened", subject_id=str(case.pk)).exists()


def test_a_married_minor_who_said_so_when_booking_opens_as_an_adult(
    office, intake_officer, applicant
):
    minor = dataclasses.replace(
        SITI, nik="6104015708100001", birth_date=dt.date(2010, 8, 17), application_type="new_adult"
    )
    married = make_booking(office, applicant, data=minor, answers={"married": True})
    case = case_open(
        office=office, by=intake_officer, ticket=make_ticket(office, 12, booking=married)
    )
    assert case.is_married and case.validity_years == 10
    # The officer's form starts from the answer, so the data check passes unchanged.
    form = VerifyForm.for_case(case)
    assert form.initial["is_married"] is True and form.initial["validity_years"] == 10


def test_an_unmarried_minor_opens_as_a_child_with_five_years(office, intake_officer, applicant):
    minor = dataclasses.replace(
        SITI, nik="6104015708100001", birth_date=dt.date(2010, 8, 17), application_type="new_child"
    )
    booking = make_booking(office, applicant, data=minor, answers={"married": False})
    case = case_open(
        office=office, by=intake_officer, ticket=make_ticket(office, 12, booking=booking)
    )
    assert not case.is_married and case.validity_years == 5


def test_a_ticket_opens_only_one_case(office, intake_officer, supervisor, applicant):
    ticket = make_ticket(office, 12, booking=make_booking(office, applicant))
    case_open(office=office, by=intake_officer, ticket=ticket)
    with pytest.raises(Conflict):
        case_open(office=office, by=supervisor, ticket=ticket)


def test_a_walk_in_ticket_needs_the_typed_data(office, intake_officer):
    ticket = make_ticket(office, 3, prefix="F", holder_name="Siti")
    with pytest.raises(DomainError, match="Isi data"):
        case_open(office=office, by=intake_officer, ticket=ticket)
    case = case_open(office=office, by=intake_officer, ticket=ticket, data=SITI)
    assert case.ticket == ticket and case.booking is None


def test_a_case_without_any_ticket_can_be_opened(office, intake_officer):
    assert open_case(office, intake_officer).ticket is None


def test_yesterdays_or_another_offices_ticket_is_refused(office, other_office, intake_officer):
    old = make_ticket(office, 1, day=dt.date(2020, 1, 2))
    foreign = make_ticket(other_office, 2)
    for ticket in (old, foreign):
        with pytest.raises(DomainError, match="bukan nomor kantor ini hari ini"):
            case_open(office=office, by=intake_officer, ticket=ticket, data=SITI)


@pytest.mark.parametrize(
    "nik", ["61040157089", "6104017308900001", "6104011308900001x", "6104010008900001"]
)
def test_an_impossible_nik_is_refused(office, intake_officer, nik):
    with pytest.raises(DomainError):
        open_case(office, intake_officer, data=dataclasses.replace(SITI, nik=nik))


def test_a_nik_that_disagrees_with_the_documents_is_only_a_warning(office, intake_officer):
    data = dataclasses.replace(SITI, birth_date=dt.date(1990, 8, 18), sex="M")
    case = open_case(office, intake_officer, data=data)
    assert len(case.nik_warnings) == 2
    unknown_region = dataclasses.replace(SITI, nik="9904015708900001")
    case = open_case(office, intake_officer, data=unknown_region)
    assert "tidak ada dalam daftar wilayah" in case.nik_warnings[0]


PASTED_NIK = "6104\u00a00157\u00a00890\u00a00001"  # SITI's NIK copied with non-breaking spaces


def test_a_nik_pasted_with_non_breaking_spaces_is_stored_as_its_sixteen_digits(
    office, intake_officer
):
    fields = {
        "nik": PASTED_NIK,
        "full_name": SITI.full_name,
        "sex": SITI.sex,
        "birth_date": SITI.birth_date.isoformat(),
        "birth_place": SITI.birth_place,
        "phone": "081234567890",
        "application_type": SITI.application_type,
        "passport_kind": SITI.passport_kind,
    }
    form = OpenForm(data=fields)
    assert form.is_valid(), form.errors
    case = case_open(office=office, by=intake_officer, data=form.applicant())
    assert case.nik == SITI.nik
    assert Case.objects.get(nik=SITI.nik) == case


def test_a_nik_corrected_with_tabs_at_verification_is_stored_as_its_sixteen_digits(
    office, intake_officer
):
    case = open_case(office, intake_officer)
    typed = dataclasses.replace(SITI, nik="6104\t0157\t0890\t0001")
    case = intake.case_data_verify(case=case, by=intake_officer, data=typed)
    case.refresh_from_db()
    assert case.nik == SITI.nik


def test_a_parents_pasted_nik_is_stored_as_its_sixteen_digits(office, intake_officer):
    child = dataclasses.replace(
        SITI, nik="6104014101180001", birth_date=dt.date(2018, 1, 1), application_type="new_child"
    )
    case = open_case(office, intake_officer, data=child)
    [mother] = intake.case_parents_record(
        case=case,
        by=intake_officer,
        parents=[intake.ParentData("mother", "Siti Aminah", PASTED_NIK, True, ["ktp"])],
    )
    mother.refresh_from_db()
    assert mother.nik == SITI.nik


def test_a_child_gets_a_five_year_passport_by_default(office, intake_officer):
    child = dataclasses.replace(
        SITI, nik="6104014101180001", birth_date=dt.date(2018, 1, 1), application_type="new_child"
    )
    assert open_case(office, intake_officer, data=child).validity_years == 5


def test_lost_and_damaged_are_marked_for_the_fine(office, intake_officer):
    lost = open_case(
        office, intake_officer, data=dataclasses.replace(SITI, application_type="lost")
    )
    assert lost.fine_kind == FineKind.LOST and lost.needs_bap
    damaged = open_case(
        office,
        intake_officer,
        data=dataclasses.replace(SITI, nik="6104015708900002", application_type="damaged"),
    )
    assert damaged.fine_kind == FineKind.DAMAGED


# --- Work queue assignment ----------------------------------------------------------------


def test_opening_from_the_queue_assigns_and_another_officer_sees_it_taken(office, intake_officer):
    case = finish_intake(open_case(office, intake_officer), intake_officer)
    from conftest import make_user
    from paspor.accounts.models import Role

    first = make_user(
        "bio1", role=Role.BIOMETRICS, office=office, stations=(StationType.BIOMETRICS,)
    )
    second = make_user(
        "bio2", role=Role.BIOMETRICS, office=office, stations=(StationType.BIOMETRICS,)
    )
    assert case_claim(case=case, by=first).assigned_to == first
    assert case_claim(case=case, by=first).assigned_to == first  # repeat-safe
    with pytest.raises(Conflict, match="bio1"):
        case_claim(case=case, by=second)


def test_a_supervisor_reassigns_and_others_cannot(
    office, intake_officer, biometrics_officer, supervisor
):
    case = open_case(office, intake_officer)
    with pytest.raises(PermissionDenied):
        case_reassign(case=case, to=None, by=biometrics_officer, reason="x")
    with pytest.raises(PermissionDenied):  # a biometrics officer does not do intake
        case_reassign(case=case, to=biometrics_officer, by=supervisor, reason="x")
    case = case_reassign(case=case, to=supervisor, by=supervisor, reason="Petugas loket istirahat")
    assert case.assigned_to == supervisor
    assert AuditEntry.objects.filter(
        event="case.reassigned", reason="Petugas loket istirahat"
    ).exists()


def test_a_step_is_refused_to_an_officer_the_case_is_not_assigned_to(
    office, intake_officer, supervisor
):
    case = open_case(office, intake_officer)
    with pytest.raises(Conflict, match="sedang ditangani"):
        intake.case_documents_check(case=case, by=supervisor, seen=[])


# --- The checklist ------------------------------------------------------------------------


def test_every_application_type_has_a_document_list_with_stable_codes():
    for application_type in ApplicationType.values:
        for child in (False, True):
            docs = required_documents(application_type, is_child=child)
            codes = [d.code for d in docs]
            assert codes and len(codes) == len(set(codes))
    assert [d.code for d in required_documents("new_adult")] == ["ktp", "kk", "civil_record"]
    assert "police_loss_report" in [d.code for d in required_documents("lost")]
    assert "ktp" not in [d.code for d in required_documents("replacement", is_child=True)]
    with pytest.raises(ValueError):
        required_documents("visa")


def test_intake_cannot_finish_with_a_missing_original(office, intake_officer):
    case = open_case(office, intake_officer)
    intake.case_data_verify(case=case, by=intake_officer, data=SITI)
    rows = intake.case_documents_check(case=case, by=intake_officer, seen=["ktp", "kk"])
    assert {r.code: r.status for r in rows} == {
        "ktp": "seen",
        "kk": "seen",
        "civil_record": "missing",
    }
    with pytest.raises(DomainError, match="Akta kelahiran"):
        intake.case_intake_complete(case=case, by=intake_officer)


def test_intake_cannot_finish_before_the_data_are_verified(office, intake_officer):
    case = open_case(office, intake_officer)
    intake.case_documents_check(case=case, by=intake_officer, seen=["ktp", "kk", "civil_record"])
    with pytest.raises(DomainError, match="diverifikasi"):
        intake.case_intake_complete(case=case, by=intake_officer)


def test_a_missing_document_defers_the_case_for_seven_days(office, intake_officer):
    case = open_case(office, intake_officer)
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=office.tz)):
        case = case_defer(case=case, by=intake_officer, missing="Akta kelahiran")
    assert case.status == CaseStatus.DEFERRED
    assert case.deferred_until == dt.date(2026, 3, 9)
    assert case.deferred_from == CaseStatus.INTAKE


def test_a_deadline_is_at_most_ninety_days_ahead(office, intake_officer):
    case = open_case(office, intake_officer)
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=office.tz)):
        with pytest.raises(DomainError, match="paling lama 90 hari") as refused:
            case_defer(case=case, by=intake_officer, missing="KK", deadline=dt.date(2062, 3, 9))
        assert refused.value.code == "deadline"
        case = case_defer(case=case, by=intake_officer, missing="KK", deadline=dt.date(2026, 5, 31))
    assert case.deferred_until == dt.date(2026, 5, 31)


def test_a_ten_year_passport_for_a_minor_is_refused_unless_married(office, intake_officer):
    minor = dataclasses.replace(
        SITI, nik="6104015708100001", birth_date=dt.date(2010, 8, 17), application_type="new_child"
    )
    case = open_case(office, intake_officer, data=minor)
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=office.tz)):
        with pytest.raises(DomainError, match="10 tahun"):
            intake.case_data_verify(case=case, by=intake_officer, data=minor, validity_years=10)
        with pytest.raises(DomainError, match="anak"):
            intake.case_data_verify(
                case=case,
                by=intake_officer,
                data=dataclasses.replace(minor, application_type="new_adult"),
            )
        married = dataclasses.replace(minor, application_type="new_adult")
        case = intake.case_data_verify(
            case=case, by=intake_officer, data=married, is_married=True, validity_years=10
        )
    assert case.validity_years == 10


def test_a_child_needs_both_parents_recorded_and_one_present(office, intake_officer):
    child = dataclasses.replace(
        SITI,
        full_name="Rizky",
        nik="6104010105180003",
        sex="M",
        birth_date=dt.date(2018, 5, 1),
        application_type="new_child",
    )
    case = open_case(office, intake_officer, data=child)
    intake.case_data_verify(case=case, by=intake_officer, data=child, validity_years=5)
    intake.case_documents_check(
        case=case, by=intake_officer, seen=[d.code for d in required_documents("new_child")]
    )
    with pytest.raises(DomainError, match="ayah"):
        intake.case_intake_complete(case=case, by=intake_officer)
    with pytest.raises(DomainError, match="NIK Ayah"):
        intake.case_parents_record(
            case=case,
            by=intake_officer,
            parents=[intake.ParentData("father", "Ahmad", "6104011399850002")],
        )
    intake.case_parents_record(
        case=case,
        by=intake_officer,
        parents=[
            intake.ParentData("father", "Ahmad", "6104011203850002", False),
            intake.ParentData("mother", "Siti Aminah", SITI.nik, False, ["ktp"]),
        ],
    )
    with pytest.raises(DomainError, match="hadir"):
        intake.case_intake_complete(case=case, by=intake_officer)
    intake.case_parents_record(
        case=case,
        by=intake_officer,
        parents=[intake.ParentData("mother", "Siti Aminah", SITI.nik, True, ["ktp"])],
    )
    assert intake.case_intake_complete(case=case, by=intake_officer).status == CaseStatus.BIOMETRICS


# --- Scans ----------------------------------------------------------------------------------

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (PDF, "application/pdf"),
        (signature_png(), "image/png"),
        (good_photo_jpeg(), "image/jpeg"),
    ],
)
def test_a_scan_is_typed_by_its_content(office, intake_officer, data, content_type):
    case = open_case(office, intake_officer)
    scan = intake.case_scan_add(case=case, by=intake_officer, document_code="ktp", data=data)
    assert scan.content_type == content_type
    assert str(scan.file.name).endswith(content_type.split("/")[1].replace("jpeg", "jpg"))
    assert scan.file.read() == data


@pytest.mark.parametrize("data", [b"MZ\x90\x00 pretend.pdf", b"<html>ktp.jpg</html>", b""])
def test_a_scan_that_is_not_pdf_jpeg_or_png_is_refused(office, intake_officer, data):
    case = open_case(office, intake_officer)
    with pytest.raises(DomainError):
        intake.case_scan_add(case=case, by=intake_officer, document_code="ktp", data=data)
    assert not CaseScan.objects.exists()


def test_a_scan_over_the_configured_size_is_refused(office, intake_officer, settings):
    settings.PASPOR_CASE_UPLOAD_MAX_BYTES = 2048
    case = open_case(office, intake_officer)
    with pytest.raises(DomainError, match="terlalu besar"):
        intake.case_scan_add(
            case=case, by=intake_officer, document_code="ktp", data=PDF + b"0" * 4096
        )


def test_the_family_cards_number_is_recorded_at_intake(office, intake_officer, client_for):
    case = open_case(office, intake_officer)
    case = intake.case_data_verify(
        case=case, by=intake_officer, data=SITI, kk_number="6104 0101 0110 0001"
    )
    assert case.kk_number == "6104010101100001"
    # Not given: what was recorded stays; "" clears it.
    assert intake.case_data_verify(case=case, by=intake_officer, data=SITI).kk_number
    with pytest.raises(DomainError, match="Nomor KK harus 16 angka"):
        intake.case_data_verify(case=case, by=intake_officer, data=SITI, kk_number="61040101")
    with pytest.raises(DomainError, match="Nomor KK harus 16 angka"):
        intake.case_data_verify(case=case, by=intake_officer, data=SITI, kk_number="\uff16" * 16)
    assert (
        intake.case_data_verify(case=case, by=intake_officer, data=SITI, kk_number="").kk_number
        == ""
    )


# --- The old passport -----------------------------------------------------------------------


def test_a_still_valid_passport_allows_only_a_replacement(office, intake_officer):
    case = open_case(office, intake_officer)
    intake.case_previous_passport_record(
        case=case, by=intake_officer, number="C1234567", expiry=dt.date(2030, 1, 1)
    )
    intake.case_data_verify(case=case, by=intake_officer, data=SITI)
    intake.case_documents_check(case=case, by=intake_officer, seen=["ktp", "kk", "civil_record"])
    with pytest.raises(DomainError, match="hanya dapat mengajukan penggantian"):
        intake.case_intake_complete(case=case, by=intake_officer)
    replacement = dataclasses.replace(SITI, application_type="replacement")
    intake.case_data_verify(case=case, by=intake_officer, data=replacement)
    intake.case_documents_check(case=case, by=intake_officer, seen=["ktp", "kk", "old_passport"])
    assert intake.case_intake_complete(case=case, by=intake_officer).status == CaseStatus.BIOMETRICS


def test_an_expired_passport_does_not_block_and_a_replacement_needs_its_number(
    office, intake_officer
):
    case = open_case(
        office, intake_officer, data=dataclasses.replace(SITI, application_type="replacement")
    )
    assert (
        intake.previous_passport_problem(case, dt.date(2026, 1, 1))
        == "Catat nomor paspor lama untuk permohonan penggantian."
    )
    intake.case_previous_passport_record(
        case=case, by=intake_officer, number="B7654321", expiry=dt.date(2020, 1, 1)
    )
    case.refresh_from_db()
    assert intake.previous_passport_problem(case, dt.date(2026, 1, 1)) is None


def sitis_old_passport_mrz() -> tuple[str, str]:
    return compose_td3(
        primary="AMINAH",
        secondary="SITI",
        passport_number="C1234567",
        birth_date=SITI.birth_date,
        sex="F",
        expiry_date=dt.date(2029, 5, 4),
    )


def test_the_old_passport_can_be_read_from_its_mrz(office, intake_officer):
    line1, line2 = sitis_old_passport_mrz()
    case = open_case(office, intake_officer)
    case = intake.case_previous_passport_record(
        case=case, by=intake_officer, mrz_line1=line1, mrz_line2=line2
    )
    assert (case.previous_passport_number, case.previous_passport_expiry) == (
        "C1234567",
        dt.date(2029, 5, 4),
    )
    broken = line2[:-1] + str((int(line2[-1]) + 1) % 10)
    with pytest.raises(DomainError, match="MRZ tidak sah"):
        intake.case_previous_passport_record(
            case=case, by=intake_officer, mrz_line1=line1, mrz_line2=broken
        )


def test_spaces_typed_or_scanned_into_the_mrz_lines_are_taken_out(office, intake_officer):
    line1, line2 = sitis_old_passport_mrz()
    spaced = {
        "mrz_line1": " ".join(line1[i : i + 4] for i in range(0, 44, 4)),
        "mrz_line2": " " + " ".join(line2[i : i + 4] for i in range(0, 44, 4)).lower(),
    }
    form = PreviousPassportForm(data=spaced)
    assert form.is_valid(), form.errors
    case = intake.case_previous_passport_record(
        case=open_case(office, intake_officer),
        by=intake_officer,
        mrz_line1=form.cleaned_data["mrz_line1"],
        mrz_line2=form.cleaned_data["mrz_line2"],
    )
    assert (case.previous_passport_number, case.previous_passport_expiry) == (
        "C1234567",
        dt.date(2029, 5, 4),
    )


def test_opening_in_another_time_zone_uses_that_offices_day(intake_officer):
    jayapura = make_office("jayapura", tz="Asia/Jayapura")
    from conftest import make_user
    from paspor.accounts.models import Role

    officer = make_user(
        "loket_jpr", role=Role.INTAKE, office=jayapura, stations=(StationType.INTAKE,)
    )
    # 23:30 in Jakarta is already the next day in Jayapura (WIT, UTC+9).
    with time_machine.travel(dt.datetime(2026, 3, 2, 16, 30, tzinfo=dt.UTC)):
        ticket = make_ticket(jayapura, 1)
        assert ticket.day == dt.date(2026, 3, 3)
        assert case_open(office=jayapura, by=officer, ticket=ticket, data=SITI).ticket == ticket


@pytest.mark.parametrize("number", ["", "É1234567", "C123٤567", "C-1234567", "C12345678X"])
def test_an_old_passport_number_is_latin_capitals_and_digits_up_to_nine(
    office, intake_officer, number
):
    case = open_case(office, intake_officer)
    with pytest.raises(DomainError, match="huruf dan angka, paling banyak 9"):
        intake.case_previous_passport_record(
            case=case, by=intake_officer, number=number, expiry=dt.date(2020, 1, 1)
        )
