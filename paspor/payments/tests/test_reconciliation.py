"""Reconciliation on a statement with every kind of finding, repaired through the same door;
another office's payments are neither matched, counted nor shown."""

import datetime as dt
import io
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from paspor.audit.models import AuditEntry
from paspor.cases.models import CaseStatus
from paspor.lib.errors import DomainError
from paspor.lib.money import rupiah
from paspor.offices.models import Office
from paspor.payments.models import Payment, PaymentStatus, ReconciliationKind, StatementImport
from paspor.payments.reconciliation import statement_import, statement_xlsx
from paspor.payments.services import bill_issue_for_case
from paspor.payments.tests.factories import make_case, pay

pytestmark = pytest.mark.django_db
HEADER = "billing_code,amount,ntpn,paid_at,channel\n"
START, END = dt.date(2026, 3, 1), dt.date(2026, 3, 31)


# The statement's month: codes issued on 28 February and valid two weeks, so each payment and
# statement line of March 2026 below is paid after its code's issue and before its expiry.
ISSUED = dt.datetime(2026, 2, 28, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
MARCH = dt.datetime(2026, 3, 10, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def codes(fees, office, intake_officer, supervisor, settings):
    settings.PAYMENT_BILLING_CODE_VALID_HOURS = 14 * 24
    with time_machine.travel(ISSUED):
        return [
            bill_issue_for_case(case=make_case(office, intake_officer), by=supervisor)
            for _ in range(5)
        ]


def test_statement_with_every_kind_of_mismatch(codes, channel, other_office, supervisor, office):
    matched, missing_notification, recorded_only, mismatched, wrong_amount_unrecorded = codes
    march = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
    pay(channel, matched, ntpn="MATCHED000000001", paid_at=march)
    pay(channel, recorded_only, ntpn="RECORDEDONLY0001", paid_at=march)
    pay(channel, mismatched, ntpn="MISMATCH00000001", paid_at=march)
    other_case = make_case(other_office, supervisor)
    foreign = bill_issue_for_case(case=other_case, by=supervisor)
    csv = HEADER + "\n".join(
        [
            f"{matched.code},950000,MATCHED000000001,2026-03-10T16:00:00+07:00,bank-uji",
            f"{missing_notification.code},950000,NOTRECORDED00001,2026-03-11 10:00:00,bank-uji",
            f"{mismatched.code},900000,MISMATCH00000001,2026-03-10T16:00:00+07:00,bank-uji",
            f"{wrong_amount_unrecorded.code},95000,WRONGAMOUNT00001,2026-03-11 10:00,bank-uji",
            "999999999999999,350000,UNKNOWNCODE00001,2026-03-11 10:00,bank-uji",
            f"{foreign.code},950000,FOREIGN000000001,2026-03-11 10:00,bank-uji",
            f"{matched.code},abc,BADLINE000000001,2026-03-11 10:00,bank-uji",
            f"{matched.code},950000,SHORT,2026-03-11 10:00,bank-uji",
            f"{matched.code},950000,NOCHANNEL0000001,2026-03-11 10:00,bank-entah",
            f"{matched.code},950000,MATCHED000000001,2026-03-10T16:00:00+07:00,bank-uji",
        ]
    )
    statement = statement_import(
        office=office,
        content=csv,
        period_start=START,
        period_end=END,
        by=supervisor,
        filename="bni.csv",
    )
    kinds: dict[str, list[Any]] = {}
    for item in statement.items.all():
        kinds.setdefault(item.kind, []).append(item)
    assert [i.ntpn for i in kinds["matched"]] == ["MATCHED000000001"]
    assert [i.ntpn for i in kinds["repaired"]] == ["NOTRECORDED00001"]
    assert sorted(i.ntpn for i in kinds["amount_mismatch"]) == [
        "MISMATCH00000001",
        "WRONGAMOUNT00001",
    ]
    assert [i.ntpn for i in kinds["flagged"]] == ["UNKNOWNCODE00001"]
    assert [i.ntpn for i in kinds["not_on_statement"]] == ["RECORDEDONLY0001"]
    assert len(kinds["invalid_line"]) == 5  # other office, bad amount, bad NTPN, channel, repeat
    assert statement.summary["lines"] == 10

    # Paid but not recorded: applied through the same path, the case is paid, with audit rows.
    repaired = Payment.objects.get(ntpn="NOTRECORDED00001")
    assert (repaired.status, repaired.source) == (PaymentStatus.APPLIED, "reconciliation")
    repaired_case = missing_notification.bill.case
    repaired_case.refresh_from_db()
    assert repaired_case.status == CaseStatus.PAID and repaired_case.due_date is not None
    audit = AuditEntry.objects.get(event="payments.payment_repaired", subject_id=str(repaired.pk))
    assert audit.actor == supervisor
    assert AuditEntry.objects.filter(event="payments.statement_imported").count() == 1
    # Unrecorded but wrong: recorded and flagged, never lost.
    assert Payment.objects.get(ntpn="WRONGAMOUNT00001").flag_reason == "wrong_amount"
    assert Payment.objects.get(ntpn="UNKNOWNCODE00001").office == office
    # The foreign office's payment is left to that office.
    assert not Payment.objects.filter(ntpn="FOREIGN000000001").exists()

    book = load_workbook(io.BytesIO(statement_xlsx(statement)))
    assert book.sheetnames == ["Ringkasan", "Rincian"]
    rows = list(book["Rincian"].iter_rows(values_only=True))
    assert len(rows) == 1 + statement.items.count()
    assert any(row[3] == "RECORDEDONLY0001" for row in rows)


def test_importing_the_same_statement_twice_repairs_nothing_twice(
    codes, channel, office, supervisor
):
    csv = HEADER + f"{codes[0].code},950000,NOTRECORDED00001,2026-03-11 10:00,bank-uji\n"
    statement_import(office=office, content=csv, period_start=START, period_end=END, by=supervisor)
    second = statement_import(
        office=office, content=csv, period_start=START, period_end=END, by=supervisor
    )
    assert [i.kind for i in second.items.all()] == [ReconciliationKind.MATCHED]
    assert Payment.objects.count() == 1


def test_recorded_payments_outside_the_period_are_not_reported(codes, channel, office, supervisor):
    pay(channel, codes[0], paid_at=dt.datetime(2026, 2, 28, 20, 0, tzinfo=dt.UTC))  # 1 Mar WIB
    pay(channel, codes[1], paid_at=dt.datetime(2026, 2, 28, 16, 0, tzinfo=dt.UTC))  # 28 Feb WIB
    csv = HEADER + f"{codes[2].code},950000,ONTHESTATEMENT01,2026-03-02 10:00,bank-uji\n"
    statement = statement_import(
        office=office, content=csv, period_start=START, period_end=END, by=supervisor
    )
    missing = [i.billing_code for i in statement.items.filter(kind="not_on_statement")]
    assert missing == [codes[0].code]


def test_a_line_paid_in_the_future_is_an_invalid_line_not_money(codes, channel, office, supervisor):
    """As a bank notification from the future is refused (bank.py), a statement line dated
    after the upload is a bank's error to correct; a clock a few minutes ahead is tolerated."""
    csv = HEADER + (
        f"{codes[0].code},950000,FUTURELINE000001,2026-03-11 10:00,bank-uji\n"
        f"{codes[1].code},950000,CLOCKAHEAD000001,2026-03-10 10:03,bank-uji\n"
    )
    with time_machine.travel(MARCH, tick=False):  # 10 March 2026, 10:00 WIB
        statement = statement_import(
            office=office, content=csv, period_start=START, period_end=END, by=supervisor
        )
    invalid = statement.items.get(kind=ReconciliationKind.INVALID_LINE)
    assert (invalid.line_no, invalid.detail) == (2, "waktu bayar di masa depan")
    assert not Payment.objects.filter(billing_code=codes[0]).exists()
    assert Payment.objects.filter(billing_code=codes[1], ntpn="CLOCKAHEAD000001").exists()


@pytest.mark.parametrize("written", ["950000.00", "950.000,00", "950,000.00", "Rp 950.000"])
def test_an_amount_with_zero_sen_or_grouped_is_the_whole_rupiah(
    codes, channel, office, supervisor, written
):
    """ "950000.00" used to be read as Rp 95.000.000: a flagged payment that took the NTPN, and
    the bank's own notice of the real payment was then refused as a reused NTPN."""
    csv = HEADER + f'{codes[0].code},"{written}",DECIMALAMOUNT001,2026-03-10 09:00,bank-uji\n'
    with time_machine.travel(MARCH, tick=False):
        statement = statement_import(
            office=office, content=csv, period_start=START, period_end=END, by=supervisor
        )
    item = statement.items.get()
    assert (item.kind, item.amount_statement) == (ReconciliationKind.REPAIRED, 950000)
    payment = Payment.objects.get(ntpn="DECIMALAMOUNT001")
    assert (payment.amount, payment.status) == (950000, PaymentStatus.APPLIED)


@pytest.mark.parametrize(
    ("amount", "paid_at", "detail"),
    [
        ("950000.50", "2026-03-10 09:00", "jumlah bukan bilangan bulat rupiah"),
        ("1.000.50", "2026-03-10 09:00", "jumlah bukan bilangan bulat rupiah"),
        ("99999999999999999999", "2026-03-10 09:00", "jumlah melebihi Rp 1.000.000.000.000"),
        ("950000", "0001-01-01 05:00", "waktu bayar sebelum tahun 2000"),
    ],
)
def test_an_amount_or_time_out_of_bounds_is_one_invalid_line_not_a_failed_upload(
    codes, channel, office, supervisor, amount, paid_at, detail
):
    csv = HEADER + (
        f"{codes[0].code},{amount},OUTOFBOUNDS00001,{paid_at},bank-uji\n"
        f"{codes[1].code},950000,WITHINBOUNDS0001,2026-03-10 09:00,bank-uji\n"
    )
    with time_machine.travel(MARCH, tick=False):
        statement = statement_import(
            office=office, content=csv, period_start=START, period_end=END, by=supervisor
        )
    invalid = statement.items.get(kind=ReconciliationKind.INVALID_LINE)
    assert (invalid.line_no, invalid.detail) == (2, detail)
    assert Payment.objects.filter(ntpn="WITHINBOUNDS0001").exists()


def test_a_statement_without_the_columns_is_refused(office, supervisor):
    with pytest.raises(DomainError) as refused:
        statement_import(
            office=office,
            content="kode,jumlah\n1,2\n",
            period_start=START,
            period_end=END,
            by=supervisor,
        )
    assert "billing_code" in refused.value.message


def test_a_reversed_period_is_refused(office, supervisor):
    with pytest.raises(DomainError):
        statement_import(
            office=office, content=HEADER, period_start=END, period_end=START, by=supervisor
        )


def test_a_recorded_payment_with_another_amount_is_told_in_rupiah_in_both_languages(
    codes, channel, office, supervisor
):
    pay(channel, codes[0], ntpn="MISMATCH00000001", paid_at=MARCH)
    csv = HEADER + f"{codes[0].code},900000,MISMATCH00000001,2026-03-10 10:00,bank-uji\n"
    statement = statement_import(
        office=office, content=csv, period_start=START, period_end=END, by=supervisor
    )
    assert statement.items.get().detail == f"Tercatat: {codes[0].code}, Rp 950.000"
    with translation.override("en"):
        statement = statement_import(
            office=office, content=csv, period_start=START, period_end=END, by=supervisor
        )
    assert statement.items.get().detail == f"Recorded: {codes[0].code}, Rp 950.000"


def test_the_summary_sheet_counts_lines_under_an_unambiguous_heading(office, supervisor):
    statement = statement_import(
        office=office, content=HEADER, period_start=START, period_end=END, by=supervisor
    )

    def heading() -> tuple[Any, ...]:
        book = load_workbook(io.BytesIO(statement_xlsx(statement)))
        return next(book.worksheets[0].iter_rows(min_row=5, max_row=5, values_only=True))

    assert heading()[1] == "Banyaknya"
    with translation.override("en"):
        assert heading()[1] == "Count"


def test_the_workbooks_sheets_are_named_in_the_readers_language(office, supervisor):
    statement = statement_import(
        office=office, content=HEADER, period_start=START, period_end=END, by=supervisor
    )
    assert load_workbook(io.BytesIO(statement_xlsx(statement))).sheetnames == [
        "Ringkasan",
        "Rincian",
    ]
    with translation.override("en"):
        book = load_workbook(io.BytesIO(statement_xlsx(statement)))
    assert book.sheetnames == ["Summary", "Details"]


def test_names_and_statement_values_typed_as_formulas_stay_text_in_the_xlsx(office, supervisor):
    """The office's name, the uploaded file's name and a line's values are typed by people:
    stored as the text they are, never as formulas the spreadsheet would run."""
    formula = '=HYPERLINK("http://x.example/","klik")'
    typed_in_file = "=1+1"  # a CSV line's comma would split the one above
    Office.objects.filter(pk=office.pk).update(name=formula)
    office.refresh_from_db()
    statement = statement_import(
        office=office,
        content=HEADER + f"{typed_in_file},1,{typed_in_file},2026-03-10 10:00,{typed_in_file}\n",
        period_start=START,
        period_end=END,
        by=supervisor,
        filename=formula,
    )
    book = load_workbook(io.BytesIO(statement_xlsx(statement)))
    summary, detail = book["Ringkasan"], book["Rincian"]
    assert [summary["B1"].value, summary["B3"].value] == [formula, formula]
    assert summary["B1"].data_type == summary["B3"].data_type == "s"
    typed = [
        cell for row in detail.iter_rows(min_row=2) for cell in row if cell.value == typed_in_file
    ]
    assert len(typed) == 3 and all(cell.data_type == "s" for cell in typed)


# --- Another office's payment on this office's statement ------------------------------------


@pytest.fixture
def pontianak_payment(fees, channel, other_office, supervisor):
    with time_machine.travel(MARCH - dt.timedelta(days=1)):
        code = bill_issue_for_case(case=make_case(other_office, supervisor), by=supervisor)
    assert pay(channel, code, ntpn="0000000000000004", paid_at=MARCH).status_code == 200
    payment = Payment.objects.get(ntpn="0000000000000004")
    assert payment.office == other_office
    return payment


def _upload_as(client, office, line: str):
    upload = io.BytesIO((HEADER + line + "\n").encode())
    upload.name = "bank.csv"
    response = client.post(
        reverse("payments:reconciliation", kwargs={"office": office.code}),
        {"period_start": "2026-03-01", "period_end": "2026-03-31", "statement": upload},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    book = load_workbook(io.BytesIO(client.get(response["Location"] + "xlsx/").content))
    cells = " ".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )
    return StatementImport.objects.get(office=office), page, cells


def test_head_of_office_cannot_match_another_offices_payment(
    pontianak_payment, office, head_of_office, client_for
):
    line = (
        f"{pontianak_payment.billing_code_text},{pontianak_payment.amount},"
        "0000000000000004,2026-03-10 10:00,bank-uji"
    )
    statement, page, _cells = _upload_as(client_for(head_of_office), office, line)
    item = statement.items.get()
    assert item.kind == ReconciliationKind.INVALID_LINE
    assert (item.payment, item.amount_recorded) == (None, None)
    assert statement.summary["matched"] == 0 and statement.summary["invalid_line"] == 1
    assert "NTPN sudah tercatat di luar kantor ini" in page
    # Nothing was recorded or repaired for Ketapang.
    assert Payment.objects.count() == 1
    assert not AuditEntry.objects.filter(event="payments.payment_repaired").exists()


def test_head_of_office_sees_no_figures_of_another_offices_payment(
    pontianak_payment, office, head_of_office, client_for
):
    line = "999999999999998,123456,0000000000000004,2026-03-10 10:00,bank-uji"
    statement, page, cells = _upload_as(client_for(head_of_office), office, line)
    assert statement.items.get().kind == ReconciliationKind.INVALID_LINE
    amount = pontianak_payment.amount
    for shown in (page, cells):
        assert pontianak_payment.billing_code_text not in shown
        assert str(amount) not in shown and rupiah(amount) not in shown
        assert "Rp 123.456" in shown or "123456" in shown  # the statement's own line is there
    assert Payment.objects.count() == 1


# --- What staff type: the channel's name, the billing code in groups -------------------------


@pytest.mark.parametrize("written", ["bank-uji", "Bank Uji", "  bank uji ", "BANK UJI", "Bank-Uji"])
def test_the_channel_is_taken_by_its_code_or_by_the_name_on_receipts(
    codes, channel, office, supervisor, written
):
    """Receipts and the case history say "Bank Uji"; a bank's file may say "bank-uji"."""
    csv = HEADER + f'{codes[0].code},950000,NAMEDCHANNEL0001,2026-03-11 10:00,"{written}"\n'
    statement = statement_import(
        office=office, content=csv, period_start=START, period_end=END, by=supervisor
    )
    item = statement.items.get()
    assert (item.kind, item.channel_code) == (ReconciliationKind.REPAIRED, "bank-uji")


def test_a_channel_name_two_channels_share_must_be_given_by_its_code(
    codes, channel, office, supervisor
):
    from paspor.payments.services import payment_channel_ensure

    payment_channel_ensure(code="bank-uji-2", name="bank uji", secret="rahasia-bank-uji-456")
    csv = HEADER + "\n".join(
        [
            f"{codes[0].code},950000,SHAREDNAME000001,2026-03-11 10:00,Bank Uji",
            f"{codes[1].code},950000,SHAREDNAME000002,2026-03-11 10:00,bank-uji-2",
            f"{codes[2].code},950000,SHAREDNAME000003,2026-03-11 10:00,Bank Entah",
        ]
    )
    statement = statement_import(
        office=office, content=csv, period_start=START, period_end=END, by=supervisor
    )
    shared, by_code, unknown = statement.items.order_by("line_no")
    assert shared.kind == ReconciliationKind.INVALID_LINE
    assert "tulis kode salurannya" in shared.detail
    assert (by_code.kind, by_code.channel_code) == (ReconciliationKind.REPAIRED, "bank-uji-2")
    assert unknown.kind == ReconciliationKind.INVALID_LINE
    assert "saluran tidak dikenal" in unknown.detail


@pytest.mark.parametrize("grouped", ["{0} {1} {2}", "{0}-{1}-{2}", " {0}\u00a0{1} {2} "])
def test_a_billing_code_written_in_groups_is_the_same_code(
    codes, channel, office, supervisor, grouped
):
    code = codes[0].code
    written = grouped.format(code[:5], code[5:10], code[10:])
    csv = HEADER + f"{written},950000,GROUPEDCODE00001,2026-03-11 10:00,bank-uji\n"
    statement = statement_import(
        office=office, content=csv, period_start=START, period_end=END, by=supervisor
    )
    item = statement.items.get()
    assert (item.kind, item.billing_code) == (ReconciliationKind.REPAIRED, code)
    assert Payment.objects.get(ntpn="GROUPEDCODE00001").billing_code == codes[0]


def test_the_upload_page_lists_the_channels_by_code_and_name(channel, client_for, supervisor):
    page = client_for(supervisor).get(
        reverse("payments:reconciliation", kwargs={"office": "ketapang"})
    )
    body = page.content.decode()
    assert "<li><code>bank-uji</code> — Bank Uji</li>" in body
    assert "kode atau nama saluran" in body


def test_the_periods_are_written_like_every_other_date(
    codes, channel, office, supervisor, client_for
):
    """Not Django's default "30 Nov. 2026" beside "1 Des 2026 09.01"."""
    statement = statement_import(
        office=office,
        content=HEADER,
        period_start=dt.date(2026, 11, 30),
        period_end=dt.date(2026, 12, 1),
        by=supervisor,
        filename="rk.csv",
    )
    client = client_for(supervisor)
    pages = [
        client.get(reverse("payments:reconciliation", kwargs={"office": office.code})),
        client.get(
            reverse(
                "payments:statement", kwargs={"office": office.code, "statement": statement.uuid}
            )
        ),
    ]
    for page in pages:
        body = page.content.decode()
        assert "30 Nov 2026 – 1 Des 2026" in body
        assert "Nov." not in body and "Des." not in body


def test_earlier_reconciliations_name_every_column_and_the_offices_clock(
    codes, channel, office, supervisor, client_for
):
    """Each column has a heading a screen reader reads out, and the upload time says its zone
    as the other payment pages do (Indonesia has three)."""
    statement_import(
        office=office, content=HEADER, period_start=START, period_end=END, by=supervisor
    )
    page = client_for(supervisor).get(
        reverse("payments:reconciliation", kwargs={"office": office.code})
    )
    body = page.content.decode()
    assert '<th scope="col"></th>' not in body
    assert '<th scope="col">Laporan</th>' in body
    assert f" {office.tz_abbreviation}</td>" in body


def _statement_page(client, statement) -> str:
    url = reverse("payments:statement", kwargs={"office": "ketapang", "statement": statement.uuid})
    return str(client.get(url).content.decode())


def test_a_line_matching_a_flagged_payment_says_the_money_did_not_pay_the_bill(
    codes, channel, supervisor, client_for
):
    code = codes[0]
    pay(channel, code, ntpn="APPLIED000000001", paid_at=MARCH)
    pay(channel, code, ntpn="SECONDPAY0000001", paid_at=MARCH)  # paid twice: flagged
    second = Payment.objects.get(ntpn="SECONDPAY0000001")
    assert second.status == PaymentStatus.FLAGGED
    csv = HEADER + "\n".join(
        [
            f"{code.code},950000,APPLIED000000001,2026-03-10 10:00,bank-uji",
            f"{code.code},950000,SECONDPAY0000001,2026-03-10 10:05,bank-uji",
        ]
    )
    statement = statement_import(
        office=code.bill.office, content=csv, period_start=START, period_end=END, by=supervisor
    )
    items = {item.ntpn: item for item in statement.items.all()}
    applied, flagged = items["APPLIED000000001"], items["SECONDPAY0000001"]
    assert applied.kind == flagged.kind == ReconciliationKind.MATCHED
    assert applied.detail == ""
    assert flagged.detail == (
        "Pembayaran tercatat ditandai, tidak diterapkan: Tagihan sudah dibayar (pembayaran ganda)."
    )
    client = client_for(supervisor)
    page = _statement_page(client, statement)
    assert page.count("Tidak diterapkan") == 1
    assert "Status kini: Perlu ditinjau/dikembalikan" in page
    # The workbook carries the same remark.
    book = load_workbook(io.BytesIO(statement_xlsx(statement)))
    remarks = [row[8] for row in book["Rincian"].iter_rows(min_row=2, values_only=True)]
    assert flagged.detail in remarks

    from paspor.payments.services import payment_flag_resolve

    payment_flag_resolve(payment=second, note="Dikembalikan, SP2D 88", by=supervisor)
    assert "Status kini: Sudah ditinjau" in _statement_page(client, statement)
    again = statement_import(
        office=code.bill.office, content=csv, period_start=START, period_end=END, by=supervisor
    )
    assert again.items.get(ntpn="SECONDPAY0000001").detail == (
        "Pembayaran tercatat tidak diterapkan dan sudah ditinjau: "
        "Tagihan sudah dibayar (pembayaran ganda)."
    )


def _upload(client, office, content: str, *, start="2026-03-01", end="2026-03-31"):
    upload = io.BytesIO(content.encode())
    upload.name = "bank.csv"
    return client.post(
        reverse("payments:reconciliation", kwargs={"office": office.code}),
        {"period_start": start, "period_end": end, "statement": upload},
    )


@pytest.mark.parametrize(
    ("content", "said"),
    [
        # A field over the csv module's limit, or a quote left open that reads the rest of the
        # file as one field: refused with its line, not a crash.
        (HEADER + "x" * 140_000 + ",1,N,2026-03-10 10:00,bank-uji\n", "Baris 2: isi CSV"),
        (HEADER + '"1234,950000,N,2026-03-10 10:00,bank-uji\n' + "9" * 140_000, "Baris 2: isi"),
        # PostgreSQL stores no NUL in text; the file is refused before anything is written.
        (HEADER + "12\x0034,950000,N,2026-03-10 10:00,bank-uji\n", "karakter NUL"),
    ],
)
def test_an_unreadable_statement_is_refused_with_the_reason_and_nothing_kept(
    office, supervisor, client_for, content, said
):
    response = _upload(client_for(supervisor), office, content)
    assert response.status_code == 400
    assert said in response.content.decode()
    assert not StatementImport.objects.exists()


@pytest.mark.parametrize(("start", "end"), [("2026-03-01", "9999-12-31"), ("0001-01-01", END)])
def test_a_period_outside_the_report_years_is_refused_at_its_field(
    office, supervisor, client_for, start, end
):
    response = _upload(client_for(supervisor), office, HEADER, start=str(start), end=str(end))
    assert response.status_code == 400
    assert "Masukkan tanggal antara tahun" in response.content.decode()
    assert not StatementImport.objects.exists()
