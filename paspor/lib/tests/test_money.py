"""Rupiah and billing codes as pages, PDFs and reports write them."""

import pytest

from paspor.lib.money import billing_code_grouped, rupiah


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
