"""Rupiah and billing codes as pages, PDFs and reports write them."""

import pytest

from paspor.lib.money import billing_code_grouped, rupiah, rupiah_parse


@pytest.mark.parametrize(
    ("amount", "written"),
    [(0, "Rp 0"), (999, "Rp 999"), (1000, "Rp 1.000"), (650000, "Rp 650.000"),
     (1000000, "Rp 1.000.000"), (12345678, "Rp 12.345.678")],
)  # fmt: skip
def test_rupiah_has_a_dot_for_each_thousand(amount, written):
    assert rupiah(amount) == written


@pytest.mark.parametrize(
    ("code", "grouped"),
    [("123456789012345", "12345 67890 12345"), ("820251129000001", "82025 11290 00001"),
     ("1234567", "12345 67"), ("", "")],
)  # fmt: skip
def test_a_billing_code_is_read_in_groups_of_five(code, grouped):
    assert billing_code_grouped(code) == grouped


@pytest.mark.parametrize(
    ("written", "rupiah_read"),
    [
        ("950000", 950000),
        ("950.000", 950000),
        ("950,000", 950000),
        ("950 000", 950000),
        ("1.050.000", 1050000),
        ("950000.00", 950000),
        ("950000,0", 950000),
        ("950.000,00", 950000),
        ("950,000.00", 950000),
        (" Rp 950.000 ", 950000),
        ("IDR950000", 950000),
        ("950.00", 950),  # two digits after the mark are sen, not thousands
        ("950000.50", None),  # sen a rupiah amount cannot pay
        ("1.000.50", None),  # the same mark for thousands and sen: not guessed
        ("1,000,000.000", None),
        ("95.0000", None),
        ("١٢٣", None),
        ("", None),
        ("-950000", None),
    ],
)
def test_a_statement_amount_is_read_as_whole_rupiah_or_refused(written, rupiah_read):
    assert rupiah_parse(written) == rupiah_read


def test_a_run_of_thousands_of_digits_is_no_amount_not_a_crash():
    # int() refuses a string of more than 4,300 digits with a ValueError.
    assert rupiah_parse("9" * 5000) is None
    assert rupiah_parse("9" * 24) == int("9" * 24)
