"""The accountable stock: receiving, the life of a booklet, the monthly report and its XLSX."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.checks.registry import registry
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import load_workbook

from conftest import make_user
from paspor.accounts.models import Role
from paspor.audit.models import AuditEntry
from paspor.cases.models import CaseStatus
from paspor.cases.types import PassportKind
from paspor.issuance.conf import config_check, issuance_config
from paspor.issuance.exports import stock_report_xlsx
from paspor.issuance.models import Booklet, BookletKind, BookletStatus, Consumption, Passport
from paspor.issuance.selectors import (
    REPORT_COLUMNS,
    Month,
    available_booklets,
    report_booklets,
    stock_levels,
    stock_report,
)
from paspor.issuance.services import (
    booklet_spoil_in_stock,
    booklets_return,
    print_confirm,
    print_spoil,
    print_start,
    qc_record,
)
from paspor.issuance.tests.conftest import make_paid_case, receive
from paspor.lib.env import ConfigError
from paspor.lib.errors import Conflict, DomainError
from paspor.offices.models import Office

pytestmark = pytest.mark.django_db
MARCH = dt.datetime(2026, 3, 17, 3, 0, tzinfo=dt.UTC)


def test_a_delivery_creates_one_booklet_per_number_with_its_document(office, printer):
    delivery = receive(office, printer, "C1000001", "C1000010")
    booklets = Booklet.objects.filter(delivery=delivery).order_by("number")
    assert [b.number for b in booklets][:2] == ["C1000001", "C1000002"]
    assert booklets.count() == delivery.quantity == 10
    assert {b.status for b in booklets} == {BookletStatus.IN_STOCK}
    audit = AuditEntry.objects.get(event="issuance.stock_received")
    assert audit.new["quantity"] == 10 and audit.new["document"] == "BAST-C1000001"


@pytest.mark.parametrize(
    ("first", "last", "code"),
    [
        ("C100001", "C100009", "booklet_number_pattern"),  # six digits
        ("1000001", "1000009", "booklet_number_pattern"),  # no letter
        ("C1000009", "C1000001", "booklet_range_order"),
        ("C1000001", "D1000009", "booklet_range_prefix"),
    ],
)
def test_a_range_that_breaks_the_number_pattern_is_refused(office, printer, first, last, code):
    with pytest.raises(DomainError) as error:
        receive(office, printer, first, last)
    assert error.value.code == code
    assert not Booklet.objects.exists()


def test_the_number_pattern_is_configurable(office, printer, settings):
    settings.ISSUANCE = {"booklet_number_pattern": r"^[A-Z]{2}[0-9]{6}$"}
    delivery = receive(office, printer, "XA000001", "XA000003")
    assert delivery.quantity == 3


@pytest.mark.parametrize("pattern", [r"^[A-Z][0-9]{7,9}$", r"^[A-Z][0-9]+$"])
def test_a_number_pattern_longer_than_the_mrz_holds_is_refused(settings, pattern):
    # The MRZ's document number holds 9 characters: a longer booklet number fails every print.
    settings.ISSUANCE = {"booklet_number_pattern": pattern}
    with pytest.raises(ConfigError, match="more than 9 characters"):
        issuance_config()
    assert [error.id for error in config_check(None)] == ["issuance.E001"]
    settings.ISSUANCE = {"booklet_number_pattern": r"^[A-Z]{2}[0-9]{7}$"}
    assert issuance_config().booklet_number_pattern == r"^[A-Z]{2}[0-9]{7}$"
    assert config_check(None) == []


def test_the_issuance_settings_are_a_system_check():
    registered: list[object] = list(registry.get_checks())
    assert config_check in registered


def test_a_booklet_number_is_received_only_once_in_the_whole_country(office, other_office, printer):
    receive(office, printer, "C1000001", "C1000010")
    other_printer = make_user("cetak_lain", role=Role.PRINT_QC, office=other_office)
    with pytest.raises(Conflict) as error:
        receive(other_office, other_printer, "C1000008", "C1000020", document="BAST-X")
    assert "C1000008" in error.value.message
    assert Booklet.objects.count() == 10


def test_available_booklets_counts_the_vault_per_kind(office, printer):
    receive(office, printer, "C1000001", "C1000010")
    receive(office, printer, "B2000001", "B2000004", kind=BookletKind.ORDINARY)
    assert available_booklets(office, PassportKind.ELECTRONIC) == 10
    assert available_booklets(office, PassportKind.ORDINARY) == 4


def test_spoiling_a_blank_booklet_needs_a_reason_and_another_officer_as_witness(
    office, stock, printer, checker
):
    booklet = Booklet.objects.get(number="C1000003")
    with pytest.raises(DomainError):
        booklet_spoil_in_stock(booklet=booklet, by=printer, witness=printer, reason="sobek")
    with pytest.raises(DomainError):
        booklet_spoil_in_stock(booklet=booklet, by=printer, witness=checker, reason=" ")
    booklet_spoil_in_stock(booklet=booklet, by=printer, witness=checker, reason="Sobek di gudang")
    booklet.refresh_from_db()
    assert (booklet.status, booklet.consumption, booklet.witness) == (
        BookletStatus.SPOILED,
        Consumption.SPOILED,
        checker,
    )
    assert AuditEntry.objects.filter(event="issuance.booklet_spoiled").exists()


def test_the_spoiled_booklets_list_names_who_recorded_each_and_the_witness(
    office, stock, printer, checker, client_for
):
    """The month's spoiled booklets are the accountability record: each says who wrote it off
    and which other officer saw it, as the booklet row keeps them."""
    with time_machine.travel(MARCH, tick=False):
        booklet = Booklet.objects.get(number="C1000003")
        booklet_spoil_in_stock(
            booklet=booklet, by=printer, witness=checker, reason="Sobek di gudang"
        )
        page = client_for(printer).get(
            reverse("issuance:stock_report_booklets", kwargs={"office": office.code}),
            {"bulan": "2026-03", "kolom": "spoiled", "jenis": "electronic"},
        )
    body = page.content.decode()
    assert "Sobek di gudang" in body
    by = printer.get_full_name() or printer.username
    witness = checker.get_full_name() or checker.username
    assert f"dicatat {by}, disaksikan {witness}" in body


def test_a_witness_from_another_role_is_refused(office, stock, printer, intake_officer):
    booklet = Booklet.objects.get(number="C1000003")
    with pytest.raises(DomainError) as error:
        booklet_spoil_in_stock(booklet=booklet, by=printer, witness=intake_officer, reason="x")
    assert error.value.code == "witness_role"


def test_a_deactivated_officer_cannot_witness_a_spoiled_booklet(office, stock, printer, checker):
    checker.is_active = False
    checker.save(update_fields=["is_active"])
    booklet = Booklet.objects.get(number="C1000003")
    with pytest.raises(DomainError) as error:
        booklet_spoil_in_stock(booklet=booklet, by=printer, witness=checker, reason="Sobek")
    assert error.value.code == "witness_inactive"
    booklet.refresh_from_db()
    assert booklet.status == BookletStatus.IN_STOCK


def test_the_database_refuses_a_booklet_witnessed_by_its_own_spoiler(stock, printer):
    with pytest.raises(IntegrityError), transaction.atomic():
        Booklet.objects.filter(number="C1000001").update(
            status=BookletStatus.SPOILED,
            consumption=Consumption.SPOILED,
            consumed_on=dt.date(2026, 3, 3),
            spoil_reason="x",
            spoiled_by=printer,
            witness=printer,
        )


def test_returning_a_range_needs_every_booklet_in_the_vault(office, stock, printer, paid_case):
    with time_machine.travel(MARCH, tick=False):
        print_start(case=paid_case, by=printer)  # takes C1000001
    with pytest.raises(Conflict):
        booklets_return(
            office=office,
            kind=BookletKind.ELECTRONIC,
            first_number="C1000001",
            last_number="C1000005",
            document_number="BA-RET-1",
            by=printer,
            reason="Penarikan",
        )
    assert Booklet.objects.filter(status=BookletStatus.RETURNED).count() == 0
    for document, reason in (("\u200b", "Penarikan"), ("BA-RET-1", "\u200e\u200b")):
        with pytest.raises(DomainError) as refused:
            booklets_return(
                office=office,
                kind=BookletKind.ELECTRONIC,
                first_number="C1000009",
                last_number="C1000010",
                document_number=document,
                by=printer,
                reason=reason,
            )
        assert refused.value.code == "return_details_required"
    count = booklets_return(
        office=office,
        kind=BookletKind.ELECTRONIC,
        first_number="C1000009",
        last_number="C1000010",
        document_number="BA-RET-1",
        by=printer,
        reason="Penarikan",
    )
    assert count == 2
    assert available_booklets(office, BookletKind.ELECTRONIC) == 7


def test_a_booklet_is_used_once_ever(office, stock, printer, paid_case, intake_officer):
    with time_machine.travel(MARCH, tick=False):
        passport = print_start(case=paid_case, by=printer)
    other_case = make_paid_case(office, intake_officer, nik="6104010101900002")
    with pytest.raises(IntegrityError), transaction.atomic():
        Passport.objects.create(
            **{
                f.attname: getattr(passport, f.attname)
                for f in Passport._meta.concrete_fields
                if f.name not in ("id", "case")
            },
            case=other_case,
        )


def test_a_spoiled_booklet_is_never_allocated_again(office, stock, printer, checker, paid_case):
    with time_machine.travel(MARCH, tick=False):
        first = print_start(case=paid_case, by=printer)
        second = print_spoil(passport=first, by=printer, witness=checker, reason="Macet")
    assert second is not None
    assert (first.passport_number, second.passport_number) == ("C1000001", "C1000002")
    numbers = list(Passport.objects.values_list("booklet__number", flat=True))
    assert len(numbers) == len(set(numbers))


def _run_a_month(office, printer, checker, intake_officer):
    """March 2026: 10 received on the 2nd, 3 printed and passed, 1 spoiled in printing,
    1 spoiled in the vault, 2 returned; April: 1 more passes QC."""
    receive(office, printer, "C1000001", "C1000010", on=dt.date(2026, 3, 2))
    cases = [
        make_paid_case(office, intake_officer, nik=f"610401010190{n:04d}", full_name=f"Orang {n}")
        for n in range(1, 6)
    ]
    with time_machine.travel(MARCH, tick=False):
        for index, case in enumerate(cases[:3]):
            passport = print_start(case=case, by=printer)
            if index == 0:
                next_one = print_spoil(
                    passport=passport, by=printer, witness=checker, reason="Macet"
                )
                assert next_one is not None
                passport = next_one
            passport = print_confirm(passport=passport, by=printer)
            qc_record(
                passport=passport,
                by=checker,
                passed=True,
                data_matches=True,
                photo_ok=True,
                mrz_line1=passport.mrz_line1,
                mrz_line2=passport.mrz_line2,
            )
        waiting = print_confirm(passport=print_start(case=cases[3], by=printer), by=printer)
        booklet_spoil_in_stock(
            booklet=Booklet.objects.get(number="C1000008"),
            by=printer,
            witness=checker,
            reason="Basah",
        )
        booklets_return(
            office=office,
            kind=BookletKind.ELECTRONIC,
            first_number="C1000009",
            last_number="C1000010",
            document_number="BA-RET-1",
            by=printer,
            reason="Penarikan seri",
        )
    with time_machine.travel(dt.datetime(2026, 4, 2, 3, 0, tzinfo=dt.UTC), tick=False):
        qc_record(
            passport=waiting,
            by=checker,
            passed=True,
            data_matches=True,
            photo_ok=True,
            mrz_line1=waiting.mrz_line1,
            mrz_line2=waiting.mrz_line2,
        )


def test_the_monthly_report_adds_up_and_every_number_is_traceable(
    office, printer, checker, intake_officer
):
    _run_a_month(office, printer, checker, intake_officer)
    march, april = stock_report(office, Month(2026, 3)), stock_report(office, Month(2026, 4))
    electronic = next(row for row in march if row.kind == BookletKind.ELECTRONIC)
    assert (
        electronic.opening,
        electronic.received,
        electronic.used,
        electronic.spoiled,
        electronic.returned,
        electronic.closing,
    ) == (0, 10, 3, 2, 2, 3)
    april_row = next(row for row in april if row.kind == BookletKind.ELECTRONIC)
    assert (april_row.opening, april_row.used, april_row.closing) == (3, 1, 2)
    for row in march + april:
        assert row.opening + row.received - row.used - row.spoiled - row.returned == row.closing
    for column in REPORT_COLUMNS:
        booklets = report_booklets(office, Month(2026, 3), column, BookletKind.ELECTRONIC)
        assert booklets.count() == electronic.value(column)
    spoiled = report_booklets(office, Month(2026, 3), "spoiled", BookletKind.ELECTRONIC)
    assert set(spoiled.values_list("number", flat=True)) == {"C1000001", "C1000008"}


def test_the_report_downloads_as_xlsx_with_the_booklets_behind_it(
    office, printer, checker, intake_officer
):
    _run_a_month(office, printer, checker, intake_officer)
    book = load_workbook(io.BytesIO(stock_report_xlsx(office, Month(2026, 3))))
    summary = book.worksheets[0]
    header = [cell.value for cell in summary[3]]
    assert header[1:] == [
        "Stok awal",
        "Diterima",
        "Terpakai",
        "Rusak",
        "Dikembalikan",
        "Stok akhir",
    ]
    electronic = next(r for r in summary.iter_rows(values_only=True) if r[0] == "Paspor elektronik")
    assert list(electronic[1:]) == [0, 10, 3, 2, 2, 3]
    detail = book.worksheets[1]
    spoiled_rows = [r for r in detail.iter_rows(min_row=2, values_only=True) if r[0] == "Rusak"]
    assert {r[2] for r in spoiled_rows} == {"C1000001", "C1000008"}


def test_an_office_name_and_a_spoil_reason_typed_as_formulas_stay_text_in_the_xlsx(
    office, printer, checker, intake_officer
):
    """Typed by people, they are stored as the text they are, never as formulas the
    spreadsheet would run (a link that sends the sheet's data elsewhere)."""
    _run_a_month(office, printer, checker, intake_officer)
    formula = '=HYPERLINK("http://x.example/","klik")'
    Office.objects.filter(pk=office.pk).update(name=formula)
    Booklet.objects.filter(number="C1000008").update(spoil_reason=formula)
    office.refresh_from_db()
    book = load_workbook(io.BytesIO(stock_report_xlsx(office, Month(2026, 3))))
    summary, detail = book.worksheets
    assert (summary["B1"].value, summary["B1"].data_type) == (formula, "s")
    reasons = [cell for row in detail.iter_rows(min_row=2) for cell in row if cell.value == formula]
    assert reasons and all(cell.data_type == "s" for cell in reasons)


def test_low_stock_warning_when_the_vault_is_below_the_coming_paid_cases(
    office, printer, intake_officer
):
    receive(office, printer, "C1000001", "C1000002")
    for n in range(3):
        make_paid_case(
            office, intake_officer, nik=f"610401010190{n:04d}", due_date=dt.date(2026, 3, 19)
        )
    make_paid_case(office, intake_officer, nik="6104010101909999", due_date=dt.date(2026, 5, 1))
    make_paid_case(
        office, intake_officer, nik="6104010101908888", status=CaseStatus.PRINTED
    )  # printed already: no demand
    levels = {level.kind: level for level in stock_levels(office, today=dt.date(2026, 3, 17))}
    electronic = levels[BookletKind.ELECTRONIC]
    assert (electronic.available, electronic.demand, electronic.low) == (2, 3, True)
    assert not levels[BookletKind.ORDINARY].low


def test_a_case_being_printed_holds_its_booklet_and_is_no_demand_on_the_vault(
    office, printer, intake_officer
):
    receive(office, printer, "C1000001", "C1000001")
    case = make_paid_case(office, intake_officer, due_date=dt.date(2026, 3, 19))
    with time_machine.travel(MARCH, tick=False):
        print_start(case=case, by=printer)
    case.refresh_from_db()
    assert case.status == CaseStatus.PAID  # allocated, not yet confirmed as printed
    levels = {level.kind: level for level in stock_levels(office, today=dt.date(2026, 3, 17))}
    electronic = levels[BookletKind.ELECTRONIC]
    assert (electronic.available, electronic.demand, electronic.low) == (0, 0, False)
