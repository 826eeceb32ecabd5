# mypy: disable-error-code="union-attr"
"""A counter session and a ticket belong to one office day.

The walk-through with a shifted clock: counters opened on Monday 30 November and Tuesday
1 December 2026 and never closed, a ticket called to counter 3 on that Tuesday, everything seen
again on Monday 7 December. The pages treat the earlier days as over by themselves; the
day-close job makes the rows say so.
"""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from conftest import make_office
from paspor.audit.models import AuditEntry
from paspor.lib.errors import Conflict
from paspor.offices.models import OfficeService, ServiceKind
from paspor.operations.jobs import JOBS_BY_NAME
from paspor.queueing import selectors
from paspor.queueing.models import (
    CounterSession,
    StationVisit,
    Ticket,
    TicketStatus,
    VisitOutcome,
)
from paspor.queueing.services import (
    DayClosed,
    counter_open,
    queue_day_close,
    queue_days_close_due,
    ticket_call_next,
    ticket_finish,
    ticket_mark_no_show,
    ticket_park,
    ticket_recall,
    ticket_start,
    ticket_walk_in,
)
from paspor.queueing.tests.conftest import WIB, counter, lay_out, station

pytestmark = pytest.mark.django_db

MONDAY = dt.datetime(2026, 11, 30, 9, 0, tzinfo=WIB)
MONDAY_END = dt.datetime(2026, 12, 1, 0, 0, tzinfo=WIB)
TUESDAY = dt.datetime(2026, 12, 1, 9, 0, tzinfo=WIB)
NEXT_MONDAY = dt.datetime(2026, 12, 7, 9, 0, tzinfo=WIB)
TUESDAY_END = dt.datetime(2026, 12, 2, 0, 0, tzinfo=WIB)

GO_NOW = "datanglah ke loket sekarang"
WAIT_ADVICE = "Anda boleh menunggu di luar ruangan"
NO_LONGER_VALID = "Nomor antrean ini untuk tanggal 1 Desember 2026 dan tidak berlaku lagi."


def walk_in(office, kind=ServiceKind.LOST_DAMAGED):
    service = OfficeService.objects.get(office=office, kind=kind)
    return ticket_walk_in(office=office, service=service, by=None)


def open_desk(office, number, station_type, officer):
    return counter_open(
        office=office,
        counter=counter(office, number),
        station=station(office, station_type),
        by=officer,
    )


@pytest.fixture
def last_week(
    queue_office, intake_officer, second_intake_officer, biometrics_officer, frozen
) -> dict[str, object]:
    """Counters 1 and 2 (intake) and 3 (biometrics) opened on Tuesday and never closed; one
    ticket called to counter 3, another still waiting at intake. Then it is next Monday."""
    frozen.move_to(TUESDAY)
    one = open_desk(queue_office, 1, "intake", intake_officer)
    two = open_desk(queue_office, 2, "intake", second_intake_officer)
    bio = open_desk(queue_office, 3, "biometrics", biometrics_officer)
    called = walk_in(queue_office)
    ticket_call_next(session=two, by=second_intake_officer)
    ticket_finish(session=two, by=second_intake_officer, without_case=True)
    ticket_call_next(session=bio, by=biometrics_officer)
    waiting = walk_in(queue_office)
    frozen.move_to(NEXT_MONDAY)
    return {"sessions": [one, two, bio], "called": called, "waiting": waiting}


# --- Read side: earlier days are over without the job ---------------------------------------


def test_counters_left_open_last_week_are_not_open_today(queue_office, last_week):
    intake = station(queue_office, "intake")
    today = NEXT_MONDAY.date()
    assert not selectors.sessions_open(queue_office).exists()
    assert selectors.counters_open(intake, today) == 0
    estimate = selectors.estimate_wait(intake, ahead=0, day=today)
    assert estimate.counters_open == 0 and estimate.no_counter_open
    # The rows themselves are untouched until the job (or a counter opened today) closes them.
    assert CounterSession.objects.filter(closed_at__isnull=True).count() == 3


def test_overview_lists_no_counter_of_last_week_as_open(
    client_for, queue_office, last_week, head_of_office
):
    body = client_for(head_of_office).get(reverse("queueing:overview", args=["ketapang"]))
    text = body.content.decode()
    assert "Belum ada loket yang buka." in text
    assert "petugas_loket" not in text and "petugas_biometrik" not in text


def test_the_console_asks_the_officer_to_open_the_counter_for_today(
    client_for, queue_office, last_week, intake_officer
):
    client = client_for(intake_officer)
    body = client.get(reverse("queueing:console", args=["ketapang"])).content.decode()
    assert 'id="left-open"' in body
    assert "Loket 1 Anda dibuka pada 1 Desember 2026 dan belum ditutup" in body
    assert "Pilih loket dan pos yang Anda layani hari ini" in body
    refused = client.post(reverse("queueing:console_action", args=["ketapang", "call"]))
    assert refused.status_code == 409
    assert "Buka loket dulu." in refused.content.decode()


def test_a_session_of_an_earlier_day_cannot_call(queue_office, last_week, intake_officer):
    walk_in(queue_office)
    tuesday = last_week["sessions"][0]
    with pytest.raises(Conflict, match="hari sebelumnya"):
        ticket_call_next(session=tuesday, by=intake_officer)


def test_opening_a_counter_today_closes_what_earlier_days_left_open(
    client_for, queue_office, last_week, intake_officer
):
    client = client_for(intake_officer)
    choice = f"{counter(queue_office, 1).pk}:{station(queue_office, 'intake').pk}"
    response = client.post(reverse("queueing:console_open", args=["ketapang"]), {"choice": choice})
    assert response.status_code == 302
    today = selectors.open_session(intake_officer, queue_office)
    assert today is not None and today.opened_at == NEXT_MONDAY
    closed = [CounterSession.objects.get(pk=s.pk).closed_at for s in last_week["sessions"]]
    assert closed == [TUESDAY_END] * 3
    called = Ticket.objects.get(pk=last_week["called"].pk)
    assert (called.status, called.counter) == (TicketStatus.EXPIRED, None)
    # Counter 3 is free for today's officer again (one ticket at a counter).
    assert selectors.ticket_at_counter(counter(queue_office, 3)) is None
    body = client.get(reverse("queueing:console", args=["ketapang"])).content.decode()
    assert "Loket 1" in body and 'id="left-open"' not in body


def test_a_counter_opened_the_next_day_closes_the_session_left_open_the_day_before(
    queue_office, intake_officer, second_intake_officer, frozen
):
    frozen.move_to(MONDAY)
    monday = open_desk(queue_office, 1, "intake", intake_officer)
    frozen.move_to(TUESDAY)
    open_desk(queue_office, 2, "intake", second_intake_officer)
    assert CounterSession.objects.get(pk=monday.pk).closed_at == MONDAY_END
    assert AuditEntry.objects.filter(
        event="queue.counter_closed", subject_id=str(monday.pk), actor_label="system:day-close"
    ).exists()


# --- The applicant's page -------------------------------------------------------------------


def phone(client, ticket):
    return client.get(reverse("queueing:ticket_public", args=[ticket.token])).content.decode()


def test_a_ticket_called_last_week_is_no_longer_valid_on_the_phone(client, queue_office, last_week):
    body = phone(client, last_week["called"])
    assert NO_LONGER_VALID in body
    assert "Silakan ke loket 3" not in body and GO_NOW not in body
    assert reverse("booking:availability", args=["ketapang"]) in body
    assert reverse("notifications:status") in body
    status = client.get(
        reverse("queueing:ticket_public_status", args=[last_week["called"].token])
    ).content.decode()
    assert NO_LONGER_VALID in status


def test_a_ticket_waiting_since_last_week_is_no_longer_valid_on_the_phone(
    client, queue_office, last_week
):
    body = phone(client, last_week["waiting"])
    assert NO_LONGER_VALID in body
    assert WAIT_ADVICE not in body and "Anda urutan ke-" not in body


def test_the_phone_says_so_in_english(client, queue_office, last_week):
    client.cookies["django_language"] = "en"
    body = phone(client, last_week["called"])
    assert "This queue ticket was for 1 December 2026 and is no longer valid." in body
    assert "Expired" in body


def test_the_api_reports_a_ticket_of_an_earlier_day_as_expired(client, queue_office, last_week):
    answer = client.get(f"/api/queue/t/{last_week['called'].token}").json()
    assert (answer["status"], answer["counter"], answer["position"]) == ("expired", None, None)


def test_a_visit_finished_last_week_keeps_its_thanks(client, queue_office, intake_officer, frozen):
    frozen.move_to(TUESDAY)
    desk = open_desk(queue_office, 5, "information", intake_officer)
    ticket = walk_in(queue_office, ServiceKind.INFORMATION)
    ticket_call_next(session=desk, by=intake_officer)
    ticket_finish(session=desk, by=intake_officer)
    frozen.move_to(NEXT_MONDAY)
    body = phone(client, ticket)
    assert "Terima kasih atas kunjungan Anda." in body and "tidak berlaku lagi" not in body


# --- The day-close service and job ----------------------------------------------------------


@pytest.fixture
def tuesday_left_open(queue_office, intake_officer, second_intake_officer, supervisor, frozen):
    """Tuesday's tickets in every state; counters 1, 2 and 5 still open at the end of the day."""
    frozen.move_to(TUESDAY)
    one = open_desk(queue_office, 1, "intake", intake_officer)
    two = open_desk(queue_office, 2, "intake", second_intake_officer)
    info = open_desk(queue_office, 5, "information", supervisor)
    tickets = {name: walk_in(queue_office) for name in ("parked", "serving", "called", "waiting")}
    ticket_call_next(session=one, by=intake_officer)
    ticket_park(session=one, by=intake_officer)
    ticket_call_next(session=one, by=intake_officer)
    ticket_start(session=one, by=intake_officer)
    ticket_call_next(session=two, by=second_intake_officer)
    tickets["done"] = walk_in(queue_office, ServiceKind.INFORMATION)
    tickets["no_show"] = walk_in(queue_office, ServiceKind.INFORMATION)
    ticket_call_next(session=info, by=supervisor)
    ticket_finish(session=info, by=supervisor)
    ticket_call_next(session=info, by=supervisor)
    for _ in range(2):
        ticket_recall(session=info, by=supervisor)
    ticket_mark_no_show(session=info, by=supervisor)
    return tickets


def status_of(ticket):
    return Ticket.objects.get(pk=ticket.pk).status


def test_day_close_ends_the_sessions_and_expires_the_unfinished_tickets(
    queue_office, tuesday_left_open, frozen
):
    tickets = tuesday_left_open
    assert [status_of(tickets[name]) for name in tickets] == [
        "parked",
        "serving",
        "called",
        "waiting",
        "done",
        "no_show",
    ]
    frozen.move_to(NEXT_MONDAY)
    closed = queue_day_close(office=queue_office, day=TUESDAY.date())
    assert closed == DayClosed(sessions=3, tickets=4)
    for name in ("parked", "serving", "called", "waiting"):
        ticket = Ticket.objects.get(pk=tickets[name].pk)
        assert (ticket.status, ticket.counter, ticket.status_at) == (
            TicketStatus.EXPIRED,
            None,
            TUESDAY_END,
        ), name
    assert (status_of(tickets["done"]), status_of(tickets["no_show"])) == ("done", "no_show")
    assert not CounterSession.objects.filter(closed_at__isnull=True).exists()
    assert set(CounterSession.objects.values_list("closed_at", flat=True)) == {TUESDAY_END}
    # No visit stays open; the one being served does not count as a service time.
    assert not StationVisit.objects.filter(ended_at__isnull=True).exists()
    serving = StationVisit.objects.get(ticket=tickets["serving"], started_at__isnull=False)
    assert serving.outcome == VisitOutcome.EXPIRED


def test_day_close_is_audited_as_the_system(queue_office, tuesday_left_open, frozen):
    frozen.move_to(NEXT_MONDAY)
    before = AuditEntry.objects.count()
    queue_day_close(office=queue_office, day=TUESDAY.date())
    rows = AuditEntry.objects.order_by("seq")[before:]
    assert sorted(row.event for row in rows) == ["queue.counter_closed"] * 3 + ["queue.expired"] * 4
    assert {(row.actor_id, row.actor_label, row.office_id) for row in rows} == {
        (None, "system:day-close", queue_office.pk)
    }
    serving = next(
        row
        for row in rows
        if (row.subject_type, row.subject_id)
        == ("queueing.ticket", str(tuesday_left_open["serving"].pk))
    )
    assert (serving.old["status"], serving.new["status"]) == ("serving", "expired")
    assert serving.new["day"] == "2026-12-01"


def test_day_close_twice_changes_nothing_the_second_time(queue_office, tuesday_left_open, frozen):
    frozen.move_to(NEXT_MONDAY)
    queue_day_close(office=queue_office, day=TUESDAY.date())
    audited = AuditEntry.objects.count()
    assert queue_day_close(office=queue_office, day=TUESDAY.date()) == DayClosed(0, 0)
    assert AuditEntry.objects.count() == audited


def test_day_close_leaves_other_days_alone(queue_office, tuesday_left_open, frozen):
    frozen.move_to(NEXT_MONDAY)
    today = walk_in(queue_office)
    assert queue_day_close(office=queue_office, day=MONDAY.date()) == DayClosed(0, 0)
    queue_day_close(office=queue_office, day=TUESDAY.date())
    assert status_of(today) == TicketStatus.WAITING


@pytest.fixture
def jayapura(db):
    office = make_office("jayapura", tz="Asia/Jayapura")
    lay_out(office)
    return office


def test_the_job_closes_earlier_days_and_today_only_after_closing_time(
    queue_office, jayapura, intake_officer, frozen
):
    frozen.move_to(TUESDAY)
    tuesday = walk_in(queue_office)
    frozen.move_to(NEXT_MONDAY)
    today = walk_in(queue_office)
    papua = walk_in(jayapura)  # Monday 11.00 WIT
    frozen.move_to(dt.datetime(2026, 12, 7, 16, 0, tzinfo=WIB))  # a run by hand after lunch
    assert queue_days_close_due() == DayClosed(sessions=0, tickets=1)
    assert status_of(tuesday) == TicketStatus.EXPIRED
    assert (status_of(today), status_of(papua)) == ("waiting", "waiting")
    desk = open_desk(queue_office, 1, "intake", intake_officer)  # serving the rest
    assert queue_days_close_due() == DayClosed(0, 0)
    assert CounterSession.objects.get(pk=desk.pk).closed_at is None
    # 23:30 in Ketapang is 01:30 on Tuesday in Jayapura: both offices' Monday is over.
    frozen.move_to(dt.datetime(2026, 12, 7, 23, 30, tzinfo=WIB))
    assert queue_days_close_due() == DayClosed(sessions=1, tickets=2)
    assert (status_of(today), status_of(papua)) == ("expired", "expired")
    assert queue_days_close_due() == DayClosed(0, 0)


def test_the_scheduler_runs_the_day_close_daily_after_closing(queue_office, last_week, capsys):
    job = JOBS_BY_NAME["queue_close_days"]
    assert (job.command, job.daily_at, job.every) == ("queue_close_days", dt.time(23, 30), None)
    call_command("queue_close_days")
    assert "sessions closed 3, tickets expired 2" in capsys.readouterr().out
    assert not CounterSession.objects.filter(closed_at__isnull=True).exists()
    assert not Ticket.objects.filter(status__in=["waiting", "called"]).exists()
