"""The officer pages and the API driven over HTTP: prefill, bad input, 409s, the timeline."""

import dataclasses
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from paspor.audit.models import AuditEntry
from paspor.cases.models import Case, CaseStatus
from paspor.cases.services import case_claim
from paspor.cases.tests.conftest import (
    SITI,
    blurred_photo_jpeg,
    case_at,
    good_photo_jpeg,
    make_booking,
    make_ticket,
    open_case,
)

pytestmark = pytest.mark.django_db


def _step(case, action):
    return reverse("cases:step", args=[case.office.code, case.code, action])


def test_the_queue_opens_a_booked_ticket_and_prefills_the_applicant(
    office, intake_officer, applicant, client_for
):
    make_ticket(office, 12, booking=make_booking(office, applicant))
    client = client_for(intake_officer)
    response = client.post(reverse("cases:open", args=[office.code]), {"ticket": "a-12"})
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{case.code}/")
    page = client.get(response["Location"]).content.decode()
    assert SITI.nik in page and "Siti Aminah" in page and 'value="1990-08-17"' in page


def test_an_unknown_ticket_says_so_and_keeps_the_input(office, intake_officer, client_for):
    response = client_for(intake_officer).post(
        reverse("cases:open", args=[office.code]), {"ticket": "A-999"}
    )
    assert response.status_code == 400
    assert "tidak ada hari ini" in response.content.decode()
    assert 'value="A-999"' in response.content.decode()


def test_a_walk_in_ticket_goes_to_the_data_form(office, intake_officer, client_for):
    make_ticket(office, 4, prefix="F", holder_name="Budi")
    client = client_for(intake_officer)
    response = client.post(reverse("cases:open", args=[office.code]), {"ticket": "F-004"})
    assert response.status_code == 302 and "tiket=F-004" in response["Location"]
    form = {
        "ticket": "F-004",
        "nik": "6104010813900001",  # month 13: impossible
        "full_name": "Budi",
        "sex": "M",
        "birth_date": "1990-08-13",
        "birth_place": "Ketapang",
        "application_type": "lost",
        "passport_kind": "ordinary",
    }
    response = client.post(response["Location"], form)
    assert response.status_code == 400 and "Bulan lahir pada NIK" in response.content.decode()
    assert 'value="Budi"' in response.content.decode()
    form["nik"] = "6104011308900001"
    response = client.post(reverse("cases:open_walk_in", args=[office.code]), form)
    case = Case.objects.get()
    assert response.status_code == 302 and case.ticket is not None
    assert case.ticket.display == "F-004"
    assert case.fine_kind == "lost"


def intake_screen(**changes: object) -> dict[str, object]:
    """Siti's data as the intake screen sends them, with the KTP and KK ticked."""
    data: dict[str, object] = {
        "data-nik": SITI.nik,
        "data-full_name": "Siti Aminah",
        "data-sex": "F",
        "data-birth_date": "1990-08-17",
        "data-birth_place": "Ketapang",
        "data-application_type": "new_adult",
        "data-passport_kind": "electronic",
        "data-validity_years": "10",
        "docs-seen": ["ktp", "kk"],
    }
    return {**data, **changes}


def test_the_intake_screen_saves_and_finishes_in_one_submit(office, intake_officer, client_for):
    case = open_case(office, intake_officer)
    client = client_for(intake_officer)
    data = intake_screen(finish="1")
    response = client.post(_step(case, "berkas"), data)
    assert response.status_code == 400 and "Akta kelahiran" in response.content.decode()
    assert (
        'value="ktp" checked' in response.content.decode().replace("  ", " ")
        or "checked" in response.content.decode()
    )
    data["docs-seen"] = ["ktp", "kk", "civil_record"]
    response = client.post(_step(case, "berkas"), data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.BIOMETRICS and case.assigned_to is None


def test_finishing_intake_with_originals_unticked_says_so_at_their_checkboxes(
    office, intake_officer, client_for
):
    case = open_case(office, intake_officer)
    response = client_for(intake_officer).post(
        _step(case, "berkas"), intake_screen(finish="1", **{"docs-seen": ["ktp"]})
    )
    body = response.content.decode()
    assert response.status_code == 400
    # The group of checkboxes names the error, and every box is marked invalid.
    assert re.search(
        r'<fieldset aria-describedby="id_docs-seen_error">\s*<legend>Dokumen asli', body
    )
    boxes = re.findall(r'<input type="checkbox" name="docs-seen"[^>]*>', body)
    assert boxes and all('aria-invalid="true"' in box for box in boxes)
    error = re.search(
        r'<small id="id_docs-seen_error" class="field-error" role="alert">([^<]*)<', body
    )
    assert error is not None
    assert error.group(1).startswith("Dokumen asli belum diperiksa atau tidak ada: ")
    assert "KTP" not in error.group(1)  # the ticked one is not named; the box stays ticked
    assert re.search(r'value="ktp"[^>]*checked', body)


def test_an_intake_refusal_not_about_the_originals_leaves_their_checkboxes_alone(
    office, intake_officer, client_for
):
    import datetime as dt

    from paspor.cases.documents import required_documents

    child = dataclasses.replace(
        SITI, full_name="Rizky", nik="6104010105180003", sex="M",
        birth_date=dt.date(2018, 5, 1), application_type="new_child",
    )  # fmt: skip
    case = open_case(office, intake_officer, data=child)
    data = intake_screen(
        finish="1",
        **{
            "data-nik": child.nik,
            "data-full_name": child.full_name,
            "data-sex": "M",
            "data-birth_date": "2018-05-01",
            "data-application_type": "new_child",
            "data-validity_years": "5",
            "docs-seen": [r.code for r in required_documents("new_child", is_child=True)],
        },
    )
    response = client_for(intake_officer).post(_step(case, "berkas"), data)
    body = response.content.decode()
    assert response.status_code == 400 and "Data ayah (atau wali) anak belum dicatat." in body
    assert "id_docs-seen_error" not in body and 'aria-invalid="true"' not in body


def test_an_impossible_nik_on_the_intake_screen_keeps_what_was_typed(
    office, intake_officer, client_for
):
    case = open_case(office, intake_officer)
    response = client_for(intake_officer).post(
        _step(case, "berkas"),
        {
            "data-nik": "6104017708900001",
            "data-full_name": "Siti Aminah Binti Umar",
            "data-sex": "F",
            "data-birth_date": "1990-08-17",
            "data-birth_place": "Ketapang",
            "data-application_type": "new_adult",
            "data-passport_kind": "electronic",
            "data-validity_years": "10",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Tanggal lahir pada NIK (77)" in body and "Siti Aminah Binti Umar" in body


def test_the_kk_number_is_typed_on_the_intake_screen_and_a_bad_one_is_said_at_its_field(
    office, intake_officer, client_for
):
    case = open_case(office, intake_officer)
    client = client_for(intake_officer)
    data = intake_screen(**{"data-kk_number": "6104 0101 0110"})
    refused = client.post(_step(case, "berkas"), data)
    body = refused.content.decode()
    assert refused.status_code == 400
    assert re.search(r'id="id_data-kk_number_error"[^>]*>\s*Nomor KK harus 16 angka', body)
    assert 'value="6104 0101 0110"' in body
    data["data-kk_number"] = "6104010101100001"
    assert client.post(_step(case, "berkas"), data).status_code == 302
    case.refresh_from_db()
    assert case.kk_number == "6104010101100001"
    assert (
        'value="6104010101100001"'
        in client.get(reverse("cases:detail", args=[office.code, case.code])).content.decode()
    )


def test_nik_notes_are_the_record_in_indonesian_and_worked_out_again_in_english(
    office, intake_officer, client_for, settings
):
    case = open_case(office, intake_officer, data=dataclasses.replace(SITI, sex="M"))
    client = client_for(intake_officer)
    detail = reverse("cases:detail", args=[office.code, case.code])
    indonesian = client.get(detail).content.decode()
    assert "Jenis kelamin pada NIK (perempuan) berbeda" in indonesian
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(detail).content.decode()
    assert "The sex in the NIK (female) differs from the stated sex (male)." in english
    assert "Jenis kelamin pada NIK" not in english
    case.refresh_from_db()
    assert case.nik_warnings[0].startswith("Jenis kelamin pada NIK")  # the record is unchanged


def test_a_taken_case_answers_409_with_who_has_it(
    office, intake_officer, biometrics_officer, client_for
):
    from conftest import make_user
    from paspor.accounts.models import Role

    case = case_at(
        CaseStatus.BIOMETRICS,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    case_claim(case=case, by=biometrics_officer)
    other = make_user("bio2", role=Role.BIOMETRICS, office=office)
    client = client_for(other)
    response = client.post(reverse("cases:claim", args=[office.code, case.code]))
    assert response.status_code == 409 and "petugas_biometrik" in response.content.decode()
    response = client.post(_step(case, "sidik-jari"))
    assert response.status_code == 409
    queue = client.get(reverse("cases:work_queue", args=[office.code])).content.decode()
    assert "Diambil petugas_biometrik" in queue


def _photo_uploaded(office, intake_officer, biometrics_officer, client_for, *, photo: bytes):
    """A case at biometrics, claimed by its officer, with `photo` uploaded on the page."""
    case = case_at(
        CaseStatus.BIOMETRICS,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    client = client_for(biometrics_officer)
    client.post(reverse("cases:claim", args=[office.code, case.code]))
    upload = SimpleUploadedFile("foto.jpg", photo, content_type="image/jpeg")
    response = client.post(_step(case, "foto"), {"photo-photo": upload, "photo-source": "upload"})
    assert response.status_code == 302
    return case, client


def test_a_failing_photo_uploaded_on_the_page_needs_a_reason(
    office, intake_officer, biometrics_officer, client_for
):
    case, client = _photo_uploaded(
        office, intake_officer, biometrics_officer, client_for, photo=blurred_photo_jpeg()
    )
    page = client.get(reverse("cases:detail", args=[office.code, case.code])).content.decode()
    assert "Ketajaman wajah" in page and "gagal" in page
    photo = case.photos.get()
    response = client.post(_step(case, "foto-terima"), {"photo": photo.pk})
    assert response.status_code == 400 and "tuliskan alasan" in response.content.decode()
    response = client.post(
        _step(case, "foto-terima"), {"photo": photo.pk, "accept-reason": "Bayi bergerak"}
    )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.accept_reason == "Bayi bergerak"


def test_the_biometrics_page_says_which_end_of_the_quality_scale_is_good(
    office, intake_officer, biometrics_officer, client_for
):
    case, client = _photo_uploaded(
        office, intake_officer, biometrics_officer, client_for, photo=good_photo_jpeg()
    )
    client.post(_step(case, "sidik-jari"))
    page = client.get(reverse("cases:detail", args=[office.code, case.code])).content.decode()
    assert "Mutu NFIQ: 1 terbaik, 5 terburuk; di atas 3 ulangi" in page
    assert "/5 ·" not in page
    # A count reads as a count: "1", not "1,0"; a measured length keeps its decimal.
    faces = re.search(r"Tepat satu wajah[^<]*</td><td>([^<]*)</td>", page)
    assert faces is not None and faces.group(1) == "1"


def test_the_opener_gets_409_when_taking_the_decision_and_the_timeline_shows_who_when_why(
    office, supervisor, biometrics_officer, client_for
):
    from paspor.cases import interview
    from paspor.cases.tests.conftest import finish_biometrics, finish_intake, tourist_answers

    case = finish_intake(open_case(office, supervisor), supervisor)
    case = finish_biometrics(case, biometrics_officer)
    case = interview.case_interview_record(
        case=case, by=biometrics_officer, answers=tourist_answers()
    )
    client = client_for(supervisor)
    page = client.get(reverse("cases:detail", args=[office.code, case.code])).content.decode()
    assert "empat mata" in page and "Ambil dan kerjakan" not in page  # not offered to take it
    response = client.post(reverse("cases:claim", args=[office.code, case.code]))
    assert response.status_code == 409 and "empat mata" in response.content.decode()
    response = client.post(_step(case, "putusan"), {"decision-decision": "approve"})
    assert response.status_code in (403, 409)  # not the assignee either way
    timeline = client.get(reverse("cases:timeline", args=[office.code, case.code])).content.decode()
    for text in (
        "kasubsi",
        "petugas_biometrik",
        "Pemeriksaan berkas selesai.",
        "Menunggu persetujuan",
    ):
        assert text in timeline


def test_supervisor_reassigns_from_the_page(office, intake_officer, supervisor, client_for):
    case = open_case(office, intake_officer)
    response = client_for(supervisor).post(
        _step(case, "alihkan"), {"reassign-officer": str(supervisor.pk), "reassign-reason": "Cuti"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assigned_to == supervisor
    assert AuditEntry.objects.filter(event="case.reassigned", reason="Cuti").exists()


# --- API ------------------------------------------------------------------------------------


def test_api_gets_a_case_and_the_work_queue(office, intake_officer, client_for):
    case = open_case(office, intake_officer)
    client = client_for(intake_officer)
    body = client.get(f"/api/cases/{office.code}/{case.code}").json()
    assert (body["code"], body["status"], body["assigned_to"]) == (
        case.code,
        "intake",
        "petugas_loket",
    )
    queues = client.get(f"/api/cases/{office.code}/queue").json()
    assert [q["role"] for q in queues] == ["intake"]
    assert queues[0]["cases"][0]["code"] == case.code


def test_api_refuses_a_move_the_table_forbids_with_409(office, intake_officer, client_for):
    case = open_case(office, intake_officer)
    response = client_for(intake_officer).post(
        f"/api/cases/{office.code}/{case.code}/transition",
        {"to": "printed"},
        content_type="application/json",
    )
    assert response.status_code == 409 and response.json()["code"] == "transition_not_allowed"


def test_api_moves_through_the_step_service_so_its_rules_apply(
    office, intake_officer, biometrics_officer, supervisor, second_supervisor, client_for
):
    case = case_at(
        CaseStatus.AWAITING_SUPERVISOR,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    client = client_for(supervisor)
    url = f"/api/cases/{office.code}/{case.code}"
    assert client.post(f"{url}/claim").json()["assigned_to"] == "kasubsi"
    taken = client_for(second_supervisor).post(f"{url}/claim")
    assert taken.status_code == 409 and taken.json()["code"] == "taken"
    move = client.post(f"{url}/transition", {"to": "approved"}, content_type="application/json")
    assert move.status_code == 200 and move.json()["status"] == "billed"  # approved, then billed
    assert move.json()["decided_by"] == "kasubsi"
    again = client.post(f"{url}/transition", {"to": "approved"}, content_type="application/json")
    assert again.status_code == 409  # no step works a billed case: a state refusal
    assert again.json()["code"] == "wrong_status"


def test_api_withdraws_a_billed_case_as_the_page_does(
    office, intake_officer, biometrics_officer, supervisor, client_for
):
    """A supervisor may withdraw an approved or billed case (its billing code is cancelled
    first); a role of no step may not; a closed case is moved nowhere: 409."""
    from paspor.payments.models import BillingCode, BillingCodeStatus

    case = case_at(
        CaseStatus.AWAITING_SUPERVISOR,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    url = f"/api/cases/{office.code}/{case.code}/transition"
    supervising = client_for(supervisor)
    supervising.post(f"/api/cases/{office.code}/{case.code}/claim")
    supervising.post(url, {"to": "approved"}, content_type="application/json")
    withdraw = {"to": "cancelled", "reason": "Pemohon membatalkan"}
    refused = client_for(intake_officer).post(url, withdraw, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "role_not_for_step"
    moved = supervising.post(url, withdraw, content_type="application/json")
    assert moved.status_code == 200 and moved.json()["status"] == "cancelled"
    assert not BillingCode.objects.filter(bill__case=case, status=BillingCodeStatus.ISSUED).exists()
    closed = supervising.post(url, {"to": "approved"}, content_type="application/json")
    assert closed.status_code == 409 and closed.json()["code"] == "wrong_status"


def test_api_interview_step_is_not_skipped(office, intake_officer, biometrics_officer, client_for):
    case = case_at(
        CaseStatus.INTERVIEW,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    response = client_for(biometrics_officer).post(
        f"/api/cases/{office.code}/{case.code}/transition",
        {"to": "awaiting_supervisor"},
        content_type="application/json",
    )
    assert response.status_code == 409 and response.json()["code"] == "use_the_step"


def test_the_officer_pages_speak_english_too(office, intake_officer, client_for, settings):
    client = client_for(intake_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    case = open_case(office, intake_officer)
    assert (
        "Application work queue"
        in client.get(reverse("cases:work_queue", args=[office.code])).content.decode()
    )
    page = client.get(reverse("cases:detail", args=[office.code, case.code])).content.decode()
    assert "Save and finish the document check" in page and "Original family card (KK)" in page


def test_staff_home_links_each_role_to_its_work_queue(office, intake_officer, hq_user, client_for):
    home = client_for(intake_officer).get(reverse("portal:staff_home")).content.decode()
    assert reverse("cases:work_queue", args=[office.code]) in home
    national = client_for(hq_user).get(reverse("portal:staff_home")).content.decode()
    assert reverse("cases:travel_bans") in national


def test_a_child_case_shows_the_parents_form_and_records_them(office, intake_officer, client_for):
    import dataclasses
    import datetime as dt

    child = dataclasses.replace(
        SITI, full_name="Rizky", nik="6104010105180003", sex="M",
        birth_date=dt.date(2018, 5, 1), application_type="new_child",
    )  # fmt: skip
    case = open_case(office, intake_officer, data=child)
    client = client_for(intake_officer)
    page = client.get(reverse("cases:detail", args=[office.code, case.code])).content.decode()
    assert "Nama ayah" in page and "KTP elektronik ayah dan ibu asli" in page
    response = client.post(
        _step(case, "orang-tua"),
        {
            "parents-father_name": "Ahmad",
            "parents-father_nik": "6104011203850002",
            "parents-father_present": "on",
            "parents-mother_name": "Siti Aminah",
            "parents-mother_nik": SITI.nik,
        },
    )
    assert response.status_code == 302
    assert {p.role: p.present for p in case.parents.all()} == {"father": True, "mother": False}


def test_a_supervisor_clears_a_travel_ban_hold_on_the_page(
    office, intake_officer, supervisor, client_for
):
    from paspor.cases.models import TravelBanEntry
    from paspor.cases.tests.conftest import finish_intake

    TravelBanEntry.objects.create(full_name="Siti Aminah", birth_date=SITI.birth_date, reason="x")
    case = finish_intake(open_case(office, intake_officer), intake_officer)
    client = client_for(supervisor)
    client.post(reverse("cases:claim", args=[office.code, case.code]))
    page = client.get(reverse("cases:detail", args=[office.code, case.code])).content.decode()
    assert "Cocok dengan daftar cegah tangkal" in page and "Ambang kemiripan" in page
    response = client.post(_step(case, "cekal"), {"hold-decision": "clear", "hold-reason": ""})
    assert response.status_code == 400
    response = client.post(
        _step(case, "cekal"), {"hold-decision": "clear", "hold-reason": "Nama ibu berbeda"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.BIOMETRICS


def test_headquarters_imports_the_list_from_a_csv_upload(hq_user, client_for):
    from paspor.cases.models import TravelBanEntry

    csv = "name,aliases,birth_date,nik,reason,valid_until\nSukarno,Soekarno,1970-01-01,,Uji,\n"
    response = client_for(hq_user).post(
        reverse("cases:travel_bans"),
        {"file": SimpleUploadedFile("daftar.csv", csv.encode(), content_type="text/csv")},
    )
    assert response.status_code == 302
    assert TravelBanEntry.objects.get().aliases == "Soekarno"
    bad = client_for(hq_user).post(
        reverse("cases:travel_bans"),
        {"file": SimpleUploadedFile("daftar.csv", b"nama\nX\n", content_type="text/csv")},
    )
    assert bad.status_code == 400 and "Kolom CSV wajib" in bad.content.decode()


def test_after_a_decision_the_supervisor_is_back_at_the_queue_told_which_case(
    office, intake_officer, biometrics_officer, supervisor, client_for
):
    from paspor.cases.tests.conftest import case_at

    cases = [
        case_at(
            CaseStatus.AWAITING_SUPERVISOR,
            office,
            intake_officer=intake_officer,
            biometrics_officer=biometrics_officer,
        )
        for _ in range(2)
    ]
    decided, waiting = cases
    case_claim(case=decided, by=supervisor)
    client = client_for(supervisor)
    response = client.post(_step(decided, "putusan"), {"decision-decision": "approve"}, follow=True)
    queue = reverse("cases:work_queue", args=[office.code])
    assert response.redirect_chain == [(queue, 302)]
    page = response.content.decode()
    assert f"Putusan untuk {decided.code} tersimpan: " in page
    # The next case waiting for a decision is right there.
    assert waiting.code in page


def test_after_a_travel_ban_decision_the_supervisor_is_back_at_the_queue(
    office, intake_officer, supervisor, client_for
):
    from paspor.cases.models import TravelBanEntry
    from paspor.cases.tests.conftest import finish_intake

    TravelBanEntry.objects.create(full_name="Siti Aminah", birth_date=SITI.birth_date, reason="x")
    case = finish_intake(open_case(office, intake_officer), intake_officer)
    client = client_for(supervisor)
    client.post(reverse("cases:claim", args=[office.code, case.code]))
    response = client.post(
        _step(case, "cekal"),
        {"hold-decision": "clear", "hold-reason": "Nama ibu berbeda"},
        follow=True,
    )
    assert response.redirect_chain == [(reverse("cases:work_queue", args=[office.code]), 302)]
    assert f"Putusan cegah tangkal untuk {case.code} tersimpan: " in response.content.decode()


def test_a_step_posted_again_after_the_case_moved_on_is_a_conflict_naming_where_it_is(
    office, intake_officer, biometrics_officer, supervisor, head_of_office, client_for
):
    case = case_at(
        CaseStatus.AWAITING_SUPERVISOR,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    case_claim(case=case, by=supervisor)
    client = client_for(supervisor)
    decision = {"decision-decision": "approve", "decision-reason": ""}
    assert client.post(_step(case, "putusan"), decision).status_code == 302
    again = client.post(_step(case, "putusan"), decision)  # the second click
    assert again.status_code == 409
    case.refresh_from_db()
    status = CaseStatus(case.status).label
    assert f"Permohonan {case.code} sudah tidak pada langkah ini: statusnya kini “{status}”." in (
        again.content.decode()
    )
    # The intake officer's page left open: the case is long past intake.
    late = client_for(intake_officer).post(_step(case, "berkas-selesai"))
    assert late.status_code == 409 and "sudah tidak pada langkah ini" in late.content.decode()
    # Who works no step of a case at all is still refused.
    assert client_for(head_of_office).post(_step(case, "putusan"), decision).status_code == 403


@pytest.mark.parametrize(
    ("field", "typed", "said"),
    [
        ("full_name", "0000-00-00", "Nama harus berisi huruf, seperti tertulis di KTP."),
        ("birth_place", "12345", "Tempat lahir harus berisi huruf."),
    ],
)
def test_a_name_or_place_without_letters_is_said_at_its_field_on_the_intake_screen(
    office, intake_officer, client_for, field, typed, said
):
    case = open_case(office, intake_officer)
    refused = client_for(intake_officer).post(
        _step(case, "berkas"), intake_screen(**{f"data-{field}": typed})
    )
    body = refused.content.decode()
    assert refused.status_code == 400
    assert re.search(rf'id="id_data-{field}_error"[^>]*>\s*{re.escape(said)}', body)
    assert f'value="{typed}"' in body
    case.refresh_from_db()
    assert case.data_verified_at is None
