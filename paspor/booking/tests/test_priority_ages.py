"""The Ramah HAM ages (STANDARDS.md §7) are judged on the day of the visit, not of the booking.

Booked on 10 June 2026 for Monday 15 June: a child who turns 5 in between no longer counts as
under 5, and someone who turns 60 in between already counts as 60 or over.
"""

import datetime as dt

import pytest

from paspor.booking.tests.conftest import book, make_profile, verified
from paspor.lib.errors import Conflict

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.mark.parametrize(
    ("born", "eligible"),
    [
        (dt.date(2021, 6, 12), False),  # 4 when booking, 5 on the day
        (dt.date(2021, 6, 16), True),  # turns 5 the day after the visit
        (dt.date(1966, 6, 14), True),  # 59 when booking, 60 on the day
        (dt.date(1966, 6, 16), False),  # turns 60 the day after the visit
    ],
    ids=["five-on-the-day", "four-on-the-day", "sixty-on-the-day", "fifty-nine-on-the-day"],
)
def test_priority_age_counts_on_the_visit_day(office, morning, applicant, born, eligible):
    profile = make_profile(verified(applicant), 21, born=born)
    if eligible:
        assert book(profile, office, morning, pool="priority").pool == "priority"
    else:
        with pytest.raises(Conflict) as refused:
            book(profile, office, morning, pool="priority")
        assert refused.value.code == "not_priority"


@pytest.mark.parametrize(
    ("born", "eligible"), [(dt.date(1961, 6, 15), True), (dt.date(1961, 6, 16), False)]
)
def test_an_elderly_age_of_65_counts_from_the_65th_birthday(
    office, morning, applicant, settings, born, eligible
):
    settings.BOOKING_PRIORITY_ELDERLY_FROM = 65
    profile = make_profile(verified(applicant), 22, born=born)
    if eligible:
        assert book(profile, office, morning, pool="priority").pool == "priority"
    else:
        with pytest.raises(Conflict) as refused:
            book(profile, office, morning, pool="priority")
        assert refused.value.code == "not_priority"
