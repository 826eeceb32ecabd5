"""A day declared closed after people booked it: they are told, may move even after their one
reschedule, and a booking left there ends cancelled — never a no-show with a block.

Told by the calendar services after commit, whichever door the change came through (the admin,
the CSV import, an office no longer serving on cuti bersama), and never twice for one day."""

import contextlib
import datetime as dt
import io

import pytest
from django.contrib.admin import helpers
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from conftest import make_office, office_cuti_bersama_set
from paspor.booking import services
from paspor.booking.models import Booking, BookingStatus, NikBlock
from paspor.booking.selectors import DayState, day_state
from paspor.booking.tests.conftest import DAY, HOLIDAY, WIB, book
from paspor.notifications.models import Message
from paspor.notifications.services import reminders_send
from paspor.offices.models import CalendarDay, CalendarDayKind
from paspor.offices.services import calendar_day_set

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
    before = client_for(budi.account).get(reverse("booking:my_bookings")).content.decode()
    assert "Kantor tidak melayani pada tanggal ini" not in before
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
    listed = client_for(budi.account).get(reverse("booking:my_bookings")).content.decode()
    assert "Kantor tidak melayani pada tanggal ini" in listed  # the list says it too
    assert reverse("booking:reschedule", args=[moved_once.code]) in listed
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


# --- Every door to the calendar tells them, once (the calendar services) -------------------------


def closed_notices():
    return Message.objects.filter(template="booking_office_closed")


def test_a_decree_imported_from_csv_tells_those_booked_on_its_closed_days_before_the_reminder(
    office, sessions, budi, frozen, tmp_path, django_capture_on_commit_callbacks
):
    booking = book(budi, office, sessions[0], day=LATER)
    decree = tmp_path / "skb.csv"
    decree.write_text(f"date,kind,name,source\n{LATER.isoformat()},cuti_bersama,Cuti,SKB\n")
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_calendar", str(decree), stdout=out)
    assert "1 pemohon yang memesan hari yang kini tutup diberi tahu." in out.getvalue()
    notice = closed_notices().get()
    assert notice.to_address == budi.account.email
    assert notice.context["booking_code"] == booking.code
    assert services.reschedule_refusal(booking) is None  # may move, as from the admin
    # The day before: no reminder for a closed day, and no second notice.
    frozen.move_to(dt.datetime.combine(LATER - dt.timedelta(days=1), dt.time(7), tzinfo=WIB))
    assert reminders_send().bookings == 0
    assert closed_notices().count() == 1


def test_headquarters_removing_the_row_that_opened_a_holiday_tells_those_booked_on_it(
    client_for, hq_user, office, sessions, budi, django_capture_on_commit_callbacks
):
    # 16 June 2026 (Islamic New Year) declared a working day, booked, then the row removed.
    opened = calendar_day_set(office=None, date=HOLIDAY, kind=CalendarDayKind.WORKING_DAY, by=None)
    assert opened.day is not None
    book(budi, office, sessions[0], day=HOLIDAY)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(hq_user).post(
            reverse("admin:offices_calendarday_delete", args=[opened.day.pk]),
            {"post": "yes"},
            follow=True,
        )
    assert response.status_code == 200
    assert "1 pemohon sudah memesan tanggal ini" in response.content.decode()
    assert closed_notices().get().context["date"] == HOLIDAY.isoformat()


def test_days_deleted_together_tell_those_booked_once_and_say_how_many(
    client_for, hq_user, office, sessions, budi, lain, django_capture_on_commit_callbacks
):
    rows = [
        calendar_day_set(office=None, date=HOLIDAY, kind=CalendarDayKind.WORKING_DAY, by=None),
        calendar_day_set(
            office=office, date=HOLIDAY, kind=CalendarDayKind.WORKING_DAY, name="Buka", by=None
        ),
    ]
    book(budi, office, sessions[0], day=HOLIDAY)
    book(lain, office, sessions[1], day=HOLIDAY)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(hq_user).post(
            reverse("admin:offices_calendarday_changelist"),
            {
                "action": "delete_selected",
                helpers.ACTION_CHECKBOX_NAME: [row.day.pk for row in rows if row.day],
                "post": "yes",
            },
            follow=True,
        )
    assert "2 pemohon sudah memesan tanggal ini" in response.content.decode()
    assert closed_notices().count() == 2


def test_an_office_that_stops_serving_on_cuti_bersama_tells_those_booked_on_those_days(
    office, sessions, budi, lain, hq_user, django_capture_on_commit_callbacks
):
    office.serves_on_cuti_bersama = True
    office.save(update_fields=["serves_on_cuti_bersama"])
    calendar_day_set(office=None, date=LATER, kind=CalendarDayKind.CUTI_BERSAMA, by=None)
    on_cuti = book(budi, office, sessions[0], day=LATER)
    book(lain, office, sessions[0], day=DAY)  # an ordinary working day: nobody tells Rina
    with django_capture_on_commit_callbacks(execute=True):
        office_cuti_bersama_set(office, serves=False, by=hq_user)
    assert services.booking_day_closed(Booking.objects.get(pk=on_cuti.pk))
    assert [m.context["booking_code"] for m in closed_notices()] == [on_cuti.code]


def test_nobody_is_told_twice_whichever_way_the_same_day_is_closed_again(
    client_for, hq_user, office, sessions, budi, tmp_path, django_capture_on_commit_callbacks
):
    book(budi, office, sessions[0], day=LATER)
    client = client_for(hq_user)
    add = reverse("admin:offices_calendarday_add")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(
            add, {"date": LATER.isoformat(), "kind": "closure", "office": office.pk}, follow=True
        )
    assert "1 pemohon sudah memesan tanggal ini" in first.content.decode()
    row = CalendarDay.objects.get(date=LATER)
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(
            reverse("admin:offices_calendarday_change", args=[row.pk]),
            {"kind": "holiday", "name": "Diubah"},
            follow=True,
        )
    assert again.status_code == 200
    assert "pemohon sudah memesan tanggal ini" not in again.content.decode()  # none told now
    decree = tmp_path / "skb.csv"
    decree.write_text(f"date,kind\n{LATER.isoformat()},cuti_bersama\n")
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_calendar", str(decree), stdout=out)
    assert "diberi tahu" not in out.getvalue()
    assert services.closed_day_notify(day=LATER) == 0
    assert closed_notices().count() == 1


def test_a_calendar_change_rolled_back_tells_nobody(
    office, sessions, budi, django_capture_on_commit_callbacks
):
    book(budi, office, sessions[0], day=LATER)
    with (
        django_capture_on_commit_callbacks(execute=True),
        contextlib.suppress(RuntimeError),
        transaction.atomic(),
    ):
        change = calendar_day_set(
            office=office, date=LATER, kind=CalendarDayKind.OFFICE_CLOSURE, by=None
        )
        assert change.told == 1  # would be told, once committed
        raise RuntimeError("the writer's transaction fails after the change")
    assert not closed_notices().exists()


def test_the_booking_pages_stop_offering_a_day_once_its_closure_commits(
    office, sessions, django_capture_on_commit_callbacks
):
    assert day_state(office, LATER)[0] == DayState.OPEN  # the office's setup is now cached
    with django_capture_on_commit_callbacks(execute=True):
        calendar_day_set(office=office, date=LATER, kind=CalendarDayKind.OFFICE_CLOSURE, by=None)
    assert day_state(office, LATER)[0] == DayState.CLOSED
