# mypy: disable-error-code="union-attr"
"""The counter console as the officer sees it: what is offered, what is primary, what needs a
confirmation, and what the open-counter form says about counters that cannot be opened."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from conftest import make_user
from paspor.accounts.models import Role
from paspor.offices.models import OfficeService, ServiceKind
from paspor.queueing.models import QueuePolicy
from paspor.queueing.services import (
    counter_open,
    ticket_call_next,
    ticket_mark_no_show,
    ticket_park,
    ticket_recall,
    ticket_walk_in,
)
from paspor.queueing.tests.conftest import booked, counter, station

pytestmark = pytest.mark.django_db


def second_opens_counter_two(office, officer):
    """Another intake officer at counter 2: the counter the console shows as taken."""
    return counter_open(
        office=office, counter=counter(office, 2), station=station(office, "intake"), by=officer
    )


def console(client):
    return client.get(reverse("queueing:console", args=["ketapang"])).content.decode()


def walk_in(office):
    service = OfficeService.objects.get(office=office, kind=ServiceKind.LOST_DAMAGED)
    return ticket_walk_in(office=office, service=service, by=None)


def button(body, marker):
    """The opening tag of the button that carries `marker` (an id or a shortcut)."""
    found = re.search(rf"<button[^>]*{marker}[^>]*>", body)
    assert found is not None, marker
    return found.group(0)


def test_end_visit_asks_for_a_confirmation(client_for, queue_office, intake_desk, intake_officer):
    walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    body = console(client_for(intake_officer))
    form = re.search(r'<form[^>]*class="end-visit-form"[^>]*>', body).group(0)
    assert 'hx-confirm="Akhiri kunjungan F-001? Pemohon pulang' in form


def test_without_an_application_forwarding_is_the_primary_action(
    client_for, queue_office, intake_desk, intake_officer, client
):
    walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    officer = client_for(intake_officer)
    officer.post(reverse("queueing:console_action", args=["ketapang", "start"]))
    body = console(officer)
    assert 'class="secondary outline"' in button(body, 'id="finish-button"')
    assert "class=" not in button(body, 'id="forward-button"')  # Pico's primary button


def test_queue_list_counts_the_rows_it_does_not_show(
    client_for, queue_office, intake_desk, intake_officer
):
    priority = OfficeService.objects.get(office=queue_office, kind=ServiceKind.PRIORITY)
    for _ in range(12):
        ticket_walk_in(office=queue_office, service=priority, by=None)
    body = console(client_for(intake_officer))
    assert len(re.findall(r"<li>B-0\d\d ", body)) == 10
    assert "+2 lainnya" in body
    assert body.count("12 nomor menunggu") == 1


def test_parked_ticket_cannot_be_called_while_another_is_at_the_counter(
    client_for, queue_office, intake_desk, intake_officer
):
    walk_in(queue_office)
    walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    ticket_park(session=intake_desk, by=intake_officer)
    ticket_call_next(session=intake_desk, by=intake_officer)
    body = console(client_for(intake_officer))
    assert "disabled" in button(body, 'aria-describedby="resume-help"')
    assert "Selesaikan, tunda atau alihkan F-002 dulu untuk memanggil nomor yang ditunda." in body


def test_no_show_is_disabled_until_the_recalls_are_done(
    client_for, queue_office, intake_desk, intake_officer
):
    walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    body = console(client_for(intake_officer))
    assert "disabled" in button(body, 'id="no-show-button"')
    assert "Tidak hadir setelah 2 kali panggil ulang." in body


def test_no_show_list_says_until_when_the_ticket_may_come_back(
    client_for, queue_office, intake_desk, intake_officer, frozen
):
    QueuePolicy.objects.filter(office=queue_office).update(reinstate_minutes=10)
    walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    ticket_recall(session=intake_desk, by=intake_officer)
    ticket_recall(session=intake_desk, by=intake_officer)
    ticket_mark_no_show(session=intake_desk, by=intake_officer)  # at 09.00
    client = client_for(intake_officer)
    body = console(client)
    assert "F-001 <small>kembali s.d. 09.10</small>" in body
    assert "disabled" not in button(body, 'id="reinstate-')

    frozen.shift(dt.timedelta(minutes=11))
    body = console(client)
    # After the window "back into the queue" could only be refused: the list says so instead.
    assert "F-001 <small>batas kembali 09.10 lewat</small>" in body
    assert 'id="reinstate-' not in body


def test_open_form_says_why_a_counter_cannot_be_opened(
    client_for, queue_office, intake_officer, second_intake_officer, frozen
):
    second_opens_counter_two(queue_office, second_intake_officer)
    second_intake_officer.first_name = "Dewi"
    second_intake_officer.last_name = "Lestari"
    second_intake_officer.save()
    body = console(client_for(intake_officer))
    two = counter(queue_office, 2)
    taken = re.search(rf'<input[^>]*value="{two.pk}:[^"]*"[^>]*>', body).group(0)
    assert "disabled" in taken
    assert "(sedang dibuka Dewi Lestari)" in body
    assert "Loket 3 — Foto, sidik jari dan wawancara\n          " in body
    assert "(bukan tugas peran Anda)" in body
    uncertified = make_user("baru", role=Role.INTAKE, office=queue_office)
    assert "(belum bersertifikat atau sertifikat habis)" in console(client_for(uncertified))


def test_console_times_follow_the_language(client_for, queue_office, intake_desk, intake_officer):
    booked(queue_office)
    client = client_for(intake_officer)
    assert "tiba 09.00" in console(client)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = console(client)
    assert "09:00" in body and "09.00" not in body


@pytest.mark.parametrize("start", [False, True])
def test_without_an_application_finish_is_disabled_and_forwarding_is_primary(
    client_for, queue_office, intake_desk, intake_officer, start
):
    walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    officer = client_for(intake_officer)
    if start:
        officer.post(reverse("queueing:console_action", args=["ketapang", "start"]))
    body = console(officer)
    finish = button(body, 'id="finish-button"')
    # "Selesai" would always be refused (409 no_case): disabled, the S key with it (console.js
    # skips a disabled target), and the reason is the outlook line it is described by.
    assert "disabled" in finish and 'aria-describedby="finish-outlook"' in finish
    assert "Belum ada permohonan untuk nomor ini: teruskan ke" in body
    assert "class=" not in button(body, 'id="forward-button"')  # Pico's primary button


def test_close_is_disabled_with_the_reason_while_a_ticket_is_at_the_counter(
    client_for, queue_office, intake_desk, intake_officer
):
    walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    body = console(client_for(intake_officer))
    close = button(body, 'id="close-button"')
    assert "disabled" in close and 'aria-describedby="close-help"' in close
    assert "Selesaikan, tunda atau alihkan F-001 dulu untuk menutup loket." in body


def test_closing_the_counter_redirects_to_the_console(
    client_for, queue_office, intake_desk, intake_officer
):
    officer = client_for(intake_officer)
    response = officer.post(reverse("queueing:console_action", args=["ketapang", "close"]))
    # Post/redirect/get: a reload of the page shown after it posts nothing again.
    assert response.status_code == 303
    assert response["Location"] == reverse("queueing:console", args=["ketapang"])
    intake_desk.refresh_from_db()
    assert intake_desk.closed_at is not None
    assert "Pilih loket dan pos yang Anda layani hari ini" in console(officer)


def test_after_closing_the_console_says_the_counter_is_closed(
    client_for, queue_office, intake_desk, intake_officer
):
    officer = client_for(intake_officer)
    response = officer.post(
        reverse("queueing:console_action", args=["ketapang", "close"]), follow=True
    )
    body = response.content.decode()
    # One key (K) closes the counter: the page it leads to says that is what happened.
    assert '<p class="message success">Loket ditutup.</p>' in body
    assert "Pilih loket dan pos yang Anda layani hari ini" in body
    assert "Loket ditutup." not in console(officer)  # said once, not on every reload


def test_queue_refresh_brings_the_open_counters_for_transfers_again(
    client_for, queue_office, intake_desk, intake_officer, second_intake_officer
):
    from paspor.queueing.services import counter_close

    walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    second = second_opens_counter_two(queue_office, second_intake_officer)
    officer = client_for(intake_officer)
    refresh = reverse("queueing:console_queue", args=["ketapang"])
    two = f'value="counter:{counter(queue_office, 2).pk}"'
    body = officer.get(refresh, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="transfer-counters" hx-swap-oob="outerHTML"' in body and two in body
    counter_close(session=second, by=second_intake_officer)
    body = officer.get(refresh, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="transfer-counters" hx-swap-oob="outerHTML"' in body and two not in body
    # The refresh does not ask for another refresh (the list listens for "queue-changed").
    assert "HX-Trigger" not in officer.get(refresh, HTTP_HX_REQUEST="true").headers
    # The page itself has the list once, in the form, not out of band.
    page = console(officer)
    assert page.count('id="transfer-counters"') == 1 and "hx-swap-oob" not in page


def test_english_console_says_who_uses_a_counter_and_names_counters_capitalised(
    client_for, queue_office, intake_officer, second_intake_officer, frozen
):
    second_opens_counter_two(queue_office, second_intake_officer)
    client = client_for(intake_officer)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = console(client)
    assert "(in use by petugas_loket_dua)" in body and "open by" not in body
    desk = client.post(
        reverse("queueing:console_open", args=["ketapang"]),
        {"choice": f"{counter(queue_office, 1).pk}:{station(queue_office, 'intake').pk}"},
    )
    assert desk.status_code == 302
    walk_in(queue_office)
    client.post(reverse("queueing:console_action", args=["ketapang", "call"]))
    body = client.post(
        reverse("queueing:console_action", args=["ketapang", "transfer"]),
        {"target": f"counter:{counter(queue_office, 2).pk}"},
    ).content.decode()
    assert "F-001 transferred to Counter 2." in body


def test_a_walk_in_is_named_once_intake_opened_its_case(
    client_for, queue_office, intake_desk, intake_officer
):
    from paspor.queueing.tests.conftest import case_for

    ticket = walk_in(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    officer = client_for(intake_officer)
    assert "(tanpa booking)" in console(officer)  # nobody knows the name yet

    case_for(ticket, by=intake_officer)
    body = console(officer)
    assert "<strong>Rudi Hartono</strong>" in body
    assert "(tanpa booking)" not in body
    assert "· tanpa booking" in body  # it is still said that there was no booking


@pytest.mark.parametrize("number", ["²", "١", "9" * 40])
def test_a_counter_or_target_that_is_not_a_plain_number_is_refused_not_a_server_error(
    client_for, queue_office, intake_desk, intake_officer, number
):
    client = client_for(intake_officer)
    opened = client.post(
        reverse("queueing:console_open", args=["ketapang"]), {"choice": f"{number}:{number}"}
    )
    assert opened.status_code == 400
    walk_in(queue_office)
    client.post(reverse("queueing:console_action", args=["ketapang", "call"]))
    moved = client.post(
        reverse("queueing:console_action", args=["ketapang", "transfer"]),
        {"target": f"counter:{number}"},
    )
    assert moved.status_code == 400
