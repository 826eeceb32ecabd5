"""A statement's lines that the database or the request could not take are refused as lines
(or the file as a whole, naming the cap), never a 500; lines are the file's lines."""

import datetime as dt

import pytest
import time_machine

from paspor.lib.errors import DomainError
from paspor.payments import reconciliation
from paspor.payments.forms import StatementForm
from paspor.payments.models import ReconciliationKind, StatementImport
from paspor.payments.reconciliation import statement_import

pytestmark = pytest.mark.django_db
HEADER = "billing_code,amount,ntpn,paid_at,channel\n"
START, END = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
MARCH = dt.datetime(2026, 3, 20, 3, 0, tzinfo=dt.UTC)


def _import(office, supervisor, csv):
    with time_machine.travel(MARCH, tick=False):
        return statement_import(
            office=office, content=csv, period_start=START, period_end=END, by=supervisor
        )


def _invalid(statement):
    return list(
        statement.items.filter(kind=ReconciliationKind.INVALID_LINE)
        .order_by("line_no")
        .values_list("line_no", "detail")
    )


def test_an_amount_of_thousands_of_digits_is_one_invalid_line(channel, office, supervisor):
    csv = HEADER + f"123456789012345,{'9' * 5000},AAAA0000BBBB2222,2026-03-10 09:00,bank-uji\n"
    statement = _import(office, supervisor, csv)
    assert _invalid(statement) == [(2, "jumlah melebihi Rp 1.000.000.000.000")]


def test_a_billing_code_longer_than_its_column_is_an_invalid_line(channel, office, supervisor):
    # PostgreSQL refused the 60 characters (varchar(40)); SQLite stored them: both refuse now,
    # also when the line repeats an NTPN.
    long_code = "1" * 60
    csv = HEADER + (
        f"{long_code},650000,AAAA0000BBBB5555,2026-03-10 09:00,bank-uji\n"
        f"123456789012345,650000,AAAA0000BBBB6666,2026-03-10 09:00,bank-uji\n"
        f"{long_code},650000,AAAA0000BBBB6666,2026-03-10 09:00,bank-uji\n"
    )
    statement = _import(office, supervisor, csv)
    assert _invalid(statement) == [
        (2, "kode billing paling panjang 40 karakter"),
        (4, "kode billing paling panjang 40 karakter"),
    ]
    assert all(len(item.billing_code) <= 40 for item in statement.items.all())


def test_lines_are_numbered_as_in_the_file(channel, office, supervisor):
    csv = HEADER + "\n\n123456789012345,abc,AAAA0000BBBB7777,2026-03-10 09:00,bank-uji\n\n\n,,,,\n"
    statement = _import(office, supervisor, csv)
    assert [line for line, _detail in _invalid(statement)] == [4, 7]


def test_a_statement_separated_by_semicolons_is_told_to_use_commas(channel, office, supervisor):
    csv = HEADER.replace(",", ";") + "123456789012345;650000;AAAA0000BBBB8888;2026-03-10;bank-uji\n"
    with pytest.raises(DomainError, match=r"harus koma \(,\), bukan titik koma"):
        _import(office, supervisor, csv)


def test_a_statement_over_the_line_cap_is_refused_naming_it(
    channel, office, supervisor, monkeypatch
):
    monkeypatch.setattr(reconciliation, "MAX_LINES", 2)
    line = "123456789012345,650000,AAAA0000BBBB{:04d},2026-03-10 09:00,bank-uji\n"
    csv = HEADER + "".join(line.format(n) for n in range(3))
    with pytest.raises(DomainError, match="paling banyak 2 baris"):
        _import(office, supervisor, csv)
    assert not StatementImport.objects.exists()


def test_too_many_unrecorded_lines_are_refused_before_any_repair(
    channel, office, supervisor, monkeypatch
):
    monkeypatch.setattr(reconciliation, "MAX_REPAIRS", 1)
    line = "12345678901234{},650000,AAAA0000BBBB{:04d},2026-03-10 09:00,bank-uji\n"
    csv = HEADER + "".join(line.format(n, n) for n in range(2))
    with pytest.raises(
        DomainError, match="2 baris dengan NTPN yang belum tercatat; paling banyak 1"
    ):
        _import(office, supervisor, csv)
    assert not StatementImport.objects.exists()


def test_the_upload_form_states_and_enforces_the_byte_cap(monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    form = StatementForm()
    assert "Paling banyak 10.000 baris dan 2 MB" in str(form.fields["statement"].help_text)
    monkeypatch.setattr("paspor.payments.forms.MAX_BYTES", 10)
    upload = SimpleUploadedFile("rk.csv", HEADER.encode())
    form = StatementForm(
        {"period_start": "2026-03-01", "period_end": "2026-03-31"}, {"statement": upload}
    )
    assert not form.is_valid()
    assert "terlalu panjang" in form.errors["statement"][0]


def test_the_caps_group_thousands_the_readers_way():
    from django.utils import translation

    with translation.override("en"):
        help_text = str(StatementForm().fields["statement"].help_text)
        refusal = reconciliation.too_long_message()
    assert "At most 10,000 lines and 2 MB" in help_text and "10.000" not in help_text
    assert "at most 10,000 lines, 2 MB" in refusal
    with translation.override("id"):
        assert "paling banyak 10.000 baris, 2 MB" in reconciliation.too_long_message()
