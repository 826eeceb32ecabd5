"""Uncollected passports: reminders on days 7, 21 and 28, cancelled after day 30 — never silently."""

import datetime as dt
import io
import logging

import pytest
import time_machine
from django.core.management import call_command

from paspor.audit.models import AuditEntry
from paspor.cases.models import CaseEvent, CaseStatus
from paspor.issuance.conf import issuance_config
from paspor.issuance.models import BookletStatus, PassportStatus, PickupReminder
from paspor.issuance.services import handover_record, pickup, pickup_reminders_run
from paspor.issuance.services.pickup import pickup_deadline
from paspor.issuance.tasks import pickup_reminders
from paspor.issuance.tests.conftest import make_paid_case
from paspor.issuance.tests.helpers import holder_input, ready_passport
from paspor.lib.env import ConfigError
from paspor.notifications.models import Message
from paspor.notifications.sending import message_render
from paspor.notifications.services import case_pickup_deadline

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stock")]
READY_DAY = dt.date(2026, 3, 17)


def at_day(day, hour_utc=1):
    """`day` days after the passport became ready, in the morning in Ketapang."""
    moment = dt.datetime.combine(READY_DAY + dt.timedelta(days=day), dt.time(hour_utc), dt.UTC)
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def ready(paid_case, printer, checker):
    with at_day(0, hour_utc=3):
        return ready_passport(paid_case, printer, checker)


def reminders():
    return list(
        Message.objects.filter(template="pickup_reminder")
        .order_by("created_at")
        .values_list("context__day", flat=True)
    )


def test_reminders_go_out_on_days_7_21_and_28_once_each(ready):
    for day in range(0, 31):
        with at_day(day):
            pickup_reminders_run()
            pickup_reminders_run()  # twice the same day changes nothing
    assert reminders() == [7, 21, 28]
    assert list(PickupReminder.objects.values_list("day", flat=True)) == [7, 21, 28]
    ready.refresh_from_db()
    assert ready.status == PassportStatus.READY
    message = Message.objects.filter(template="pickup_reminder").first()
    assert message is not None
    assert message.to_address == "siti@example.com"
    assert message.context["pickup_deadline"] == "2026-04-16"
    assert CaseEvent.objects.filter(case=ready.case, kind="pickup_reminder").count() == 3


def test_after_a_pause_only_the_latest_due_reminder_is_sent(ready):
    with at_day(22):
        assert pickup_reminders_run().reminded == 1
    assert reminders() == [21]


def test_the_deadline_day_is_still_a_day_to_collect(ready):
    # STANDARDS.md §10: cancelled *after* 30 days. Ready 17 March, the applicant is told
    # "ambil paling lambat 16 April"; the run on the morning of 16 April must not cancel.
    assert pickup_deadline(ready) == dt.date(2026, 4, 16)
    with at_day(30):
        assert pickup_reminders_run().cancelled == 0
    ready.refresh_from_db()
    assert ready.status == PassportStatus.READY


def test_day_31_cancels_the_passport_and_tells_the_applicant(ready, paid_case):
    with at_day(28):
        assert pickup_reminders_run().reminded == 1
    with at_day(30):
        assert pickup_reminders_run().cancelled == 0
    with at_day(31):
        run = pickup_reminders_run()
        again = pickup_reminders_run()
    assert (run.cancelled, again.cancelled) == (1, 0)
    paid_case.refresh_from_db()
    ready.refresh_from_db()
    ready.booklet.refresh_from_db()
    assert paid_case.status == CaseStatus.CANCELLED
    assert ready.status == PassportStatus.CANCELLED
    assert ready.booklet.status == BookletStatus.CANCELLED
    event = CaseEvent.objects.get(case=paid_case, to_status=CaseStatus.CANCELLED)
    assert event.from_status == CaseStatus.READY_FOR_PICKUP and "30 hari" in event.reason
    audit = AuditEntry.objects.get(event="issuance.passport_cancelled_uncollected")
    assert audit.new == {"status": "cancelled", "booklet": "cancelled"}
    told = Message.objects.get(template="case_cancelled")
    assert told.to_address == "siti@example.com" and "30 hari" in told.context["reason"]
    english = message_render(template="case_cancelled", context=told.context, language="en").body
    assert f"Passport {ready.passport_number} was not collected within 30 days" in english
    assert "tidak diambil" not in english and "Alasan" not in english
    indonesian = message_render(template="case_cancelled", context=told.context, language="id")
    assert f"Paspor {ready.passport_number} tidak diambil dalam 30 hari" in indonesian.body


def test_a_passport_never_reminded_gets_the_last_reminder_before_it_is_cancelled(ready):
    # STANDARDS.md §10: Paspor reminds first. Ready 17 March, the job does not run until
    # 17 April (day 31): the last reminder goes out with a new deadline two days later, Sunday
    # 19 April, so Monday 20 April; the passport is cancelled on the 21st.
    with at_day(31):
        run = pickup_reminders_run()
    assert (run.reminded, run.cancelled) == (1, 0)
    assert reminders() == [28]
    told = Message.objects.get(template="pickup_reminder")
    assert told.context["pickup_deadline"] == "2026-04-20"
    assert told.context["days_left"] == 3
    assert pickup_deadline(ready) == dt.date(2026, 4, 20)
    assert case_pickup_deadline(ready.case) == dt.date(2026, 4, 20)  # the applicant's pages
    for day in (32, 33, 34):  # 18, 19 and 20 April
        with at_day(day):
            assert pickup_reminders_run().cancelled == 0, day
    with at_day(35):
        run = pickup_reminders_run()
    assert (run.reminded, run.cancelled) == (0, 1)
    ready.refresh_from_db()
    assert ready.status == PassportStatus.CANCELLED


def test_only_an_earlier_reminder_is_not_enough_to_cancel(ready):
    with at_day(21):
        assert pickup_reminders_run().reminded == 1
    with at_day(40):  # the job stopped from day 22: the day-28 reminder never went out
        run = pickup_reminders_run()
    assert (run.reminded, run.cancelled) == (1, 0)
    assert reminders() == [21, 28]
    with at_day(42):  # 28 April: two days after the last reminder, still a day to collect
        assert pickup_reminders_run().cancelled == 0
    with at_day(43):
        assert pickup_reminders_run().cancelled == 1


def test_the_days_after_a_late_last_reminder_are_configurable(ready, settings):
    settings.ISSUANCE = {"grace_days": 7}
    with at_day(31):  # Friday 17 April; seven days later is Friday 24 April
        pickup_reminders_run()
    assert pickup_deadline(ready) == dt.date(2026, 4, 24)
    with at_day(38):
        assert pickup_reminders_run().cancelled == 0
    with at_day(39):
        assert pickup_reminders_run().cancelled == 1


def test_a_deadline_on_a_closed_day_moves_to_the_next_open_day(paid_case, printer, checker):
    # Ready Thursday 30 April 2026: day 30 is Saturday 30 May, then Sunday 31 May (Waisak) and
    # Monday 1 June (Pancasila): nobody can collect before Tuesday 2 June.
    with time_machine.travel(dt.datetime(2026, 4, 30, 3, tzinfo=dt.UTC), tick=False):
        passport = ready_passport(paid_case, printer, checker)
    assert pickup_deadline(passport) == dt.date(2026, 6, 2)
    for day in (dt.date(2026, 5, 31), dt.date(2026, 6, 1), dt.date(2026, 6, 2)):
        with time_machine.travel(dt.datetime.combine(day, dt.time(1), dt.UTC), tick=False):
            assert pickup_reminders_run().cancelled == 0, day
    with time_machine.travel(dt.datetime(2026, 6, 3, 1, tzinfo=dt.UTC), tick=False):
        assert pickup_reminders_run().cancelled == 1


def test_day_31_counts_in_the_office_time_zone(ready, paid_case):
    with at_day(28):
        assert pickup_reminders_run().reminded == 1
    # 16:59 UTC on day 30 is 23:59 in Ketapang: still day 30
    with time_machine.travel(
        dt.datetime.combine(READY_DAY + dt.timedelta(days=30), dt.time(16, 59), dt.UTC), tick=False
    ):
        assert pickup_reminders_run().cancelled == 0
    # 17:00 UTC on day 30 is 00:00 on day 31 in Ketapang
    with time_machine.travel(
        dt.datetime.combine(READY_DAY + dt.timedelta(days=30), dt.time(17, 0), dt.UTC), tick=False
    ):
        assert pickup_reminders_run().cancelled == 1


def test_a_collected_passport_gets_no_reminder_and_is_not_cancelled(
    ready, paid_case, handover_officer
):
    from paspor.issuance.models import CollectorBasis
    from paspor.issuance.services import HandoverInput, handover_record
    from paspor.issuance.tests.conftest import signature_png

    with at_day(3):
        handover_record(
            passport=ready,
            by=handover_officer,
            data=HandoverInput(
                basis=CollectorBasis.HOLDER,
                nik_typed=paid_case.nik,
                collector_name="",
                face_matched=True,
                signature_png=signature_png(),
                documents_seen=frozenset({"ktp", "receipt"}),
            ),
        )
    with at_day(31):
        run = pickup_reminders_run()
    assert (run.reminded, run.cancelled) == (0, 0)
    paid_case.refresh_from_db()
    assert paid_case.status == CaseStatus.HANDED_OVER


def test_a_passport_handed_over_while_the_run_reads_it_does_not_stop_the_others(
    ready,
    paid_case,
    printer,
    checker,
    handover_officer,
    office,
    intake_officer,
    monkeypatch,
    caplog,
):
    other_case = make_paid_case(office, intake_officer, nik="6104015708900002")
    with at_day(0, hour_utc=3):
        other = ready_passport(other_case, printer, checker)
    with at_day(28):
        assert pickup_reminders_run().reminded == 2
    cancel = pickup.passport_cancel_uncollected

    def handed_over_meanwhile(*, passport):
        # Race: the run read the first passport as waiting; the holder collects it before the
        # run cancels it, and the cancellation is refused.
        if passport.pk == ready.pk:
            handover_record(passport=ready, by=handover_officer, data=holder_input(paid_case))
        return cancel(passport=passport)

    monkeypatch.setattr(pickup, "passport_cancel_uncollected", handed_over_meanwhile)
    with at_day(31), caplog.at_level(logging.WARNING, logger=pickup.__name__):
        run = pickup_reminders_run()
    assert run.cancelled == 1
    ready.refresh_from_db()
    other.refresh_from_db()
    assert (ready.status, other.status) == (PassportStatus.ISSUED, PassportStatus.CANCELLED)
    assert ready.passport_number in caplog.text


def test_the_command_and_the_task_are_idempotent(ready):
    out = io.StringIO()
    with at_day(7):
        call_command("pickup_reminders", stdout=out)
        call_command("pickup_reminders", stdout=out)
    assert out.getvalue().splitlines() == ["reminded=1 cancelled=0", "reminded=0 cancelled=0"]
    with at_day(28):
        pickup_reminders.enqueue()
    with at_day(31):
        result = pickup_reminders.enqueue()
    assert result.return_value == {"reminded": 0, "cancelled": 1}


def test_a_setting_without_reminders_is_refused(settings, monkeypatch):
    # STANDARDS.md §10: Paspor reminds before it cancels; no reminder days would cancel unseen.
    settings.ISSUANCE = {"reminder_days": ()}
    with pytest.raises(ConfigError, match="reminder"):
        issuance_config()
    settings.ISSUANCE = {}
    monkeypatch.setenv("ISSUANCE_PICKUP_REMINDER_DAYS", "")
    with pytest.raises(ConfigError, match="reminder"):
        issuance_config()
