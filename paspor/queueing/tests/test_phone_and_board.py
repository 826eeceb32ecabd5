# mypy: disable-error-code="union-attr"
"""The ticket on the phone (advice per state, the walk-in's way to the survey) and the board's
list of previous calls."""

import datetime as dt

import pytest
from django.urls import reverse

from paspor.offices.models import OfficeService, ServiceKind
from paspor.queueing.selectors import board_state
from paspor.queueing.services import (
    ticket_call_next,
    ticket_end_visit,
    ticket_mark_no_show,
    ticket_park,
    ticket_recall,
    ticket_start,
    ticket_walk_in,
)
from paspor.surveys.models import SurveyInvitation, SurveyResponse

pytestmark = pytest.mark.django_db

WAIT_ADVICE = "Anda boleh menunggu di luar ruangan"
NEAR_ADVICE = "Giliran Anda sudah dekat: tetaplah di dekat loket"
REFRESHES = "Halaman ini diperbarui sendiri"
GO_NOW = "datanglah ke loket sekarang"


def walk_in(office):
    # A lost/damaged walk-in starts at the intake station (the test layout).
    service = OfficeService.objects.get(office=office, kind=ServiceKind.LOST_DAMAGED)
    return ticket_walk_in(office=office, service=service, by=None)


def phone(client, ticket):
    return client.get(reverse("queueing:ticket_public", args=[ticket.token])).content.decode()


def test_waiting_ticket_far_from_its_turn_may_wait_outside(client, queue_office, intake_desk):
    for _ in range(4):
        walk_in(queue_office)
    ticket = walk_in(queue_office)  # fifth in line
    body = phone(client, ticket)
    assert WAIT_ADVICE in body
    assert NEAR_ADVICE not in body and GO_NOW not in body


@pytest.mark.parametrize("ahead", [0, 2, 3])
def test_waiting_ticket_near_its_turn_is_told_to_stay_near_the_counter(
    client, queue_office, intake_desk, ahead
):
    for _ in range(ahead):
        walk_in(queue_office)
    body = phone(client, walk_in(queue_office))
    assert NEAR_ADVICE in body
    assert WAIT_ADVICE not in body
    assert REFRESHES in body


def test_the_turn_near_notice_goes_to_exactly_those_the_phone_page_tells_so(
    client, queue_office, intake_desk, intake_officer
):
    from paspor.notifications.models import Message
    from paspor.queueing.tests.conftest import booked

    tickets = [booked(queue_office) for _ in range(7)]
    ticket_call_next(session=intake_desk, by=intake_officer)  # A-001 to the counter
    notices = {
        message.dedupe_key: message.context["ahead"]
        for message in Message.objects.filter(template="turn_near", channel="email")
    }
    told_near = [t for t in tickets[1:] if NEAR_ADVICE in phone(client, t)]
    assert told_near == tickets[1:5]  # the next four, as docs/queue.md says
    assert notices == {f"turn-near:{t.pk}": ahead for ahead, t in enumerate(told_near)}


def test_first_in_line_is_not_told_its_turn_is_near_while_no_counter_is_open(
    client, queue_office, frozen
):
    body = phone(client, walk_in(queue_office))  # first in line, nobody at a counter
    assert "Belum ada loket yang dibuka untuk pos ini." in body
    assert NEAR_ADVICE not in body and "Segera dipanggil" not in body
    assert WAIT_ADVICE in body


def test_parked_ticket_is_told_it_will_be_called_again(
    client, queue_office, intake_desk, intake_officer
):
    ticket = walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    ticket_park(session=intake_desk, by=intake_officer)
    body = phone(client, ticket)
    assert "Nomor Anda ditunda; tetap di dekat loket, Anda akan dipanggil lagi." in body
    assert REFRESHES in body


def _no_show(office, desk, officer):
    ticket = walk_in(office)
    ticket_call_next(session=desk, by=officer)
    ticket_recall(session=desk, by=officer)
    ticket_recall(session=desk, by=officer)
    ticket_mark_no_show(session=desk, by=officer)
    return ticket


def test_no_show_is_told_where_to_go_and_until_when(
    client, queue_office, intake_desk, intake_officer, frozen
):
    ticket = _no_show(queue_office, intake_desk, intake_officer)  # at 09.00, window 30 minutes
    body = phone(client, ticket)
    assert (
        "Datanglah ke loket Pemeriksaan berkas atau ke meja informasi sebelum pukul 09.30 WIB"
        in body
    )
    assert REFRESHES in body


def test_no_show_past_the_window_is_told_to_take_a_new_number_and_the_page_stops_refreshing(
    client, queue_office, intake_desk, intake_officer, frozen
):
    ticket = _no_show(queue_office, intake_desk, intake_officer)
    frozen.shift(dt.timedelta(minutes=31))
    body = phone(client, ticket)
    assert "Ambil nomor antrean baru di kios" in body
    assert "sebelum pukul" not in body
    assert REFRESHES not in body


def test_english_phone_page_writes_the_time_the_english_way(
    client, queue_office, intake_desk, intake_officer, frozen
):
    ticket = _no_show(queue_office, intake_desk, intake_officer)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = phone(client, ticket)
    assert "before 09:30 WIB" in body
    assert "09.00" not in body and "09:00" in body  # the calls


def test_the_information_desk_is_named_once_and_another_station_beside_its_service(
    client, queue_office
):
    information = OfficeService.objects.get(office=queue_office, kind=ServiceKind.INFORMATION)
    body = phone(client, ticket_walk_in(office=queue_office, service=information, by=None))
    assert body.count(">Informasi<") == 1
    body = phone(client, walk_in(queue_office))
    assert ">Paspor hilang/rusak<" in body and 'class="phone-station"' in body


def test_called_ticket_is_told_to_go_to_the_counter_now(
    client, queue_office, intake_desk, intake_officer
):
    ticket = walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    body = phone(client, ticket)
    assert "Silakan ke loket 1" in body
    assert GO_NOW in body
    assert WAIT_ADVICE not in body
    assert "/survei/" not in body


def test_ticket_being_served_is_told_so_and_not_sent_to_the_counter_again(
    client, queue_office, intake_desk, intake_officer
):
    ticket = walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    ticket_start(session=intake_desk, by=intake_officer)
    body = phone(client, ticket)
    assert "Anda sedang dilayani di loket 1" in body
    assert GO_NOW not in body and "Silakan ke loket 1" not in body
    assert 'role="alert"' not in body  # nothing urgent to read out at every change
    assert REFRESHES in body


def test_english_phone_page_names_the_counter_as_its_label_does(
    client, queue_office, intake_desk, intake_officer
):
    ticket = walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = phone(client, ticket)
    assert "Please go to Counter 1" in body
    assert "— Counter 1</li>" in body and "counter 1" not in body


def test_phone_stops_asking_for_updates_once_nothing_can_change(
    client, queue_office, intake_desk, intake_officer, frozen
):
    ticket = _no_show(queue_office, intake_desk, intake_officer)
    waiting = walk_in(queue_office)
    status = reverse("queueing:ticket_public_status", args=[ticket.token])
    assert client.get(status).status_code == 200  # may still come back: keeps refreshing
    assert 'hx-trigger="every' in phone(client, ticket)
    frozen.shift(dt.timedelta(minutes=31))
    # htmx swaps a 286 answer in and stops polling: a phone left open does not ask all day.
    answer = client.get(status)
    assert answer.status_code == 286
    assert "Ambil nomor antrean baru di kios" in answer.content.decode()
    assert 'hx-trigger="every' not in phone(client, ticket)
    waiting_status = reverse("queueing:ticket_public_status", args=[waiting.token])
    assert client.get(waiting_status).status_code == 200


def test_walk_in_reaches_its_own_survey_once_the_visit_is_over(
    client, queue_office, intake_desk, intake_officer
):
    other = walk_in(queue_office)
    ticket = walk_in(queue_office)
    for _ in range(2):
        ticket_call_next(session=intake_desk, by=intake_officer)
        ticket_end_visit(session=intake_desk, by=intake_officer)
    own = SurveyInvitation.objects.get(ticket=ticket)
    another = SurveyInvitation.objects.get(ticket=other)
    body = phone(client, ticket)
    assert WAIT_ADVICE not in body
    assert "Terima kasih atas kunjungan Anda" in body
    assert f"/survei/{own.token}/" in body
    assert another.token not in body
    # A link, not a QR: the page is on the phone that would have to scan it.
    assert "<svg" not in body
    # A walk-in sent home without an application has no application to follow.
    assert reverse("notifications:status") not in body
    # The polled fragment says the same.
    fragment = client.get(reverse("queueing:ticket_public_status", args=[ticket.token]))
    assert f"/survei/{own.token}/" in fragment.content.decode()
    # The visit is over: nothing will change, the page does not say it refreshes.
    assert REFRESHES not in body


def test_finished_visit_with_an_application_points_to_the_status_page(
    client, queue_office, intake_desk, intake_officer
):
    from paspor.queueing.tests.conftest import booked

    ticket = booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    ticket_end_visit(session=intake_desk, by=intake_officer)
    assert reverse("notifications:status") in phone(client, ticket)


def test_answered_survey_is_not_offered_again(client, queue_office, intake_desk, intake_officer):
    ticket = walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    ticket_end_visit(session=intake_desk, by=intake_officer)
    invitation = SurveyInvitation.objects.get(ticket=ticket)
    SurveyResponse.objects.create(
        invitation=invitation,
        office=queue_office,
        answered_on=ticket.day,
        **{f"u{n}": 4 for n in range(1, 10)},
    )
    body = phone(client, ticket)
    assert invitation.token not in body
    assert "Terima kasih atas kunjungan Anda" in body


def test_board_lists_each_ticket_once_with_its_latest_call(
    queue_office, intake_desk, intake_officer
):
    first = walk_in(queue_office)
    second = walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    ticket_end_visit(session=intake_desk, by=intake_officer)
    ticket_call_next(session=intake_desk, by=intake_officer)
    for _ in range(3):
        ticket_recall(session=intake_desk, by=intake_officer)
    state = board_state(queue_office)
    # The ticket shown big is not repeated among the previous calls.
    assert state["latest"].ticket == second.display
    assert [call.ticket for call in state["recent"]] == [first.display]


@pytest.mark.parametrize("action", ["park", "end_visit", "transfer", "no_show"])
def test_the_big_number_clears_when_its_ticket_leaves_the_counter(
    client_for, queue_office, intake_desk, intake_officer, display, action
):
    first = walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    _leave(action, intake_desk, intake_officer, queue_office)
    state = board_state(queue_office)
    assert state["latest"] is None
    assert [call.ticket for call in state["recent"]] == [first.display]
    body = client_for(display).get(reverse("queueing:board", args=["ketapang"])).content.decode()
    assert 'id="now-number">Menunggu panggilan berikutnya</p>' in body
    assert body.count(f"<strong>{first.display}</strong>") == 1  # among the previous calls


def test_board_without_calls_says_so(client_for, queue_office, display):
    body = client_for(display).get(reverse("queueing:board", args=["ketapang"])).content.decode()
    assert 'id="now-number">Belum ada panggilan</p>' in body
    assert '<li class="board-none">Belum ada panggilan</li>' in body


# --- The board's counter slots ---------------------------------------------------------------


def _slots():
    from paspor.queueing.models import BoardEvent

    return BoardEvent.objects.latest("id").payload["counters"]


def _leave(action, desk, officer, office):
    from paspor.queueing.services import ticket_finish, ticket_transfer
    from paspor.queueing.tests.conftest import station

    if action == "no_show":
        ticket_recall(session=desk, by=officer)
        ticket_recall(session=desk, by=officer)
        ticket_mark_no_show(session=desk, by=officer)
    elif action == "park":
        ticket_park(session=desk, by=officer)
    elif action == "end_visit":
        ticket_end_visit(session=desk, by=officer)
    elif action == "forward":
        ticket_finish(session=desk, by=officer, without_case=True)
    elif action == "transfer":
        ticket_transfer(session=desk, by=officer, station=station(office, "payment_help"))


@pytest.mark.parametrize("action", ["no_show", "park", "end_visit", "forward", "transfer"])
def test_a_ticket_leaving_its_counter_empties_the_boards_slot(
    queue_office, intake_desk, intake_officer, action
):
    ticket = walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    assert _slots() == [{"counter": 1, "ticket": ticket.display}]
    _leave(action, intake_desk, intake_officer, queue_office)
    assert _slots() == []


def test_forwarded_ticket_called_at_the_next_counter_shows_there_only(
    queue_office, intake_desk, intake_officer, bio_desk, biometrics_officer
):
    from paspor.queueing.services import ticket_finish
    from paspor.queueing.tests.conftest import case_for

    ticket = walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    case_for(ticket, by=intake_officer, to="biometrics")
    ticket_finish(session=intake_desk, by=intake_officer)
    ticket_call_next(session=bio_desk, by=biometrics_officer)
    assert _slots() == [{"counter": 3, "ticket": ticket.display}]


def test_waiting_at_the_next_station_the_phone_lists_no_call_of_the_last_counter(
    client, queue_office, intake_desk, intake_officer, bio_desk, biometrics_officer, frozen
):
    """Waiting for biometrics, "Panggilan: 09.00 — loket 1" under "Anda urutan ke-1" would send
    the applicant back to counter 1; once called there the new call shows, and at the end all."""
    from paspor.queueing.services import ticket_finish
    from paspor.queueing.tests.conftest import case_for

    ticket = walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    case_for(ticket, by=intake_officer, to="biometrics")
    frozen.shift(dt.timedelta(minutes=5))
    ticket_finish(session=intake_desk, by=intake_officer)
    body = phone(client, ticket)
    assert "Anda urutan" in body
    assert "loket 1" not in body and "Panggilan</h2>" not in body

    frozen.shift(dt.timedelta(minutes=5))
    ticket_call_next(session=bio_desk, by=biometrics_officer)
    body = phone(client, ticket)
    assert "09.10 — loket 3" in body and "loket 1" not in body
    ticket_end_visit(session=bio_desk, by=biometrics_officer)
    body = phone(client, ticket)
    assert "09.10 — loket 3" in body and "09.00 — loket 1" in body


def test_closing_a_counter_tells_the_boards(queue_office, intake_desk, intake_officer):
    from paspor.queueing.models import BoardEvent
    from paspor.queueing.services import counter_close

    counter_close(session=intake_desk, by=intake_officer)
    event = BoardEvent.objects.latest("id")
    assert event.payload["closed_counter"] == 1 and event.payload["counters"] == []


def test_english_board_writes_the_last_call_in_english_after_a_reload(
    client_for, queue_office, intake_desk, intake_officer, display
):
    walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    client = client_for(display)
    body = client.get(reverse("queueing:board", args=["ketapang"])).content.decode()
    assert 'id="now-text">Nomor antrean F-001, silakan ke loket 1</p>' in body
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get(reverse("queueing:board", args=["ketapang"])).content.decode()
    assert 'id="now-text">Number F-001, please go to Counter 1</p>' in body
    assert 'data-time-separator=":"' in body
