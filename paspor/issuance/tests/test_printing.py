"""Printing on a booklet, spoiling while printing, quality control and ready for pickup."""

import datetime as dt
import html
import importlib
import re

import pytest
import time_machine
from django.apps import apps as django_apps
from django.urls import reverse

from conftest import make_user
from paspor.accounts.models import Role
from paspor.audit.models import AuditEntry
from paspor.cases.models import CaseEvent, CaseStatus
from paspor.issuance.conf import issuance_config
from paspor.issuance.models import (
    BookletStatus,
    Consumption,
    Passport,
    PassportStatus,
    QualityCheck,
)
from paspor.issuance.selectors import print_queue, qc_officers
from paspor.issuance.services import (
    passport_mark_ready,
    print_confirm,
    print_spoil,
    print_start,
)
from paspor.issuance.tests.conftest import PRINT_AND_QC, make_paid_case
from paspor.issuance.tests.helpers import qc
from paspor.lib.env import ConfigError
from paspor.lib.errors import Conflict, DomainError
from paspor.notifications.models import Message

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen"),
]


def test_the_print_queue_follows_the_sla_clock(office, intake_officer):
    late = make_paid_case(
        office, intake_officer, nik="6104010101900003", due_date=dt.date(2026, 3, 20)
    )
    early = make_paid_case(
        office, intake_officer, nik="6104010101900001", due_date=dt.date(2026, 3, 18)
    )
    express = make_paid_case(
        office, intake_officer, nik="6104010101900002", due_date=dt.date(2026, 3, 18), express=True
    )
    make_paid_case(office, intake_officer, nik="6104010101900004", status=CaseStatus.BILLED)
    assert list(print_queue(office)) == [express, early, late]


def test_printing_allocates_the_lowest_booklet_and_fixes_the_data_page(stock, paid_case, printer):
    passport = print_start(case=paid_case, by=printer)
    assert passport.passport_number == passport.booklet.number == "C1000001"
    assert passport.booklet.status == BookletStatus.ALLOCATED
    assert passport.issue_date == dt.date(2026, 3, 17)  # office-local print date
    assert passport.expiry_date == dt.date(2036, 3, 17)
    assert passport.mrz_line2.startswith("C1000001<0IDN9008179F3603170")
    assert AuditEntry.objects.filter(event="issuance.booklet_allocated").count() == 1


def test_issue_date_is_the_office_local_date(office, stock, paid_case, printer):
    # 23:30 UTC on 16 March is already 17 March in Ketapang (UTC+7)
    with time_machine.travel(dt.datetime(2026, 3, 16, 23, 30, tzinfo=dt.UTC), tick=False):
        passport = print_start(case=paid_case, by=printer)
    assert passport.issue_date == dt.date(2026, 3, 17)


def test_starting_twice_is_repeat_safe(stock, paid_case, printer):
    first = print_start(case=paid_case, by=printer)
    again = print_start(case=paid_case, by=printer)
    assert first.pk == again.pk
    assert first.booklet.pk == again.booklet.pk


def test_a_case_not_paid_cannot_be_printed(office, stock, intake_officer, printer):
    case = make_paid_case(office, intake_officer, status=CaseStatus.BILLED)
    with pytest.raises(Conflict):
        print_start(case=case, by=printer)


def test_an_empty_vault_refuses_printing_with_a_clear_message(paid_case, printer):
    with pytest.raises(Conflict) as error:
        print_start(case=paid_case, by=printer)
    assert "habis" in error.value.message


def test_a_ten_year_passport_for_a_child_is_refused(office, stock, intake_officer, printer):
    child = make_paid_case(
        office, intake_officer, birth_date=dt.date(2015, 5, 1), validity_years=10
    )
    with pytest.raises(Conflict) as error:
        print_start(case=child, by=printer)
    assert error.value.code == "validity_not_allowed"
    assert not child.passports.exists()


def test_a_child_gets_a_five_year_passport(office, stock, intake_officer, printer):
    child = make_paid_case(office, intake_officer, birth_date=dt.date(2015, 5, 1), validity_years=5)
    assert print_start(case=child, by=printer).expiry_date == dt.date(2031, 3, 17)


def test_the_expiry_rule_setting_changes_the_printed_expiry(stock, paid_case, printer, settings):
    settings.ISSUANCE = {"expiry_rule": "day_before", "document_codes": {"electronic": "P<"}}
    passport = print_start(case=paid_case, by=printer)
    assert passport.expiry_date == dt.date(2036, 3, 16)
    assert passport.mrz_line1.startswith("P<IDN")


def test_a_p_filler_code_left_in_the_settings_is_refused_from_2028(
    stock, paid_case, printer, settings
):
    # STANDARDS.md §1: every passport issued from 1 January 2028 carries the second letter.
    settings.ISSUANCE = {"document_codes": {"electronic": "P<"}}
    in_2028 = time_machine.travel(dt.datetime(2028, 1, 3, 3, 0, tzinfo=dt.UTC), tick=False)
    with in_2028, pytest.raises(Conflict) as error:
        print_start(case=paid_case, by=printer)
    assert error.value.code == "document_code_second_letter_required"
    assert "2028" in error.value.message
    assert not paid_case.passports.exists()
    assert not stock.booklets.exclude(status=BookletStatus.IN_STOCK).exists()


def test_the_print_page_answers_409_to_a_p_filler_code_from_2028(
    client_for, stock, paid_case, printer, settings
):
    settings.ISSUANCE = {"document_codes": {"electronic": "P<"}}
    start = reverse("issuance:print_start", kwargs={"office": "ketapang", "code": paid_case.code})
    with time_machine.travel(dt.datetime(2028, 1, 3, 3, 0, tzinfo=dt.UTC), tick=False):
        response = client_for(printer).post(start)
    assert response.status_code == 409
    assert "1 Januari 2028" in html.unescape(response.content.decode())
    assert not paid_case.passports.exists()


@pytest.mark.parametrize("code", ["PE", "PD"])
def test_another_documents_code_is_refused_for_ordinary_passports(settings, code):
    # PE is the emergency travel document, PD the diplomatic passport: Paspor prints neither.
    settings.ISSUANCE = {"document_codes": {"ordinary": code, "electronic": "PP"}}
    with pytest.raises(ConfigError, match="another document's code"):
        issuance_config()


def test_spoiling_while_printing_records_it_and_allocates_the_next_booklet(
    stock, paid_case, printer, checker
):
    first = print_start(case=paid_case, by=printer)
    second = print_spoil(passport=first, by=printer, witness=checker, reason="Kertas macet")
    assert second is not None
    first.refresh_from_db()
    first.booklet.refresh_from_db()
    assert first.status == PassportStatus.SPOILED
    assert (first.booklet.status, first.booklet.witness, first.booklet.spoil_reason) == (
        BookletStatus.SPOILED,
        checker,
        "Kertas macet",
    )
    assert second.passport_number == "C1000002"
    assert second.status == PassportStatus.PRINTING
    assert CaseEvent.objects.filter(case=paid_case, kind="print_spoiled").exists()


def test_the_last_booklet_spoiled_is_recorded_and_the_case_waits_for_stock(
    office, paid_case, printer, checker
):
    """With no booklet of its kind left, allocating the next one is refused: that refusal used
    to roll the spoilage back too, leaving the ruined booklet allocated."""
    from paspor.issuance.tests.conftest import receive

    receive(office, printer, "C1000001", "C1000001")
    only = print_start(case=paid_case, by=printer)
    assert print_spoil(passport=only, by=printer, witness=checker, reason="Kertas macet") is None
    only.refresh_from_db()
    only.booklet.refresh_from_db()
    assert (only.status, only.booklet.status) == (PassportStatus.SPOILED, BookletStatus.SPOILED)
    paid_case.refresh_from_db()
    assert paid_case.status == CaseStatus.PAID
    assert paid_case in print_queue(office)
    with pytest.raises(Conflict) as refused:
        print_start(case=paid_case, by=printer)
    assert refused.value.code == "out_of_stock"


def test_spoiling_needs_a_witness_other_than_the_printer(stock, paid_case, printer):
    first = print_start(case=paid_case, by=printer)
    with pytest.raises(DomainError):
        print_spoil(passport=first, by=printer, witness=printer, reason="Macet")
    first.refresh_from_db()
    assert first.status == PassportStatus.PRINTING


def test_confirming_the_print_moves_the_case_to_printed(stock, paid_case, printer):
    passport = print_confirm(passport=print_start(case=paid_case, by=printer), by=printer)
    paid_case.refresh_from_db()
    assert paid_case.status == CaseStatus.PRINTED
    assert passport.booklet.status == BookletStatus.PRINTED


def test_quality_control_by_the_printing_officer_is_refused(stock, paid_case, printer):
    passport = print_confirm(passport=print_start(case=paid_case, by=printer), by=printer)
    with pytest.raises(Conflict) as error:
        qc(passport, printer)
    assert error.value.code == "qc_by_printer"
    assert not QualityCheck.objects.exists()
    paid_case.refresh_from_db()
    assert paid_case.status == CaseStatus.PRINTED


def test_the_officer_who_confirmed_the_print_may_not_check_it(
    office, stock, paid_case, printer, checker
):
    # One officer allocates the booklet, another confirms the print: neither checks it.
    passport = print_confirm(passport=print_start(case=paid_case, by=printer), by=checker)
    assert (passport.printed_by, passport.print_confirmed_by) == (printer, checker)
    with pytest.raises(Conflict) as error:
        qc(passport, checker)
    assert error.value.code == "qc_by_printer"
    assert not QualityCheck.objects.exists()
    third = make_user("petugas_qc3", role=Role.PRINT_QC, office=office, stations=PRINT_AND_QC)
    assert list(qc_officers(passport)) == [third]
    assert qc(passport, third).passed


def test_a_passport_waiting_for_quality_control_gets_who_confirmed_its_print(
    stock, paid_case, printer, checker
):
    """The migration that adds `print_confirmed_by` fills it from the case's move to PRINTED."""
    passport = print_confirm(passport=print_start(case=paid_case, by=printer), by=checker)
    Passport.objects.filter(pk=passport.pk).update(print_confirmed_by=None)
    migration = importlib.import_module(
        "paspor.issuance.migrations.0005_passport_print_confirmed_by"
    )
    migration.confirmed_by_from_the_case_event(django_apps, None)
    passport.refresh_from_db()
    assert passport.print_confirmed_by == checker


def test_quality_control_passes_with_the_mrz_read_back(stock, paid_case, printer, checker):
    passport = print_confirm(passport=print_start(case=paid_case, by=printer), by=printer)
    check = qc(passport, checker, mrz_line1=f"  {passport.mrz_line1.lower()} ")
    assert check.passed and check.mrz_ok
    paid_case.refresh_from_db()
    passport.booklet.refresh_from_db()
    assert paid_case.status == CaseStatus.QC_PASSED
    assert (passport.booklet.consumption, passport.booklet.consumed_on) == (
        Consumption.USED,
        dt.date(2026, 3, 17),
    )


def test_a_pass_with_a_wrong_mrz_is_refused_and_nothing_is_written(
    stock, paid_case, printer, checker
):
    passport = print_confirm(passport=print_start(case=paid_case, by=printer), by=printer)
    wrong = passport.mrz_line2[:-1] + ("1" if passport.mrz_line2[-1] != "1" else "2")
    with pytest.raises(DomainError) as error:
        qc(passport, checker, mrz_line2=wrong)
    assert "composite" in error.value.message or "gabungan" in error.value.message.lower()
    assert not QualityCheck.objects.exists()


def test_a_wrong_check_digit_is_said_once_with_its_place_and_what_was_expected(
    stock, paid_case, printer, checker
):
    passport = print_confirm(passport=print_start(case=paid_case, by=printer), by=printer)
    right = passport.mrz_line2[-1]
    wrong = passport.mrz_line2[:-1] + ("1" if right != "1" else "2")
    with pytest.raises(DomainError) as error:
        qc(passport, checker, mrz_line2=wrong)
    message = error.value.message
    assert (
        f"Digit periksa gabungan (baris 2 posisi 44) terbaca '{wrong[-1]}', "
        f"seharusnya '{right}'." in message
    )
    assert message.count("Digit periksa") == 1


def test_a_failed_check_with_every_box_ticked_needs_a_note_that_shows(
    stock, paid_case, printer, checker
):
    passport = print_confirm(passport=print_start(case=paid_case, by=printer), by=printer)
    for notes in ("", " ", "\u200b\u200e"):  # nothing, a space, invisible characters
        with pytest.raises(DomainError) as refused:
            qc(passport, checker, passed=False, notes=notes)
        assert refused.value.code == "qc_fail_reason"
    passport.refresh_from_db()
    assert passport.status == PassportStatus.PRINTED
    assert qc(passport, checker, passed=False, notes="Laminasi terkelupas").notes == (
        "Laminasi terkelupas"
    )


def test_failing_quality_control_spoils_the_booklet_and_sends_the_case_back_to_print(
    stock, paid_case, printer, checker
):
    passport = print_confirm(passport=print_start(case=paid_case, by=printer), by=printer)
    check = qc(passport, checker, passed=False, photo_ok=False, notes="Foto buram")
    assert not check.passed
    passport.refresh_from_db()
    passport.booklet.refresh_from_db()
    paid_case.refresh_from_db()
    assert paid_case.status == CaseStatus.PAID
    assert passport.status == PassportStatus.SPOILED
    assert passport.booklet.status == BookletStatus.SPOILED
    assert passport.booklet.witness == printer and passport.booklet.spoiled_by == checker
    assert "Foto buram" in passport.booklet.spoil_reason
    event = CaseEvent.objects.filter(case=paid_case, to_status=CaseStatus.PAID).last()
    assert event is not None
    assert event.from_status == CaseStatus.PRINTED and "kendali mutu" in event.reason
    reprint = print_start(case=paid_case, by=printer)
    assert reprint.passport_number == "C1000002"


def test_quality_control_notices_case_data_changed_after_printing(
    stock, paid_case, printer, checker
):
    passport = print_confirm(passport=print_start(case=paid_case, by=printer), by=printer)
    type(paid_case).objects.filter(pk=paid_case.pk).update(full_name="Siti Aminah Putri")
    passport.case.refresh_from_db()
    with pytest.raises(DomainError) as error:
        qc(passport, checker)
    assert "Data “nama lengkap” berubah sejak dicetak" in error.value.message
    assert "full_name" not in error.value.message  # the officer reads words, not field names


def test_ready_for_pickup_tells_the_applicant(stock, paid_case, printer, checker):
    passport = print_confirm(passport=print_start(case=paid_case, by=printer), by=printer)
    qc(passport, checker)
    passport.refresh_from_db()
    ready = passport_mark_ready(passport=passport, by=checker)
    paid_case.refresh_from_db()
    assert paid_case.status == CaseStatus.READY_FOR_PICKUP
    assert ready.ready_on == dt.date(2026, 3, 17)
    message = Message.objects.get(template="ready_for_pickup")
    assert message.to_address == "siti@example.com"
    assert message.context["case_code"] == paid_case.code


def test_an_unticked_checklist_says_which_checks_are_not_confirmed(
    stock, paid_case, printer, checker
):
    passport = print_confirm(passport=print_start(case=paid_case, by=printer), by=printer)
    with pytest.raises(DomainError) as error:
        qc(passport, checker, data_matches=False, photo_ok=False)
    assert error.value.message == (
        "Tidak dapat diluluskan. Belum dicentang: Data halaman data sesuai permohonan; "
        "Foto tercetak baik dan sesuai pemohon."
    )
    assert not QualityCheck.objects.exists()


def test_a_misread_mrz_is_told_by_line_and_position(stock, paid_case, printer, checker):
    passport = print_confirm(passport=print_start(case=paid_case, by=printer), by=printer)
    line1 = passport.mrz_line1
    misread1 = line1[:9] + ("X" if line1[9] != "X" else "Y") + line1[10:]
    with pytest.raises(DomainError) as error:
        qc(passport, checker, mrz_line1=misread1, mrz_line2=passport.mrz_line2[:-1])
    message = error.value.message
    assert "baris 1 posisi 10" in message
    assert "baris 2 terbaca 43 karakter, seharusnya 44" in message
    assert ".;" not in message and ".." not in message


def test_many_differences_are_counted_not_all_listed(stock, paid_case, printer, checker):
    passport = print_confirm(passport=print_start(case=paid_case, by=printer), by=printer)
    shifted = passport.mrz_line2[1:] + "<"
    with pytest.raises(DomainError) as error:
        qc(passport, checker, mrz_line2=shifted)
    assert re.search(r"baris 2 posisi (\d+, ){7}\d+ dan \d+ posisi lain", error.value.message)


def test_the_reason_of_a_failed_check_reads_as_sentences(stock, paid_case, printer, checker):
    passport = print_confirm(passport=print_start(case=paid_case, by=printer), by=printer)
    qc(passport, checker, passed=False, photo_ok=False, notes="Foto buram")
    passport.booklet.refresh_from_db()
    assert passport.booklet.spoil_reason == (
        "Gagal kendali mutu. Belum dicentang: Foto tercetak baik dan sesuai pemohon. Foto buram."
    )
