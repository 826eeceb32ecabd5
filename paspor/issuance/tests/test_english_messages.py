"""An officer reading the site in English is refused in English; the records stay Indonesian."""

import pytest
from django.utils import translation

from conftest import refusal
from paspor.audit.models import AuditEntry
from paspor.cases.models import CaseEvent, CaseStatus
from paspor.issuance.models import CollectorBasis, QualityCheck
from paspor.issuance.services import (
    booklet_spoil_in_stock,
    handover_record,
    print_confirm,
    print_start,
)
from paspor.issuance.tests.conftest import receive
from paspor.issuance.tests.helpers import holder_input, qc, ready_passport

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def printed(stock, paid_case, printer):
    return print_confirm(passport=print_start(case=paid_case, by=printer), by=printer)


@pytest.fixture
def ready(stock, paid_case, printer, checker):
    return ready_passport(paid_case, printer, checker)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "The NIK on the KTP does not match the NIK of the application. "),
        ("id", "NIK pada KTP tidak sama dengan NIK permohonan. "),
    ],
)
def test_a_nik_mismatch_is_refused_in_the_officers_language_and_audited_in_indonesian(
    ready, paid_case, handover_officer, language, expected
):
    data = holder_input(paid_case, nik_typed="6104015708900009")
    with translation.override(language):
        refused = refusal(handover_record, passport=ready, by=handover_officer, data=data)
    assert refused.code == "nik_mismatch"
    assert refused.message.startswith(expected)
    audited = AuditEntry.objects.get(event="issuance.handover_refused")
    assert audited.reason == (
        "NIK pada KTP tidak sama dengan NIK permohonan. Paspor tidak diserahkan."
    )


def test_an_unsigned_handover_is_refused_in_english(ready, paid_case, handover_officer):
    data = holder_input(paid_case, signature_png=b"")
    with translation.override("en"):
        refused = refusal(handover_record, passport=ready, by=handover_officer, data=data)
    assert refused.message == "The collector has not signed yet."


def test_an_impossible_collector_nik_is_told_with_the_nik_checks_english_text(
    ready, paid_case, handover_officer
):
    data = holder_input(
        paid_case,
        basis=CollectorBasis.POWER_OF_ATTORNEY,
        nik_typed="123",
        collector_name="Rahmawati",
    )
    with translation.override("en"):
        refused = refusal(handover_record, passport=ready, by=handover_officer, data=data)
    assert refused.code == "collector_nik_invalid"
    assert refused.message == (
        "The collector's NIK is not valid: A NIK has exactly 16 digits, not 3. "
        "Documents not yet checked: Power of attorney."  # every fault of the submit at once
    )


def test_the_handover_event_keeps_the_basis_in_indonesian(ready, paid_case, handover_officer):
    with translation.override("en"):
        handover_record(passport=ready, by=handover_officer, data=holder_input(paid_case))
    event = CaseEvent.objects.get(case=paid_case, to_status=CaseStatus.HANDED_OVER)
    assert event.reason == "Pemilik paspor sendiri: Siti Aminah"


def test_an_unticked_checklist_refuses_a_pass_in_english(printed, checker):
    with translation.override("en"):
        refused = refusal(qc, printed, checker, data_matches=False, photo_ok=False)
    assert refused.message == (
        "Cannot be passed. Not ticked yet: Data page matches the application; "
        "Photo printed well and shows the applicant."
    )
    assert not QualityCheck.objects.exists()


def test_a_misread_mrz_is_told_in_english(printed, checker):
    line1 = printed.mrz_line1
    misread1 = line1[:9] + ("X" if line1[9] != "X" else "Y") + line1[10:]
    wrong_digit = printed.mrz_line2[:-1] + ("1" if printed.mrz_line2[-1] != "1" else "2")
    with translation.override("en"):
        misread = refusal(
            qc, printed, checker, mrz_line1=misread1, mrz_line2=printed.mrz_line2[:-1]
        ).message
        composite = refusal(qc, printed, checker, mrz_line2=wrong_digit).message
    assert misread.startswith("Cannot be passed. The MRZ read back differs from the expected one:")
    assert "line 1, position 10" in misread
    assert "line 2 read as 43 characters, expected 44" in misread
    assert (
        f"The composite check digit (line 2, position 44) reads '{wrong_digit[-1]}'; "
        f"expected '{printed.mrz_line2[-1]}'." in composite
    )
    assert composite.count("check digit") == 1
    assert "baris" not in misread + composite and "Digit periksa" not in composite


def test_a_failed_check_read_in_english_keeps_indonesian_findings(printed, checker):
    with translation.override("en"):
        check = qc(printed, checker, passed=False, photo_ok=False, notes="Foto buram")
    assert check.findings == [
        {"field": "checklist", "message": "Belum dicentang: Foto tercetak baik dan sesuai pemohon."}
    ]
    printed.booklet.refresh_from_db()
    assert printed.booklet.spoil_reason == (
        "Gagal kendali mutu. Belum dicentang: Foto tercetak baik dan sesuai pemohon. Foto buram."
    )


def test_an_empty_vault_refuses_printing_in_english(paid_case, printer):
    with translation.override("en"):
        refused = refusal(print_start, case=paid_case, by=printer)
    assert refused.code == "out_of_stock"
    assert refused.message == (
        "This office is out of passport booklets of this kind. Receive new stock first."
    )


def test_stock_refusals_are_in_english(office, stock, printer):
    booklet = stock.booklets.order_by("number").first()
    with translation.override("en"):
        witness = refusal(
            booklet_spoil_in_stock, booklet=booklet, by=printer, witness=printer, reason="Sobek"
        )
        taken = refusal(receive, office, printer, "C1000008", "C1000012", document="BAST-2")
    assert witness.message == (
        "The witness must be another officer, not the one recording the damage."
    )
    assert taken.message == (
        "Booklet numbers already recorded: C1000008, C1000009, C1000010. "
        "Each number is recorded only once."
    )
    refused = refusal(receive, office, printer, "C1000008", "C1000012", document="BAST-2")
    assert refused.message.startswith("Nomor buku sudah tercatat: C1000008")
