# mypy: disable-error-code="union-attr"
"""The kiosk: booking check-in rules, walk-in tickets and caps, numbering, the printed ticket."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.urls import reverse

from paspor.audit.models import AuditEntry
from paspor.booking.models import BookingStatus, Pool
from paspor.booking.qr import qr_payload
from paspor.lib.errors import Conflict, DomainError
from paspor.offices.models import OfficeService, ServiceKind, Station
from paspor.queueing.models import StationVisit, Ticket, TicketStatus
from paspor.queueing.services import booking_code_from_scan, ticket_check_in, ticket_walk_in
from paspor.queueing.tests.conftest import make_booking

pytestmark = pytest.mark.django_db

NO_COUNTER = "Belum ada loket yang dibuka untuk pos ini."


def service(office, kind):
    return OfficeService.objects.get(office=office, kind=kind)


def test_check_in_marks_the_booking_and_names_the_holder_on_the_ticket(queue_office, kiosk, frozen):
    booking = make_booking(queue_office, name="Siti Rahmawati")
    ticket = ticket_check_in(office=queue_office, code=booking.code, by=kiosk)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CHECKED_IN
    assert booking.checked_in_at is not None
    assert ticket.display == "A-001"
    assert ticket.holder_name == "Siti Rahmawati"
    assert ticket.booking == booking
    assert ticket.station.station_type == "intake"
    assert ticket.status == TicketStatus.WAITING
    assert StationVisit.objects.filter(ticket=ticket, ended_at__isnull=True).count() == 1
    events = set(AuditEntry.objects.values_list("event", flat=True))
    assert {"booking.checked_in", "queue.ticket_issued"} <= events


@pytest.mark.parametrize(
    ("pool", "prefix", "priority"),
    [(Pool.REGULAR, "A", False), (Pool.PRIORITY, "B", True), (Pool.EXPRESS, "C", False)],
)
def test_service_of_a_booked_ticket_follows_the_booking_pool(
    queue_office, kiosk, frozen, pool, prefix, priority
):
    ticket = ticket_check_in(
        office=queue_office, code=make_booking(queue_office, pool=pool).code, by=kiosk
    )
    assert ticket.prefix == prefix
    assert ticket.is_priority is priority


@pytest.mark.parametrize(
    ("born", "answers", "prefix"),
    [
        (dt.date(1960, 3, 12), {}, "B"),  # 66 on the day: priority, whichever seat was booked
        (dt.date(2022, 3, 13), {}, "B"),  # turns 4 tomorrow: under 5
        (dt.date(1990, 1, 1), {"disability": True}, "B"),
        (dt.date(1990, 1, 1), {"pregnant": True}, "B"),  # the profile is a woman's
        (dt.date(1966, 3, 13), {}, "A"),  # 59 until tomorrow
        (dt.date(1990, 1, 1), {}, "A"),
    ],
)
def test_a_regular_booking_for_someone_the_priority_pool_takes_joins_the_priority_queue(
    queue_office, kiosk, frozen, born, answers, prefix
):
    booking = make_booking(queue_office, born=born, answers=answers)
    ticket = ticket_check_in(office=queue_office, code=booking.code, by=kiosk)
    assert ticket.prefix == prefix
    assert ticket.is_priority is (prefix == "B")
    booking.refresh_from_db()
    assert booking.pool == Pool.REGULAR  # the quota it used stays what it was


def test_an_express_booking_stays_express_and_no_priority_queue_means_the_pools(
    queue_office, kiosk, frozen
):
    elderly = dt.date(1950, 1, 1)
    express = make_booking(queue_office, pool=Pool.EXPRESS, born=elderly)
    express_ticket = ticket_check_in(office=queue_office, code=express.code, by=kiosk)
    assert express_ticket.prefix == "C" and express_ticket.is_priority
    OfficeService.objects.filter(office=queue_office, kind=ServiceKind.PRIORITY).update(
        is_active=False
    )
    regular = make_booking(queue_office, born=elderly)
    regular_ticket = ticket_check_in(office=queue_office, code=regular.code, by=kiosk)
    assert regular_ticket.prefix == "A" and regular_ticket.is_priority


@pytest.mark.parametrize(
    ("born", "answers", "priority"),
    [
        (dt.date(1950, 1, 1), {}, True),  # 76: Ramah HAM whichever seat was booked
        (dt.date(1990, 1, 1), {"disability": True}, True),
        (dt.date(1990, 1, 1), {}, False),
    ],
)
def test_an_express_booking_of_someone_the_priority_pool_takes_is_called_as_priority(
    queue_office, kiosk, intake_officer, intake_desk, born, answers, priority
):
    from paspor.queueing.services import ticket_call_next

    earlier = ticket_check_in(office=queue_office, code=make_booking(queue_office).code, by=kiosk)
    express = make_booking(queue_office, pool=Pool.EXPRESS, born=born, answers=answers)
    ticket = ticket_check_in(office=queue_office, code=express.code, by=kiosk)
    assert ticket.display == "C-001"  # the express service and series it paid for
    assert ticket.is_priority is priority
    first = ticket_call_next(session=intake_desk, by=intake_officer)
    assert first == (ticket if priority else earlier)
    issued = AuditEntry.objects.filter(event="queue.ticket_issued").last()
    assert issued.new["priority"] is priority


def test_scanner_may_deliver_the_proof_url_ending_in_the_code(queue_office, kiosk, frozen):
    booking = make_booking(queue_office, code="KTP7A9X2")
    assert booking_code_from_scan("https://paspor.example/booking/bukti/KTP7A9X2/") == "KTP7A9X2"
    assert booking_code_from_scan("  ktp7a9x2\n") == "KTP7A9X2"
    assert booking_code_from_scan("https://x.example/b?kode=KTP7A9X2") == "KTP7A9X2"
    ticket = ticket_check_in(
        office=queue_office, code="https://paspor.example/booking/bukti/ktp7a9x2", by=kiosk
    )
    assert ticket.booking == booking


def test_booking_for_another_day_is_refused_with_its_date(queue_office, kiosk, frozen):
    booking = make_booking(queue_office, date=dt.date(2026, 3, 13))
    with pytest.raises(DomainError, match="Booking ini untuk tanggal 13 Maret 2026"):
        ticket_check_in(office=queue_office, code=booking.code, by=kiosk)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED
    assert not Ticket.objects.exists()


def test_booking_of_another_office_is_refused(queue_office, other_queue_office, kiosk, frozen):
    booking = make_booking(other_queue_office)
    with pytest.raises(DomainError, match="Kantor Imigrasi Pontianak, bukan kantor ini"):
        ticket_check_in(office=queue_office, code=booking.code, by=kiosk)


def test_unknown_code_is_refused_plainly(queue_office, kiosk, frozen):
    with pytest.raises(DomainError, match="tidak ditemukan"):
        ticket_check_in(office=queue_office, code="NOPE123", by=kiosk)
    with pytest.raises(DomainError, match="Masukkan atau pindai"):
        ticket_check_in(office=queue_office, code="   ", by=kiosk)


def test_too_early_tells_when_to_come_back(queue_office, kiosk, frozen):
    # Window 10:00–11:00, 30 minutes' tolerance before: open from 09:30; it is 09:00.
    booking = make_booking(queue_office, start=dt.time(10), end=dt.time(11))
    with pytest.raises(DomainError) as refused:
        ticket_check_in(office=queue_office, code=booking.code, by=kiosk)
    assert refused.value.message == "Anda datang terlalu awal: silakan kembali pukul 09.30."


def test_inside_the_tolerance_before_the_window_is_accepted(queue_office, kiosk, frozen):
    frozen.move_to(dt.datetime(2026, 3, 12, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7))))
    booking = make_booking(queue_office, start=dt.time(10), end=dt.time(11))
    assert ticket_check_in(office=queue_office, code=booking.code, by=kiosk).display == "A-001"


def test_too_late_after_the_tolerance_is_refused(queue_office, kiosk, frozen):
    # Window 07:00–08:30, 15 minutes' tolerance after: closed at 08:45; it is 09:00.
    booking = make_booking(queue_office, start=dt.time(7), end=dt.time(8, 30))
    with pytest.raises(DomainError, match=re.escape("batas kedatangan pukul 08.45")):
        ticket_check_in(office=queue_office, code=booking.code, by=kiosk)


def test_tolerance_is_configured_per_office(queue_office, kiosk, frozen):
    policy = queue_office.queue_policy
    policy.checkin_late_minutes = 40
    policy.save()
    booking = make_booking(queue_office, start=dt.time(7), end=dt.time(8, 30))
    assert ticket_check_in(office=queue_office, code=booking.code, by=kiosk)


def test_window_is_office_local_time(kiosk, frozen):
    """Jayapura (WIT, UTC+9): 09:00 WIB is 11:00 there, past a 09:00–10:00 window."""
    from conftest import make_office
    from paspor.queueing.tests.conftest import lay_out

    jayapura = make_office("jayapura", tz="Asia/Jayapura")
    lay_out(jayapura)
    booking = make_booking(jayapura, start=dt.time(9), end=dt.time(10))
    with pytest.raises(DomainError, match=re.escape("batas kedatangan pukul 10.15")):
        ticket_check_in(office=jayapura, code=booking.code, by=kiosk)


def test_second_check_in_of_the_same_booking_is_a_conflict_naming_the_ticket(
    queue_office, kiosk, frozen
):
    booking = make_booking(queue_office)
    ticket_check_in(office=queue_office, code=booking.code, by=kiosk)
    with pytest.raises(
        Conflict, match=re.escape("sudah check-in pukul 09.00 dengan nomor antrean A-001")
    ):
        ticket_check_in(office=queue_office, code=booking.code, by=kiosk)
    assert Ticket.objects.count() == 1


def test_cancelled_booking_is_refused(queue_office, kiosk, frozen):
    booking = make_booking(queue_office)
    booking.status = BookingStatus.CANCELLED
    booking.save()
    with pytest.raises(DomainError, match="tidak berlaku lagi"):
        ticket_check_in(office=queue_office, code=booking.code, by=kiosk)


def test_numbers_follow_each_other_per_prefix_and_restart_each_day(queue_office, kiosk, frozen):
    pickup = service(queue_office, ServiceKind.PICKUP)
    info = service(queue_office, ServiceKind.INFORMATION)
    shown = [
        ticket_walk_in(office=queue_office, service=s, by=kiosk).display
        for s in (pickup, info, pickup, info, info)
    ]
    assert shown == ["D-001", "E-001", "D-002", "E-002", "E-003"]
    frozen.shift(dt.timedelta(days=1))
    assert ticket_walk_in(office=queue_office, service=info, by=kiosk).display == "E-001"


def test_numbers_restart_per_office(queue_office, other_queue_office, kiosk, frozen):
    info = service(queue_office, ServiceKind.INFORMATION)
    other_info = service(other_queue_office, ServiceKind.INFORMATION)
    ticket_walk_in(office=queue_office, service=info, by=kiosk)
    assert ticket_walk_in(office=other_queue_office, service=other_info, by=None).number == 1


def test_walk_in_daily_cap_is_a_conflict_once_reached(queue_office, kiosk, frozen):
    pickup = service(queue_office, ServiceKind.PICKUP)  # cap 3
    for _ in range(3):
        ticket_walk_in(office=queue_office, service=pickup, by=kiosk)
    with pytest.raises(Conflict, match="sudah habis"):
        ticket_walk_in(office=queue_office, service=pickup, by=kiosk)
    assert Ticket.objects.filter(prefix="D").count() == 3
    frozen.shift(dt.timedelta(days=1))
    assert ticket_walk_in(office=queue_office, service=pickup, by=kiosk).number == 1


def test_a_refused_walk_in_leaves_no_gap_in_the_numbers(queue_office, kiosk, frozen):
    pickup = service(queue_office, ServiceKind.PICKUP)
    pickup.walk_in_daily_cap = 1
    pickup.save()
    ticket_walk_in(office=queue_office, service=pickup, by=kiosk)
    with pytest.raises(Conflict):
        ticket_walk_in(office=queue_office, service=pickup, by=kiosk)
    booked_pickup = make_booking(queue_office)  # a regular booking, prefix A
    ticket_check_in(office=queue_office, code=booked_pickup.code, by=kiosk)
    assert list(Ticket.objects.filter(prefix="D").values_list("number", flat=True)) == [1]


def test_regular_service_is_not_open_to_walk_ins(queue_office, kiosk, frozen):
    with pytest.raises(DomainError, match="tidak melayani tanpa booking"):
        ticket_walk_in(
            office=queue_office, service=service(queue_office, ServiceKind.REGULAR), by=kiosk
        )


def test_walk_in_priority_ticket_is_priority(queue_office, kiosk, frozen):
    ticket = ticket_walk_in(
        office=queue_office, service=service(queue_office, ServiceKind.PRIORITY), by=kiosk
    )
    assert ticket.is_priority and ticket.display == "B-001" and ticket.booking is None


# --- The pages -------------------------------------------------------------------------------


def test_kiosk_page_lists_walk_in_services_in_large_touch_buttons(
    client_for, queue_office, kiosk, frozen
):
    body = client_for(kiosk).get(reverse("queueing:kiosk", args=["ketapang"])).content.decode()
    assert "Sudah booking?" in body
    assert "Pengambilan paspor" in body
    assert "Paspor reguler" not in body  # not open to walk-ins
    # The script puts the focus in the code field without scrolling; `autofocus` would scroll a
    # refusal's message, above the field, off a short screen.
    assert 'data-focus="code"' in body and "autofocus" not in body


def test_kiosk_check_in_page_shows_errors_large_and_plain(client_for, queue_office, kiosk, frozen):
    booking = make_booking(queue_office, date=dt.date(2026, 3, 14))
    response = client_for(kiosk).post(
        reverse("queueing:kiosk_check_in", args=["ketapang"]),
        {"code": booking.code, "nik": booking.nik},
    )
    assert response.status_code == 409  # a booking for another day: a conflict, not bad input
    body = response.content.decode()
    assert 'role="alert"' in body
    assert "Booking ini untuk tanggal 14 Maret 2026: silakan datang kembali" in body


def test_kiosk_check_in_leads_to_the_printable_ticket_with_a_qr(
    client_for, queue_office, kiosk, frozen
):
    booking = make_booking(queue_office, name="Budi Santoso")
    client = client_for(kiosk)
    response = client.post(
        reverse("queueing:kiosk_check_in", args=["ketapang"]),
        {"code": booking.code, "nik": booking.nik},
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    body = page.content.decode()
    ticket = Ticket.objects.get()
    assert "A-001" in body and "Budi Santoso" in body
    qr = re.search(r'<div class="ticket-qr"><svg ([^>]*)>', body)
    assert qr is not None
    # Sized by the stylesheet as a whole (12 rem on screen, 34 mm on paper): a viewBox, no fixed
    # width or height — with those the printed code was cut off at its right and bottom edges.
    assert re.search(r'viewBox="0 0 (\d+) \1"', qr.group(1))
    assert "width=" not in qr.group(1) and "height=" not in qr.group(1)
    assert f"/antrian/t/{ticket.token}/" in body
    assert 'data-auto-print="1"' in body
    # First in line, but no counter is open at intake yet: nobody is "called shortly".
    assert NO_COUNTER in body and "Segera dipanggil" not in body


def test_kiosk_ticket_first_in_line_with_a_counter_open_is_called_shortly(
    client_for, queue_office, kiosk, intake_desk
):
    client = client_for(kiosk)
    response = client.post(
        reverse("queueing:kiosk_walk_in", args=["ketapang"]),
        {"service": service(queue_office, ServiceKind.LOST_DAMAGED).ticket_prefix},
    )
    body = client.get(response["Location"]).content.decode()
    assert "Segera dipanggil" in body and NO_COUNTER not in body


def test_kiosk_ticket_with_people_ahead_and_no_counter_open_gives_no_estimate(
    client_for, queue_office, kiosk, frozen
):
    client = client_for(kiosk)
    url = reverse("queueing:kiosk_walk_in", args=["ketapang"])
    client.post(url, {"service": "F"})
    body = client.get(client.post(url, {"service": "F"})["Location"]).content.decode()
    # Minutes counted as if a counter were open would read as a promise nobody keeps.
    assert "Perkiraan tunggu" not in body and NO_COUNTER in body


def test_printed_pdf_says_no_counter_is_open_instead_of_called_shortly(queue_office, frozen):
    from paspor.queueing.printing import _wait_lines
    from paspor.queueing.selectors import WaitEstimate

    alone = WaitEstimate(minutes=0, service_minutes=8, counters_open=0, measured=False)
    assert _wait_lines(alone) == [NO_COUNTER]
    served = WaitEstimate(minutes=0, service_minutes=8, counters_open=1, measured=False)
    assert _wait_lines(served) == ["Segera dipanggil"]


def test_kiosk_conflict_gets_409(client_for, queue_office, kiosk, frozen):
    pickup = service(queue_office, ServiceKind.PICKUP)
    pickup.walk_in_daily_cap = 1
    pickup.save()
    client = client_for(kiosk)
    url = reverse("queueing:kiosk_walk_in", args=["ketapang"])
    assert client.post(url, {"service": "D"}).status_code == 302
    response = client.post(url, {"service": "D"})
    assert response.status_code == 409
    assert "sudah habis" in response.content.decode()


def test_ticket_pdf_is_80_mm_wide(client_for, queue_office, kiosk, frozen):
    ticket = ticket_walk_in(
        office=queue_office, service=service(queue_office, ServiceKind.PICKUP), by=kiosk
    )
    response = client_for(kiosk).get(
        reverse("queueing:ticket_pdf", args=["ketapang", ticket.token])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"/MediaBox [ 0 0 226.7717 425.1969 ]" in response.content
    assert response["Content-Disposition"] == 'inline; filename="antrean-D-001.pdf"'


def test_ticket_pdf_is_named_in_the_reader_language(client_for, queue_office, kiosk, frozen):
    ticket = ticket_walk_in(
        office=queue_office, service=service(queue_office, ServiceKind.PICKUP), by=kiosk
    )
    client = client_for(kiosk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("queueing:ticket_pdf", args=["ketapang", ticket.token]))
    assert response["Content-Disposition"] == f'inline; filename="ticket-{ticket.display}.pdf"'


def test_phone_page_shows_position_and_nothing_personal(client, queue_office, kiosk, frozen):
    first = ticket_check_in(
        office=queue_office, code=make_booking(queue_office, name="Ani").code, by=kiosk
    )
    make_booking(queue_office)
    second = ticket_check_in(
        office=queue_office,
        code=make_booking(queue_office, name="Rahasia Pribadi").code,
        by=kiosk,
    )
    body = client.get(reverse("queueing:ticket_public", args=[second.token])).content.decode()
    assert "A-002" in body
    assert 'Anda urutan <span class="nowrap">ke-2</span>' in body
    assert "Rahasia Pribadi" not in body
    assert second.booking.code not in body
    assert NO_COUNTER in body and "Perkiraan tunggu" not in body  # no counter open yet
    assert first.display not in body


def test_phone_page_of_an_unknown_token_is_404(client, queue_office):
    assert client.get(reverse("queueing:ticket_public", args=["tebakan"])).status_code == 404


def test_kiosk_speaks_english_when_chosen(client_for, queue_office, kiosk, frozen):
    booking = make_booking(queue_office, start=dt.time(10), end=dt.time(11))
    client = client_for(kiosk)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.post(
        reverse("queueing:kiosk_check_in", args=["ketapang"]),
        {"code": booking.code, "nik": booking.nik},
    )
    assert "You are too early: please come back at 09:30." in response.content.decode()
    assert "Have a booking?" in response.content.decode()


def test_scanning_the_booking_proof_qr_checks_in(queue_office, kiosk, frozen):
    booking = make_booking(queue_office, code="TODAYQR002")
    payload = qr_payload(code=booking.code, nik=booking.nik)
    assert booking_code_from_scan(payload) == "TODAYQR002"
    ticket = ticket_check_in(office=queue_office, code=payload + "\n", by=kiosk)
    assert ticket.booking == booking


def test_qr_checks_in_with_the_holders_ktp_and_not_with_another(queue_office, kiosk, frozen):
    booking = make_booking(queue_office)
    payload = qr_payload(code=booking.code, nik=booking.nik)
    with pytest.raises(DomainError, match="tidak cocok dengan KTP"):
        ticket_check_in(office=queue_office, code=payload, nik="6104014101900000", by=kiosk)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED
    ticket = ticket_check_in(office=queue_office, code=payload, nik=booking.nik, by=kiosk)
    assert ticket.booking == booking


def test_a_typed_code_checks_in_with_the_holders_ktp_and_not_with_another(
    queue_office, kiosk, frozen
):
    """Typing the printed code (or opening the proof's link) must not get round the QR's
    binding to the holder's KTP."""
    booking = make_booking(queue_office)
    with pytest.raises(DomainError, match="KTP ini bukan milik pemilik booking") as refused:
        ticket_check_in(office=queue_office, code=booking.code, nik="6104014101900000", by=kiosk)
    assert refused.value.code == "nik_mismatch"
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED
    spaced = " ".join(booking.nik[i : i + 4] for i in range(0, 16, 4))  # as a reader may send it
    ticket = ticket_check_in(office=queue_office, code=booking.code.lower(), nik=spaced, by=kiosk)
    assert ticket.booking == booking


def test_qr_with_a_forged_tag_is_refused(queue_office, kiosk, frozen):
    booking = make_booking(queue_office)
    with pytest.raises(DomainError, match="tidak cocok dengan KTP"):
        ticket_check_in(
            office=queue_office, code=f"PASPOR1:{booking.code}:0000000000000000", by=kiosk
        )


def test_kiosk_page_checks_in_the_scanned_qr(client_for, queue_office, kiosk, frozen):
    booking = make_booking(queue_office)
    response = client_for(kiosk).post(
        reverse("queueing:kiosk_check_in", args=[queue_office.code]),
        {"code": qr_payload(code=booking.code, nik=booking.nik), "nik": booking.nik},
    )
    assert response.status_code == 302
    assert "/kios/tiket/" in response["Location"]


def refusal(response) -> str:
    """The refusal the kiosk page shows in large type."""
    found = re.search(r'<div class="kiosk-error"[^>]*>\s*<p>(.*?)</p>', response.content.decode())
    assert found is not None
    return found.group(1)


def test_kiosk_page_checks_a_booking_in_only_with_its_holders_ktp(
    client_for, queue_office, kiosk, frozen
):
    """The booking QR is bound to the NIK and checked against the KTP at check-in: a QR (or
    code) copied from someone else's proof gets no ticket at the kiosk page."""
    booking = make_booking(queue_office, name="Dewi Lestari")
    copied = qr_payload(code=booking.code, nik=booking.nik)
    url = reverse("queueing:kiosk_check_in", args=["ketapang"])
    client = client_for(kiosk)

    without = client.post(url, {"code": copied})
    assert without.status_code == 400
    assert refusal(without) == "Tempelkan KTP pada pembaca, atau ketik NIK Anda (16 angka)."

    typed = client.post(url, {"code": booking.code, "nik": "6104 0141 0190 0000"})
    body = typed.content.decode()
    assert typed.status_code == 400
    assert refusal(typed) == "KTP ini bukan milik pemilik booking. Silakan ke petugas informasi."
    assert "Dewi Lestari" not in body  # whose booking it is stays unsaid
    # The code stays for a second reading of the KTP; the NIK typed does not.
    assert f'value="{booking.code}"' in body and "6104 0141 0190 0000" not in body
    assert 'data-focus="nik"' in body

    short = client.post(url, {"code": booking.code, "nik": "61040141"})
    assert short.status_code == 400
    assert refusal(short) == "NIK terdiri dari 16 angka. Periksa NIK pada KTP Anda."
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED and not Ticket.objects.exists()

    spaced = " ".join(booking.nik[i : i + 4] for i in range(0, 16, 4))
    assert client.post(url, {"code": copied, "nik": spaced}).status_code == 302


def test_a_refusal_of_the_kiosk_page_keeps_no_code_unless_the_ktp_was_refused(
    client_for, queue_office, kiosk, frozen
):
    booking = make_booking(queue_office, date=dt.date(2026, 3, 14))
    body = (
        client_for(kiosk)
        .post(
            reverse("queueing:kiosk_check_in", args=["ketapang"]),
            {"code": booking.code, "nik": booking.nik},
        )
        .content.decode()
    )
    assert "Booking ini untuk tanggal 14 Maret 2026" in body
    assert booking.code not in body and 'data-focus="code"' in body


def test_kiosk_ticket_page_offers_no_pdf(client_for, queue_office, kiosk, frozen):
    # The kiosk prints; a PDF opened in the kiosk's browser would escape the idle reset and
    # keep the holder's name on screen for the next person.
    ticket = ticket_walk_in(
        office=queue_office, service=service(queue_office, ServiceKind.PICKUP), by=kiosk
    )
    body = client_for(kiosk).get(reverse("queueing:kiosk_ticket", args=["ketapang", ticket.token]))
    assert reverse("queueing:ticket_pdf", args=["ketapang", ticket.token]) not in (
        body.content.decode()
    )
    assert "PDF" not in body.content.decode()


def test_kiosk_marks_a_walk_in_service_whose_quota_is_used_up(
    client_for, queue_office, kiosk, frozen
):
    pickup = service(queue_office, ServiceKind.PICKUP)
    for _ in range(3):  # its cap
        ticket_walk_in(office=queue_office, service=pickup, by=kiosk)
    body = client_for(kiosk).get(reverse("queueing:kiosk", args=["ketapang"])).content.decode()
    used_up = re.search(r"<button[^>]*walkin-pickup[^>]*>", body).group(0)
    assert "disabled" in used_up
    assert "Kuota hari ini habis" in body
    assert "pesan jadwal secara online" in body
    other = re.search(r"<button[^>]*walkin-information[^>]*>", body).group(0)
    assert "disabled" not in other


def test_kiosk_refusal_statuses(client_for, queue_office, kiosk, frozen):
    client = client_for(kiosk)
    url = reverse("queueing:kiosk_check_in", args=["ketapang"])
    unknown = client.post(url, {"code": "TIDAKADA1", "nik": "6104014101900000"})
    assert unknown.status_code == 404 and "tidak ditemukan" in unknown.content.decode()
    late = make_booking(queue_office, start=dt.time(7), end=dt.time(8))
    assert client.post(url, {"code": late.code, "nik": late.nik}).status_code == 409
    assert client.post(url, {"code": ""}).status_code == 400


def test_booking_of_a_past_day_is_told_to_book_again(queue_office, kiosk, frozen):
    booking = make_booking(queue_office, date=dt.date(2026, 3, 10))
    with pytest.raises(Conflict, match=r"sudah lewat\. Pesan jadwal baru") as refused:
        ticket_check_in(office=queue_office, code=booking.code, by=kiosk)
    assert refused.value.code == "wrong_day"


def test_ticket_pdf_says_the_position_like_the_screen(queue_office, kiosk, frozen, monkeypatch):
    from reportlab.pdfgen.canvas import Canvas

    from paspor.queueing.printing import ticket_pdf
    from paspor.queueing.selectors import ticket_view

    written: list[str] = []
    monkeypatch.setattr(Canvas, "drawCentredString", lambda self, x, y, text: written.append(text))
    ticket = ticket_walk_in(
        office=queue_office, service=service(queue_office, ServiceKind.PICKUP), by=kiosk
    )
    ticket_pdf(ticket, url="https://example.test/t/x/", view=ticket_view(ticket))
    assert "Urutan ke-1 di Penyerahan paspor" in written
    assert "12 Maret 2026 09.00 WIB" in written


def test_a_route_through_a_station_the_office_lacks_is_a_setup_conflict_named_in_words(
    queue_office, kiosk, frozen
):
    Station.objects.filter(office=queue_office, station_type="intake").delete()
    with pytest.raises(Conflict) as refused:
        ticket_check_in(office=queue_office, code=make_booking(queue_office).code, by=kiosk)
    assert refused.value.code == "station_missing"
    assert refused.value.message == (
        "Pos Pemeriksaan berkas belum ada di kantor ini. Hubungi petugas."
    )
    assert not Ticket.objects.exists()


def _attempt(page: str) -> str:
    keys = set(re.findall(r'name="attempt" value="([^"]+)"', page))
    assert len(keys) == 1  # one key for the screen, in every walk-in button's form
    return str(keys.pop())


def test_a_second_tap_on_the_same_screen_gets_the_ticket_already_issued(
    client_for, queue_office, kiosk, frozen
):
    client = client_for(kiosk)
    attempt = _attempt(client.get(reverse("queueing:kiosk", args=["ketapang"])).content.decode())
    url = reverse("queueing:kiosk_walk_in", args=["ketapang"])
    first = client.post(url, {"service": "F", "attempt": attempt})
    again = client.post(url, {"service": "F", "attempt": attempt})
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert Ticket.objects.filter(office=queue_office).count() == 1
    assert AuditEntry.objects.filter(event="queue.ticket_issued").count() == 1

    # The next screen shown is the next person's: a new key, a new number.
    attempt = _attempt(client.get(reverse("queueing:kiosk", args=["ketapang"])).content.decode())
    client.post(url, {"service": "F", "attempt": attempt})
    assert sorted(Ticket.objects.values_list("number", flat=True)) == [1, 2]


def test_another_service_tapped_before_the_ticket_showed_gets_the_ticket_already_issued(
    client_for, queue_office, kiosk, frozen
):
    # Two buttons of one screen carry one key: the first tap's ticket is the one issued, and
    # it is shown (and printed) rather than lost behind a refusal of the second tap.
    client = client_for(kiosk)
    attempt = _attempt(client.get(reverse("queueing:kiosk", args=["ketapang"])).content.decode())
    url = reverse("queueing:kiosk_walk_in", args=["ketapang"])
    first = client.post(url, {"service": "F", "attempt": attempt})
    other = client.post(url, {"service": "E", "attempt": attempt})
    assert first.status_code == other.status_code == 302
    assert other["Location"] == first["Location"]
    assert list(Ticket.objects.values_list("service__ticket_prefix", flat=True)) == ["F"]


def test_a_scan_longer_than_any_booking_code_is_not_echoed(client_for, queue_office, kiosk):
    scanned = "HTTPSEXAMPLECOMSOMEOTHERQRCODE" * 6
    response = client_for(kiosk).post(
        reverse("queueing:kiosk_check_in", args=["ketapang"]),
        {"code": scanned, "nik": "3201014101900001"},
    )
    body = response.content.decode()
    assert response.status_code == 404
    assert "Yang dipindai bukan kode booking" in body and scanned not in body


def test_the_same_request_key_at_another_office_is_another_ticket(
    queue_office, other_queue_office, frozen
):
    from paspor.queueing.services import walk_in_request_key

    key = walk_in_request_key(source="kiosk", key="abcdefgh12345678")
    lost = service(queue_office, ServiceKind.LOST_DAMAGED)
    first = ticket_walk_in(office=queue_office, service=lost, by=None, request_key=key)
    assert ticket_walk_in(office=queue_office, service=lost, by=None, request_key=key) == first
    assert first.request_key == "kiosk:abcdefgh12345678"
    elsewhere = service(other_queue_office, ServiceKind.LOST_DAMAGED)
    other = ticket_walk_in(office=other_queue_office, service=elsewhere, by=None, request_key=key)
    assert other != first and other.office == other_queue_office
    with pytest.raises(DomainError) as refused:
        walk_in_request_key(source="api", key="short")
    assert refused.value.code == "invalid_request_key"


def test_a_request_key_is_a_retry_on_its_own_day_and_service_only(queue_office, frozen):
    from paspor.queueing.services import walk_in_request_key

    key = walk_in_request_key(source="api", key="abcdefgh12345678")
    pickup = service(queue_office, ServiceKind.PICKUP)
    first = ticket_walk_in(office=queue_office, service=pickup, by=None, request_key=key)
    with pytest.raises(Conflict) as refused:
        ticket_walk_in(
            office=queue_office,
            service=service(queue_office, ServiceKind.INFORMATION),
            by=None,
            request_key=key,
        )
    assert refused.value.code == "idempotency_key_reused"
    frozen.shift(dt.timedelta(days=1))
    later = ticket_walk_in(office=queue_office, service=pickup, by=None, request_key=key)
    assert later != first and later.day == first.day + dt.timedelta(days=1)
