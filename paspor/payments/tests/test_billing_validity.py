"""STANDARDS.md §5: a billing code is 15 digits, an NTPN 16 letters and digits, and a code is
valid until its expiry — judged by when the money was paid, not by when the bank's notice came."""

import datetime as dt

import pytest
import time_machine

from paspor.cases.models import CaseStatus
from paspor.payments.bank import Malformed, billing_code_valid, ntpn_normalise
from paspor.payments.models import BillingCodeStatus, Payment
from paspor.payments.services import billing_code_reissue, billing_codes_expire
from paspor.payments.tests.factories import pay

# --- NTPN: 16 letters and digits ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("0123456789ABCDEF", "0123456789ABCDEF"),
        ("ab12cd34ef56gh78", "AB12CD34EF56GH78"),
        (" AB12CD34EF56GH78\n", "AB12CD34EF56GH78"),
    ],
)
def test_an_ntpn_is_kept_upper_case_without_surrounding_spaces(typed, kept):
    assert ntpn_normalise(typed) == kept


@pytest.mark.parametrize(
    "typed",
    [
        "0123456789ABCDE",  # 15
        "0123456789ABCDEF0",  # 17
        "0123-4567-89AB-CDEF",
        "０123456789ABCDEF",  # a full-width digit
        # Fifteen characters that upper-casing turns into sixteen ASCII letters ("ß" → "SS",
        # "ﬀ" → "FF"), and a dotless ı that becomes I: none is an NTPN as sent.
        "ßBCDEFGHIJKLMNO",
        "ﬀBCDEFGHIJKLMNO",
        "ıBCDEFGHIJKLMNOP",
    ],
)
def test_anything_but_16_ascii_letters_and_digits_is_no_ntpn(typed):
    with pytest.raises(Malformed):
        ntpn_normalise(typed)


# --- billing code: 15 digits --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("143135898810983", True),
        ("000000000000001", True),  # the first digit means nothing, a 0 included
        ("14313589881098", False),
        ("1431358988109830", False),
        ("١٤٣١٣٥٨٩٨٨١٠٩٨٣", False),  # Arabic-Indic digits are digits to Python, not to a bank
        ("１４３１３５８９８８１０９８３", False),  # full-width
        ("14313589881098²", False),
        ("14313589881098A", False),
    ],
)
def test_a_billing_code_is_15_ascii_digits(code, valid):
    assert billing_code_valid(code) is valid


# --- validity: judged at the moment of payment --------------------------------------------------


@pytest.mark.django_db
def test_a_payment_made_in_time_is_applied_although_the_code_was_since_marked_expired(
    billing_code, approved_case, channel
):
    # Paid a minute before expiry; the bank's first notice failed and its retry comes after the
    # periodic job has marked the code expired. The money came in time: the case is paid.
    paid = billing_code.expires_at - dt.timedelta(minutes=1)
    assert billing_codes_expire(now=billing_code.expires_at + dt.timedelta(minutes=15)) == 1
    with time_machine.travel(billing_code.expires_at + dt.timedelta(minutes=20)):
        response = pay(channel, billing_code, paid_at=paid)
    assert response.status_code == 200
    assert response.json()["result"] == "applied"
    billing_code.refresh_from_db()
    approved_case.refresh_from_db()
    assert billing_code.status == BillingCodeStatus.PAID
    assert approved_case.status == CaseStatus.PAID


@pytest.mark.django_db
def test_a_payment_at_the_moment_of_expiry_is_too_late(billing_code, approved_case, channel):
    billing_codes_expire(now=billing_code.expires_at)
    with time_machine.travel(billing_code.expires_at + dt.timedelta(minutes=1)):
        response = pay(channel, billing_code, paid_at=billing_code.expires_at)
    assert response.status_code == 202
    assert Payment.objects.get().flag_reason == "expired_code"
    approved_case.refresh_from_db()
    assert approved_case.status == CaseStatus.BILLED


@pytest.mark.django_db
def test_a_code_replaced_by_a_new_one_takes_no_payment_however_early(
    billing_code, approved_case, applicant, channel
):
    # The applicant already has a new code to pay: applying the old one would leave that one
    # live and reminded of. The money is recorded and flagged for a supervisor instead.
    paid = billing_code.expires_at - dt.timedelta(minutes=1)
    with time_machine.travel(billing_code.expires_at + dt.timedelta(minutes=5)):
        new = billing_code_reissue(bill=billing_code.bill, by=applicant)
        response = pay(channel, billing_code, paid_at=paid)
    assert response.status_code == 202
    assert Payment.objects.get().flag_reason == "expired_code"
    new.refresh_from_db()
    approved_case.refresh_from_db()
    assert new.status == BillingCodeStatus.ISSUED
    assert approved_case.status == CaseStatus.BILLED
