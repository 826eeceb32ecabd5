"""The daily summaries give the period dashboard the same figures as the live reads."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from conftest import make_office, make_user
from paspor.accounts.models import Role
from paspor.cases.models import Case, CaseEvent, CaseStatus
from paspor.offices.models import Office
from paspor.operations.jobs import JOBS_BY_NAME
from paspor.queueing.models import StationVisit, Ticket
from paspor.reports.models import OutcomeDay, StationDay, SummaryMark
from paspor.reports.selectors import period
from paspor.reports.services import closed_through, daily_summaries_refresh
from paspor.reports.tests.conftest import END, START, Week, at

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
# Tuesday 10 November, 08:00 in Jakarta: the week of 2–6 November is over everywhere.
AFTER_THE_WEEK = dt.datetime(2026, 11, 10, 8, 0, tzinfo=WIB)


def figures(office: Office | None) -> tuple[list[period.StationTimes], period.Outcomes]:
    """What the summaries replace, for an office or (None) the national roll-up."""
    return period.station_times(office, START, END), period.outcomes(office, START, END)


def test_summaries_give_the_figures_worked_out_by_hand(week: Week) -> None:
    live = {key: figures(office) for key, office in (("office", week.office), ("all", None))}
    with time_machine.travel(AFTER_THE_WEEK, tick=False):
        result = daily_summaries_refresh()
    assert result.through == dt.date(2026, 11, 9)
    assert SummaryMark.objects.get().through == dt.date(2026, 11, 9)
    assert StationDay.objects.filter(office=week.office).count() == 1  # intake, Tuesday
    assert period.summaries_through() == dt.date(2026, 11, 9)
    # The same numbers, now read from the summaries (no visit or event is needed any more).
    assert figures(week.office) == live["office"]
    assert figures(None) == live["all"]
    (intake,) = period.station_times(week.office, START, END)
    assert (intake.wait.count, intake.wait.mean, intake.wait.median) == (3, 20, 20)
    assert intake.wait.p90 == pytest.approx(28)
    assert intake.service.p90 == pytest.approx(19)
    StationVisit.objects.all().delete()
    CaseEvent.objects.all().delete()
    assert figures(week.office) == live["office"]
    outcomes = period.outcomes(week.office, START, END)
    assert (outcomes.issued, outcomes.deferred, outcomes.rejected) == (1, 1, 1)
    assert period.outcomes(None, START, END).rejected_reasons == [("Data tidak sesuai", 2)]


def test_a_period_past_the_mark_reads_the_rest_live(week: Week) -> None:
    live = figures(week.office)
    with time_machine.travel(dt.datetime(2026, 11, 5, 8, 0, tzinfo=WIB), tick=False):
        result = daily_summaries_refresh()
    assert result.through == dt.date(2026, 11, 4)  # Thursday and Friday are read live
    assert figures(week.office) == live
    # The handed-over case (Thursday) is counted once: from the events, not the summaries.
    assert OutcomeDay.objects.filter(to_status=CaseStatus.HANDED_OVER).count() == 0
    assert period.outcomes(week.office, START, END).issued == 1


def test_a_second_refresh_rebuilds_the_last_days_and_duplicates_nothing(week: Week) -> None:
    with time_machine.travel(AFTER_THE_WEEK, tick=False):
        daily_summaries_refresh()
        rows = (StationDay.objects.count(), OutcomeDay.objects.count())
        assert daily_summaries_refresh().start == dt.date(2026, 11, 8)
        assert (StationDay.objects.count(), OutcomeDay.objects.count()) == rows


def test_a_time_written_after_its_day_is_picked_up_the_next_night(week: Week) -> None:
    monday = dt.date(2026, 11, 9)
    Ticket.objects.filter(office=week.office).update(day=monday)
    StationVisit.objects.filter(ticket__office=week.office).update(
        queued_at=at(9, 8), first_called_at=at(9, 8, 10)
    )
    with time_machine.travel(AFTER_THE_WEEK, tick=False):
        daily_summaries_refresh()  # summarises up to Monday
    # A visit of Monday is corrected on Tuesday: called at 08.45, not when first recorded.
    StationVisit.objects.filter(ticket__office=week.office).update(first_called_at=at(9, 8, 45))
    (intake,) = period.station_times(week.office, monday, monday)
    assert intake.wait.median == 10  # still the summary of Monday night
    with time_machine.travel(AFTER_THE_WEEK + dt.timedelta(days=1), tick=False):
        daily_summaries_refresh()
    (intake,) = period.station_times(week.office, monday, monday)
    assert (intake.wait.count, intake.wait.median) == (3, 45)


def test_a_rebuild_from_a_given_day_replaces_what_was_there(week: Week) -> None:
    with time_machine.travel(AFTER_THE_WEEK, tick=False):
        daily_summaries_refresh()
        CaseEvent.objects.filter(to_status=CaseStatus.DEFERRED).update(reason="Akta lahir")
        assert period.outcomes(week.office, START, END).deferred_reasons == [
            ("Kartu keluarga belum dibawa", 1)
        ]
        daily_summaries_refresh(start=START)
    assert period.outcomes(week.office, START, END).deferred_reasons == [("Akta lahir", 1)]


def test_each_office_counts_its_own_day_and_the_mark_waits_for_the_west() -> None:
    jakarta = make_office("ketapang")
    jayapura = make_office("jayapura")
    jayapura.time_zone = "Asia/Jayapura"
    jayapura.save()
    # 23.30 in Jayapura on Wednesday 4 November is still Wednesday there, 21.30 in Jakarta.
    late = dt.datetime(2026, 11, 4, 23, 30, tzinfo=ZoneInfo("Asia/Jayapura"))
    case = Case.objects.create(
        office=jayapura,
        opened_by=make_user("petugas_timur", role=Role.INTAKE, office=jayapura),
        nik="9101015708900001",
        full_name="Pemohon Timur",
        sex="F",
        birth_date=dt.date(1990, 1, 1),
        birth_place="Jayapura",
        application_type="new_adult",
    )
    CaseEvent.objects.create(case=case, at=late, to_status=CaseStatus.REJECTED, reason="X")
    wednesday = dt.date(2026, 11, 4)
    assert period.outcomes(jayapura, wednesday, wednesday).rejected == 1
    assert period.outcomes(None, wednesday, wednesday).rejected == 1
    # 01.00 Thursday in Jayapura is 23.00 Wednesday in Jakarta: Wednesday is not over there.
    with time_machine.travel(late + dt.timedelta(hours=1, minutes=30), tick=False):
        assert closed_through([jakarta, jayapura]) == dt.date(2026, 11, 3)
        daily_summaries_refresh()
    assert not OutcomeDay.objects.exists()
    with time_machine.travel(late + dt.timedelta(hours=3), tick=False):
        daily_summaries_refresh()
    (row,) = OutcomeDay.objects.all()
    assert (row.office, row.day, row.count) == (jayapura, wednesday, 1)
    assert period.outcomes(None, wednesday, wednesday).rejected == 1
    assert period.outcomes(jakarta, wednesday, wednesday).rejected == 0


def test_nothing_to_summarise_without_data_or_offices(capsys: pytest.CaptureFixture[str]) -> None:
    assert daily_summaries_refresh().start is None
    make_office("ketapang")
    assert daily_summaries_refresh().start is None
    assert period.summaries_through() is None
    call_command("reports_summarize")
    assert "Tidak ada hari baru untuk diringkas (belum ada ringkasan)" in capsys.readouterr().out


def test_the_command_refreshes_or_hands_the_work_to_the_worker(
    week: Week, capsys: pytest.CaptureFixture[str]
) -> None:
    with time_machine.travel(AFTER_THE_WEEK, tick=False):
        call_command("reports_summarize")
        assert "s.d. 2026-11-09" in capsys.readouterr().out
        call_command("reports_summarize", "--enqueue")  # the test backend runs it at once
        assert "Tugas diantrekan" in capsys.readouterr().out
    assert SummaryMark.objects.get().through == dt.date(2026, 11, 9)
    job = JOBS_BY_NAME["reports_summarize"]
    assert (job.daily_at, job.args) == (dt.time(0, 15), ("--enqueue",))


def test_a_rebuild_from_a_later_day_still_covers_every_day_after_the_mark(week: Week) -> None:
    with time_machine.travel(dt.datetime(2026, 11, 4, 8, 0, tzinfo=WIB), tick=False):
        daily_summaries_refresh()  # through Tuesday 3 November
    with time_machine.travel(AFTER_THE_WEEK, tick=False):
        result = daily_summaries_refresh(start=dt.date(2026, 11, 9))
    assert result.start == dt.date(2026, 11, 4)  # not the day asked for: Wednesday on
    outcomes = period.outcomes(week.office, START, END)
    assert (outcomes.issued, outcomes.deferred, outcomes.rejected) == (1, 1, 1)
    CaseEvent.objects.all().delete()  # every figure now comes from the summaries
    assert period.outcomes(week.office, START, END).issued == 1
