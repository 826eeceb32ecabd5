"""A quota refused below the seats already booked names the dates as staff read them.

Supervisors read the refusal on the quota page; an ISO date ("2026-06-15") is a database's
way of writing it, not theirs.
"""

import datetime as dt

import pytest
from django.utils import translation

from conftest import refusal
from paspor.booking import services
from paspor.booking.tests.conftest import DAY, book, make_profile

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NEXT_MONDAY = DAY + dt.timedelta(days=7)


@pytest.fixture
def two_mondays_booked(frozen, office, morning, budi, applicant):
    book(budi, office, morning, day=DAY)
    book(make_profile(applicant, 3), office, morning, day=NEXT_MONDAY)


def lower_monday_quota_to_nothing(office, session, supervisor):
    return refusal(
        services.quota_default_set,
        office=office,
        weekday=0,
        session=session,
        pool="regular",
        capacity=0,
        by=supervisor,
    )


@pytest.mark.usefixtures("two_mondays_booked")
@pytest.mark.parametrize(
    ("language", "named"),
    [("id", "(tanggal 15 Juni 2026, 22 Juni 2026)"), ("en", "(dates 15 June 2026, 22 June 2026)")],
)
def test_a_weekday_quota_below_the_booked_seats_names_the_dates_in_words(
    office, morning, supervisor, language, named
):
    with translation.override(language):
        refused = lower_monday_quota_to_nothing(office, morning, supervisor)
    assert refused.code == "below_booked"
    assert named in refused.message


def test_a_date_quota_below_the_booked_seats_names_that_date(office, morning, budi, supervisor):
    book(budi, office, morning, day=DAY)
    refused = refusal(
        services.quota_exception_set,
        office=office,
        day=DAY,
        session=morning,
        pool="regular",
        capacity=0,
        reason="Pegawai sakit",
        by=supervisor,
    )
    assert refused.message == (
        "Kuota tidak bisa di bawah jumlah yang sudah dipesan (tanggal 15 Juni 2026)."
    )
