"""A booklet number that does not fit is refused in words counter staff read, never as a
regular expression, with an example that fits the configured pattern."""

from __future__ import annotations

import pytest
from django.utils import translation

from paspor.issuance.services.stock import booklet_number_check
from paspor.issuance.tests.conftest import receive
from paspor.lib.errors import DomainError


def _refusal(number: str) -> str:
    with translation.override("id"), pytest.raises(DomainError) as error:
        booklet_number_check(number)
    assert error.value.code == "booklet_number_pattern"
    return error.value.message


def test_the_default_pattern_is_said_as_one_letter_then_seven_digits():
    message = _refusal("zz9")
    assert message == (
        "Nomor buku “ZZ9” tidak sesuai format: 1 huruf diikuti 7 angka (contoh: C1234567)."
    )
    assert "[A-Z]" not in message and "^" not in message


def test_another_letters_then_digits_pattern_is_said_in_words_with_a_fitting_example(settings):
    settings.ISSUANCE = {"booklet_number_pattern": r"^[A-Z]{2}[0-9]{6}$"}
    message = _refusal("C1234567")
    assert "2 huruf diikuti 6 angka" in message and "(contoh: CC123456)" in message
    booklet_number_check("CC123456")  # the example fits


def test_a_pattern_not_said_in_words_gets_the_example_only(settings):
    settings.ISSUANCE = {"booklet_number_pattern": r"^[A-Z][0-9]{7,8}$"}
    message = _refusal("ZZ9")
    assert message == "Nomor buku “ZZ9” tidak sesuai format (contoh: C1234567)."


def test_no_example_is_given_that_the_pattern_refuses(settings):
    settings.ISSUANCE = {"booklet_number_pattern": r"^(X|Y)[0-9]{7}$"}
    message = _refusal("ZZ9")
    assert "C1234567" not in message and "(X|Y)" not in message


@pytest.mark.django_db
def test_a_delivery_of_numbers_that_do_not_fit_is_refused_in_words(office, printer):
    with translation.override("id"), pytest.raises(DomainError) as error:
        receive(office, printer, "C100001", "C100009")
    assert "1 huruf diikuti 7 angka" in error.value.message
