"""Reconciliation on a statement with every kind of finding, repaired through the same door."""

import datetime as dt
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from paspor.audit.models import AuditEntry
from paspor.cases.models import CaseStatus
from paspor.lib.errors import DomainError
from paspor.payments.models import Payment, PaymentStatus, ReconciliationKind
from paspor.payments.reconciliation import statement_import, statement_xlsx
from paspor.payments.services import bill_issue_for_case
from paspor.payments.tests.factories import make_case, pay

pytestmark = pytest.mark.django_db
HEADER = "billing_code,amount,ntpn,paid_at,channel\n"
START, END = dt.date(2026, 3, 1), dt.date(2026, 3, 31)


@pytest.fixture
def codes(fees, office, intake_officer, supervisor):
    return [
        bill_issue_for_case(case=make_case(office, intake_officer), by=supervisor) for _ in range(5)
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
