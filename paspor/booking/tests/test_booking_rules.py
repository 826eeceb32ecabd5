"""The booking rulebook: quota, one active booking per NIK, release, reschedule, cancel, no-show."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from conftest import make_office
from paspor.audit.models import AuditEntry
from paspor.booking import services
from paspor.booking.checkin import checkin_window
from paspor.booking.models import (
    ArrivalSession,
    BookingPolicy,
    BookingStatus,
    NikBlock,
    QuotaCounter,
    QuotaDefault,
    ReleaseRule,
)
from paspor.booking.selectors import DayState, day_availability, day_state, release_at
from paspor.booking.services.bookings import block_message
from paspor.booking.tests.conftest import (
    DAY,
    HOLIDAY,
    NOW,
    WIB,
    book,
    make_profile,
    make_sessions,
    verified,
)
from paspor.lib.errors import Conflict, DomainError
from paspor.queueing.models import QueuePolicy

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def test_booking_takes_a_seat_and_emails_the_proof(
    office, morning, budi, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(budi, office, morning)
    assert booking.status == BookingStatus.BOOKED
    assert booking.window_start == dt.time(8) and booking.window_end == dt.time(10)
    assert booking.application_type == "new_adult"
    assert QuotaCounter.objects.get(session=morning, date=DAY, pool="regular").booked == 1
    assert day_availability(office, DAY).sessions[0].pools[0].remaining == 1
    message = mail.outbox[-1]
    assert booking.code in message.subject
    assert "KTP elektronik (e-KTP) asli" in message.body
    assert office.address in message.body
    assert "antara pukul 08.00 dan 10.00" in message.body


def test_quota_full_is_a_conflict_and_never_overbooks(office, morning, budi, applicant):
    book(budi, office, morning)
    book(make_profile(applicant, 3), office, morning)
    with pytest.raises(Conflict) as refused:
        book(make_profile(applicant, 4), office, morning)
    assert refused.value.code == "full"
    assert QuotaCounter.objects.get(session=morning, date=DAY, pool="regular").booked == 2


def test_one_active_booking_per_nik_across_accounts_and_offices(
    office, other_office, morning, budi, other_applicant
):
    from paspor.booking.tests.conftest import make_sessions

    book(budi, office, morning)
    same_person_elsewhere = make_profile(verified(other_applicant), 1)
    other_morning = make_sessions(other_office)[0]
    with pytest.raises(Conflict) as refused:
        book(same_person_elsewhere, other_office, other_morning)
    assert refused.value.code == "nik_active"
    # A stranger is not told to move or cancel a booking that is not theirs.
    assert "dari akun lain" in refused.value.message
    assert "Ubah jadwal" not in refused.value.message
    assert QuotaCounter.objects.filter(office=other_office, booked__gt=0).count() == 0


def test_the_account_that_holds_the_active_booking_is_told_to_move_or_cancel_it(
    office, morning, budi
):
    book(budi, office, morning)
    with pytest.raises(Conflict) as refused:
        book(budi, office, morning)
    assert refused.value.code == "nik_active"
    assert refused.value.message.startswith("NIK ini sudah memiliki booking aktif. Ubah jadwal")


def test_dates_open_at_the_release_time_on_the_last_working_day_of_the_month_before(office):
    # 30 June 2026 is a Tuesday and a working day.
    assert release_at(office, dt.date(2026, 7, 15)) == dt.datetime(2026, 6, 30, 9, 0, tzinfo=WIB)
    # June dates: 31 May is a Sunday, 30 May Saturday, 29 May Friday (27 holiday, 28 cuti).
    assert release_at(office, DAY) == dt.datetime(2026, 5, 29, 9, 0, tzinfo=WIB)


def test_before_release_the_date_says_when_it_opens(office, morning, budi):
    july = dt.date(2026, 7, 6)
    state, _opens = day_state(office, july)
    assert state == DayState.NOT_RELEASED
    with pytest.raises(Conflict) as refused:
        book(budi, office, morning, day=july)
    assert refused.value.code == "not_released"
    assert "30 Juni 2026 09.00 WIB" in refused.value.message


def test_release_opens_exactly_at_nine_office_time(office, morning, budi):
    july = dt.date(2026, 7, 6)
    before = dt.datetime(2026, 6, 30, 8, 59, 59, tzinfo=WIB)
    at = dt.datetime(2026, 6, 30, 9, 0, tzinfo=WIB)
    assert day_state(office, july, now=before)[0] == DayState.NOT_RELEASED
    assert day_state(office, july, now=at)[0] == DayState.OPEN
    assert book(budi, office, morning, day=july, now=at).date == july


def test_rolling_release_opens_each_date_a_fixed_number_of_days_ahead(office):
    BookingPolicy.objects.create(office=office, release_rule=ReleaseRule.ROLLING, rolling_days=14)
    assert release_at(office, dt.date(2026, 6, 24)) == dt.datetime(2026, 6, 10, 9, 0, tzinfo=WIB)
    assert day_state(office, dt.date(2026, 6, 25))[0] == DayState.NOT_RELEASED


def test_non_working_days_are_closed(office, morning, budi):
    assert day_state(office, HOLIDAY)[0] == DayState.CLOSED
    assert day_state(office, dt.date(2026, 6, 13))[0] == DayState.CLOSED  # Saturday
    with pytest.raises(Conflict) as refused:
        book(budi, office, morning, day=HOLIDAY)
    assert refused.value.code == "closed_day"


def test_booking_for_today_is_too_late(office, morning, budi):
    with pytest.raises(Conflict) as refused:
        book(budi, office, morning, day=NOW.date())
    assert refused.value.code == "too_late"


def test_unverified_account_cannot_book(office, morning, applicant):
    profile = make_profile(applicant, 5)
    applicant.email_verified = False
    applicant.save()
    with pytest.raises(Conflict) as refused:
        book(profile, office, morning)
    assert refused.value.code == "email_unverified"


def test_priority_pool_is_for_ramah_ham_groups_only(office, morning, budi, applicant):
    with pytest.raises(Conflict) as refused:
        book(budi, office, morning, pool="priority")
    assert refused.value.code == "not_priority"
    elderly = make_profile(applicant, 6, born=dt.date(1960, 1, 1))
    assert book(elderly, office, morning, pool="priority").pool == "priority"
    toddler = make_profile(applicant, 7, born=dt.date(2023, 1, 1), female=True)
    booking = book(toddler, office, morning, day=dt.date(2026, 6, 17), pool="priority")
    assert booking.application_type == "new_child"


def test_the_priority_ages_are_configured_and_the_refusal_names_them(
    office, morning, applicant, settings
):
    settings.BOOKING_PRIORITY_ELDERLY_FROM = 65
    settings.BOOKING_PRIORITY_CHILD_UNDER = 6
    sixty_three = make_profile(verified(applicant), 8, born=dt.date(1963, 1, 1))
    with pytest.raises(Conflict) as refused:
        book(sixty_three, office, morning, pool="priority")
    assert refused.value.code == "not_priority"
    assert "di bawah 6 tahun, lansia 65 tahun ke atas" in str(refused.value)
    five_year_old = make_profile(applicant, 9, born=dt.date(2021, 1, 1))
    assert book(five_year_old, office, morning, pool="priority").pool == "priority"


def test_monthly_booking_cap_per_account(office, sessions, applicant, settings):
    settings.BOOKING_MAX_PER_ACCOUNT_PER_MONTH = 2
    verified(applicant)
    first = book(make_profile(applicant, 11), office, sessions[0])
    services.booking_cancel(booking=first, by=applicant)
    book(make_profile(applicant, 12), office, sessions[1])
    with pytest.raises(Conflict) as refused:
        book(make_profile(applicant, 13), office, sessions[2])
    assert refused.value.code == "month_cap"  # a cancelled booking still counts


def test_cancel_before_the_day_returns_the_seat_at_once(
    office, morning, budi, applicant, django_capture_on_commit_callbacks
):
    booking = book(budi, office, morning)
    book(make_profile(applicant, 3), office, morning)
    assert day_availability(office, DAY).sessions[0].pools[0].remaining == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=booking, by=budi.account)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert day_availability(office, DAY).sessions[0].pools[0].remaining == 1
    assert AuditEntry.objects.filter(event="booking.cancelled", subject_id=str(booking.pk)).exists()
    # The NIK may book again.
    assert book(budi, office, morning).status == BookingStatus.BOOKED


def test_cancel_on_the_day_is_refused(office, morning, budi, frozen):
    booking = book(budi, office, morning)
    frozen.move_to(dt.datetime(2026, 6, 15, 7, 0, tzinfo=WIB))
    with pytest.raises(Conflict) as refused:
        services.booking_cancel(booking=booking, by=budi.account)
    assert refused.value.code == "too_late"


def test_reschedule_once_at_the_latest_the_day_before(office, sessions, budi, frozen):
    booking = book(budi, office, sessions[0])
    moved = services.booking_reschedule(
        booking=booking, day=dt.date(2026, 6, 17), session=sessions[1], by=budi.account
    )
    assert (moved.date, moved.window_start, moved.reschedule_count) == (
        dt.date(2026, 6, 17),
        dt.time(10),
        1,
    )
    assert QuotaCounter.objects.get(session=sessions[0], date=DAY, pool="regular").booked == 0
    assert (
        QuotaCounter.objects.get(
            session=sessions[1], date=dt.date(2026, 6, 17), pool="regular"
        ).booked
        == 1
    )
    assert AuditEntry.objects.filter(event="booking.rescheduled").count() == 1
    with pytest.raises(Conflict) as refused:
        services.booking_reschedule(booking=moved, day=DAY, session=sessions[2], by=budi.account)
    assert refused.value.code == "rescheduled"


def test_reschedule_on_the_day_itself_is_refused(office, sessions, budi, frozen):
    booking = book(budi, office, sessions[0])
    frozen.move_to(dt.datetime(2026, 6, 15, 6, 0, tzinfo=WIB))
    with pytest.raises(Conflict) as refused:
        services.booking_reschedule(
            booking=booking, day=dt.date(2026, 6, 17), session=sessions[1], by=budi.account
        )
    assert refused.value.code == "too_late"


def test_reschedule_into_a_full_session_keeps_the_old_seat(office, sessions, budi, applicant):
    booking = book(budi, office, sessions[0])
    book(make_profile(applicant, 3), office, sessions[1])
    book(make_profile(applicant, 4), office, sessions[1])
    with pytest.raises(Conflict):
        services.booking_reschedule(booking=booking, day=DAY, session=sessions[1], by=budi.account)
    booking.refresh_from_db()
    assert booking.window_start == dt.time(8) and booking.reschedule_count == 0
    assert QuotaCounter.objects.get(session=sessions[0], date=DAY, pool="regular").booked == 1


def test_staff_mark_a_booking_invalid_with_a_reason_audited(office, morning, budi, supervisor):
    booking = book(budi, office, morning)
    with pytest.raises(DomainError):
        services.booking_invalidate(booking=booking, by=supervisor, reason=" ")
    with pytest.raises(DomainError):  # invisible characters are no reason either
        services.booking_invalidate(booking=booking, by=supervisor, reason="\u200b\u2060")
    services.booking_invalidate(booking=booking, by=supervisor, reason="Dijual calo")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.INVALID
    entry = AuditEntry.objects.get(event="booking.invalidated")
    assert entry.reason == "Dijual calo" and entry.actor_id == supervisor.pk
    assert QuotaCounter.objects.get(session=morning, date=DAY, pool="regular").booked == 0


def test_no_show_after_the_late_check_in_blocks_the_nik_for_thirty_days(
    office, morning, budi, frozen
):
    booking = book(budi, office, morning)  # 08.00–10.00; the kiosk takes it until 10.15
    frozen.move_to(dt.datetime(2026, 6, 15, 10, 15, tzinfo=WIB))
    assert services.booking_mark_no_shows() == 0
    frozen.move_to(dt.datetime(2026, 6, 15, 10, 16, tzinfo=WIB))
    assert services.booking_mark_no_shows() == 1
    assert services.booking_mark_no_shows() == 0  # repeat-safe
    booking.refresh_from_db()
    assert booking.status == BookingStatus.NO_SHOW
    block = NikBlock.objects.get(nik=budi.nik)
    assert block.until == dt.datetime(2026, 7, 15, 10, 16, tzinfo=WIB)
    assert AuditEntry.objects.filter(event="booking.no_show").exists()
    with pytest.raises(Conflict) as refused:
        book(budi, office, morning, day=dt.date(2026, 6, 22))
    assert refused.value.code == "nik_blocked"
    frozen.move_to(dt.datetime(2026, 7, 15, 10, 17, tzinfo=WIB))
    assert book(budi, office, morning, day=dt.date(2026, 7, 20)).status == BookingStatus.BOOKED


def test_no_show_waits_while_the_kiosk_still_takes_a_late_check_in(office, budi, frozen):
    hour = ArrivalSession.objects.create(office=office, start=dt.time(8), end=dt.time(9))
    QuotaDefault.objects.create(
        office=office, weekday=DAY.weekday(), session=hour, pool="regular", capacity=1
    )
    booking = book(budi, office, hour)
    frozen.move_to(dt.datetime(2026, 6, 15, 9, 5, tzinfo=WIB))
    assert services.booking_mark_no_shows() == 0  # still in the 15 minutes of a late arrival
    frozen.move_to(dt.datetime(2026, 6, 15, 9, 15, tzinfo=WIB))
    assert services.booking_mark_no_shows() == 0  # the last moment the kiosk takes it
    frozen.move_to(dt.datetime(2026, 6, 15, 9, 15, 1, tzinfo=WIB))
    assert services.booking_mark_no_shows() == 1
    booking.refresh_from_db()
    assert booking.status == BookingStatus.NO_SHOW


def test_an_offices_own_late_allowance_decides_when_a_booking_is_a_no_show(
    office, morning, budi, frozen
):
    QueuePolicy.objects.create(office=office, checkin_late_minutes=45)
    book(budi, office, morning)  # 08.00–10.00
    frozen.move_to(dt.datetime(2026, 6, 15, 10, 45, tzinfo=WIB))
    assert services.booking_mark_no_shows() == 0
    frozen.move_to(dt.datetime(2026, 6, 15, 10, 46, tzinfo=WIB))
    assert services.booking_mark_no_shows() == 1


def test_the_kiosk_takes_a_check_in_exactly_within_the_window_the_no_show_job_reads(
    office, morning, budi
):
    # The kiosk computes its window itself (queueing.services); this holds the two together.
    from paspor.queueing.services import _check_in_allowed

    QueuePolicy.objects.create(office=office, checkin_early_minutes=20, checkin_late_minutes=25)
    booking = book(budi, office, morning)
    first, last = checkin_window(booking)
    assert (first, last) == (
        dt.datetime(2026, 6, 15, 7, 40, tzinfo=WIB),
        dt.datetime(2026, 6, 15, 10, 25, tzinfo=WIB),
    )
    second = dt.timedelta(seconds=1)
    _check_in_allowed(office=office, booking=booking, now=first)
    _check_in_allowed(office=office, booking=booking, now=last)
    for moment, code in ((first - second, "too_early"), (last + second, "too_late")):
        with pytest.raises(Conflict) as refused:
            _check_in_allowed(office=office, booking=booking, now=moment)
        assert refused.value.code == code


def test_a_no_show_block_is_dated_on_the_clock_of_the_office_missed(budi, frozen):
    jayapura = make_office("jayapura", tz="Asia/Jayapura")  # WIT, two hours ahead of WIB
    booking = book(budi, jayapura, make_sessions(jayapura)[0])
    # 23.30 WIB on 15 July is already 16 July in Jayapura.
    block = NikBlock(
        nik=budi.nik, until=dt.datetime(2026, 7, 15, 23, 30, tzinfo=WIB), booking=booking
    )
    assert "sampai 16 Juli 2026" in block_message(block)


def test_the_monthly_cap_counts_the_month_on_the_offices_clock(applicant, frozen, settings):
    settings.BOOKING_MAX_PER_ACCOUNT_PER_MONTH = 1
    jayapura = make_office("jayapura", tz="Asia/Jayapura")
    morning = make_sessions(jayapura)[0]
    account = verified(applicant)
    # 01.00 on 1 July in Jayapura (still 30 June in Jakarta): a July booking there.
    frozen.move_to(dt.datetime(2026, 7, 1, 1, 0, tzinfo=ZoneInfo("Asia/Jayapura")))
    book(make_profile(account, 1), jayapura, morning, day=dt.date(2026, 7, 6))
    frozen.move_to(dt.datetime(2026, 7, 1, 10, 0, tzinfo=ZoneInfo("Asia/Jayapura")))
    with pytest.raises(Conflict) as refused:
        book(make_profile(account, 2), jayapura, morning, day=dt.date(2026, 7, 7))
    assert refused.value.code == "month_cap"


def test_no_show_block_period_is_configurable(office, morning, budi, frozen, settings):
    settings.BOOKING_NO_SHOW_BLOCK_DAYS = 7
    book(budi, office, morning)
    frozen.move_to(dt.datetime(2026, 6, 15, 12, 0, tzinfo=WIB))
    services.booking_mark_no_shows()
    assert NikBlock.objects.get().until == dt.datetime(2026, 6, 22, 12, 0, tzinfo=WIB)


def test_checked_in_booking_is_not_a_no_show(office, morning, budi, frozen):
    booking = book(budi, office, morning)
    booking.status = BookingStatus.CHECKED_IN  # as the kiosk does
    booking.save(update_fields=["status"])
    frozen.move_to(dt.datetime(2026, 6, 15, 16, 0, tzinfo=WIB))
    assert services.booking_mark_no_shows() == 0


def test_quota_exception_for_a_date_and_never_below_booked(office, morning, budi, supervisor):
    book(budi, office, morning)
    services.quota_exception_set(
        office=office,
        day=DAY,
        session=morning,
        pool="regular",
        capacity=5,
        reason="Tambahan",
        by=supervisor,
    )
    assert day_availability(office, DAY).sessions[0].pools[0].remaining == 4
    with pytest.raises(Conflict):
        services.quota_exception_set(
            office=office,
            day=DAY,
            session=morning,
            pool="regular",
            capacity=0,
            reason="Pegawai sakit",
            by=supervisor,
        )
    assert AuditEntry.objects.filter(event="quota.exception_set").count() == 1


@pytest.mark.parametrize(
    ("day", "reason", "code"),
    [
        (dt.date(2026, 6, 9), "Tambahan", "quota_past"),  # yesterday (frozen: 10 June)
        (dt.date(2206, 6, 12), "Tambahan", "quota_far"),  # 2206 typed for 2026
        (dt.date(2027, 6, 14), "Tambahan", "quota_far"),  # a Monday, a year and 4 days on
        (HOLIDAY, "Tambahan", "quota_closed_day"),  # Islamic New Year
        (dt.date(2026, 6, 13), "Tambahan", "quota_closed_day"),  # a Saturday
        (DAY, "  ", "quota_reason"),
        (DAY, "\u200b\u200e", "quota_reason"),  # a zero-width space and a direction mark
    ],
)
def test_a_quota_exception_that_could_never_apply_is_refused(
    office, morning, supervisor, frozen, day, reason, code
):
    from paspor.booking.models import QuotaException

    with pytest.raises(DomainError) as refused:
        services.quota_exception_set(
            office=office,
            day=day,
            session=morning,
            pool="regular",
            capacity=30,
            reason=reason,
            by=supervisor,
        )
    assert refused.value.code == code
    assert not QuotaException.objects.exists()


def test_weekday_default_change_reaches_created_counters(office, morning, budi, supervisor):
    book(budi, office, morning)  # creates Monday 15 June's counter
    services.quota_default_set(
        office=office, weekday=0, session=morning, pool="regular", capacity=9, by=supervisor
    )
    assert QuotaCounter.objects.get(session=morning, date=DAY, pool="regular").capacity == 9
    assert day_availability(office, dt.date(2026, 6, 22)).sessions[0].pools[0].capacity == 9
    assert day_availability(office, dt.date(2026, 6, 23)).sessions[0].pools[0].capacity == 2


def test_availability_is_served_from_the_cache_and_forgotten_on_change(
    office, morning, budi, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    day_availability(office, DAY)
    with django_assert_max_num_queries(3):  # policy, pool modes, calendar: no seat queries
        assert day_availability(office, DAY).sessions[0].pools[0].booked == 0
    with django_capture_on_commit_callbacks(execute=True):
        book(budi, office, morning)
    assert day_availability(office, DAY).sessions[0].pools[0].booked == 1


def test_a_nik_whose_issuance_is_suspended_cannot_book_and_is_told_why(
    office, morning, budi, frozen
):
    from paspor.booking.models import NikBlockKind

    NikBlock.objects.create(
        nik=budi.nik,
        until=dt.datetime(2027, 6, 10, 0, 0, tzinfo=WIB),
        kind=NikBlockKind.NEGLIGENCE,
        reason="Kelalaian",
        case_code="ABCDEFGHJK",
    )
    with pytest.raises(Conflict) as refused:
        book(budi, office, morning)
    assert refused.value.code == "nik_blocked"
    assert "dapat diajukan mulai 10 Juni 2027" in refused.value.message
    assert "Permenkumham 8/2014 pasal 41" in refused.value.message
