# mypy: disable-error-code="union-attr"
"""'Selesai' follows the case, not only the route: an applicant sent home at intake is not
called at the biometrics counter, and a ticket whose case is unfinished (or missing) is not
sent on by guesswork. A station's console lists only its own no-shows."""

import pytest
from django.urls import reverse

from paspor.audit.models import AuditEntry
from paspor.cases.adjudication import case_defer
from paspor.cases.models import CaseStatus
from paspor.cases.services import case_transition
from paspor.lib.errors import Conflict
from paspor.offices.models import OfficeService, ServiceKind
from paspor.queueing.models import StationVisit, Ticket, TicketStatus, VisitOutcome
from paspor.queueing.routing import (
    CASE_GATES,
    CASE_SENT_HOME,
    FinishKind,
    finish_plan,
)
from paspor.queueing.selectors import finish_outlook
from paspor.queueing.services import (
    ticket_call_next,
    ticket_end_visit,
    ticket_finish,
    ticket_mark_no_show,
    ticket_recall,
    ticket_walk_in,
)
from paspor.queueing.tests.conftest import booked, case_for
from paspor.surveys.models import SurveyInvitation

pytestmark = pytest.mark.django_db

ROUTE = ["intake", "biometrics"]


def _audit(event):
    return AuditEntry.objects.filter(event=event).order_by("pk").last()


# --- The table ------------------------------------------------------------------------------


def test_every_case_status_has_one_meaning_at_each_case_station():
    for gate in CASE_GATES.values():
        assert not gate.work & gate.pending
        assert not (gate.work | gate.pending) & CASE_SENT_HOME


@pytest.mark.parametrize(
    ("case_status", "kind"),
    [
        (CaseStatus.BIOMETRICS, FinishKind.FORWARD),
        (CaseStatus.INTERVIEW, FinishKind.FORWARD),
        (CaseStatus.DEFERRED, FinishKind.END),
        (CaseStatus.REJECTED, FinishKind.END),
        (CaseStatus.CANCELLED, FinishKind.END),
        (CaseStatus.INTAKE, FinishKind.NOT_READY),
        (CaseStatus.ON_HOLD, FinishKind.NOT_READY),
        (CaseStatus.AWAITING_SUPERVISOR, FinishKind.END),  # past biometrics: skipped
        (None, FinishKind.NO_CASE),
    ],
)
def test_leaving_intake_for_biometrics_depends_on_the_case(case_status, kind):
    assert finish_plan(ROUTE, step=1, case_status=case_status).kind == kind


@pytest.mark.parametrize(
    ("case_status", "kind"),
    [
        (CaseStatus.BIOMETRICS, FinishKind.NOT_READY),  # photo and fingerprints not taken
        (CaseStatus.INTERVIEW, FinishKind.NOT_READY),
        (CaseStatus.AWAITING_SUPERVISOR, FinishKind.END),
        (CaseStatus.DEFERRED, FinishKind.END),
    ],
)
def test_leaving_biometrics_at_the_end_of_the_route_waits_for_its_own_work(case_status, kind):
    plan = finish_plan(ROUTE, step=None, case_status=case_status, here="biometrics")
    assert plan.kind == kind


def test_stations_without_case_work_ignore_the_case():
    assert finish_plan(["handover"], step=None, case_status=None).kind == FinishKind.END
    plan = finish_plan(ROUTE, step=0, case_status=None)  # back from a detour to intake
    assert (plan.kind, plan.step) == (FinishKind.FORWARD, 0)


# --- Intake: the QA findings ----------------------------------------------------------------


def test_deferred_case_ends_the_visit_instead_of_waiting_at_biometrics(
    queue_office, intake_desk, bio_desk, intake_officer, biometrics_officer
):
    booked(queue_office)
    ticket = booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    ticket_end_visit(session=intake_desk, by=intake_officer)
    assert ticket_call_next(session=intake_desk, by=intake_officer).pk == ticket.pk
    case = case_for(ticket, by=intake_officer)
    case_defer(case=case, by=intake_officer, missing="Kartu Keluarga asli")

    done = ticket_finish(session=intake_desk, by=intake_officer)

    assert done.status == TicketStatus.DONE and done.station.station_type == "intake"
    assert ticket_call_next(session=bio_desk, by=biometrics_officer) is None
    assert not StationVisit.objects.filter(ticket=ticket, station__station_type="biometrics")
    entry = _audit("queue.finished")
    assert entry.new["to"] is None and entry.new["case_status"] == CaseStatus.DEFERRED
    assert SurveyInvitation.objects.filter(ticket=ticket).exists()


@pytest.mark.parametrize("to", [CaseStatus.REJECTED, CaseStatus.CANCELLED])
def test_refused_or_cancelled_case_ends_the_visit(
    queue_office, intake_desk, intake_officer, supervisor, to
):
    ticket = booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    case = case_for(ticket, by=intake_officer)
    case_transition(case=case, to=to, by=supervisor, reason="uji")
    assert ticket_finish(session=intake_desk, by=intake_officer).status == TicketStatus.DONE


def test_case_still_at_document_check_is_not_sent_on(
    queue_office, intake_desk, bio_desk, intake_officer, biometrics_officer
):
    express = OfficeService.objects.get(office=queue_office, kind=ServiceKind.EXPRESS)
    ticket = ticket_walk_in(office=queue_office, service=express, by=None)  # C-001
    ticket_call_next(session=intake_desk, by=intake_officer)
    case = case_for(ticket, by=intake_officer)

    with pytest.raises(Conflict, match="masih berstatus “Pemeriksaan berkas”") as refused:
        ticket_finish(session=intake_desk, by=intake_officer)

    assert refused.value.code == "case_not_ready"
    assert case.code in refused.value.message
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CALLED and ticket.counter.number == 1
    assert ticket_call_next(session=bio_desk, by=biometrics_officer) is None
    # Document check finished: now it goes on.
    case_transition(case=case, to=CaseStatus.BIOMETRICS, by=intake_officer, reason="uji")
    moved = ticket_finish(session=intake_desk, by=intake_officer)
    assert moved.status == TicketStatus.WAITING and moved.station.station_type == "biometrics"
    assert ticket_call_next(session=bio_desk, by=biometrics_officer).pk == ticket.pk


def _at_biometrics(queue_office, intake_desk, bio_desk, intake_officer, biometrics_officer):
    ticket = booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    case = case_for(ticket, by=intake_officer, to=CaseStatus.BIOMETRICS)
    ticket_finish(session=intake_desk, by=intake_officer)
    assert ticket_call_next(session=bio_desk, by=biometrics_officer).pk == ticket.pk
    return ticket, case


def test_biometrics_counter_does_not_send_home_an_applicant_whose_photo_is_not_taken(
    queue_office, intake_desk, bio_desk, intake_officer, biometrics_officer
):
    ticket, case = _at_biometrics(
        queue_office, intake_desk, bio_desk, intake_officer, biometrics_officer
    )

    with pytest.raises(Conflict, match="selesaikan dulu langkah di pos ini") as refused:
        ticket_finish(session=bio_desk, by=biometrics_officer)

    assert refused.value.code == "case_not_ready"
    assert case.code in refused.value.message and "“Foto dan sidik jari”" in refused.value.message
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CALLED and ticket.counter.number == 3
    # Photo, fingerprints and interview done: now the visit ends.
    for to in (CaseStatus.INTERVIEW, CaseStatus.AWAITING_SUPERVISOR):
        case = case_transition(case=case, to=to, by=biometrics_officer, reason="uji")
    assert ticket_finish(session=bio_desk, by=biometrics_officer).status == TicketStatus.DONE


def test_biometrics_console_says_the_work_here_comes_first_and_answers_409(
    client_for, queue_office, intake_desk, bio_desk, intake_officer, biometrics_officer
):
    _ticket, case = _at_biometrics(
        queue_office, intake_desk, bio_desk, intake_officer, biometrics_officer
    )
    client = client_for(biometrics_officer)
    body = client.get(reverse("queueing:console", args=["ketapang"])).content.decode()
    assert (
        f"Permohonan {case.code} masih berstatus “Foto dan sidik jari”: selesaikan dulu langkah "
        "di pos ini." in body
    )
    assert "Setelah selesai: kunjungan berakhir" not in body
    response = _console_post(client, "finish")
    assert response.status_code == 409
    assert "selesaikan dulu langkah di pos ini" in response.content.decode()


def test_ticket_without_a_case_is_asked_about_not_guessed(
    queue_office, intake_desk, intake_officer
):
    booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    with pytest.raises(Conflict, match="belum punya permohonan") as refused:
        ticket_finish(session=intake_desk, by=intake_officer)
    assert refused.value.code == "no_case"
    # The officer chooses "teruskan" (e.g. the case was opened from an earlier visit).
    moved = ticket_finish(session=intake_desk, by=intake_officer, without_case=True)
    assert moved.station.station_type == "biometrics"
    assert _audit("queue.finished").new["without_case"] is True


def test_end_visit_sends_the_applicant_home_from_any_state(
    queue_office, intake_desk, bio_desk, intake_officer, biometrics_officer
):
    ticket = booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    case_for(ticket, by=intake_officer)  # still at document check
    ended = ticket_end_visit(session=intake_desk, by=intake_officer)
    assert ended.status == TicketStatus.DONE and ended.counter is None
    visit = StationVisit.objects.get(ticket=ticket)
    assert visit.outcome == VisitOutcome.DONE and visit.ended_at is not None
    assert _audit("queue.visit_ended").new["case_status"] == CaseStatus.INTAKE
    assert ticket_call_next(session=bio_desk, by=biometrics_officer) is None


def test_outlook_tells_the_officer_where_finish_goes(queue_office, intake_desk, intake_officer):
    ticket = booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    ticket.refresh_from_db()
    assert finish_outlook(ticket).kind == FinishKind.NO_CASE
    case = case_for(ticket, by=intake_officer, to=CaseStatus.BIOMETRICS)
    outlook = finish_outlook(ticket)
    assert outlook.kind == FinishKind.FORWARD and outlook.station.station_type == "biometrics"
    assert outlook.case.pk == case.pk


# --- The console page -----------------------------------------------------------------------


def _console_post(client, action, **data):
    return client.post(reverse("queueing:console_action", args=["ketapang", action]), data)


def test_console_says_a_deferred_applicant_goes_home(
    client_for, queue_office, intake_desk, intake_officer
):
    ticket = booked(queue_office)
    client = client_for(intake_officer)
    _console_post(client, "call")
    case_defer(case=case_for(ticket, by=intake_officer), by=intake_officer, missing="Akta")
    body = client.get(reverse("queueing:console", args=["ketapang"])).content.decode()
    assert "Setelah selesai: kunjungan berakhir" in body and "Ditangguhkan" in body
    response = _console_post(client, "finish")
    assert response.status_code == 200
    assert "A-001 selesai: kunjungannya berakhir." in response.content.decode()
    assert Ticket.objects.get().status == TicketStatus.DONE


def test_console_end_visit_button(client_for, queue_office, intake_desk, intake_officer):
    booked(queue_office)
    client = client_for(intake_officer)
    body = _console_post(client, "call").content.decode()
    assert "Akhiri kunjungan" in body and "Teruskan ke Foto, sidik jari dan wawancara" in body
    response = _console_post(client, "end_visit")
    assert response.status_code == 200
    assert Ticket.objects.get().status == TicketStatus.DONE


def test_console_of_a_station_lists_only_its_own_no_shows(
    client_for, queue_office, intake_desk, bio_desk, intake_officer, biometrics_officer
):
    gone = booked(queue_office)  # B-001 in the finding; a no-show at intake
    ticket_call_next(session=intake_desk, by=intake_officer)
    ticket_recall(session=intake_desk, by=intake_officer)
    ticket_recall(session=intake_desk, by=intake_officer)
    ticket_mark_no_show(session=intake_desk, by=intake_officer)

    bio = client_for(biometrics_officer)
    body = bio.get(reverse("queueing:console", args=["ketapang"])).content.decode()
    assert "Tidak hadir hari ini" not in body and gone.display not in body
    response = _console_post(bio, "reinstate", ticket=gone.token)
    assert response.status_code == 409
    gone.refresh_from_db()
    assert gone.status == TicketStatus.NO_SHOW

    intake = client_for(intake_officer)
    body = intake.get(reverse("queueing:console", args=["ketapang"])).content.decode()
    assert "Tidak hadir hari ini" in body and gone.display in body
    assert _console_post(intake, "reinstate", ticket=gone.token).status_code == 200


# --- The API --------------------------------------------------------------------------------


def test_api_finish_answers_409_with_the_reason_and_offers_forward_and_end_visit(
    client_for, queue_office, intake_desk, intake_officer
):
    booked(queue_office)
    booked(queue_office)
    client = client_for(intake_officer)

    def post(action):
        return client.post(f"/api/queue/ketapang/counter/{action}", content_type="application/json")

    post("call-next")
    response = post("finish")
    assert response.status_code == 409 and response.json()["code"] == "no_case"
    assert post("end-visit").json()["ticket"]["status"] == "done"
    post("call-next")
    assert post("forward").json()["ticket"]["station"] == "biometrics"
