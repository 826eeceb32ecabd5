"""A day declared closed after people booked it: they are told, may move even after their one
reschedule, and a booking left there ends cancelled — never a no-show with a block."""

import datetime as dt

import pytest
from django.urls import reverse

from conftest import make_office
from paspor.booking import services
from paspor.booking.models import BookingStatus, NikBlock
from paspor.booking.tests.conftest import DAY, WIB, book
from paspor.notifications.models import Message
from paspor.offices.models import CalendarDay, CalendarDayKind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
LATER = DAY + dt.timedelta(days=2)  # Wednesday 17 June 2026


@pytest.fixture
def moved_once(office, sessions, budi):
    """Budi's booking, already moved once, now on LATER."""
    booking = book(budi, office, sessions[0])
    return services.booking_reschedule(
        booking=booking, day=LATER, session=sessions[1], by=budi.account
    )


def test_headquarters_closing_a_booked_day_tells_the_applicant_who_may_move_again(
    client_for, hq_user, office, sessions, budi, moved_once, django_capture_on_commit_callbacks
):
    assert services.reschedule_refusal(moved_once) is not None  # the one move is used
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(hq_user).post(
            reverse("admin:offices_calendarday_add"),
            {"date": LATER.isoformat(), "kind": CalendarDayKind.CUTI_BERSAMA, "name": "Cuti"},
            follow=True,
        )
    assert response.status_code == 200
    assert "1 pemohon sudah memesan tanggal ini" in response.content.decode()
    message = Message.objects.get(template="booking_office_closed")
    assert message.to_address == budi.account.email
    assert message.context["proof_url"].endswith(f"/booking/bukti/{moved_once.code}/")

    moved_once.refresh_from_db()
    assert services.reschedule_refusal(moved_once) is None  # another date, whatever was used
    proof = client_for(budi.account).get(reverse("booking:proof", args=[moved_once.code]))
    assert "Kantor tidak melayani pada tanggal ini" in proof.content.decode()
    # Telling again (the admin saves the row again) sends nothing twice.
    services.closed_day_notify(day=LATER)
    assert Message.objects.filter(template="booking_office_closed").count() == 1


def test_a_booking_left_on_a_closed_day_ends_cancelled_without_a_block(
    office, sessions, budi, moved_once, frozen
):
    CalendarDay.objects.create(date=LATER, kind=CalendarDayKind.NATIONAL_HOLIDAY, name="Libur")
    frozen.move_to(dt.datetime.combine(LATER, dt.time(18), tzinfo=WIB))
    services.booking_mark_no_shows()
    moved_once.refresh_from_db()
    assert moved_once.status == BookingStatus.CANCELLED
    assert not NikBlock.objects.filter(nik=moved_once.nik).exists()


def test_another_offices_closure_leaves_these_bookings_alone(office, sessions, moved_once):
    elsewhere = make_office("pontianak")
    CalendarDay.objects.create(
        date=LATER, kind=CalendarDayKind.OFFICE_CLOSURE, name="Renovasi", office=elsewhere
    )
    assert services.closed_day_notify(day=LATER) == 0
    assert services.reschedule_refusal(moved_once) is not None
