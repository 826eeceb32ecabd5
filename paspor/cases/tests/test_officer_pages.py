"""The officer's case pages as used at the counter: what each page says, in Indonesian and in
English, what it offers to whom, and what a refused form shows."""

import dataclasses
import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from paspor.cases import biometrics, intake, interview
from paspor.cases.adjudication import case_defer, case_resume
from paspor.cases.models import Case, CaseStatus, Fingerprint, TravelBanEntry
from paspor.cases.services import case_claim
from paspor.cases.tests.conftest import (
    SITI,
    blurred_photo_jpeg,
    case_at,
    finish_intake,
    good_photo_jpeg,
    open_case,
    signature_png,
    tourist_answers,
)
from paspor.lib.errors import DomainError
from paspor.lib.language import nik_notes_shown
from paspor.lib.nik import nik_notes
from paspor.offices.calendar import office_today

pytestmark = pytest.mark.django_db

SITI_STATED_MALE = dataclasses.replace(SITI, sex="M")  # the NIK says female: a NIK note


def _english(client):
    client.cookies["django_language"] = "en"
    return client


def _page(client, case, name="cases:detail") -> str:
    response = client.get(reverse(name, args=[case.office.code, case.code]))
    assert response.status_code == 200
    return str(response.content.decode())


def _step(case, action: str) -> str:
    return reverse("cases:step", args=[case.office.code, case.code, action])


def _details_open(page: str, summary: str) -> bool:
    """Whether the <details> whose summary starts with `summary` is rendered open."""
    match = re.search(r"<details([^>]*)>\s*<summary>" + re.escape(summary), page)
    assert match is not None, summary
    return " open" in match.group(1)


# --- History in the reader's language -------------------------------------------------------


def test_the_history_shows_the_nik_notes_in_english_on_an_english_page(
    office, intake_officer, client_for
):
    case = open_case(office, intake_officer, data=SITI_STATED_MALE)
    assert case.nik_warnings  # stored in Indonesian, as the record keeps them
    history = _page(_english(client_for(intake_officer)), case, "cases:timeline")
    assert "NIK notes: The sex in the NIK (female) differs from the stated sex (male)." in history
    assert "Jenis kelamin pada NIK" not in history
    indonesian = _page(client_for(intake_officer), case, "cases:timeline")
    assert "Catatan NIK: Jenis kelamin pada NIK (perempuan) berbeda" in indonesian


@pytest.mark.parametrize(
    ("nik", "birth_date", "sex"),
    [
        ("6104015708900001", dt.date(1991, 8, 17), "M"),  # birth date and sex differ
        ("9901015708900001", dt.date(1990, 8, 17), "F"),  # province not in the list
        ("6100015708900001", dt.date(1990, 8, 17), "F"),  # regency 00: never used
        ("6104995708900001", dt.date(1990, 8, 17), "F"),  # district not in the list
        ("6104005708900001", dt.date(1990, 8, 17), "F"),  # district 00: never used
    ],
)
def test_every_stored_nik_note_reads_as_paspor_lib_nik_writes_it_in_english(nik, birth_date, sex):
    stored = nik_notes(nik, birth_date=birth_date, sex=sex, english=False)
    english = nik_notes(nik, birth_date=birth_date, sex=sex, english=True)
    assert stored
    person = {"nik": nik, "birth_date": birth_date, "sex": sex}
    with translation.override("en"):
        assert nik_notes_shown(stored, **person) == english
    with translation.override("id"):
        assert nik_notes_shown(stored, **person) == stored


def test_a_note_the_data_no_longer_gives_stays_as_it_was_recorded():
    """The birth date was corrected after the note was recorded: the old note is not
    rewritten into a note about other data."""
    nik = "6104015708900001"
    recorded = nik_notes(nik, birth_date=dt.date(1991, 8, 17), sex="F", english=False)
    with translation.override("en"):
        shown = nik_notes_shown(recorded, nik=nik, birth_date=dt.date(1990, 8, 17), sex="F")
    assert shown == recorded


def test_the_recommendation_given_to_the_supervisor_reads_in_english(
    office, intake_officer, biometrics_officer, client_for
):
    case = case_at(
        CaseStatus.AWAITING_SUPERVISOR,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    history = _page(_english(client_for(intake_officer)), case, "cases:timeline")
    assert "Disarankan disetujui" not in history
    row = history[history.index("Interview → Awaiting supervisor") :]
    assert re.search(r"<td>Recommended for approval<", row)


# --- Input the rules refuse -----------------------------------------------------------------


def test_a_birth_date_after_today_is_refused_when_a_case_is_opened(
    office, intake_officer, client_for
):
    tomorrow = office_today(office) + dt.timedelta(days=1)
    form = {
        "nik": SITI.nik,
        "full_name": "Siti Aminah",
        "sex": "F",
        "birth_date": tomorrow.isoformat(),
        "birth_place": "Ketapang",
        "phone": "081234567890",
        "application_type": "new_child",
        "passport_kind": "electronic",
    }
    url = reverse("cases:open_walk_in", args=[office.code])
    response = client_for(intake_officer).post(url, form)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tanggal lahir tidak boleh di masa depan." in page
    assert 'value="Siti Aminah"' in page  # nothing typed is lost
    response = _english(client_for(intake_officer)).post(url, form)
    assert "The date of birth cannot be in the future." in response.content.decode()


def test_a_birth_date_after_today_or_a_mistyped_century_is_refused_at_intake(
    office, intake_officer
):
    case = open_case(office, intake_officer)
    for born in (office_today(office) + dt.timedelta(days=1), dt.date(1790, 8, 17)):
        data = dataclasses.replace(SITI, birth_date=born)
        with pytest.raises(DomainError) as refused:
            intake.case_data_verify(case=case, by=intake_officer, data=data)
        assert refused.value.code == "birth_date"


def test_accepting_a_photo_named_by_a_malformed_id_is_a_message_not_a_server_error(
    at_biometrics, biometrics_officer, client_for
):
    for malformed in ("abc", "9" * 40):  # 40 digits overflow the database's integer
        response = client_for(biometrics_officer).post(
            _step(at_biometrics, "foto-terima"), {"photo": malformed}
        )
        assert response.status_code == 400
        assert "Foto tidak ditemukan." in response.content.decode()


def test_a_finger_the_scanner_does_not_know_is_said_not_a_blank_refusal(
    at_biometrics, biometrics_officer, client_for
):
    response = client_for(biometrics_officer).post(
        _step(at_biometrics, "sidik-jari"), {"finger": "jari_ketujuh"}
    )
    assert response.status_code == 400
    alert = re.search(
        r'<section id="fingers".*?<p class="form-error" role="alert">([^<]+)</p>',
        response.content.decode(),
        re.S,
    )
    assert alert is not None and "jari_ketujuh" in alert.group(1)


def test_each_rescan_button_names_its_finger_for_a_screen_reader(
    at_biometrics, biometrics_officer, client_for
):
    client = client_for(biometrics_officer)
    client.post(_step(at_biometrics, "sidik-jari"), {})  # the scanner takes every finger
    page = _page(client, at_biometrics)
    names = re.findall(r'<button class="small outline" type="submit" aria-label="([^"]+)">', page)
    assert len(names) >= 4 and len(set(names)) == len(names)
    assert all(name.startswith("Ulangi pindai ") for name in names)  # the visible word first
    # In the order the fingers are captured and named in a refusal: right thumb first.
    assert names == [
        "Ulangi pindai Ibu jari kanan",
        "Ulangi pindai Telunjuk kanan",
        "Ulangi pindai Ibu jari kiri",
        "Ulangi pindai Telunjuk kiri",
    ]


# --- A refused side form shows its message ------------------------------------------------


def test_a_refused_deferral_opens_its_section_with_the_message_and_the_typed_text(
    office, intake_officer, client_for
):
    case = open_case(office, intake_officer)
    client = client_for(intake_officer)
    response = client.post(_step(case, "tangguhkan"), {"defer-missing": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert _details_open(page, "Tangguhkan (berkas belum lengkap)")
    response = client.post(
        _step(case, "tangguhkan"), {"defer-missing": "KK asli", "defer-deadline": "2020-01-01"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert _details_open(page, "Tangguhkan (berkas belum lengkap)") and "KK asli</textarea>" in page
    assert not _details_open(page, "Batalkan permohonan")
    assert not _details_open(_page(client, case), "Tangguhkan (berkas belum lengkap)")


def test_a_refused_cancellation_old_passport_scan_or_handover_opens_its_section(
    office, intake_officer, supervisor, client_for
):
    case = open_case(office, intake_officer)
    client = client_for(intake_officer)
    page = client.post(_step(case, "batalkan"), {"cancel-reason": ""}).content.decode()
    assert _details_open(page, "Batalkan permohonan")
    page = client.post(_step(case, "pindaian"), {"scan-document_code": "ktp"}).content.decode()
    assert _details_open(page, "Unggah pindaian dokumen")
    page = client.post(_step(case, "paspor-lama"), {"passport-number": "!!!"}).content.decode()
    assert _details_open(page, "Paspor lama")
    response = client_for(supervisor).post(_step(case, "alihkan"), {"reassign-reason": " "})
    assert response.status_code == 400
    assert _details_open(response.content.decode(), "Alihkan ke petugas lain")


def test_every_interview_field_shows_its_own_message(at_interview, biometrics_officer, client_for):
    client = client_for(biometrics_officer)
    form = {
        "interview-purpose": "tourism",
        "interview-destination": "Jepang",
        "interview-trip_paid_by": "self",
        "interview-recommendation": "defer",
        "interview-missing": "KK asli",
        "interview-deadline": "31-02-2026",
    }
    response = client.post(_step(at_interview, "wawancara"), form)
    assert response.status_code == 400
    page = response.content.decode()
    assert re.search(
        r'name="interview-deadline"[^>]*>\s*<small id="id_interview-deadline_error" '
        r'class="field-error"',
        page,
    )
    assert 'value="Jepang"' in page


def test_a_blank_reason_after_a_travel_ban_hit_is_named(
    office, intake_officer, supervisor, client_for
):
    TravelBanEntry.objects.create(full_name="Siti Aminah", birth_date=SITI.birth_date, reason="x")
    case = finish_intake(open_case(office, intake_officer), intake_officer)
    client = client_for(supervisor)
    client.post(reverse("cases:claim", args=[office.code, case.code]))
    response = client.post(_step(case, "cekal"), {"hold-decision": "clear", "hold-reason": "  "})
    assert response.status_code == 400
    assert (
        '<small id="id_hold-reason_error" class="field-error" role="alert">'
        "Bidang ini tidak boleh kosong."
    ) in response.content.decode()


# --- What the travel-ban hit says --------------------------------------------------------------


def test_a_travel_ban_hit_says_in_words_why_it_matched(
    office, intake_officer, supervisor, client_for
):
    TravelBanEntry.objects.create(full_name="Siti Aminah", birth_date=SITI.birth_date, reason="x")
    case = finish_intake(open_case(office, intake_officer), intake_officer)
    case_claim(case=case, by=supervisor)
    page = _page(client_for(supervisor), case)
    assert "Nama dan tanggal lahir" in page and "name_birth_date" not in page
    assert re.search(r"<td>100</td>", page)
    checked = case.travel_ban_checks.get().at.astimezone(office.tz)
    assert f"{checked:%H.%M} WIB" in page
    english = _page(_english(client_for(supervisor)), case)
    assert "Name and date of birth" in english and f"{checked:%H:%M} WIB" in english


# --- Only what the reader may do -------------------------------------------------------------


def test_the_head_of_office_is_not_led_to_the_work_queue_he_cannot_open(
    office, intake_officer, head_of_office, client_for
):
    case = open_case(office, intake_officer)
    queue = reverse("cases:work_queue", args=[office.code])
    head = client_for(head_of_office)
    assert head.get(queue).status_code == 403
    assert f'href="{queue}"' not in _page(head, case)
    assert f'href="{queue}"' not in _page(head, case, "cases:timeline")
    assert f'href="{queue}"' in _page(client_for(intake_officer), case)


def test_only_an_officer_who_works_deferred_cases_is_offered_to_resume_one(
    office, intake_officer, head_of_office, client_for
):
    case = case_defer(case=open_case(office, intake_officer), by=intake_officer, missing="KK asli")
    resume = _step(case, "lanjutkan")
    head_page = _page(client_for(head_of_office), case)
    assert "KK asli" in head_page and resume not in head_page
    assert client_for(head_of_office).post(resume).status_code == 403
    assert resume in _page(client_for(intake_officer), case)


def test_final_moves_ask_before_they_are_sent(office, intake_officer, supervisor, client_for):
    TravelBanEntry.objects.create(full_name="Siti Aminah", birth_date=SITI.birth_date, reason="x")
    case = open_case(office, intake_officer)
    page = _page(client_for(intake_officer), case)
    assert re.search(r"batalkan/\" data-confirm=\"Batalkan permohonan " + case.code, page)
    case = finish_intake(case, intake_officer)
    case_claim(case=case, by=supervisor)
    page = _page(_english(client_for(supervisor)), case)
    assert re.search(r'value="refuse"[^>]*data-confirm="Reject application ' + case.code, page)


def test_a_deferred_case_is_resumed_by_an_officer_of_the_step_that_deferred_it(
    office, intake_officer, biometrics_officer, client_for
):
    case = case_defer(case=open_case(office, intake_officer), by=intake_officer, missing="KK asli")
    resume = _step(case, "lanjutkan")
    biometrics = client_for(biometrics_officer)
    assert resume not in _page(biometrics, case)
    assert biometrics.post(resume).status_code == 403
    with pytest.raises(PermissionDenied):
        case_resume(case=case, by=biometrics_officer)
    response = client_for(intake_officer).post(resume)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.INTAKE


# --- A refusal said where the officer types -----------------------------------------------------


def test_a_refused_nik_is_said_under_the_nik_field_of_the_opening_form(
    office, intake_officer, client_for
):
    form = {
        "nik": "6104 0157",
        "full_name": "Siti Aminah",
        "sex": "F",
        "birth_date": "1990-08-17",
        "birth_place": "Ketapang",
        "phone": "081234567890",
        "application_type": "new_adult",
        "passport_kind": "electronic",
    }
    response = client_for(intake_officer).post(
        reverse("cases:open_walk_in", args=[office.code]), form
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert re.search(
        r'name="nik"[^>]*aria-invalid="true"[^>]*aria-describedby="id_nik_error"', page
    )
    assert re.search(r'<small id="id_nik_error"[^>]*>NIK harus terdiri dari 16 angka', page)
    assert 'value="Ketapang"' in page


def test_a_refusal_without_a_reason_is_said_under_the_reason_field(
    office, intake_officer, biometrics_officer, supervisor, client_for
):
    case = case_at(
        CaseStatus.AWAITING_SUPERVISOR,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    client = client_for(supervisor)
    client.post(reverse("cases:claim", args=[office.code, case.code]))
    response = client.post(
        _step(case, "putusan"), {"decision-decision": "reject", "decision-reason": ""}
    )
    assert response.status_code == 400
    assert (
        '<small id="id_decision-reason_error" class="field-error" role="alert">Tuliskan alasan'
    ) in response.content.decode()


def test_a_reason_a_refusal_needs_is_asked_before_the_final_question(
    office, intake_officer, biometrics_officer, supervisor, client_for
):
    # The browser holds back an empty reason before "Penolakan ini final?" is asked; approving
    # needs none and skips the check.
    case = case_at(
        CaseStatus.AWAITING_SUPERVISOR,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    case_claim(case=case, by=supervisor)
    page = _page(client_for(supervisor), case)
    assert re.search(r'<textarea name="decision-reason"[^>]* required', page)
    assert re.search(r'value="approve" formnovalidate>', page)
    other = dataclasses.replace(SITI, nik="6104015708900002")  # one live case per NIK
    cancel = _page(client_for(intake_officer), open_case(office, intake_officer, data=other))
    assert re.search(r'<textarea name="cancel-reason"[^>]* required', cancel)


def test_a_scan_is_listed_by_the_name_of_its_document(office, intake_officer, client_for):
    case = open_case(office, intake_officer)
    intake.case_scan_add(case=case, by=intake_officer, document_code="ktp", data=good_photo_jpeg())
    page = _page(client_for(intake_officer), case)
    assert re.search(r">KTP elektronik \(e-KTP\) asli</a> \(JPEG\)", page)
    assert "(image/jpeg)" not in page


def test_the_head_of_office_is_not_told_to_hand_over_the_billing_code(
    office, intake_officer, biometrics_officer, supervisor, head_of_office, client_for
):
    case = case_at(
        CaseStatus.BILLED,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
        supervisor=supervisor,
    )
    assert "Berikan kode billing" not in _page(client_for(head_of_office), case)
    assert "Berikan kode billing" in _page(client_for(biometrics_officer), case)


def test_a_walk_ins_sex_is_not_chosen_beforehand(office, intake_officer, client_for):
    url = reverse("cases:open_walk_in", args=[office.code])
    page = client_for(intake_officer).get(url).content.decode()
    select = page[page.index('name="sex"') : page.index("</select>", page.index('name="sex"'))]
    assert '<option value="" selected>— pilih —</option>' in select
    assert 'value="M" selected' not in select and 'value="F" selected' not in select
    form = {
        "nik": "6104014708900001",
        "full_name": "Siti Aminah",
        "birth_date": "1990-08-07",
        "birth_place": "Ketapang",
        "phone": "081234567890",
        "application_type": "new_adult",
        "passport_kind": "electronic",
    }
    refused = client_for(intake_officer).post(url, form)
    assert refused.status_code == 400 and not Case.objects.exists()
    assert 'value="Siti Aminah"' in refused.content.decode()


def test_a_ticket_of_an_earlier_day_shows_its_date_in_the_work_queue(
    office, intake_officer, client_for
):
    from paspor.cases.tests.conftest import make_ticket
    from paspor.queueing.models import Ticket

    # A case opened three days ago still waits (for intake to resume, or a decision).
    earlier = make_ticket(office, 7)
    open_case(office, intake_officer, ticket=earlier)
    three_days_ago = office_today(office) - dt.timedelta(days=3)
    Ticket.objects.filter(pk=earlier.pk).update(day=three_days_ago, status="done", counter=None)
    other = dataclasses.replace(SITI, nik="6104015708900002")
    open_case(office, intake_officer, data=other, ticket=make_ticket(office, 8))
    url = reverse("cases:work_queue", args=[office.code])
    page = client_for(intake_officer).get(url).content.decode()
    day = three_days_ago.day
    assert re.search(rf'A-007<br><small class="muted">{day} \w+</small>', page)
    assert "A-008<br>" not in page


# --- A deferral at intake keeps the originals already ticked ------------------------------


def _seen(case) -> set[str]:
    return set(case.documents.filter(status="seen").values_list("code", flat=True))


def test_deferring_at_intake_records_the_originals_ticked_on_the_screen(
    office, intake_officer, client_for
):
    case = open_case(office, intake_officer)
    client = client_for(intake_officer)
    page = _page(client, case)
    # The deferral's fields and button are sent with the intake screen's form.
    assert re.search(r'<textarea[^>]*name="defer-missing"[^>]*form="intake-form"', page)
    assert re.search(r'form="intake-form" formaction="[^"]*/tangguhkan/"', page)
    sent = {"data-nik": case.nik, "docs-seen": ["ktp", "civil_record"]}

    refused = client.post(_step(case, "tangguhkan"), {**sent, "defer-missing": ""})
    assert refused.status_code == 400
    assert _seen(case) == set()  # nothing recorded by a refused deferral...
    page = refused.content.decode()
    assert re.search(r'value="ktp"[^>]*checked', page)  # ...and the ticks stay on the page
    assert not re.search(r'value="kk"[^>]*checked', page)

    response = client.post(_step(case, "tangguhkan"), {**sent, "defer-missing": "KK asli"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.DEFERRED and _seen(case) == {"ktp", "civil_record"}

    # Resumed when the KK is brought: the screen shows the originals already seen.
    case_resume(case=case, by=intake_officer)
    page = _page(client, case)
    assert re.search(r'value="ktp"[^>]*checked', page)
    assert re.search(r'value="civil_record"[^>]*checked', page)
    assert not re.search(r'value="kk"[^>]*checked', page)


def test_a_deferral_sent_without_the_intake_screen_leaves_the_ticks_as_they_were(
    office, intake_officer, client_for
):
    case = open_case(office, intake_officer)
    intake.case_documents_check(case=case, by=intake_officer, seen=["ktp", "kk"])
    response = client_for(intake_officer).post(
        _step(case, "tangguhkan"), {"defer-missing": "Akta kelahiran asli"}
    )
    assert response.status_code == 302
    assert _seen(case) == {"ktp", "kk"}


def test_the_deferral_service_records_ticks_only_at_intake(office, intake_officer):
    case = open_case(office, intake_officer)
    case = case_defer(case=case, by=intake_officer, missing="KK asli", seen=["ktp"])
    assert _seen(case) == {"ktp"}
    assert case.events.filter(kind="documents_checked").exists()


def test_the_deferral_service_leaves_the_ticks_of_a_later_step_alone(
    office, intake_officer, biometrics_officer
):
    case = case_at(
        CaseStatus.BIOMETRICS,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    before = _seen(case)
    case_claim(case=case, by=biometrics_officer)
    case = case_defer(case=case, by=biometrics_officer, missing="Surat nikah", seen=[])
    assert case.status == CaseStatus.DEFERRED and _seen(case) == before


def test_the_officer_who_resumes_a_case_goes_on_with_it(office, intake_officer, client_for):
    case = case_defer(case=open_case(office, intake_officer), by=intake_officer, missing="KK asli")
    case = case_resume(case=case, by=intake_officer)
    assert case.status == CaseStatus.INTAKE and case.assigned_to == intake_officer
    assert "Simpan dan selesai pemeriksaan berkas" in _page(client_for(intake_officer), case)


def test_at_the_interview_the_side_deferral_says_it_keeps_no_answers(
    office, intake_officer, biometrics_officer, client_for
):
    """Two ways to defer at the interview: the interview form's recommendation keeps the
    answers; the side form is for deferring before asking, and says so."""
    case = case_at(
        CaseStatus.INTERVIEW,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    case_claim(case=case, by=biometrics_officer)
    page = _page(client_for(biometrics_officer), case)
    assert "Tangguhkan tanpa wawancara (berkas belum lengkap)" in page
    assert "Jawaban wawancara tidak disimpan." in page
    assert "Ditangguhkan (melengkapi berkas)" in page  # the recommendation it points to
    assert "Tangguhkan (berkas belum lengkap)" not in page
    other = dataclasses.replace(SITI, nik="6104015708900002")  # one live case per NIK
    intake_page = _page(client_for(intake_officer), open_case(office, intake_officer, data=other))
    assert "Tangguhkan (berkas belum lengkap)" in intake_page


# --- Four eyes: what the supervisor approves over --------------------------------------------


def _awaiting_decision(
    office, intake_officer, biometrics_officer, supervisor, *, photo: bytes, poor: str = ""
) -> Case:
    """A case taken by the supervisor; its photo accepted (with a reason when it failed), its
    fingers good but `poor`, finished with a reason when one is poor."""
    case = case_at(
        CaseStatus.BIOMETRICS,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    officer = biometrics_officer
    case_claim(case=case, by=officer)
    taken = biometrics.case_photo_add(case=case, by=officer, data=photo, source="upload")
    reason = "" if taken.passed else "Pemohon lansia, tidak dapat tegak"
    biometrics.case_photo_accept(case=case, photo=taken, by=officer, reason=reason)
    biometrics.case_fingerprints_capture(case=case, by=officer)
    # The simulated scanner smudges a finger now and then (by case code): set them as wanted.
    Fingerprint.objects.filter(case=case).update(quality=1)
    Fingerprint.objects.filter(case=case, finger=poor).update(quality=5)
    biometrics.case_signature_add(case=case, by=officer, data=signature_png(), source="pad")
    biometrics.case_biometrics_complete(
        case=case, by=officer, reason="Ibu jari kiri aus (buruh tani)" if poor else ""
    )
    case = interview.case_interview_record(case=case, by=officer, answers=tourist_answers())
    return case_claim(case=case, by=supervisor)


def _overrides(page: str) -> str:
    found = re.search(r'<section id="overrides".*?</section>', page, re.S)
    assert found is not None, "no override notice in the decision panel"
    return found.group()


def test_the_supervisor_sees_a_failed_photo_and_poor_fingers_accepted_with_their_reasons(
    office, intake_officer, biometrics_officer, supervisor, client_for
):
    case = _awaiting_decision(
        office,
        intake_officer,
        biometrics_officer,
        supervisor,
        photo=blurred_photo_jpeg(),
        poor="left_thumb",
    )
    page = _page(client_for(supervisor), case)
    notice = _overrides(page)
    assert 'aria-labelledby="overrides-title"' in notice
    assert "Foto tidak lulus pemeriksaan otomatis" in notice
    assert "Ketajaman wajah" in notice
    assert "Diterima oleh petugas_biometrik dengan alasan:" in notice
    assert "Pemohon lansia, tidak dapat tegak" in notice
    assert "Mutu sidik jari kurang" in notice and "Ibu jari kiri (NFIQ 5)" in notice
    assert "Ibu jari kanan" not in notice  # only the poor finger is named
    assert "Biometrik diselesaikan oleh petugas_biometrik dengan alasan:" in notice
    assert "Ibu jari kiri aus (buruh tani)" in notice
    # The summary beside it marks them in words, not by colour alone.
    assert "Foto tidak lulus pemeriksaan otomatis; diterima dengan alasan." in page
    assert re.search(r"Ibu jari kiri 5 <strong>⚠ kurang</strong>", page)


def test_the_overrides_read_in_english_on_an_english_page(
    office, intake_officer, biometrics_officer, supervisor, client_for
):
    case = _awaiting_decision(
        office,
        intake_officer,
        biometrics_officer,
        supervisor,
        photo=blurred_photo_jpeg(),
        poor="left_thumb",
    )
    notice = _overrides(_page(_english(client_for(supervisor)), case))
    assert "The photo failed the automatic checks" in notice
    assert "Face sharpness" in notice and "Ketajaman" not in notice
    assert "Accepted by petugas_biometrik with the reason:" in notice
    assert "Poor fingerprint quality" in notice and "Left thumb (NFIQ 5)" in notice
    assert "Biometrics finished by petugas_biometrik with the reason:" in notice
    assert "Ibu jari kiri aus (buruh tani)" in notice  # what the officer typed, as typed


def test_nothing_is_flagged_to_the_supervisor_when_no_check_was_overridden(
    office, intake_officer, biometrics_officer, supervisor, client_for
):
    case = _awaiting_decision(
        office, intake_officer, biometrics_officer, supervisor, photo=good_photo_jpeg()
    )
    page = _page(client_for(supervisor), case)
    assert 'id="overrides"' not in page
    assert "tidak lulus" not in page and "⚠ kurang" not in page
