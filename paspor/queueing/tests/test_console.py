# mypy: disable-error-code="union-attr"
"""The counter console: certification, call next, recall, no-show, reinstatement, transfers,
parking, and the journey from station to station."""

import datetime as dt

import pytest
from django.urls import reverse

from conftest import make_user
from paspor.accounts.models import Certification, Role
from paspor.audit.models import AuditEntry
from paspor.cases.models import CaseStatus
from paspor.cases.services import case_transition
from paspor.lib.errors import Conflict, DomainError
from paspor.offices.models import OfficeService, ServiceKind
from paspor.queueing import services
from paspor.queueing.models import (
    BoardEvent,
    StationVisit,
    Ticket,
    TicketCall,
    TicketStatus,
    VisitOutcome,
)
from paspor.queueing.selectors import ticket_being_served, ticket_position
from paspor.queueing.services import (
    NotCertified,
    counter_close,
    counter_open,
    ticket_call_next,
    ticket_end_visit,
    ticket_finish,
    ticket_mark_no_show,
    ticket_park,
    ticket_recall,
    ticket_reinstate,
    ticket_resume,
    ticket_start,
    ticket_transfer,
    ticket_walk_in,
)
from paspor.queueing.tests.conftest import booked, case_for, counter, station

pytestmark = pytest.mark.django_db


def walk_in(office, kind):
    return ticket_walk_in(
        office=office, service=OfficeService.objects.get(office=office, kind=kind), by=None
    )


# --- Opening a counter -----------------------------------------------------------------------


def test_certified_officer_opens_a_counter_for_a_station(queue_office, intake_officer, frozen):
    session = counter_open(
        office=queue_office,
        counter=counter(queue_office, 1),
        station=station(queue_office, "intake"),
        by=intake_officer,
    )
    assert session.closed_at is None
    assert AuditEntry.objects.filter(event="queue.counter_opened").exists()


def test_officer_without_certification_cannot_open_the_station(queue_office, frozen):
    uncertified = make_user("baru", role=Role.INTAKE, office=queue_office)
    with pytest.raises(NotCertified, match="belum bersertifikat"):
        counter_open(
            office=queue_office,
            counter=counter(queue_office, 1),
            station=station(queue_office, "intake"),
            by=uncertified,
        )


def test_expired_certification_does_not_count(queue_office, intake_officer, frozen):
    Certification.objects.filter(user=intake_officer).update(
        issued_on=dt.date(2020, 1, 1), expires_on=dt.date(2026, 3, 11)
    )
    with pytest.raises(NotCertified):
        counter_open(
            office=queue_office,
            counter=counter(queue_office, 1),
            station=station(queue_office, "intake"),
            by=intake_officer,
        )


def test_intake_officer_cannot_open_biometrics_even_if_the_counter_has_it(
    queue_office, intake_officer, frozen
):
    with pytest.raises(NotCertified):
        counter_open(
            office=queue_office,
            counter=counter(queue_office, 3),
            station=station(queue_office, "biometrics"),
            by=intake_officer,
        )


def test_counter_opens_only_for_a_station_it_serves(queue_office, intake_officer, frozen):
    with pytest.raises(DomainError, match="tidak melayani"):
        counter_open(
            office=queue_office,
            counter=counter(queue_office, 3),
            station=station(queue_office, "intake"),
            by=intake_officer,
        )


def test_a_counter_is_worked_by_one_officer_at_a_time(
    intake_desk, queue_office, second_intake_officer
):
    with pytest.raises(Conflict, match="sedang dibuka petugas lain"):
        counter_open(
            office=queue_office,
            counter=counter(queue_office, 1),
            station=station(queue_office, "intake"),
            by=second_intake_officer,
        )


# --- Call next -------------------------------------------------------------------------------


def test_call_next_calls_the_first_in_order_and_announces_it(
    queue_office, intake_desk, intake_officer, frozen
):
    first = booked(queue_office)
    booked(queue_office)
    called = ticket_call_next(session=intake_desk, by=intake_officer)
    assert called.pk == first.pk
    assert called.status == TicketStatus.CALLED
    assert called.counter.number == 1
    event = BoardEvent.objects.filter(kind="call").get()
    assert event.payload["text"] == "Nomor antrean A nol nol satu, silakan ke loket satu"
    assert event.payload["ticket"] == "A-001"
    call = TicketCall.objects.get()
    assert (call.counter.number, call.officer, call.is_recall) == (1, intake_officer, False)
    assert AuditEntry.objects.filter(event="queue.called").exists()


def test_call_next_with_nobody_waiting_returns_nothing(intake_desk, intake_officer):
    assert ticket_call_next(session=intake_desk, by=intake_officer) is None


def test_call_next_refuses_while_someone_is_at_the_counter(
    queue_office, intake_desk, intake_officer
):
    booked(queue_office)
    booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    with pytest.raises(Conflict, match="A-001 masih di loket ini"):
        ticket_call_next(session=intake_desk, by=intake_officer)


def test_priority_first_then_the_waiting_regular_ticket_after_the_aging_bound(
    queue_office, intake_desk, intake_officer, frozen
):
    regular = booked(queue_office)
    frozen.shift(dt.timedelta(minutes=1))
    priority = walk_in(queue_office, ServiceKind.PRIORITY)
    assert ticket_call_next(session=intake_desk, by=intake_officer).pk == priority.pk
    ticket_end_visit(session=intake_desk, by=intake_officer)
    # A stream of priority tickets; after 20 minutes at the station the regular one goes first.
    frozen.shift(dt.timedelta(minutes=18))
    walk_in(queue_office, ServiceKind.PRIORITY)
    assert ticket_call_next(session=intake_desk, by=intake_officer).is_priority
    ticket_end_visit(session=intake_desk, by=intake_officer)
    frozen.shift(dt.timedelta(minutes=1))
    walk_in(queue_office, ServiceKind.PRIORITY)
    assert ticket_call_next(session=intake_desk, by=intake_officer).pk == regular.pk


def test_aging_bound_is_configured_per_office(queue_office, intake_desk, intake_officer, frozen):
    policy = queue_office.queue_policy
    policy.aging_minutes = 5
    policy.save()
    regular = booked(queue_office)
    frozen.shift(dt.timedelta(minutes=5))
    walk_in(queue_office, ServiceKind.PRIORITY)
    assert ticket_call_next(session=intake_desk, by=intake_officer).pk == regular.pk


def test_booked_express_before_earlier_walk_in_express(
    queue_office, intake_desk, intake_officer, frozen
):
    walk = walk_in(queue_office, ServiceKind.EXPRESS)
    frozen.shift(dt.timedelta(minutes=2))
    express_booking = booked(queue_office, pool="express")
    assert ticket_call_next(session=intake_desk, by=intake_officer).pk == express_booking.pk
    ticket_end_visit(session=intake_desk, by=intake_officer)
    assert ticket_call_next(session=intake_desk, by=intake_officer).pk == walk.pk


def test_two_counters_never_call_the_same_ticket(
    queue_office, intake_desk, intake_officer, second_intake_officer
):
    desk2 = counter_open(
        office=queue_office,
        counter=counter(queue_office, 2),
        station=station(queue_office, "intake"),
        by=second_intake_officer,
    )
    booked(queue_office)
    booked(queue_office)
    a = ticket_call_next(session=intake_desk, by=intake_officer)
    b = ticket_call_next(session=desk2, by=second_intake_officer)
    assert a.pk != b.pk


# --- Recall, no-show, reinstatement -----------------------------------------------------------


def test_recall_announces_again(queue_office, intake_desk, intake_officer):
    booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    ticket = ticket_recall(session=intake_desk, by=intake_officer)
    assert ticket.call_count == 2
    assert BoardEvent.objects.filter(kind="recall").count() == 1
    assert TicketCall.objects.filter(is_recall=True).count() == 1


def test_no_show_only_after_the_configured_recalls(queue_office, intake_desk, intake_officer):
    booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    with pytest.raises(Conflict, match="baru dipanggil ulang 0 dari 2 kali"):
        ticket_mark_no_show(session=intake_desk, by=intake_officer)
    ticket_recall(session=intake_desk, by=intake_officer)
    with pytest.raises(Conflict):
        ticket_mark_no_show(session=intake_desk, by=intake_officer)
    ticket_recall(session=intake_desk, by=intake_officer)
    ticket = ticket_mark_no_show(session=intake_desk, by=intake_officer)
    assert ticket.status == TicketStatus.NO_SHOW
    assert ticket.counter is None
    visit = StationVisit.objects.get(ticket=ticket)
    assert visit.outcome == VisitOutcome.NO_SHOW and visit.ended_at is not None
    assert AuditEntry.objects.filter(event="queue.no_show").exists()


def _no_show(office, desk, officer):
    ticket_call_next(session=desk, by=officer)
    ticket_recall(session=desk, by=officer)
    ticket_recall(session=desk, by=officer)
    return ticket_mark_no_show(session=desk, by=officer)


def test_no_show_coming_back_within_the_tolerance_rejoins_at_the_old_place(
    queue_office, intake_desk, intake_officer, frozen
):
    gone = booked(queue_office)
    later = [booked(queue_office) for _ in range(3)]
    _no_show(queue_office, intake_desk, intake_officer)
    frozen.shift(dt.timedelta(minutes=29))
    back = ticket_reinstate(office=queue_office, ticket=gone, by=intake_officer)
    assert back.status == TicketStatus.WAITING
    assert ticket_position(back) == 1  # arrived before the others
    assert ticket_call_next(session=intake_desk, by=intake_officer).pk == gone.pk
    assert later[0].pk != gone.pk
    assert AuditEntry.objects.filter(event="queue.reinstated").exists()
    assert StationVisit.objects.filter(ticket=gone).count() == 2


def test_no_show_coming_back_too_late_takes_a_new_number(
    queue_office, intake_desk, intake_officer, frozen
):
    gone = booked(queue_office)
    _no_show(queue_office, intake_desk, intake_officer)
    frozen.shift(dt.timedelta(minutes=31))
    with pytest.raises(Conflict, match="sudah lewat"):
        ticket_reinstate(office=queue_office, ticket=gone, by=intake_officer)


# --- The journey -----------------------------------------------------------------------------


def test_finishing_moves_the_ticket_to_the_next_station_with_the_same_number(
    queue_office, intake_desk, intake_officer, biometrics_officer, frozen
):
    first = booked(queue_office)
    frozen.shift(dt.timedelta(minutes=1))
    second = booked(queue_office)
    bio = counter_open(
        office=queue_office,
        counter=counter(queue_office, 3),
        station=station(queue_office, "biometrics"),
        by=biometrics_officer,
    )
    # The second arrival is served first at intake (the first is parked for a document)...
    ticket_call_next(session=intake_desk, by=intake_officer)
    ticket_park(session=intake_desk, by=intake_officer)
    assert ticket_call_next(session=intake_desk, by=intake_officer).pk == second.pk
    frozen.shift(dt.timedelta(minutes=5))
    case_for(second, by=intake_officer, to="biometrics")
    moved = ticket_finish(session=intake_desk, by=intake_officer)
    assert moved.display == "A-002" and moved.station.station_type == "biometrics"
    frozen.shift(dt.timedelta(minutes=1))
    ticket_resume(session=intake_desk, ticket=first, by=intake_officer)
    frozen.shift(dt.timedelta(minutes=5))
    case_for(first, by=intake_officer, to="biometrics")
    ticket_finish(session=intake_desk, by=intake_officer)
    # ...yet at biometrics the first arrival goes first: the place follows the ORIGINAL arrival.
    assert ticket_call_next(session=bio, by=biometrics_officer).pk == first.pk
    ticket_start(session=bio, by=biometrics_officer)
    case = first.cases.get()
    for to in (CaseStatus.INTERVIEW, CaseStatus.AWAITING_SUPERVISOR):  # the station's work done
        case = case_transition(case=case, to=to, by=biometrics_officer, reason="uji")
    done = ticket_finish(session=bio, by=biometrics_officer)
    assert done.status == TicketStatus.DONE
    visits = list(StationVisit.objects.filter(ticket=first).order_by("pk"))
    assert [v.station.station_type for v in visits] == ["intake", "biometrics"]
    assert all(v.queued_at and v.first_called_at and v.ended_at for v in visits)
    # Finished at intake without "Mulai layani": no start time, so no service-time sample.
    assert visits[0].started_at is None and visits[1].started_at is not None
    assert visits[1].officer == biometrics_officer and visits[1].counter.number == 3


def test_transfer_to_another_station_and_back_on_the_route(
    queue_office, intake_desk, intake_officer, supervisor, frozen
):
    ticket = booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    moved = ticket_transfer(
        session=intake_desk, by=intake_officer, station=station(queue_office, "payment_help")
    )
    assert moved.station.station_type == "payment_help"
    assert moved.status == TicketStatus.WAITING
    visit = StationVisit.objects.filter(ticket=ticket).order_by("pk").first()
    assert visit.outcome == VisitOutcome.TRANSFERRED
    # Payment help is a detour: finishing there returns the ticket to intake.
    payment_desk = counter_open(
        office=queue_office,
        counter=counter(queue_office, 2),
        station=station(queue_office, "payment_help"),
        by=supervisor,
    )
    ticket_call_next(session=payment_desk, by=supervisor)
    back = ticket_finish(session=payment_desk, by=supervisor)
    assert back.station.station_type == "intake"
    assert AuditEntry.objects.filter(event="queue.transferred").exists()


def test_transfer_to_a_counter_is_called_there_first_and_not_elsewhere(
    queue_office, intake_desk, intake_officer, second_intake_officer, frozen
):
    priority = walk_in(queue_office, ServiceKind.PRIORITY)
    frozen.shift(dt.timedelta(minutes=1))
    sent = booked(queue_office)
    desk2 = counter_open(
        office=queue_office,
        counter=counter(queue_office, 2),
        station=station(queue_office, "intake"),
        by=second_intake_officer,
    )
    # Counter 1 takes the priority ticket, then the regular one, and hands it to counter 2.
    assert ticket_call_next(session=intake_desk, by=intake_officer).pk == priority.pk
    ticket_end_visit(session=intake_desk, by=intake_officer)
    assert ticket_call_next(session=intake_desk, by=intake_officer).pk == sent.pk
    ticket_transfer(session=intake_desk, by=intake_officer, counter=counter(queue_office, 2))
    walk_in(queue_office, ServiceKind.PRIORITY)
    assert ticket_call_next(session=intake_desk, by=intake_officer).is_priority
    assert ticket_call_next(session=desk2, by=second_intake_officer).pk == sent.pk


def test_park_frees_the_counter_and_resume_calls_it_again(
    queue_office, intake_desk, intake_officer
):
    first = booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    parked = ticket_park(session=intake_desk, by=intake_officer)
    assert parked.status == TicketStatus.PARKED
    assert ticket_being_served(office=queue_office, officer=intake_officer) is None
    resumed = ticket_resume(session=intake_desk, ticket=first, by=intake_officer)
    assert resumed.status == TicketStatus.CALLED
    assert BoardEvent.objects.filter(kind="call").count() == 2


def test_a_parked_ticket_called_back_needs_its_own_recalls_before_a_no_show(
    queue_office, intake_desk, intake_officer
):
    first = booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    ticket_recall(session=intake_desk, by=intake_officer)
    ticket_recall(session=intake_desk, by=intake_officer)
    ticket_park(session=intake_desk, by=intake_officer)
    resumed = ticket_resume(session=intake_desk, ticket=first, by=intake_officer)
    assert resumed.call_count == 1
    with pytest.raises(Conflict, match="baru dipanggil ulang 0 dari 2 kali"):
        ticket_mark_no_show(session=intake_desk, by=intake_officer)
    ticket_recall(session=intake_desk, by=intake_officer)
    with pytest.raises(Conflict, match="baru dipanggil ulang 1 dari 2 kali"):
        ticket_mark_no_show(session=intake_desk, by=intake_officer)
    ticket_recall(session=intake_desk, by=intake_officer)
    assert ticket_mark_no_show(session=intake_desk, by=intake_officer).status == "no_show"


def test_closing_a_counter_with_someone_at_it_is_refused(queue_office, intake_desk, intake_officer):
    booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    with pytest.raises(Conflict, match="Selesaikan, tunda atau alihkan nomor A-001"):
        counter_close(session=intake_desk, by=intake_officer)
    ticket_end_visit(session=intake_desk, by=intake_officer)
    counter_close(session=intake_desk, by=intake_officer)
    with pytest.raises(Conflict, match="sudah ditutup"):
        ticket_call_next(session=intake_desk, by=intake_officer)


def test_ticket_being_served_is_the_one_at_the_officers_counter(
    queue_office, intake_desk, intake_officer, supervisor
):
    assert ticket_being_served(office=queue_office, officer=intake_officer) is None
    ticket = booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    assert ticket_being_served(office=queue_office, officer=intake_officer).pk == ticket.pk
    ticket_start(session=intake_desk, by=intake_officer)
    assert ticket_being_served(office=queue_office, officer=intake_officer).pk == ticket.pk
    assert ticket_being_served(office=queue_office, officer=supervisor) is None


def test_ticket_without_a_journey_created_by_another_app_can_still_be_called(
    queue_office, intake_desk, intake_officer, frozen
):
    """Other apps' tests create tickets with only the contract fields."""
    from django.utils import timezone

    ticket = Ticket.objects.create(
        office=queue_office,
        service=OfficeService.objects.get(office=queue_office, kind=ServiceKind.REGULAR),
        day=dt.date(2026, 3, 12),
        prefix="A",
        number=50,
        arrived_at=timezone.now(),
        station=station(queue_office, "intake"),
    )
    assert ticket_call_next(session=intake_desk, by=intake_officer).pk == ticket.pk
    forwarded = ticket_finish(session=intake_desk, by=intake_officer, without_case=True)
    assert forwarded.station.station_type == "biometrics"


# --- The console page ------------------------------------------------------------------------


def test_console_without_an_open_counter_offers_the_certified_choices(
    client_for, queue_office, intake_officer, frozen
):
    body = (
        client_for(intake_officer)
        .get(reverse("queueing:console", args=["ketapang"]))
        .content.decode()
    )
    assert "Buka loket" in body
    assert "belum bersertifikat" in body  # biometrics counters are shown but disabled


def test_console_actions_by_page_with_shortcuts(client_for, queue_office, intake_officer, frozen):
    booked(queue_office, name="Dewi Lestari")
    client = client_for(intake_officer)
    c1, s = counter(queue_office, 1), station(queue_office, "intake")
    response = client.post(
        reverse("queueing:console_open", args=["ketapang"]), {"choice": f"{c1.pk}:{s.pk}"}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("queueing:console_action", args=["ketapang", "call"]), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "A-001" in body and "Dewi Lestari" in body
    for key in (
        'data-shortcut="u"',
        'data-shortcut="m"',
        'data-shortcut="s"',
        'data-shortcut="t"',
        'data-shortcut="x"',
        'data-shortcut="a"',
    ):
        assert key in body
    response = client.post(reverse("queueing:console_action", args=["ketapang", "no_show"]))
    assert response.status_code == 409
    assert "baru dipanggil ulang 0 dari 2 kali" in response.content.decode()
    # No case was opened for A-001: "Selesai" asks instead of guessing.
    response = client.post(reverse("queueing:console_action", args=["ketapang", "finish"]))
    assert response.status_code == 409
    body = response.content.decode()
    assert "belum punya permohonan" in body
    assert "Teruskan ke Foto, sidik jari dan wawancara" in body and "Akhiri kunjungan" in body
    response = client.post(reverse("queueing:console_action", args=["ketapang", "forward"]))
    assert response.status_code == 200
    assert "A-001 diteruskan ke Foto, sidik jari dan wawancara." in response.content.decode()
    assert Ticket.objects.get().station.station_type == "biometrics"


def test_console_open_without_certification_is_403(client_for, queue_office, frozen):
    uncertified = make_user("baru", role=Role.INTAKE, office=queue_office)
    c1, s = counter(queue_office, 1), station(queue_office, "intake")
    response = client_for(uncertified).post(
        reverse("queueing:console_open", args=["ketapang"]), {"choice": f"{c1.pk}:{s.pk}"}
    )
    assert response.status_code == 403
    assert "belum bersertifikat" in response.content.decode()


def test_console_shows_the_slot_for_other_apps(
    client_for, queue_office, intake_desk, intake_officer
):
    booked(queue_office)
    services.ticket_call_next(session=intake_desk, by=intake_officer)
    response = client_for(intake_officer).get(reverse("queueing:console", args=["ketapang"]))
    assert "queueing/_console_extra.html" in [t.name for t in response.templates]
