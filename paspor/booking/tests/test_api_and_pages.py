"""The JSON API and the pages around a booking: availability, proof, PDF, QR, staff lists."""

import datetime as dt

import pytest
from django.urls import reverse

from paspor.booking import services
from paspor.booking.models import Booking, BookingStatus, QuotaException
from paspor.booking.qr import qr_code, qr_matches_nik, qr_payload
from paspor.booking.tests.conftest import ADULT, DAY, make_profile, verified
from paspor.lib.errors import DomainError

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

ANSWERS = {"old_passport": "none", "passport_kind": "electronic"}


def api_token(client, email="pemohon@example.com"):
    from conftest import PASSWORD

    response = client.post(
        "/api/booking/token",
        {"email": email, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200
    return response.json()["token"]


def test_availability_is_public_and_counts_remaining_per_pool(client, office, sessions):
    response = client.get(f"/api/booking/availability/{office.code}/{DAY.isoformat()}")
    assert response.status_code == 200
    day = response.json()
    assert day["state"] == "open"
    assert [s["session"] for s in day["sessions"]] == ["08:00", "10:00", "13:00"]
    assert {p["pool"]: p["remaining"] for p in day["sessions"][0]["pools"]} == {
        "regular": 2,
        "priority": 1,
        "express": 1,
    }
    july = client.get(f"/api/booking/availability/{office.code}/2026-07-06").json()
    assert july["state"] == "not_released" and july["opens_at"].startswith("2026-06-30T09:00")


def test_an_office_code_that_cannot_exist_is_not_found_without_a_cache_lookup(
    client, office, monkeypatch
):
    from django.core.cache import cache

    looked: list[str] = []
    monkeypatch.setattr(cache, "get", lambda key, *a, **k: looked.append(key))
    for code in ["ketapang\u00a7", "a" * 21, "kantor ketapang", "%00"]:
        response = client.get(f"/api/booking/availability/{code}/{DAY.isoformat()}")
        assert response.status_code == 404, code
    assert not [key for key in looked if key.startswith("booking:office:")]


def test_a_chosen_day_without_seats_says_why(client, office, sessions):
    def grid(day: str) -> str:
        url = reverse("booking:availability", args=[office.code]) + f"?tanggal={day}"
        body: str = client.get(url).content.decode()
        return body[body.index('class="session-grid"') : body.index("</table>")]

    assert "Tutup (hari libur/tidak melayani)" in grid("2026-06-16")  # a holiday
    assert "Dibuka pada 30 Juni 2026 09.00 WIB" in grid("2026-07-01")  # not released yet
    assert "Belum ada sesi kedatangan." not in grid("2026-06-16")


def test_availability_page_without_signing_in(client, office, sessions):
    page = client.get(reverse("booking:availability", args=[office.code]) + "?tanggal=2026-06-15")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Sisa kuota" in body and "08.00–<wbr>10.00" in body  # the hours may break after the dash
    assert "Dibuka pada 30 Juni 2026 09.00 WIB" in body
    assert "Tutup (hari libur/tidak melayani)" in body  # 16 June
    # July is released at one moment: one row for the run of days, not one row per day.
    assert body.count("Dibuka pada 30 Juni 2026 09.00 WIB") == 1
    assert "Rab, 1 Jul –" in body
    assert "Hari libur dan akhir pekan di antaranya tetap tutup." in body
    client.cookies["django_language"] = "en"
    english = client.get(
        reverse("booking:availability", args=[office.code]) + "?tanggal=2026-06-15"
    )
    assert "Holidays and weekends in between stay closed." in english.content.decode()


def test_mobile_flow_with_a_token(client, applicant, office, sessions):
    verified(applicant)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token(client)}"}
    created = client.post(
        "/api/booking/profiles",
        {
            "nik": "6104011505900001",
            "full_name": "Budi Santoso",
            "sex": "M",
            "birth_date": "1990-05-15",
            "birth_place": "Ketapang",
        },
        content_type="application/json",
        **headers,
    )
    assert created.status_code == 201
    profile = created.json()["id"]
    booked = client.post(
        "/api/booking/bookings",
        {
            "profile": profile,
            "office": office.code,
            "date": DAY.isoformat(),
            "session": "10:00",
            "answers": ANSWERS,
        },
        content_type="application/json",
        **headers,
    )
    assert booked.status_code == 201
    booking = booked.json()
    assert booking["window_start"] == "10:00" and booking["application_type"] == "new_adult"
    assert [d["code"] for d in booking["documents"]] == ["ktp", "kk", "civil_record"]
    assert qr_matches_nik(booking["qr"], "6104011505900001")
    again = client.post(
        "/api/booking/bookings",
        {
            "profile": profile,
            "office": office.code,
            "date": DAY.isoformat(),
            "session": "08:00",
            "answers": ANSWERS,
        },
        content_type="application/json",
        **headers,
    )
    assert again.status_code == 409 and "booking aktif" in again.json()["detail"]
    mine = client.get("/api/booking/bookings", **headers).json()
    assert [b["code"] for b in mine] == [booking["code"]]
    pdf = client.get(f"/api/booking/bookings/{booking['code']}/proof.pdf", **headers)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    moved = client.post(
        f"/api/booking/bookings/{booking['code']}/reschedule",
        {"date": "2026-06-17", "session": "13:00"},
        content_type="application/json",
        **headers,
    )
    assert moved.status_code == 200 and moved.json()["reschedule_count"] == 1
    cancelled = client.post(f"/api/booking/bookings/{booking['code']}/cancel", **headers)
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"


def test_the_api_gives_nik_notes_in_the_callers_language(client, applicant):
    verified(applicant)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token(client)}"}
    profile = {
        "nik": "3602041211870001",  # a man born 12-11-1987
        "full_name": "Andi",
        "sex": "F",
        "birth_date": "1987-11-12",
        "birth_place": "Lebak",
    }
    made = client.post("/api/booking/profiles", profile, content_type="application/json", **headers)
    assert made.status_code == 201, made.content
    assert made.json()["nik_flags"] == [
        "Jenis kelamin pada NIK (laki-laki) berbeda dengan jenis kelamin yang dinyatakan "
        "(perempuan)."
    ]
    listed = client.get("/api/booking/profiles", HTTP_ACCEPT_LANGUAGE="en", **headers)
    assert listed.json()[0]["nik_flags"] == [
        "The sex in the NIK (male) differs from the stated sex (female)."
    ]


def test_bad_input_is_400_with_the_reason(client, applicant):
    verified(applicant)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token(client)}"}
    response = client.post(
        "/api/booking/profiles",
        {
            "nik": "123",
            "full_name": "X",
            "sex": "M",
            "birth_date": "1990-05-15",
            "birth_place": "K",
        },
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "NIK harus terdiri dari 16 angka, bukan 3."
    assert response.json()["code"].startswith("nik_")  # a code for programs, as with 409s


def test_the_api_refuses_a_phone_number_that_is_not_one(client, applicant):
    verified(applicant)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token(client)}"}
    profile = {
        "nik": "6104011505900001",
        "full_name": "Budi Santoso",
        "sex": "M",
        "birth_date": "1990-05-15",
        "birth_place": "Ketapang",
    }
    refused = client.post(
        "/api/booking/profiles",
        {**profile, "phone": "abc"},
        content_type="application/json",
        **headers,
    )
    assert refused.status_code == 400
    assert "nomor telepon Indonesia" in refused.json()["detail"]
    created = client.post(
        "/api/booking/profiles",
        {**profile, "phone": "0812-3456-7890"},
        content_type="application/json",
        **headers,
    )
    assert created.status_code == 201 and created.json()["phone"] == "+6281234567890"


def test_the_api_gives_a_cancelled_booking_no_qr_documents_or_pdf(client, booking, budi):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token(client)}"}
    active = client.get(f"/api/booking/bookings/{booking.code}", **headers).json()
    assert active["qr"] and active["documents"]
    services.booking_cancel(booking=booking, by=budi.account)
    shown = client.get(f"/api/booking/bookings/{booking.code}", **headers).json()
    assert shown["status"] == "cancelled" and shown["qr"] is None and shown["documents"] == []
    listed = client.get("/api/booking/bookings", **headers).json()
    assert listed[0]["qr"] is None
    pdf = client.get(f"/api/booking/bookings/{booking.code}/proof.pdf", **headers)
    assert pdf.status_code == 409
    assert "sudah tidak berlaku" in pdf.json()["detail"]


def test_wrong_password_gets_no_token_and_a_forged_token_is_refused(client, applicant):
    response = client.post(
        "/api/booking/token",
        {"email": "pemohon@example.com", "password": "salah"},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert client.get("/api/booking/bookings", HTTP_AUTHORIZATION="Bearer abc").status_code == 401


def test_questionnaire_endpoint_gives_type_and_documents(client):
    response = client.post(
        "/api/booking/questionnaire",
        {"birth_date": "2015-03-02", "on": "2026-06-15", "answers": {"old_passport": "lost"}},
        content_type="application/json",
    )
    body = response.json()
    assert body["application_type"] == "lost" and body["is_child"] is True
    assert "police_loss_report" in [d["code"] for d in body["documents"]]


def test_questionnaire_refuses_a_visit_before_the_birth_date(client):
    response = client.post(
        "/api/booking/questionnaire",
        {"birth_date": "2015-03-02", "on": "2015-03-01", "answers": {}},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["code"]) == (400, "on_before_birth")
    assert response.json()["detail"] == "Tanggal kunjungan tidak boleh sebelum tanggal lahir."


@pytest.mark.parametrize(("elderly_from", "eligible"), [(60, True), (65, False)])
def test_questionnaire_endpoint_uses_the_configured_elderly_age(
    client, settings, elderly_from, eligible
):
    # STANDARDS.md §7: 60 or over by default, some offices use 65; the threshold is a setting.
    settings.BOOKING_PRIORITY_ELDERLY_FROM = elderly_from
    response = client.post(
        "/api/booking/questionnaire",
        {"birth_date": "1963-06-15", "on": "2026-06-15", "answers": {"old_passport": "none"}},
        content_type="application/json",
    )
    assert response.json()["priority_eligible"] is eligible


def test_openapi_lists_the_booking_operations(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/booking/availability/{office}/{date}",
        "/api/booking/bookings",
        "/api/booking/bookings/{code}/reschedule",
        "/api/booking/bookings/{code}/cancel",
        "/api/booking/waitlist",
        "/api/booking/ballots/{office}/{date}/{pool}/entries",
        "/api/booking/token",
        "/api/booking/ping",
    ):
        assert path in paths


def test_qr_is_bound_to_the_nik():
    payload = qr_payload(code="ABCD234567", nik="6104011505900001")
    assert qr_code(payload) == "ABCD234567"
    assert qr_matches_nik(payload, "6104011505900001")
    assert not qr_matches_nik(payload, "6104011505900002")
    assert not qr_matches_nik("PASPOR1:ABCD234567:0000000000000000", "6104011505900001")


def test_proof_page_shows_code_qr_address_window_and_documents(client_for, booking, office):
    body = (
        client_for(booking.account)
        .get(reverse("booking:proof", args=[booking.code]))
        .content.decode()
    )
    assert booking.code in body
    assert '<svg viewBox="' in body  # the QR, scaled by the stylesheet as a whole
    assert office.address in body and "08.00–10.00 WIB" in body
    assert "KTP elektronik (e-KTP) asli" in body and "Kartu Keluarga (KK) asli" in body
    assert booking.nik not in body  # masked


def test_proof_pdf(client_for, booking):
    response = client_for(booking.account).get(reverse("booking:proof_pdf", args=[booking.code]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 2000


def test_staff_day_list_and_print(client_for, booking, intake_officer, office):
    client = client_for(intake_officer)
    page = client.get(reverse("booking:staff_day", args=[office.code]) + "?tanggal=2026-06-15")
    body = page.content.decode()
    assert booking.code in body and booking.nik in body and "Sesi 08.00–10.00" in body
    assert "Tandai tidak sah" not in body  # intake may look, not invalidate
    assert "1 menunggu kedatangan · 0 sudah hadir" in body
    printed = client.get(reverse("booking:staff_day_print", args=[office.code, "2026-06-15"]))
    paper = printed.content.decode()
    assert booking.code in paper and "Paraf" in paper
    # Applicants initial the printed list one after another: it shows no one's whole NIK.
    assert booking.nik not in paper
    assert f"{booking.nik[:4]}••••••••{booking.nik[-4:]}" in paper


def test_the_printed_list_leaves_out_bookings_nobody_will_come_for(
    client_for, booking, supervisor, office, sessions, lain
):
    from paspor.booking.tests.conftest import book

    other = book(lain, office, sessions[0])
    services.booking_invalidate(booking=booking, by=supervisor, reason="Calo")
    paper = (
        client_for(supervisor)
        .get(reverse("booking:staff_day_print", args=[office.code, "2026-06-15"]))
        .content.decode()
    )
    assert other.code in paper and booking.code not in paper
    assert "<td>1</td>" in paper and "<td>2</td>" not in paper  # one line, numbered 1


@pytest.mark.parametrize("asked", ["9999-12-31", "0001-01-01", "1999-12-31", "2026-02-30", "x"])
def test_a_day_list_date_outside_the_years_is_400_with_the_reason(
    client_for, intake_officer, office, asked
):
    response = client_for(intake_officer).get(
        reverse("booking:staff_day", args=[office.code]) + f"?tanggal={asked}"
    )
    assert response.status_code == 400
    assert "masukkan tanggal antara tahun 2000 dan 2099" in response.content.decode()


@pytest.mark.parametrize("asked", ["9999-12-31", "0001-01-01", "2026-02-30", "besok"])
def test_a_print_of_a_date_that_cannot_be_is_404_and_prints_no_list(
    client_for, booking, intake_officer, office, asked
):
    client = client_for(intake_officer)
    response = client.get(reverse("booking:staff_day_print", args=[office.code, asked]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "masukkan tanggal antara tahun 2000 dan 2099" in page
    assert "Paraf" not in page  # no attendance list to sign, of today or any day


def test_the_day_list_links_no_day_past_the_years_it_takes(client_for, intake_officer, office):
    client = client_for(intake_officer)
    url = reverse("booking:staff_day", args=[office.code])
    last = client.get(url + "?tanggal=2099-12-31").content.decode()
    assert "?tanggal=2099-12-30" in last and "?tanggal=2100-01-01" not in last
    first = client.get(url + "?tanggal=2000-01-01").content.decode()
    assert "?tanggal=2000-01-02" in first and "?tanggal=1999-12-31" not in first
    assert (
        client.get(reverse("booking:staff_day_print", args=[office.code, "2099-12-31"])).status_code
        == 200
    )


def test_staff_day_counts_arrived_applicants_apart_from_those_still_expected(
    client_for, booking, intake_officer, office
):
    Booking.objects.filter(pk=booking.pk).update(status=BookingStatus.CHECKED_IN)
    body = (
        client_for(intake_officer)
        .get(reverse("booking:staff_day", args=[office.code]) + "?tanggal=2026-06-15")
        .content.decode()
    )
    assert "0 menunggu kedatangan · 1 sudah hadir" in body and booking.code in body


def test_invalid_without_reason_is_400_and_keeps_the_booking(
    client_for, booking, supervisor, office
):
    response = client_for(supervisor).post(
        reverse("booking:staff_invalidate", args=[office.code, booking.code]), {"reason": ""}
    )
    assert response.status_code == 400
    booking.refresh_from_db()
    assert booking.status == "booked"


def test_a_reason_longer_than_the_record_keeps_is_said_and_kept_in_its_open_form(
    client_for, booking, supervisor, office
):
    reason = "Calo menjual kursi ini. " * 30  # 720 characters
    response = client_for(supervisor).post(
        reverse("booking:staff_invalidate", args=[office.code, booking.code]), {"reason": reason}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "500" in page and "Alasan wajib diisi" not in page  # the length, not "missing"
    assert "<details open><summary>" in page.replace("\n", "")
    assert "Calo menjual kursi ini. Calo" in page and 'maxlength="500"' in page
    booking.refresh_from_db()
    assert booking.status == "booked"


def test_supervisor_sets_a_quota_exception_on_the_quota_page(
    client_for, supervisor, office, sessions
):
    response = client_for(supervisor).post(
        reverse("booking:staff_quota", args=[office.code]),
        {
            "date": "2026-06-19",
            "session": "08:00",
            "pool": "regular",
            "capacity": "0",
            "reason": "Rapat",
        },
    )
    assert response.status_code == 302
    assert QuotaException.objects.get(date=dt.date(2026, 6, 19)).capacity == 0
    both = client_for(supervisor).post(
        reverse("booking:staff_quota", args=[office.code]),
        {
            "weekday": "0",
            "date": "2026-06-19",
            "session": "08:00",
            "pool": "regular",
            "capacity": "3",
        },
    )
    assert both.status_code == 400


def test_a_quota_reason_longer_than_the_record_keeps_is_400_and_kept_in_the_form(
    client_for, supervisor, office, sessions
):
    reason = "Jemput bola di kecamatan. " * 12  # 300 characters; the record keeps 200
    response = client_for(supervisor).post(
        reverse("booking:staff_quota", args=[office.code]),
        {
            "date": "2026-06-19",
            "session": "08:00",
            "pool": "regular",
            "capacity": "5",
            "reason": reason,
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'maxlength="200"' in page and reason.strip() in page
    assert 'value="5"' in page and 'value="2026-06-19"' in page
    assert not QuotaException.objects.exists()
    with pytest.raises(DomainError) as refused:  # the service says it too, to any caller
        services.quota_exception_set(
            office=office,
            day=dt.date(2026, 6, 19),
            session=sessions[0],
            pool="regular",
            capacity=5,
            reason=reason,
            by=supervisor,
        )
    assert refused.value.code == "quota_reason"


@pytest.mark.parametrize(
    "action,field", [("exception_remove", "exception"), ("session_retire", "session")]
)
def test_a_row_id_in_other_digits_is_not_found_not_a_crash(
    client_for, supervisor, office, sessions, action, field
):
    response = client_for(supervisor).post(
        reverse("booking:staff_quota", args=[office.code]), {"action": action, field: "²"}
    )
    assert response.status_code == 404


def test_full_session_on_the_page_is_409_with_the_reason(
    client_for, office, sessions, budi, applicant
):
    client = client_for(budi.account)
    session = client.session
    session["booking_draft"] = {"profile": str(budi.public_id), "answers": ADULT.to_dict()}
    session.save()
    for serial in (8, 9):
        other = make_profile(applicant, serial)
        services.booking_create(
            account=applicant,
            profile=other,
            office=office,
            day=DAY,
            session=sessions[0],
            pool="regular",
            answers=ADULT,
        )
    response = client.post(
        reverse("booking:choose"),
        {"office": office.code, "date": "2026-06-15", "slot": "08:00|regular"},
    )
    assert response.status_code == 409
    assert "Kuota sesi ini sudah habis" in response.content.decode()
    assert not Booking.objects.filter(profile=budi).exists()


def test_the_session_page_tells_who_the_priority_pool_is_for_with_the_configured_ages(
    client_for, office, sessions, budi, settings
):
    settings.BOOKING_PRIORITY_ELDERLY_FROM = 65
    client = client_for(budi.account)
    session = client.session
    session["booking_draft"] = {"profile": str(budi.public_id), "answers": ADULT.to_dict()}
    session.save()
    page = client.get(reverse("booking:choose") + f"?office={office.code}&tanggal=2026-06-15")
    assert page.status_code == 200
    assert "anak di bawah 5 tahun, lansia 65 tahun ke atas" in page.content.decode()


PROFILE = {
    "nik": "6104011505900001",
    "full_name": "Budi Santoso",
    "sex": "M",
    "birth_date": "1990-05-15",
    "birth_place": "Ketapang",
}


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"sex": "female"}, "sex", "harus salah satu dari: 'M', 'F'"),
        ({"sex": "X"}, "sex", "harus salah satu dari: 'M', 'F'"),
        ({"full_name": "B" * 201}, "full_name", "terlalu panjang (paling banyak 200 karakter)"),
        ({"full_name": "   "}, "full_name", "wajib diisi"),
        ({"full_name": "Budi\x00Santoso"}, "full_name", "tidak boleh berisi karakter kendali"),
        ({"birth_place": "K" * 101}, "birth_place", "terlalu panjang (paling banyak 100 karakter)"),
        ({"phone": "0" * 31}, "phone", "terlalu panjang (paling banyak 30 karakter)"),
    ],
)
def test_a_profile_the_form_would_refuse_is_a_422_naming_the_field_and_nothing_is_kept(
    client, applicant, change, field, words
):
    verified(applicant)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token(client)}"}
    refused = client.post(
        "/api/booking/profiles",
        {**PROFILE, **change},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="id",
        **headers,
    )
    assert refused.status_code == 422
    assert refused.json()["message"] == f"Isian tidak sah: {field} {words}."
    assert not applicant.profiles.exists()


def test_the_profile_service_itself_refuses_a_sex_the_ktp_does_not_have(applicant):
    from paspor.lib.errors import DomainError

    with pytest.raises(DomainError) as refused:
        services.profile_add(
            account=applicant,
            nik=PROFILE["nik"],
            full_name=PROFILE["full_name"],
            sex="X",
            birth_date=dt.date(1990, 5, 15),
            birth_place=PROFILE["birth_place"],
        )
    assert refused.value.code == "sex"
    assert not applicant.profiles.exists()


def test_names_are_kept_without_surrounding_spaces_and_bounds_are_in_the_openapi(client, applicant):
    verified(applicant)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token(client)}"}
    made = client.post(
        "/api/booking/profiles",
        {**PROFILE, "full_name": "  Budi Santoso  "},
        content_type="application/json",
        **headers,
    )
    assert made.status_code == 201 and made.json()["full_name"] == "Budi Santoso"
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    name = schemas["ProfileIn"]["properties"]["full_name"]
    assert (name["minLength"], name["maxLength"]) == (1, 200)
    assert "F" in str(schemas["ProfileIn"]["properties"]["sex"]) or "Sex" in schemas


@pytest.mark.parametrize("day", ["0001-01-01", "0001-01-02", "9999-12-31"])
def test_a_date_at_either_end_of_the_calendar_is_refused_not_a_crash(client, office, sessions, day):
    """Year 1 was answered with an opening time at the office's local mean time (+07:07:12),
    which an ISO 8601 reader refuses; no one books outside 2000–2099."""
    response = client.get(f"/api/booking/availability/{office.code}/{day}")
    assert response.status_code == 422
    assert response.json()["message"].startswith("Isian tidak sah: date harus paling")


@pytest.mark.parametrize("day", ["2000-01-03", "2099-12-31"])
def test_a_date_at_either_end_of_the_bookable_years_is_answered(client, office, sessions, day):
    response = client.get(f"/api/booking/availability/{office.code}/{day}")
    assert response.status_code == 200
    assert response.json()["state"] in {"past", "closed", "not_released"}


def test_another_accounts_profile_or_booking_is_a_404_naming_what_was_not_found(
    client, applicant, other_applicant, booking
):
    import uuid

    verified(other_applicant)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token(client, other_applicant.email)}"}
    refused = client.post(
        "/api/booking/bookings",
        {
            "profile": str(booking.profile.public_id),  # the first applicant's
            "office": booking.office.code,
            "date": booking.date.isoformat(),
            "session": "x",
            "answers": ANSWERS,
        },
        content_type="application/json",
        **headers,
    )
    assert refused.status_code == 404 and refused.json()["code"] == "profile_not_found"
    unknown = client.delete(f"/api/booking/profiles/{uuid.uuid4()}", **headers)
    assert unknown.status_code == 404 and unknown.json()["code"] == "profile_not_found"
    theirs = client.get(f"/api/booking/bookings/{booking.code}", **headers)
    none = client.get("/api/booking/bookings/TIDAKADA00", **headers)
    assert theirs.status_code == none.status_code == 404
    assert (
        theirs.json()
        == none.json()
        == {
            "detail": "Booking ini tidak ada di akun Anda.",
            "code": "booking_not_found",
        }
    )
