"""The demo office's history: made by the real services at past moments, read by the dashboards
like any other record, made once."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core.cache import cache
from django.db.models import Count

from paspor.audit.models import PiiAccess
from paspor.audit.pii import PiiData
from paspor.audit.services import audit_verify_all
from paspor.booking.demo import BROKER_ACCOUNTS, DEMO_APPLICANT_EMAIL
from paspor.booking.models import Booking, BookingStatus
from paspor.cases.models import Case, CaseEvent, CaseStatus
from paspor.issuance.models import Booklet, BookletStatus, Passport, PassportStatus
from paspor.lib.ikm import IkmCategory
from paspor.lib.photo_quality import check_photo
from paspor.notifications.models import Message, MessageStatus
from paspor.offices.models import Office
from paspor.payments.models import Payment
from paspor.portal.demo import seed_demo
from paspor.portal.demo_history import portrait, seed_demo_history
from paspor.queueing.models import Ticket
from paspor.reports.selectors import period
from paspor.surveys.selectors import ikm_report

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
# Thursday 15 October 2026, 06.00 in Ketapang: its last three working days are Monday 12 to
# Wednesday 14 October.
TODAY = dt.datetime(2026, 10, 15, 6, 0, tzinfo=WIB)
FIRST_DAY, LAST_DAY = dt.date(2026, 10, 12), dt.date(2026, 10, 14)


@pytest.fixture
def office():
    """The demo office as `make run` sets it up, before its history."""
    cache.clear()  # rate limits counted by other tests
    with time_machine.travel(TODAY, tick=False):
        assert seed_demo(history=False).history is None
        yield Office.objects.get(code="ketapang")


@pytest.mark.django_db
def test_the_history_is_the_systems_own_record_of_the_last_working_days(office):
    made = seed_demo_history(office, working_days=3, per_day=4)

    assert made is not None
    assert (made.first_day, made.last_day, made.days) == (FIRST_DAY, LAST_DAY, 3)
    assert made.applications == Case.objects.count() >= 3 * 3
    # Every application came through the kiosk: a booking checked in, or a walk-in ticket.
    assert not Case.objects.filter(ticket__isnull=True).exists()
    assert set(Ticket.objects.values_list("day", flat=True)) <= {
        FIRST_DAY,
        dt.date(2026, 10, 13),
        LAST_DAY,
    }
    # The period dashboard and the IKM page read it as they read any office's days.
    handed_over = Case.objects.filter(status=CaseStatus.HANDED_OVER).count()
    assert handed_over == made.steps["handed_over"] > 0
    assert period.outcomes(office, FIRST_DAY, LAST_DAY).issued == handed_over
    revenue = period.revenue(office, FIRST_DAY, LAST_DAY)
    assert revenue.payments == Payment.objects.count() == made.steps["paid"] > 0
    assert revenue.total > 0
    answered = made.steps["survey_answers"]
    assert period.ikm(office, FIRST_DAY, LAST_DAY).respondents == answered > 0
    category = ikm_report(office=office, start=FIRST_DAY, end=LAST_DAY).result.category
    assert category in (IkmCategory.A, IkmCategory.B)  # as the answers are drawn
    # The audit chain holds, no booklet carries two passports, and no printer checked their
    # own print.
    assert audit_verify_all() == []
    assert max(Passport.objects.values("booklet").annotate(n=Count("pk")).values_list("n")) == (1,)
    for passport in Passport.objects.prefetch_related("checks"):
        assert all(check.checked_by_id != passport.printed_by_id for check in passport.checks.all())
    issued = Passport.objects.filter(status=PassportStatus.ISSUED).values("booklet")
    assert set(Booklet.objects.filter(pk__in=issued).values_list("status", flat=True)) == {
        BookletStatus.ISSUED
    }
    # The officers' looks at the cases they worked are in the personal-data access log, each by
    # the officer who did the step, at its moment in the history.
    looks = PiiAccess.objects.filter(office=office)
    assert looks.count() == made.steps["pii_looks"] > Case.objects.count()
    assert set(looks.values_list("what", flat=True)) >= {
        PiiData.CASE_PAGE,
        PiiData.PRINT_PAGE,
        PiiData.QUALITY_CHECK,
        PiiData.HANDOVER,
    }
    handed = PiiAccess.objects.filter(what=PiiData.HANDOVER).select_related("user").first()
    assert handed is not None and handed.user.username == "serah"
    assert looks.filter(at__date__gte=TODAY.date()).count() == 0
    # Work is left for the lists, and the next working days are booked (the counter plan).
    assert Case.objects.filter(status=CaseStatus.READY_FOR_PICKUP).exists()
    assert Booking.objects.filter(date__gt=TODAY.date(), status=BookingStatus.BOOKED).exists()


@pytest.mark.django_db
def test_a_second_call_makes_nothing(office):
    assert seed_demo_history(office, working_days=1, per_day=2) is not None
    counts = (Case.objects.count(), Booking.objects.count(), CaseEvent.objects.count())

    assert seed_demo_history(office, working_days=1, per_day=2) is None
    with time_machine.travel(TODAY, tick=False):
        assert seed_demo(history=True).history is None
    assert counts == (Case.objects.count(), Booking.objects.count(), CaseEvent.objects.count())


@pytest.mark.django_db(transaction=True)
def test_the_outbox_keeps_nothing_from_the_past_to_send(office):
    """Committed for real: each message went out at its moment in the history, so the worker
    finds nothing to send when the demo starts. (The demo applicant's own booking and the
    broker's are made when the demo starts: their confirmations go out then.)"""
    seed_demo_history(office, working_days=1, per_day=2)
    history = Message.objects.exclude(to_address__in=(DEMO_APPLICANT_EMAIL, *BROKER_ACCOUNTS))

    assert history.filter(template="booking_confirmed").exists()
    assert not history.exclude(status=MessageStatus.SENT).exists()
    assert not history.filter(sent_at__gte=TODAY).exists()


def test_the_drawn_portraits_pass_the_photo_checks():
    looks = range(12)
    failed = [
        look for look in looks if not check_photo(portrait(look, female=look % 2 == 1)).passed
    ]
    assert len(failed) <= 1  # a miss is taken again at the counter
