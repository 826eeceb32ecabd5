"""The demo booking data: sessions, quotas and the demo applicant, idempotent."""

import datetime as dt

import pytest
from django.test import Client

from paspor.booking.demo import DEMO_APPLICANT_EMAIL, DEMO_APPLICANT_PASSWORD, seed_booking_demo
from paspor.booking.models import ApplicantProfile, ArrivalSession, QuotaDefault
from paspor.booking.selectors import DayState, day_state
from paspor.offices.calendar import office_today

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_the_demo_applicant_signs_in(office):
    seed_booking_demo(office)
    seed_booking_demo(office)
    assert ArrivalSession.objects.filter(office=office).count() == 3
    assert QuotaDefault.objects.filter(office=office).count() == 3 * 5 * 3
    assert (
        QuotaDefault.objects.get(
            office=office, weekday=0, session__start="08:00", pool="regular"
        ).capacity
        == 40
    )
    assert ApplicantProfile.objects.filter(account__email=DEMO_APPLICANT_EMAIL).count() == 2
    # Started on any day, the demo has dates to book in the coming weeks.
    today = office_today(office)
    days = [today + dt.timedelta(days=n) for n in range(1, 15)]
    assert any(day_state(office, day)[0] == DayState.OPEN for day in days)
    client = Client()
    response = client.post(
        "/akun/masuk/",
        {"username": DEMO_APPLICANT_EMAIL, "password": DEMO_APPLICANT_PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/booking/saya/"
    assert "Profil pemohon (2)" in response.content.decode()
