"""An office's quota setup changes after people booked: a date back to its weekday's quota, a
weekday's quota removed, seats added while people wait, a session taken out of service.

Each goes through a service that keeps the counters true (never below the seats booked),
offers added seats to the waitlist first, and writes the audit row — on the quota page and in
the admin alike.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import make_office, make_user
from paspor.accounts.models import Role
from paspor.audit.models import AuditEntry
from paspor.booking import services
from paspor.booking.models import (
    ArrivalSession,
    Pool,
    QuotaCounter,
    QuotaDefault,
    QuotaException,
    WaitlistEntry,
    WaitlistStatus,
)
from paspor.booking.selectors import day_availability
from paspor.booking.services.seats import counter_ensure
from paspor.booking.tests.conftest import (
    ADULT,
    DAY,
    NOW,
    book,
    make_profile,
    make_sessions,
    verified,
)
from paspor.lib.errors import Conflict, DomainError, NotFound
from paspor.offices.models import CalendarDay, CalendarDayKind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NEXT_MONDAY = DAY + dt.timedelta(days=7)


def counter(office, session, day=DAY, pool=Pool.REGULAR):
    return QuotaCounter.objects.get(office=office, date=day, session=session, pool=pool)


def seats_left(office, session, day=DAY, pool=Pool.REGULAR) -> int:
    for row in day_availability(office, day).sessions:
        if row.start == session.start:
            return next(p.remaining for p in row.pools if p.pool == pool)
    raise AssertionError("session not offered")


def except_day(office, session, capacity, day=DAY, by=None):
    return services.quota_exception_set(
        office=office,
        day=day,
        session=session,
        pool=Pool.REGULAR,
        capacity=capacity,
        reason="Acara jemput bola",
        by=by,
    )


# --- a date back to its weekday's quota ------------------------------------------------------


def test_removing_a_dates_quota_returns_the_date_to_its_weekdays(office, morning, budi, supervisor):
    except_day(office, morning, 5)
    book(budi, office, morning)
    assert counter(office, morning).capacity == 5

    capacity = services.quota_exception_remove(
        office=office, day=DAY, session=morning, pool=Pool.REGULAR, by=supervisor
    )

    assert capacity == 2  # the Monday default of the fixture
    assert counter(office, morning).capacity == 2
    assert seats_left(office, morning) == 1
    assert not QuotaException.objects.exists()
    entry = AuditEntry.objects.get(event="quota.exception_removed")
    assert entry.actor == supervisor
    assert entry.old["capacity"] == 5 and entry.new == {"capacity": 2}


def test_a_date_cannot_go_back_below_the_seats_already_booked(office, morning, applicant):
    verified(applicant)
    except_day(office, morning, 3)
    for n in range(3):
        book(make_profile(applicant, 10 + n), office, morning)

    with pytest.raises(Conflict) as refused:
        services.quota_exception_remove(
            office=office, day=DAY, session=morning, pool=Pool.REGULAR, by=None
        )

    assert refused.value.code == "below_booked"
    assert "15 Juni 2026" in refused.value.message
    assert counter(office, morning).capacity == 3 and QuotaException.objects.count() == 1


def test_removing_a_dates_quota_that_is_not_there_or_is_past(office, morning):
    with pytest.raises(NotFound):
        services.quota_exception_remove(
            office=office, day=DAY, session=morning, pool=Pool.REGULAR, by=None
        )
    QuotaException.objects.create(
        office=office,
        date=NOW.date() - dt.timedelta(days=1),
        session=morning,
        pool="regular",
        capacity=9,
    )
    with pytest.raises(DomainError) as refused:
        services.quota_exception_remove(
            office=office,
            day=NOW.date() - dt.timedelta(days=1),
            session=morning,
            pool=Pool.REGULAR,
            by=None,
        )
    assert refused.value.code == "quota_past"


# --- a weekday's quota removed ---------------------------------------------------------------


def test_removing_a_weekdays_quota_closes_its_later_dates_but_not_a_dates_own(office, morning):
    counter_ensure(office, DAY, morning, Pool.REGULAR)
    except_day(office, morning, 4, day=NEXT_MONDAY)
    counter_ensure(office, NEXT_MONDAY, morning, Pool.REGULAR)

    services.quota_default_remove(
        office=office, weekday=0, session=morning, pool=Pool.REGULAR, by=None
    )

    assert counter(office, morning).capacity == 0
    assert counter(office, morning, NEXT_MONDAY).capacity == 4  # its own quota stays
    assert not QuotaDefault.objects.filter(weekday=0, session=morning, pool="regular").exists()
    assert QuotaDefault.objects.filter(weekday=1, session=morning, pool="regular").exists()
    assert AuditEntry.objects.filter(event="quota.default_removed").count() == 1


def test_a_weekdays_quota_with_seats_booked_on_a_later_date_stays(office, morning, booking):
    with pytest.raises(Conflict) as refused:
        services.quota_default_remove(
            office=office, weekday=0, session=morning, pool=Pool.REGULAR, by=None
        )
    assert refused.value.code == "below_booked"
    assert QuotaDefault.objects.filter(weekday=0, session=morning, pool="regular").exists()
    assert counter(office, morning).capacity == 2


# --- seats added while people wait ------------------------------------------------------------


@pytest.fixture
def sold_out_with_two_waiting(office, sessions, applicant, other_applicant):
    verified(applicant)
    for n in range(6):  # 2 regular seats in each of the three sessions
        book(make_profile(applicant, 100 + n), office, sessions[n // 2])
    verified(other_applicant)
    return [
        services.waitlist_join(
            account=other_applicant,
            profile=make_profile(other_applicant, 200 + n),
            office=office,
            day=DAY,
            pool=Pool.REGULAR,
            answers=ADULT,
        )
        for n in range(2)
    ]


def test_seats_added_to_a_full_date_are_offered_to_the_people_waiting_first(
    office, sessions, sold_out_with_two_waiting
):
    first, second = sold_out_with_two_waiting

    except_day(office, sessions[1], 3)  # one more seat in the second session

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == WaitlistStatus.OFFERED and first.offered_session == sessions[1]
    assert second.status == WaitlistStatus.WAITING
    assert counter(office, sessions[1]).booked == 3  # held for the offer, not for the public
    assert seats_left(office, sessions[1]) == 0


def test_seats_beyond_the_people_waiting_go_to_the_public(
    office, sessions, sold_out_with_two_waiting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the cached availability forgotten
        except_day(office, sessions[2], 6)  # four more seats, two people waiting

    offered = WaitlistEntry.objects.filter(status=WaitlistStatus.OFFERED)
    assert offered.count() == 2
    assert counter(office, sessions[2]).booked == 4
    assert seats_left(office, sessions[2]) == 2


def test_a_weekday_quota_raised_offers_the_new_seats_too(
    office, sessions, sold_out_with_two_waiting
):
    services.quota_default_set(
        office=office,
        weekday=0,
        session=sessions[0],
        pool=Pool.REGULAR,
        capacity=3,
        by=None,
        now=NOW,
    )
    assert WaitlistEntry.objects.filter(status=WaitlistStatus.OFFERED).count() == 1
    assert counter(office, sessions[0]).booked == 3


def test_seats_added_on_a_day_closed_since_are_offered_to_nobody(
    office, sessions, sold_out_with_two_waiting
):
    CalendarDay.objects.create(date=DAY, kind=CalendarDayKind.NATIONAL_HOLIDAY, name="Libur")
    services.quota_default_set(
        office=office, weekday=0, session=sessions[0], pool=Pool.REGULAR, capacity=3, by=None
    )
    assert not WaitlistEntry.objects.filter(status=WaitlistStatus.OFFERED).exists()
    assert counter(office, sessions[0]).capacity == 3
    assert counter(office, sessions[0]).booked == 2  # no seat held for an offer


# --- a session taken out of service -----------------------------------------------------------


def test_a_session_nobody_holds_is_taken_out_of_service_and_put_back(office, sessions, budi):
    evening = sessions[2]

    services.session_retire(office=office, session=evening, by=None)

    evening.refresh_from_db()
    assert not evening.is_active
    assert [s.start for s in day_availability(office, DAY).sessions] == [
        sessions[0].start,
        sessions[1].start,
    ]
    with pytest.raises(DomainError):
        book(budi, office, evening)
    assert AuditEntry.objects.filter(event="session.retired").count() == 1

    services.session_set(office=office, start=evening.start, end=evening.end, by=None)
    evening.refresh_from_db()
    assert evening.is_active
    assert book(budi, office, evening).session == evening


def test_a_session_with_a_booking_ahead_stays_in_service(office, morning, booking):
    with pytest.raises(Conflict) as refused:
        services.session_retire(office=office, session=morning, by=None)
    assert refused.value.code == "session_in_use"
    assert "08.00–10.00" in refused.value.message and "15 Juni 2026" in refused.value.message
    morning.refresh_from_db()
    assert morning.is_active


def test_a_session_with_a_waitlist_offer_ahead_stays_in_service(
    office, sessions, sold_out_with_two_waiting
):
    for booking in sessions[1].bookings.all():
        services.booking_cancel(booking=booking, by=booking.account)
    # Both seats are held for the two people waiting: nobody has a booking in it any more.
    assert WaitlistEntry.objects.filter(status=WaitlistStatus.OFFERED).count() == 2
    with pytest.raises(Conflict) as refused:
        services.session_retire(office=office, session=sessions[1], by=None)
    assert refused.value.code == "session_in_use"


def test_a_session_overlapping_another_is_refused(office, sessions):
    with pytest.raises(DomainError) as refused:
        services.session_set(office=office, start=dt.time(9), end=dt.time(11), by=None)
    assert refused.value.code == "session_overlap"
    assert "08.00–10.00" in refused.value.message
    # Back to back is not overlapping, and an existing session may change its end.
    services.session_set(office=office, start=dt.time(15), end=dt.time(16), by=None)
    services.session_set(office=office, start=dt.time(13), end=dt.time(14, 30), by=None)
    assert ArrivalSession.objects.get(office=office, start=dt.time(13)).end == dt.time(14, 30)


# --- the quota page --------------------------------------------------------------------------


def quota_url(office):
    return reverse("booking:staff_quota", args=[office.code])


def test_the_quota_page_returns_a_date_to_its_weekdays_quota(
    client_for, supervisor, office, morning
):
    exception = except_day(office, morning, 5)
    page = client_for(supervisor).get(quota_url(office)).content.decode()
    assert "Kembalikan ke kuota baku" in page and "data-confirm" in page

    response = client_for(supervisor).post(
        quota_url(office), {"action": "exception_remove", "exception": exception.pk}, follow=True
    )

    assert response.redirect_chain[-1][0].endswith("#pengecualian")
    assert "kembali ke kuota baku (2)" in html.unescape(response.content.decode())
    assert not QuotaException.objects.exists()


def test_the_quota_page_says_why_a_session_stays(client_for, supervisor, office, morning, booking):
    response = client_for(supervisor).post(
        quota_url(office), {"action": "session_retire", "session": morning.pk}
    )
    assert response.status_code == 409
    page = html.unescape(response.content.decode())
    # Said in the sessions part, where the page opens again (the button posts to #sesi).
    sessions_part = page.split('id="sesi"')[1]
    assert "masih dipakai pemohon pada tanggal 15 Juni 2026" in sessions_part


def test_the_quota_page_adds_a_session_and_keeps_a_refused_one_typed(
    client_for, supervisor, office, sessions
):
    client = client_for(supervisor)
    refused = client.post(
        quota_url(office), {"action": "session_add", "start": "09:00", "end": "11:00"}
    )
    assert refused.status_code == 400
    page = html.unescape(refused.content.decode())
    assert "bertumpang tindih dengan sesi 08.00–10.00" in page and 'value="09:00"' in page

    added = client.post(
        quota_url(office), {"action": "session_add", "start": "15:00", "end": "16:00"}
    )
    assert added.status_code == 302 and added.url.endswith("#sesi")
    assert ArrivalSession.objects.filter(office=office, start=dt.time(15)).exists()

    empty = client.post(quota_url(office), {"action": "session_add", "start": "", "end": "16:00"})
    assert empty.status_code == 400


def test_the_quota_page_retires_and_restores_a_session(client_for, supervisor, office, sessions):
    client = client_for(supervisor)
    evening = sessions[2]
    assert (
        client.post(
            quota_url(office), {"action": "session_retire", "session": evening.pk}
        ).status_code
        == 302
    )
    evening.refresh_from_db()
    assert not evening.is_active
    page = client.get(quota_url(office)).content.decode()
    assert "Tawarkan lagi" in page
    assert (
        client.post(
            quota_url(office), {"action": "session_restore", "session": evening.pk}
        ).status_code
        == 302
    )
    evening.refresh_from_db()
    assert evening.is_active


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_quota_page_names_the_offices_zone_wherever_it_lists_session_times(
    client_for, settings, language
):
    """A supervisor in Makassar reads WITA beside every session, as the release sentence
    below does, not bare times a reader at headquarters in Jakarta takes for WIB."""
    makassar = make_office("makassar", tz="Asia/Makassar")
    morning = make_sessions(makassar)[0]
    except_day(makassar, morning, 5)
    client = client_for(make_user("kasubsi_mks", role=Role.SUPERVISOR, office=makassar))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = html.unescape(client.get(quota_url(makassar)).content.decode())

    grid, rest = page.split('id="pengecualian"')
    exceptions, rest = rest.split('id="sesi"')
    sessions_part, rest = rest.split('id="pembukaan"')
    with translation.override(language):
        window = str(morning)  # 08.00–10.00, or 08:00–10:00 in English
    assert "(jam WITA)" in grid or "(WITA times)" in grid
    assert f"{window} WITA" in exceptions
    assert f"{window} WITA" in sessions_part
    assert "(WITA)" in sessions_part  # the times typed for a new session
    assert f">{window} WITA</option>" in rest  # the session picked to change a quota
    # The questions asked before undoing an exception or retiring a session name it too.
    questions = re.findall(r'data-confirm="([^"]*)"', page)
    assert len(questions) == 4 and f"{window} WITA" in questions[0]  # the exception, 3 sessions
    assert all(re.search(r"\d\d[.:]00–\d\d[.:]00 WITA", q) for q in questions), questions


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"action": "session_retire", "session": "x" * 40}, 404),
        ({"action": "session_retire", "session": "9" * 40}, 404),
        ({"action": "exception_remove", "exception": ""}, 404),
        ({"action": "launch"}, 400),
    ],
)
def test_the_quota_page_refuses_what_it_does_not_know(
    client_for, supervisor, office, sessions, data, status
):
    response = client_for(supervisor).post(quota_url(office), data)
    assert response.status_code == status
    assert 'role="alert"' in response.content.decode()


def test_another_offices_session_or_exception_is_not_reachable(
    client_for, supervisor, other_office, office, sessions
):
    theirs = ArrivalSession.objects.create(office=other_office, start=dt.time(8), end=dt.time(9))
    their_quota = QuotaException.objects.create(
        office=other_office, date=DAY, session=theirs, pool=Pool.REGULAR, capacity=9
    )
    client = client_for(supervisor)
    # Posted to the supervisor's own office, another office's rows are not found there.
    retire = {"action": "session_retire", "session": theirs.pk}
    assert client.post(quota_url(office), retire).status_code == 404
    remove = {"action": "exception_remove", "exception": their_quota.pk}
    assert client.post(quota_url(office), remove).status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active and QuotaException.objects.filter(pk=their_quota.pk).exists()


def test_only_managers_of_the_office_change_its_sessions(
    client_for, intake_officer, officer_of_other_office, office, sessions
):
    data = {"action": "session_retire", "session": sessions[2].pk}
    assert client_for(intake_officer).post(quota_url(office), data).status_code == 403
    assert client_for(officer_of_other_office).post(quota_url(office), data).status_code in (
        403,
        404,
    )
    assert client_for(None).post(quota_url(office), data).status_code == 302  # to sign-in
    sessions[2].refresh_from_db()
    assert sessions[2].is_active


# --- the admin -------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def test_deleting_a_dates_quota_in_the_admin_goes_through_the_service(
    admin_client, office, morning
):
    exception = except_day(office, morning, 5)
    counter_ensure(office, DAY, morning, Pool.REGULAR)
    url = reverse("admin:booking_quotaexception_delete", args=[exception.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not QuotaException.objects.exists()
    assert counter(office, morning).capacity == 2
    assert AuditEntry.objects.filter(event="quota.exception_removed").count() == 1
    assert not AuditEntry.objects.filter(event="admin.deleted").exists()


def test_a_refused_delete_in_the_admin_deletes_nothing_and_says_why(
    admin_client, office, morning, applicant
):
    verified(applicant)
    exception = except_day(office, morning, 3)
    for n in range(3):
        book(make_profile(applicant, 10 + n), office, morning)
    url = reverse("admin:booking_quotaexception_delete", args=[exception.pk])

    response = admin_client.post(url, {"post": "yes"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse(
        "admin:booking_quotaexception_change", args=[exception.pk]
    )
    assert "Kuota tidak bisa di bawah jumlah yang sudah dipesan" in html.unescape(
        response.content.decode()
    )
    assert QuotaException.objects.count() == 1 and counter(office, morning).capacity == 3


def test_the_admin_has_no_bulk_delete_for_quotas_and_no_delete_for_sessions(
    admin_client, office, morning
):
    for name in ("quotadefault", "quotaexception"):
        page = admin_client.get(reverse(f"admin:booking_{name}_changelist")).content.decode()
        assert 'value="delete_selected"' not in page
    assert (
        admin_client.get(
            reverse("admin:booking_arrivalsession_delete", args=[morning.pk])
        ).status_code
        == 403
    )


def test_unticking_active_in_the_admin_is_refused_while_people_hold_the_session(
    admin_client, office, morning, booking
):
    url = reverse("admin:booking_arrivalsession_change", args=[morning.pk])
    response = admin_client.post(url, {"end": "10:00"})  # is_active unticked
    assert response.status_code == 200
    assert "masih dipakai pemohon" in html.unescape(response.content.decode())
    morning.refresh_from_db()
    assert morning.is_active


def test_unticking_active_in_the_admin_retires_a_free_session(admin_client, office, sessions):
    evening = sessions[2]
    url = reverse("admin:booking_arrivalsession_change", args=[evening.pk])
    assert admin_client.post(url, {"end": "15:00"}).status_code == 302
    evening.refresh_from_db()
    assert not evening.is_active
    assert AuditEntry.objects.filter(event="session.retired").count() == 1


def test_someone_who_may_not_delete_is_refused_before_the_service_is_asked(
    client_for, hq_user, office, morning, applicant
):
    hq_user.is_staff = True  # reaches the admin, holds no right on quotas
    hq_user.save(update_fields=["is_staff"])
    verified(applicant)
    exception = except_day(office, morning, 3)
    for n in range(3):
        book(make_profile(applicant, 10 + n), office, morning)
    url = reverse("admin:booking_quotaexception_delete", args=[exception.pk])
    assert client_for(hq_user).post(url, {"post": "yes"}).status_code == 403
    assert QuotaException.objects.filter(pk=exception.pk).exists()


def test_the_admin_names_each_session_with_its_office_and_refuses_another_offices(
    admin_client, office, other_office, morning
):
    theirs = make_sessions(other_office)[0]
    url = reverse("admin:booking_quotadefault_add")
    page = admin_client.get(url).content.decode()
    assert f"{office.code} · 08.00–10.00" in page and f"{other_office.code} · 08.00–10.00" in page
    only_ours = admin_client.get(f"{url}?office={office.pk}").content.decode()
    assert f"{other_office.code} · " not in only_ours
    response = admin_client.post(
        url,
        {"office": office.pk, "weekday": 0, "session": theirs.pk, "pool": "regular", "capacity": 5},
    )
    assert response.status_code == 200
    assert (
        f"Sesi kedatangan ini milik kantor lain; pilih sesi {office.name}."
        in response.content.decode()
    )


# --- the same quota for every service day or session at once --------------------------------


def test_one_save_sets_a_quota_for_every_service_day_and_session(
    client_for, head_of_office, office
):
    sessions = make_sessions(office)
    url = reverse("booking:staff_quota", args=[office.code])
    page = client_for(head_of_office).get(url).content.decode()
    assert "Setiap hari layanan kantor" in page and "Semua sesi" in page
    response = client_for(head_of_office).post(
        url, {"weekday": "all", "session": "all", "pool": "express", "capacity": "4"}
    )
    assert response.status_code == 302
    rows = QuotaDefault.objects.filter(office=office, pool="express")
    # The office serves Monday to Friday (its opening hours): five days × every session.
    assert sorted({row.weekday for row in rows}) == [0, 1, 2, 3, 4]
    assert rows.count() == 5 * len(sessions) and {row.capacity for row in rows} == {4}


def test_a_refused_row_keeps_every_row_of_the_same_save_as_it_was(
    client_for, head_of_office, office, sessions, applicant
):
    profile = make_profile(verified(applicant), 31)
    # A seat taken in the last session: the rows of the sessions before it are set first, then
    # this one is refused, and the save as a whole is undone.
    book(profile, office, sessions[-1])
    url = reverse("booking:staff_quota", args=[office.code])
    before = list(QuotaDefault.objects.filter(office=office).values_list("pk", "capacity"))
    response = client_for(head_of_office).post(
        url, {"weekday": "all", "session": "all", "pool": "regular", "capacity": "0"}
    )
    assert response.status_code == 409
    after = list(QuotaDefault.objects.filter(office=office).values_list("pk", "capacity"))
    assert after == before
