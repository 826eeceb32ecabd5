"""Handover to the holder or to a proxy entitled by STANDARDS.md §10, and nobody else."""

import dataclasses
import datetime as dt

import pytest

from paspor.audit.models import AuditEntry
from paspor.cases import intake
from paspor.cases.models import CaseParent, CaseStatus, ParentRole
from paspor.cases.types import ApplicationType
from paspor.issuance.models import (
    BookletStatus,
    CollectorBasis,
    Handover,
    OldPassportAction,
    PassportStatus,
)
from paspor.issuance.services import handover_record
from paspor.issuance.services.handover import signature_ink_pixels
from paspor.issuance.tests.conftest import make_paid_case
from paspor.issuance.tests.helpers import holder_input, ready_passport
from paspor.lib.errors import DomainError

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen", "stock")]
PROXY_NIK = "6104014504850002"  # a woman born 5 April 1985, Ketapang
KK = "6104010101100001"


def proxy_input(case, basis, **changes):
    documents = {
        CollectorBasis.FAMILY_SAME_KK: {"ktp", "receipt", "kk"},
        CollectorBasis.POWER_OF_ATTORNEY: {"ktp", "receipt", "attorney_letter"},
        CollectorBasis.PARENT: {"ktp", "receipt", "kk"},
        CollectorBasis.GUARDIAN: {"ktp", "receipt", "guardianship"},
    }[basis]
    data = holder_input(
        case,
        basis=basis,
        nik_typed=PROXY_NIK,
        collector_name="Rahmawati",
        documents_seen=frozenset(documents),
        relationship="Ibu",
        kk_number=KK,
        attorney_letter_date=dt.date(2026, 3, 10),
        stamp_duty=True,
        guardian_document="PN Ketapang 12/Pdt.P/2025",
    )
    return dataclasses.replace(data, **changes)


@pytest.fixture
def ready(paid_case, printer, checker):
    return ready_passport(paid_case, printer, checker)


def _refused(passport, officer, data, code):
    with pytest.raises(DomainError) as error:
        handover_record(passport=passport, by=officer, data=data)
    assert error.value.code == code, error.value.message
    passport.refresh_from_db()
    assert passport.status == PassportStatus.READY
    assert not Handover.objects.exists()
    return error.value


def test_the_holder_collects_with_a_matching_nik_and_the_case_is_closed(
    ready, paid_case, handover_officer
):
    handover = handover_record(passport=ready, by=handover_officer, data=holder_input(paid_case))
    paid_case.refresh_from_db()
    ready.refresh_from_db()
    ready.booklet.refresh_from_db()
    assert paid_case.status == CaseStatus.HANDED_OVER
    assert ready.status == PassportStatus.ISSUED
    assert ready.booklet.status == BookletStatus.ISSUED
    assert (handover.basis, handover.collector_name, handover.collector_nik) == (
        CollectorBasis.HOLDER,
        "Siti Aminah",
        paid_case.nik,
    )
    assert bytes(handover.signature_png).startswith(b"\x89PNG")
    audit = AuditEntry.objects.get(event="issuance.handed_over")
    assert audit.actor == handover_officer and audit.new["basis"] == "holder"


def test_a_nik_that_does_not_match_the_case_is_refused(ready, paid_case, handover_officer):
    message = _refused(
        ready,
        handover_officer,
        holder_input(paid_case, nik_typed="6104015708900009"),
        "nik_mismatch",
    ).message
    assert "NIK" in message
    # Someone tried to collect another person's passport: kept in the audit trail, not only
    # shown (the refused handover's own transaction is rolled back).
    refused = AuditEntry.objects.get(event="issuance.handover_refused")
    assert refused.actor == handover_officer and refused.new["code"] == "nik_mismatch"
    assert refused.subject_id == str(ready.pk) and "NIK" in refused.reason
    assert not AuditEntry.objects.filter(event="issuance.handed_over").exists()


def test_a_refusal_for_missing_papers_is_not_an_identity_alarm(ready, paid_case, handover_officer):
    _refused(
        ready, handover_officer, holder_input(paid_case, face_matched=False), "face_not_matched"
    )
    assert AuditEntry.objects.filter(event="issuance.handover_refused").count() == 1
    with pytest.raises(DomainError):
        handover_record(
            passport=ready,
            by=handover_officer,
            data=holder_input(paid_case, signature_png=b""),
        )
    assert AuditEntry.objects.filter(event="issuance.handover_refused").count() == 1


def test_without_the_face_check_the_passport_is_not_handed_over(ready, paid_case, handover_officer):
    _refused(
        ready, handover_officer, holder_input(paid_case, face_matched=False), "face_not_matched"
    )


def test_a_blank_signature_is_refused(ready, paid_case, handover_officer):
    import cv2
    import numpy as np

    ok, blank = cv2.imencode(".png", np.zeros((60, 200, 4), dtype=np.uint8))
    assert ok and signature_ink_pixels(blank.tobytes()) == 0
    _refused(
        ready,
        handover_officer,
        holder_input(paid_case, signature_png=blank.tobytes()),
        "signature_required",
    )
    _refused(
        ready,
        handover_officer,
        holder_input(paid_case, signature_png=b"GIF89a"),
        "signature_required",
    )


def test_family_on_the_same_kk_may_collect_with_kk_and_own_ktp(ready, paid_case, handover_officer):
    handover = handover_record(
        passport=ready,
        by=handover_officer,
        data=proxy_input(paid_case, CollectorBasis.FAMILY_SAME_KK),
    )
    assert (handover.basis, handover.kk_number, handover.collector_nik) == (
        CollectorBasis.FAMILY_SAME_KK,
        KK,
        PROXY_NIK,
    )


def test_family_on_another_kk_than_the_one_recorded_at_intake_is_refused(
    ready, paid_case, handover_officer
):
    """The KK read at intake is the holder's: a "family member" showing another card is not on
    the same KK, and the refusal is kept in the audit trail."""
    paid_case.kk_number = "6104010101100009"
    paid_case.save(update_fields=["kk_number"])
    _refused(
        ready,
        handover_officer,
        proxy_input(paid_case, CollectorBasis.FAMILY_SAME_KK),
        "kk_mismatch",
    )
    assert AuditEntry.objects.get(event="issuance.handover_refused").new["code"] == "kk_mismatch"
    handover = handover_record(
        passport=ready,
        by=handover_officer,
        data=proxy_input(paid_case, CollectorBasis.FAMILY_SAME_KK, kk_number="6104010101100009"),
    )
    assert handover.kk_number == "6104010101100009"


def test_a_proxy_with_a_stamped_power_of_attorney_may_collect(ready, paid_case, handover_officer):
    handover = handover_record(
        passport=ready,
        by=handover_officer,
        data=proxy_input(paid_case, CollectorBasis.POWER_OF_ATTORNEY, kk_number=""),
    )
    assert "stamp_duty" in handover.documents_seen
    assert handover.attorney_letter_date == dt.date(2026, 3, 10)


@pytest.mark.parametrize(
    ("basis", "changes", "code"),
    [
        # a friend with neither KK nor power of attorney
        (
            CollectorBasis.POWER_OF_ATTORNEY,
            {"documents_seen": frozenset({"ktp", "receipt"})},
            "documents_missing",
        ),
        (CollectorBasis.POWER_OF_ATTORNEY, {"stamp_duty": False}, "attorney_stamp_duty"),
        (CollectorBasis.POWER_OF_ATTORNEY, {"attorney_letter_date": None}, "attorney_date"),
        # a letter dated tomorrow was not signed when it is shown
        (
            CollectorBasis.POWER_OF_ATTORNEY,
            {"attorney_letter_date": dt.date(2026, 3, 18)},
            "attorney_date",
        ),
        (
            CollectorBasis.FAMILY_SAME_KK,
            {"documents_seen": frozenset({"ktp", "receipt"})},
            "documents_missing",
        ),
        (CollectorBasis.FAMILY_SAME_KK, {"kk_number": "12345"}, "kk_number_invalid"),
        (CollectorBasis.FAMILY_SAME_KK, {"relationship": ""}, "relationship_required"),
        (CollectorBasis.FAMILY_SAME_KK, {"relationship": "\u200b\u200e"}, "relationship_required"),
        (
            CollectorBasis.FAMILY_SAME_KK,
            {"documents_seen": frozenset({"receipt", "kk"})},
            "documents_missing",
        ),
        (CollectorBasis.FAMILY_SAME_KK, {"nik_typed": "1234"}, "collector_nik_invalid"),
        (CollectorBasis.PARENT, {}, "adult_no_parent_basis"),
    ],
)
def test_an_unentitled_proxy_is_refused(ready, paid_case, handover_officer, basis, changes, code):
    _refused(ready, handover_officer, proxy_input(paid_case, basis, **changes), code)


def test_a_proxy_typing_the_holders_own_nik_is_refused(ready, paid_case, handover_officer):
    data = proxy_input(paid_case, CollectorBasis.FAMILY_SAME_KK, nik_typed=paid_case.nik)
    _refused(ready, handover_officer, data, "collector_is_holder")


@pytest.fixture
def child_ready(office, intake_officer, printer, checker):
    child = make_paid_case(
        office,
        intake_officer,
        nik="6104015505150001",
        full_name="Putri Lestari",
        birth_date=dt.date(2015, 5, 15),
        validity_years=5,
        application_type=ApplicationType.NEW_CHILD,
    )
    return ready_passport(child, printer, checker)


@pytest.mark.parametrize(
    "basis",
    [CollectorBasis.HOLDER, CollectorBasis.FAMILY_SAME_KK, CollectorBasis.POWER_OF_ATTORNEY],
)
def test_a_childs_passport_goes_only_to_a_parent_or_guardian(child_ready, handover_officer, basis):
    case = child_ready.case
    data = holder_input(case) if basis == CollectorBasis.HOLDER else proxy_input(case, basis)
    _refused(child_ready, handover_officer, data, "child_needs_parent")


@pytest.mark.parametrize("basis", [CollectorBasis.PARENT, CollectorBasis.GUARDIAN])
def test_a_parent_or_guardian_collects_a_childs_passport(child_ready, handover_officer, basis):
    handover = handover_record(
        passport=child_ready, by=handover_officer, data=proxy_input(child_ready.case, basis)
    )
    assert handover.basis == basis


FATHER_NIK = "6104010101800003"  # a man born 1 January 1980, Ketapang


def record_parents(case, **niks):
    for role, nik in niks.items():
        CaseParent.objects.create(case=case, role=role, full_name=role.title(), nik=nik)


@pytest.mark.parametrize(
    ("born", "married", "child"),
    [
        (dt.date(2009, 3, 18), False, True),  # 17 tomorrow: still a child today
        (dt.date(2009, 3, 17), False, False),  # 17 today: collects with their own KTP
        (dt.date(2009, 3, 18), True, False),  # 16 and married: an adult
    ],
    ids=["17-tomorrow", "17-today", "16-married"],
)
def test_who_is_a_child_is_decided_on_the_day_of_the_handover(
    office, intake_officer, printer, checker, handover_officer, born, married, child
):
    case = make_paid_case(
        office,
        intake_officer,
        nik=f"610401{born.day + 40:02d}{born:%m%y}0001",  # a woman born that day, Ketapang
        birth_date=born,
        is_married=married,
        validity_years=5,
    )
    passport = ready_passport(case, printer, checker)
    if child:
        _refused(passport, handover_officer, holder_input(case), "child_needs_parent")
        data = proxy_input(case, CollectorBasis.PARENT)
    else:
        _refused(
            passport,
            handover_officer,
            proxy_input(case, CollectorBasis.PARENT),
            "adult_no_parent_basis",
        )
        data = holder_input(case)
    assert handover_record(passport=passport, by=handover_officer, data=data).basis == data.basis


def test_the_holder_brings_the_payment_receipt_too(ready, paid_case, handover_officer):
    data = holder_input(paid_case, documents_seen=frozenset({"ktp"}))
    assert (
        "Bukti pembayaran" in _refused(ready, handover_officer, data, "documents_missing").message
    )


def test_a_childs_passport_is_refused_to_someone_not_recorded_as_a_parent(
    child_ready, handover_officer
):
    case = child_ready.case
    record_parents(case, father=FATHER_NIK, mother="6104015212820004")
    # An uncle with the family's KK says he is the father: his NIK is neither parent's.
    data = proxy_input(case, CollectorBasis.PARENT, relationship="Ayah")
    _refused(child_ready, handover_officer, data, "collector_not_parent")
    refused = AuditEntry.objects.get(event="issuance.handover_refused")
    assert refused.new["code"] == "collector_not_parent"
    handover = handover_record(
        passport=child_ready,
        by=handover_officer,
        data=proxy_input(case, CollectorBasis.PARENT, nik_typed=FATHER_NIK),
    )
    assert handover.collector_nik == FATHER_NIK


def test_a_parent_recorded_without_a_nik_leaves_the_kk_as_the_evidence(
    child_ready, handover_officer
):
    case = child_ready.case
    record_parents(case, father="", mother="6104015212820004")
    handover = handover_record(
        passport=child_ready, by=handover_officer, data=proxy_input(case, CollectorBasis.PARENT)
    )
    assert handover.basis == CollectorBasis.PARENT


def test_a_guardian_other_than_the_recorded_one_is_refused(child_ready, handover_officer):
    record_parents(child_ready.case, **{ParentRole.GUARDIAN: FATHER_NIK})
    data = proxy_input(child_ready.case, CollectorBasis.GUARDIAN)
    _refused(child_ready, handover_officer, data, "collector_not_parent")


@pytest.mark.parametrize("typed", [" ", "\u200b\ufeff"])
def test_a_guardian_needs_the_guardianship_decision(child_ready, handover_officer, typed):
    data = proxy_input(child_ready.case, CollectorBasis.GUARDIAN, guardian_document=typed)
    _refused(child_ready, handover_officer, data, "guardian_document_required")


@pytest.fixture
def replacement_ready(office, intake_officer, printer, checker):
    case = make_paid_case(office, intake_officer, application_type=ApplicationType.REPLACEMENT)
    return ready_passport(case, printer, checker)


def test_a_replacement_needs_the_old_passport_cancelled_and_recorded(
    replacement_ready, handover_officer
):
    case = replacement_ready.case
    _refused(replacement_ready, handover_officer, holder_input(case), "old_passport_required")
    _refused(
        replacement_ready,
        handover_officer,
        holder_input(case, old_passport_action=OldPassportAction.PUNCHED_RETURNED),
        "old_number_required",
    )
    handover = handover_record(
        passport=replacement_ready,
        by=handover_officer,
        data=holder_input(
            case,
            old_passport_number="b1234567",
            old_passport_action=OldPassportAction.PUNCHED_RETURNED,
        ),
    )
    assert (handover.old_passport_number, handover.old_passport_action) == (
        "B1234567",
        OldPassportAction.PUNCHED_RETURNED,
    )
    audit = AuditEntry.objects.get(event="issuance.handed_over")
    assert audit.new["old_passport"] == "B1234567"


def test_a_lost_passport_replacement_records_the_loss(
    office, intake_officer, printer, checker, handover_officer
):
    case = make_paid_case(office, intake_officer, application_type=ApplicationType.LOST)
    passport = ready_passport(case, printer, checker)
    _refused(passport, handover_officer, holder_input(case), "old_passport_lost")
    # There is no old booklet to punch: a punched one would be a passport reported lost.
    punched = holder_input(
        case,
        old_passport_number="B1234567",
        old_passport_action=OldPassportAction.PUNCHED_RETURNED,
    )
    _refused(passport, handover_officer, punched, "old_passport_lost")
    handover_record(
        passport=passport,
        by=handover_officer,
        data=holder_input(case, old_passport_action=OldPassportAction.LOST_REPORTED),
    )


def test_a_damaged_passport_replacement_cannot_record_the_old_one_as_lost(
    office, intake_officer, printer, checker, handover_officer
):
    case = make_paid_case(
        office,
        intake_officer,
        application_type=ApplicationType.DAMAGED,
        previous_passport_number="B1234567",
    )
    passport = ready_passport(case, printer, checker)
    lost = holder_input(case, old_passport_action=OldPassportAction.LOST_REPORTED)
    _refused(passport, handover_officer, lost, "old_passport_required")


def test_the_old_passport_punched_must_be_the_one_recorded_at_intake(
    office, intake_officer, printer, checker, handover_officer
):
    case = make_paid_case(
        office,
        intake_officer,
        application_type=ApplicationType.REPLACEMENT,
        previous_passport_number="B1234567",
    )
    passport = ready_passport(case, printer, checker)
    punched = {"old_passport_action": OldPassportAction.PUNCHED_RETURNED}
    data = holder_input(case, old_passport_number="B7654321", **punched)
    _refused(passport, handover_officer, data, "old_passport_mismatch")
    handover = handover_record(
        passport=passport,
        by=handover_officer,
        data=holder_input(case, old_passport_number="b1234567", **punched),
    )
    assert handover.old_passport_number == "B1234567"


def test_an_old_passport_recorded_on_a_new_application_is_cancelled_at_handover(
    office, intake_officer, printer, checker, handover_officer
):
    # An expired passport allows a "new" application; it is still cancelled with the new one.
    case = make_paid_case(office, intake_officer, previous_passport_number="B1234567")
    passport = ready_passport(case, printer, checker)
    _refused(passport, handover_officer, holder_input(case), "old_passport_required")


def test_an_old_passport_issued_here_is_marked_cancelled_at_handover_of_the_new_one(
    ready, paid_case, office, intake_officer, printer, checker, handover_officer
):
    handover_record(passport=ready, by=handover_officer, data=holder_input(paid_case))
    renewal = make_paid_case(
        office,
        intake_officer,
        application_type=ApplicationType.REPLACEMENT,
        previous_passport_number=ready.passport_number,
    )
    new = ready_passport(renewal, printer, checker)
    handover_record(
        passport=new,
        by=handover_officer,
        data=holder_input(
            renewal,
            old_passport_number=ready.passport_number,
            old_passport_action=OldPassportAction.PUNCHED_RETURNED,
        ),
    )
    ready.refresh_from_db()
    new.refresh_from_db()
    assert (ready.status, new.status) == (PassportStatus.REPLACED, PassportStatus.ISSUED)
    audit = AuditEntry.objects.get(event="issuance.old_passport_cancelled")
    assert audit.subject_id == str(ready.pk)
    assert audit.new["replaced_by"] == new.passport_number


def test_a_lost_passport_issued_here_stops_being_valid_with_its_replacement(
    ready, paid_case, office, intake_officer, printer, checker, handover_officer
):
    """Nobody brings a lost passport to punch: the number recorded at intake is the one that
    stops being valid. Before, it stayed "issued" and the handover did not even name it."""
    handover_record(passport=ready, by=handover_officer, data=holder_input(paid_case))
    lost = make_paid_case(
        office,
        intake_officer,
        application_type=ApplicationType.LOST,
        previous_passport_number=ready.passport_number,
    )
    new = ready_passport(lost, printer, checker)
    handover = handover_record(
        passport=new,
        by=handover_officer,
        data=holder_input(lost, old_passport_action=OldPassportAction.LOST_REPORTED),
    )
    assert handover.old_passport_number == ready.passport_number
    ready.refresh_from_db()
    assert ready.status == PassportStatus.REPLACED
    audit = AuditEntry.objects.get(event="issuance.old_passport_cancelled")
    assert audit.new["action"] == OldPassportAction.LOST_REPORTED


def test_a_holders_other_valid_passport_must_be_cancelled_with_the_new_one(
    ready, paid_case, office, intake_officer, printer, checker, handover_officer
):
    """One valid ordinary passport per citizen: a second "new" application that nobody
    recorded an old passport for does not leave the first one valid beside it."""
    handover_record(passport=ready, by=handover_officer, data=holder_input(paid_case))
    second = make_paid_case(office, intake_officer)
    new = ready_passport(second, printer, checker)
    with pytest.raises(DomainError) as error:
        handover_record(passport=new, by=handover_officer, data=holder_input(second))
    assert error.value.code == "other_valid_passport"
    assert ready.passport_number in error.value.message
    new.refresh_from_db()
    assert new.status == PassportStatus.READY
    handover_record(
        passport=new,
        by=handover_officer,
        data=holder_input(
            second,
            old_passport_number=ready.passport_number,
            old_passport_action=OldPassportAction.PUNCHED_RETURNED,
        ),
    )
    ready.refresh_from_db()
    assert ready.status == PassportStatus.REPLACED


def test_intake_names_the_valid_passport_issued_here_as_the_old_one(
    ready, paid_case, office, intake_officer, handover_officer
):
    handover_record(passport=ready, by=handover_officer, data=holder_input(paid_case))
    second = make_paid_case(office, intake_officer, status=CaseStatus.INTAKE)
    today = ready.issue_date
    problem = intake.previous_passport_problem(second, today)
    assert problem is not None and ready.passport_number in problem
    assert "catat sebagai paspor lama" in problem
    # Recorded, it is the usual rule: a still-valid passport allows only a replacement.
    second.previous_passport_number = ready.passport_number
    second.previous_passport_expiry = ready.expiry_date
    recorded = intake.previous_passport_problem(second, today)
    assert recorded is not None and "hanya dapat mengajukan penggantian" in recorded
    second.application_type = ApplicationType.REPLACEMENT
    assert intake.previous_passport_problem(second, today) is None
    # Another person's passport is not theirs to record.
    other = make_paid_case(office, intake_officer, nik=PROXY_NIK, status=CaseStatus.INTAKE)
    assert intake.previous_passport_problem(other, today) is None
    # Nor is one that expired.
    third = make_paid_case(office, intake_officer, status=CaseStatus.INTAKE)
    assert intake.previous_passport_problem(third, ready.expiry_date + dt.timedelta(1)) is None


def test_an_expired_or_cancelled_passport_of_the_holder_does_not_hold_the_handover(
    ready, paid_case, office, intake_officer, printer, checker, handover_officer
):
    handover_record(passport=ready, by=handover_officer, data=holder_input(paid_case))
    second = make_paid_case(office, intake_officer)
    new = ready_passport(second, printer, checker)
    ready.issue_date = new.issue_date - dt.timedelta(days=3653)
    ready.expiry_date = new.issue_date - dt.timedelta(days=1)
    ready.save(update_fields=["issue_date", "expiry_date"])
    handover_record(passport=new, by=handover_officer, data=holder_input(second))
    ready.refresh_from_db()
    assert ready.status == PassportStatus.ISSUED  # expired: nothing to cancel


def test_an_old_passport_issued_here_to_someone_else_is_refused(
    ready, paid_case, office, intake_officer, printer, checker, handover_officer
):
    handover_record(passport=ready, by=handover_officer, data=holder_input(paid_case))
    other = make_paid_case(
        office, intake_officer, nik="6104014504850002", application_type=ApplicationType.DAMAGED
    )
    passport = ready_passport(other, printer, checker)
    data = holder_input(
        other,
        old_passport_number=ready.passport_number,
        old_passport_action=OldPassportAction.PUNCHED_KEPT,
    )
    with pytest.raises(DomainError) as error:
        handover_record(passport=passport, by=handover_officer, data=data)
    assert error.value.code == "old_passport_not_holders"
    ready.refresh_from_db()
    passport.refresh_from_db()
    assert (ready.status, passport.status) == (PassportStatus.ISSUED, PassportStatus.READY)


def test_a_passport_is_handed_over_once(ready, paid_case, handover_officer):
    handover_record(passport=ready, by=handover_officer, data=holder_input(paid_case))
    with pytest.raises(DomainError):
        handover_record(passport=ready, by=handover_officer, data=holder_input(paid_case))
    assert Handover.objects.count() == 1


def test_every_fault_of_one_submit_is_told_at_once_and_the_identity_ones_are_audited(
    ready, paid_case, handover_officer
):
    """The officer mends the face check, the NIK and the signature in one go, not one
    refusal after the other."""
    data = holder_input(
        paid_case, face_matched=False, nik_typed="6104015708900009", signature_png=b""
    )
    refused = _refused(ready, handover_officer, data, "face_not_matched")
    assert refused.codes == ["face_not_matched", "nik_mismatch", "signature_required"]
    for said in ("Wajah pengambil", "NIK pada KTP tidak sama", "Tanda tangan pengambil"):
        assert said in refused.message
    entry = AuditEntry.objects.get(event="issuance.handover_refused")
    assert entry.new["codes"] == refused.codes
    assert "NIK pada KTP tidak sama" in entry.reason


def test_a_single_fault_is_told_alone(ready, paid_case, handover_officer):
    refused = _refused(
        ready, handover_officer, holder_input(paid_case, signature_png=b""), "signature_required"
    )
    assert refused.codes == ["signature_required"]
    assert refused.message == "Tanda tangan pengambil belum dibubuhkan."
    assert not AuditEntry.objects.filter(event="issuance.handover_refused").exists()
