"""The booking review's flags: counted by a periodic job for all offices, read by the pages,
marked reviewed by the office, asking again when the source books for more NIKs."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core.management import call_command
from django.urls import reverse

from conftest import make_user
from paspor.accounts.models import Role, User
from paspor.audit.models import AuditEntry
from paspor.booking import services
from paspor.booking.models import BookingFlag, BookingFlagRefresh
from paspor.booking.selectors import flags_waiting
from paspor.booking.tests.conftest import ADULT, DAY, NOW, make_profile, make_sessions, verified
from paspor.lib.errors import Conflict

pytestmark = pytest.mark.django_db

BROKER = services.Origin(ip="203.0.113.9", device="ponsel-calo")
_serial = itertools.count(100)
_accounts = itertools.count(1)


@pytest.fixture(autouse=True)
def _frozen(time_machine, settings):
    time_machine.move_to(NOW, tick=False)
    settings.BOOKING_FLAG_DISTINCT_NIKS = 3


def book_from(origin, office, session, *, account=None):
    """One booking for a new NIK, by `account` or a new one, from `origin`."""
    if account is None:
        n = next(_accounts)
        account = verified(User.objects.create_user(f"akun{n}", email=f"akun{n}@example.com"))
    return services.booking_create(
        account=account,
        profile=make_profile(account, next(_serial)),
        office=office,
        day=DAY,
        session=session,
        pool="regular",
        answers=ADULT,
        origin=origin,
    )


def flags_at(office):
    return {
        (flag.kind, flag.ident): (flag.distinct_niks, flag.bookings)
        for flag in BookingFlag.objects.filter(office=office)
    }


@pytest.fixture
def two_offices(office, other_office):
    from paspor.booking.tests.conftest import QUOTA

    quota = {str(pool): 10 for pool in QUOTA}
    return make_sessions(office, quota), make_sessions(other_office, quota)


def test_a_source_over_the_threshold_is_flagged_at_every_office_where_it_booked(
    office, other_office, two_offices
):
    here, there = two_offices
    book_from(BROKER, office, here[0])
    book_from(BROKER, other_office, there[0])
    book_from(BROKER, other_office, there[1])
    # Below the threshold: two NIKs from one phone, a family.
    family = services.Origin(ip="198.51.100.4", device="ponsel-keluarga")
    book_from(family, office, here[1])
    book_from(family, office, here[2])

    assert services.booking_flags_refresh() == 4
    # The counts are the source's across all offices; each office sees it.
    expected = {("device", "ponsel-calo"): (3, 3), ("ip", "203.0.113.9"): (3, 3)}
    assert flags_at(office) == expected and flags_at(other_office) == expected
    assert BookingFlagRefresh.objects.get().finished_at == NOW


def test_one_account_booking_for_many_niks_is_flagged_by_its_e_mail(office, sessions, applicant):
    verified(applicant)
    for session in sessions:
        book_from(services.Origin(), office, session, account=applicant)
    services.booking_flags_refresh()
    assert flags_at(office) == {("account", "pemohon@example.com"): (3, 3)}


def test_counting_again_moves_the_counts_and_drops_what_fell_out_of_the_window(
    office, sessions, time_machine
):
    for session in sessions:
        book_from(BROKER, office, session)
    services.booking_flags_refresh()
    first = BookingFlag.objects.get(office=office, kind="device")

    book_from(BROKER, office, sessions[0])
    services.booking_flags_refresh()
    again = BookingFlag.objects.get(office=office, kind="device")
    assert again.pk == first.pk and (again.distinct_niks, again.bookings) == (4, 4)
    assert again.flagged_at == first.flagged_at  # still the same flag

    # A month later the bookings are out of the window: the flags go.
    later = NOW + dt.timedelta(days=31)
    time_machine.move_to(later, tick=False)
    assert services.booking_flags_refresh() == 0
    assert not BookingFlag.objects.exists()
    assert BookingFlagRefresh.objects.get().finished_at == later


def test_the_review_page_reads_the_count_and_says_how_fresh_it_is(
    client_for, office, sessions, supervisor
):
    review = reverse("booking:staff_review", args=[office.code])
    for session in sessions:
        book_from(BROKER, office, session)
    before = client_for(supervisor).get(review).content.decode()
    # Not counted yet: the page counts nothing itself.
    assert "Belum pernah dihitung" in before and "ponsel-calo" not in before

    services.booking_flags_refresh()
    after = client_for(supervisor).get(review).content.decode()
    assert "ponsel-calo" in after and "203.0.113.9" in after
    assert "Dihitung ulang setiap 10 menit; terakhir 10 Jun 2026 10.00." in after
    assert after.count('action="/booking/ketapang/pengawasan/tinjau/"') == 2


def test_a_reviewed_source_waits_no_more_until_it_books_for_another_nik(
    client_for, office, sessions, supervisor
):
    for session in sessions:
        book_from(BROKER, office, session)
    services.booking_flags_refresh()
    assert flags_waiting(office) == 2

    client = client_for(supervisor)
    response = client.post(
        reverse("booking:staff_review_flag", args=[office.code]),
        {"kind": "device", "ident": "ponsel-calo", "note": "Keluarga besar, sah."},
        follow=True,
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("booking:staff_review", args=[office.code])
    assert "Perangkat ponsel-calo ditandai sudah ditinjau." in page
    assert "Ditinjau kasubsi, " in page and "saat 3 NIK: Keluarga besar, sah." in page
    flag = BookingFlag.objects.get(office=office, kind="device")
    assert (flag.reviewed_by, flag.reviewed_niks, flag.needs_review) == (supervisor, 3, False)
    assert flags_waiting(office) == 1
    entry = AuditEntry.objects.get(event="booking.flag_reviewed")
    assert (entry.actor, entry.office, entry.reason) == (supervisor, office, "Keluarga besar, sah.")
    assert entry.new == {"kind": "device", "ident": "ponsel-calo", "distinct_niks": 3}

    # Counting again with nothing new keeps the review.
    services.booking_flags_refresh()
    assert not BookingFlag.objects.get(office=office, kind="device").needs_review

    # One more NIK from the same phone: it asks again, with the earlier review shown.
    book_from(BROKER, office, sessions[1])
    services.booking_flags_refresh()
    flag = BookingFlag.objects.get(office=office, kind="device")
    assert flag.needs_review and flag.distinct_niks == 4 and flag.reviewed_niks == 3
    assert flags_waiting(office) == 2
    page = client.get(reverse("booking:staff_review", args=[office.code])).content.decode()
    assert "Ada NIK baru: tinjau lagi" in page and "saat 3 NIK" in page


def test_a_review_of_a_source_no_longer_flagged_or_already_reviewed_is_a_conflict(
    client_for, office, sessions, supervisor
):
    for session in sessions:
        book_from(BROKER, office, session)
    services.booking_flags_refresh()
    url = reverse("booking:staff_review_flag", args=[office.code])
    client = client_for(supervisor)

    gone = client.post(url, {"kind": "ip", "ident": "198.51.100.1", "note": "dicek"})
    assert gone.status_code == 409
    body = gone.content.decode()
    assert "Sumber ini tidak lagi ditandai di kantor ini; muat ulang halaman." in body

    first = client.post(url, {"kind": "ip", "ident": "203.0.113.9", "note": "calo"})
    assert first.status_code == 302
    twice = client.post(url, {"kind": "ip", "ident": "203.0.113.9", "note": "catatan kedua"})
    assert twice.status_code == 409
    assert "Sumber ini sudah ditinjau." in twice.content.decode()
    assert BookingFlag.objects.get(office=office, kind="ip").review_note == "calo"

    # What was typed is kept when the review is refused.
    refused = client.post(url, {"kind": "device", "ident": "ponsel-calo", "note": "x" * 501})
    assert refused.status_code == 400
    assert "x" * 501 in refused.content.decode()
    assert BookingFlag.objects.get(office=office, kind="device").reviewed_at is None
    assert AuditEntry.objects.filter(event="booking.flag_reviewed").count() == 1


def test_only_the_office_that_sees_the_flag_reviews_it(
    client_for, office, other_office, two_offices, intake_officer
):
    here, _there = two_offices
    for session in here:
        book_from(BROKER, office, session)
    services.booking_flags_refresh()
    assert not BookingFlag.objects.filter(office=other_office).exists()
    post = {"kind": "device", "ident": "ponsel-calo", "note": ""}

    # The other office's supervisor may not touch this office's flags, nor review from there.
    elsewhere = make_user("kasubsi_lain", role=Role.SUPERVISOR, office=other_office)
    url = reverse("booking:staff_review_flag", args=[office.code])
    assert client_for(elsewhere).post(url, post).status_code == 404
    there = reverse("booking:staff_review_flag", args=[other_office.code])
    assert client_for(elsewhere).post(there, post).status_code == 409
    # An intake officer of this office, an applicant and an anonymous client neither.
    assert client_for(intake_officer).post(url, post).status_code == 403
    applicant = make_user("pemohon_x", email="x@example.com")
    assert client_for(applicant).post(url, post).status_code == 403
    assert client_for(None).post(url, post).status_code == 302
    assert client_for(None).get(url).status_code == 405
    assert flags_waiting(office) == 2

    with pytest.raises(Conflict):
        services.booking_flag_review(
            office=other_office, kind="device", ident="ponsel-calo", by=elsewhere
        )


def test_the_command_counts_or_enqueues(office, sessions):
    from io import StringIO

    for session in sessions:
        book_from(BROKER, office, session)
    out = StringIO()
    call_command("booking_flags_refresh", stdout=out)
    assert out.getvalue().strip() == "sumber booking ditandai: 2"
    queued = StringIO()
    call_command("booking_flags_refresh", "--enqueue", stdout=queued)
    assert queued.getvalue().startswith("Tugas diantrekan: ")


def test_the_scheduler_runs_the_count_every_ten_minutes():
    from paspor.operations.jobs import JOBS_BY_NAME

    job = JOBS_BY_NAME["booking_flags_refresh"]
    assert job.command == "booking_flags_refresh" and job.every == dt.timedelta(minutes=10)


def test_the_windows_index_is_built_without_locking_the_bookings():
    """A release migrates while the office books: on PostgreSQL the index is built with CREATE
    INDEX CONCURRENTLY, which needs a migration outside a transaction."""
    from importlib import import_module

    from django.db import connection

    from paspor.lib.migration_ops import AddIndexWithoutLocking

    migration = import_module("paspor.booking.migrations.0009_booking_created_idx").Migration
    assert migration.atomic is False
    (operation,) = migration.operations
    assert isinstance(operation, AddIndexWithoutLocking)
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "booking_booking")
    assert constraints["booking_created_idx"]["columns"] == ["created_at"]
    assert constraints["booking_created_idx"]["index"]
