"""The case history (Riwayat) reads as sentences: labels, yes/no, document names, local times."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.urls import reverse

from paspor.cases import intake
from paspor.cases.models import CaseStatus
from paspor.cases.services import case_event_record, case_transition
from paspor.cases.tests.conftest import SITI, case_at, open_case
from paspor.cases.timeline import EVENT_LABELS, case_timeline
from paspor.payments.models import SlaAlertKind

pytestmark = pytest.mark.django_db

RAW = re.compile(
    r"\b(True|False|None)\b|_[a-z]+:|\d{4}-\d{2}-\d{2}T|status_url|sha256|"
    r"\b(ktp|kk|civil_record|seen|missing|right_thumb)\b"
)


def _history(client, case) -> str:
    response = client.get(reverse("cases:timeline", args=[case.office.code, case.code]))
    assert response.status_code == 200
    page: str = response.content.decode()
    return page[page.index("<tbody>") : page.index("</tbody>")]


def _approved_and_billed(office, intake_officer, biometrics_officer, supervisor):
    return case_at(
        CaseStatus.BILLED,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
        supervisor=supervisor,
    )


def test_every_event_of_a_case_reads_in_words(
    office, intake_officer, biometrics_officer, supervisor, client_for
):
    case = _approved_and_billed(office, intake_officer, biometrics_officer, supervisor)
    assert case.status == CaseStatus.BILLED
    history = _history(client_for(intake_officer), case)
    assert not RAW.search(re.sub(r"<[^>]+>", " ", history)), RAW.search(history)
    assert "Dokumen asli diperiksa" in history
    assert "Asli diperlihatkan: KTP elektronik (e-KTP) asli" in history
    assert "Ibu jari kanan: mutu" in history
    assert "Sesuai rekomendasi petugas" in history
    assert re.search(r"Jumlah: Rp \d{1,3}(\.\d{3})+<", history)  # grouped the Indonesian way
    # The billing code in groups of five, as the payment pages and the slip print it.
    assert re.search(r"Kode billing: \d{5} \d{5} \d{5}<", history)
    assert re.search(r"Ibu jari kanan: mutu NFIQ [1-5] \(1 terbaik, 5 terburuk\)", history)


def test_amounts_and_times_are_written_one_way_in_english_too(
    office, intake_officer, biometrics_officer, supervisor, client_for, settings
):
    case = _approved_and_billed(office, intake_officer, biometrics_officer, supervisor)
    client = client_for(intake_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    history = _history(client, case)
    # Money as the bank slip and the other pages write it; the clock as English writes it,
    # with a colon, like every English page (never half with a dot).
    assert re.search(r"Amount: Rp \d{1,3}(\.\d{3})+<", history)
    assert re.search(r"\d{2}-\d{2}-\d{4} \d{2}:\d{2} WIB", history)
    assert not re.search(r"\b\d{2}\.\d{2}\b(?!\.\d)", re.sub(r"<[^>]+>|Rp [\d.]+", " ", history))


def test_the_billing_codes_expiry_is_in_the_offices_time_zone(
    office, intake_officer, biometrics_officer, supervisor, client_for
):
    case = _approved_and_billed(office, intake_officer, biometrics_officer, supervisor)
    event = case.events.get(to_status=CaseStatus.BILLED, kind="transition")
    expires = dt.datetime.fromisoformat(event.data["expires_at"]).astimezone(office.tz)
    history = _history(client_for(intake_officer), case)
    assert f"Kode billing berlaku sampai: {expires:%d-%m-%Y %H.%M} WIB" in history
    assert "http://" not in history and "expires_at" not in history


def test_missing_documents_are_named_and_the_system_is_capitalised(
    office, intake_officer, client_for
):
    case = open_case(office, intake_officer)
    intake.case_documents_check(case=case, by=intake_officer, seen=["ktp"])
    case_transition(case=case, to=CaseStatus.CANCELLED, by=None, reason="Uji.")
    history = _history(client_for(intake_officer), case)
    assert "Belum diperlihatkan: Kartu Keluarga (KK) asli" in history
    assert "ktp: missing" not in history and "kk:" not in history
    assert "<td>Sistem</td>" in history and "sistem" not in history


def test_events_written_by_other_apps_have_labels_and_drop_technical_keys(
    office, intake_officer, client_for
):
    case = open_case(office, intake_officer)
    case_event_record(case=case, kind="print_started", by=None, data={"booklet": "E1000001"})
    case_event_record(
        case=case,
        kind="pickup_reminder",
        by=None,
        reason="Pengingat pengambilan hari ke-25",
        data={"day": 25, "deadline": "2026-04-30", "to": "siti@example.com"},
    )
    case_event_record(
        case=case,
        kind="sla_at_risk",
        by=None,
        data={"due_date": "2026-04-02", "status": "paid", "status_url": "http://x/y"},
    )
    history = _history(client_for(intake_officer), case)
    assert "print_started" not in history and "Pencetakan paspor dimulai" in history
    assert "Buku paspor: E1000001" in history
    assert "Batas pengambilan: 30-04-2026" in history
    assert "Janji selesai: 02-04-2026" in history and "Status saat itu: Sudah dibayar" in history
    assert "http://x/y" not in history


def test_a_photo_accepted_against_its_checks_and_an_automatic_move_say_so(
    office, intake_officer, client_for
):
    case = open_case(office, intake_officer)
    case_event_record(case=case, kind="photo_accepted", by=intake_officer, data={"passed": False})
    case_event_record(
        case=case, kind="photo_added", by=intake_officer, data={"photo": 1, "failed": []}
    )
    history = _history(client_for(intake_officer), case)
    assert "Diterima walau tidak lulus pemeriksaan foto" in history
    assert "Semua pemeriksaan foto lulus" in history
    assert "passed" not in history and "photo:" not in history


def test_data_changes_name_the_fields_and_their_new_values(office, intake_officer, client_for):
    case = open_case(office, intake_officer)
    intake.case_data_verify(
        case=case,
        by=intake_officer,
        data=SITI.__class__(**{**SITI.__dict__, "application_type": "lost"}),
        express=True,
    )
    history = _history(client_for(intake_officer), case)
    assert "Jenis permohonan: Penggantian karena hilang" in history
    assert "Layanan percepatan: Ya" in history


def test_the_history_is_translated_on_english_pages(office, intake_officer, client_for):
    case = open_case(office, intake_officer)
    intake.case_documents_check(case=case, by=intake_officer, seen=["ktp"])
    client = client_for(intake_officer)
    client.cookies["django_language"] = "en"
    history = _history(client, case)
    assert "Original documents checked" in history
    assert "Not shown:" in history and "Application opened" in history


def test_every_event_kind_written_in_the_code_has_a_label():
    root = Path(__file__).resolve().parents[2]
    call = re.compile(r'case_event_record\([^)]*?kind=f?"([a-z_{}]+)"', re.S)
    written = set()
    for path in root.rglob("*.py"):
        if "tests" not in path.parts:
            written |= set(call.findall(path.read_text()))
    sla = {f"sla_{kind}" for kind in SlaAlertKind.values}  # kind=f"sla_{kind}"
    kinds = (written - {"sla_{kind}"}) | sla
    assert {"opened", "print_started", "pickup_reminder", "sla_breach_reason"} <= kinds
    assert kinds <= set(EVENT_LABELS)


def test_the_timeline_rows_name_the_actor(office, intake_officer):
    case = open_case(office, intake_officer)
    (row,) = case_timeline(case)
    assert row.actor == (intake_officer.get_full_name() or intake_officer.username)
    assert row.label == "Permohonan dibuka"
