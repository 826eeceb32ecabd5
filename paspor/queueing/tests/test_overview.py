# mypy: disable-error-code="union-attr"
"""The head of office's overview and the station names on staff pages, in either language;
the queue's Indonesian says "antrean" (KBBI), never "antrian"."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from paspor.queueing.services import ticket_call_next
from paspor.queueing.tests.conftest import booked, station

pytestmark = pytest.mark.django_db

APP = Path(__file__).resolve().parents[1]


def english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


# --- Station names --------------------------------------------------------------------------


def test_standard_station_name_follows_the_reader_and_an_own_name_stays(queue_office):
    intake = station(queue_office, "intake")
    assert intake.label == "Pemeriksaan berkas"
    with translation.override("en"):
        assert intake.label == "Document check"
    intake.name = "Loket Berkas Lantai 2"
    with translation.override("en"):
        assert intake.label == "Loket Berkas Lantai 2"


def test_english_console_names_the_stations_in_english(client_for, queue_office, intake_officer):
    client = english(client_for(intake_officer))
    body = client.get(reverse("queueing:console", args=["ketapang"])).content.decode()
    for translated in ("Document check", "Photo, fingerprints and interview", "Payment help"):
        assert translated in body
    for indonesian in ("Pemeriksaan berkas", "Foto, sidik jari", "Bantuan pembayaran"):
        assert indonesian not in body


def test_english_console_at_a_counter_names_its_station_and_the_transfer_targets(
    client_for, queue_office, intake_desk, intake_officer
):
    booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    client = english(client_for(intake_officer))
    body = client.get(reverse("queueing:console", args=["ketapang"])).content.decode()
    assert "Document check" in body and "Payment help" in body
    assert "Pemeriksaan berkas" not in body and "Bantuan pembayaran" not in body


def test_english_overview_names_the_stations_in_english(
    client_for, queue_office, intake_desk, head_of_office
):
    client = english(client_for(head_of_office))
    body = client.get(reverse("queueing:overview", args=["ketapang"])).content.decode()
    assert "Photo, fingerprints and interview" in body and "Payment help" in body
    assert "Foto, sidik jari" not in body and "Bantuan pembayaran" not in body
    assert "Nobody is waiting." in body


# --- The overview's wait column ---------------------------------------------------------------


def _intake_row(body):
    row = re.search(r'<tr[^>]*><th scope="row">Pemeriksaan berkas</th>.*?</tr>', body, re.S)
    assert row is not None
    return row.group(0)


def test_overview_with_nobody_waiting_shows_no_wait(
    client_for, queue_office, intake_desk, intake_officer, head_of_office
):
    booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)  # the counter is busy, none wait
    body = client_for(head_of_office).get(reverse("queueing:overview", args=["ketapang"]))
    row = _intake_row(body.content.decode())
    assert "Tidak ada yang menunggu." in row and "±" not in row


def test_overview_estimates_the_wait_of_the_last_one_waiting(
    client_for, queue_office, intake_desk, intake_officer, head_of_office
):
    for _ in range(3):
        booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    # Two waiting, one counter busy; the last has one ahead: 6 × (1 + ½) / 1 = 9 minutes.
    intake = station(queue_office, "intake")
    intake.default_service_minutes = 6
    intake.save()
    body = client_for(head_of_office).get(reverse("queueing:overview", args=["ketapang"]))
    assert "± 9 menit" in _intake_row(body.content.decode())


def _row(body, label):
    row = re.search(rf'<tr[^>]*><th scope="row">{label}</th>.*?</tr>', body, re.S)
    assert row is not None
    return row.group(0)


def test_overview_says_no_counter_is_open_instead_of_called_shortly(
    client_for, queue_office, head_of_office, frozen
):
    from paspor.offices.models import OfficeService, ServiceKind
    from paspor.queueing.services import ticket_walk_in

    info = OfficeService.objects.get(office=queue_office, kind=ServiceKind.INFORMATION)
    ticket_walk_in(office=queue_office, service=info, by=None)
    body = client_for(head_of_office).get(reverse("queueing:overview", args=["ketapang"]))
    row = _row(body.content.decode(), "Informasi")
    assert "Belum ada loket yang dibuka untuk pos ini." in row
    assert "Segera dipanggil" not in row


def test_overview_with_a_counter_open_and_one_waiting_says_called_shortly(
    client_for, queue_office, intake_desk, head_of_office
):
    booked(queue_office)
    body = client_for(head_of_office).get(reverse("queueing:overview", args=["ketapang"]))
    row = _intake_row(body.content.decode())
    assert "Segera dipanggil" in row and "Belum ada loket yang dibuka" not in row


# --- Spelling -------------------------------------------------------------------------------


def test_the_board_announces_nomor_antrean():
    from paspor.queueing.speech import call_sentence

    assert call_sentence(prefix="A", number=2, counter_number=3).startswith("Nomor antrean ")


def test_no_queue_text_says_antrian():
    """URLs keep /antrian/ (printed tickets and bookmarks carry them); words say antrean."""
    found = []
    for path in APP.rglob("*"):
        if path.suffix not in {".py", ".html", ".js", ".po"} or "tests" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"(?<![/\w])antrian\b", line, re.I):
                found.append(f"{path.relative_to(APP)}:{number}: {line.strip()}")
    assert found == []


def test_overview_follows_the_journey_and_shows_each_counters_ticket_and_set_aside_ones(
    client_for, queue_office, intake_desk, intake_officer, head_of_office
):
    from paspor.queueing.services import ticket_mark_no_show, ticket_park, ticket_recall

    for _ in range(3):
        booked(queue_office)
    ticket_call_next(session=intake_desk, by=intake_officer)
    ticket_park(session=intake_desk, by=intake_officer)
    ticket_call_next(session=intake_desk, by=intake_officer)
    ticket_recall(session=intake_desk, by=intake_officer)
    ticket_recall(session=intake_desk, by=intake_officer)
    ticket_mark_no_show(session=intake_desk, by=intake_officer)
    ticket_call_next(session=intake_desk, by=intake_officer)
    body = client_for(head_of_office).get(reverse("queueing:overview", args=["ketapang"]))
    body = body.content.decode()
    order = re.findall(r'<tr data-station="(\w+)">', body)
    assert order == ["intake", "biometrics", "payment_help", "handover", "information"]
    cells = re.findall(r"<td>(\d+)</td>", _intake_row(body))
    assert cells[:3] == ["0", "1", "1"]  # waiting, parked, no-show
    desk = re.search(r'<tr data-counter="1">.*?</tr>', body, re.S).group(0)
    assert "A-003" in desk and "Dipanggil" in desk
