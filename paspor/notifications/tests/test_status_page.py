"""The public status page: the journey in plain words, nothing personal, guessing refused."""

import datetime as dt
import re

import pytest
import time_machine

from conftest import make_office
from paspor.cases.models import CaseStatus
from paspor.cases.services import case_transition
from paspor.notifications.tests.factories import make_booking, make_case, make_profile

pytestmark = pytest.mark.django_db
BIRTH = dt.date(1990, 8, 17)
URL = "/notifikasi/status/"
API = "/api/notifications/status"


@pytest.fixture
def case(office, intake_officer, applicant):
    booking = make_booking(office, make_profile(applicant, birth_date=BIRTH), code="BKSITI01")
    case = make_case(
        office,
        intake_officer,
        booking=booking,
        nik="6104015708900001",
        phone="081299998888",
        birth_place="Sukadana",
    )
    for status in (CaseStatus.BIOMETRICS, CaseStatus.INTERVIEW, CaseStatus.AWAITING_SUPERVISOR):
        case = case_transition(case=case, to=status, by=intake_officer)
    return case_transition(
        case=case,
        to=CaseStatus.DEFERRED,
        by=intake_officer,
        reason="Akta kelahiran belum dibawa",
        data={"missing": ["Akta kelahiran asli"], "deadline": "2026-04-10"},
    )


def lookup(client, code, birth=BIRTH, ip="10.0.0.1"):
    return client.post(URL, {"code": code, "birth_date": birth.isoformat()}, REMOTE_ADDR=ip)


def test_case_code_and_birth_date_show_the_timeline_next_step_and_what_to_bring(client, case):
    response = lookup(client, case.code)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ditangguhkan" in page
    assert "Foto dan sidik jari diambil; berikutnya wawancara." in page
    assert "Wawancara selesai; permohonan menunggu keputusan supervisor." in page
    assert "Bawa berkas yang kurang ke kantor paling lambat 10 April 2026." in page
    assert "Akta kelahiran asli" in page
    assert "10 April 2026" in page


def test_the_booking_code_finds_the_case_too(client, case):
    response = lookup(client, "bksiti01")
    assert "Ditangguhkan" in response.content.decode()


def test_nothing_more_personal_than_the_status_is_shown(client, case):
    page = lookup(client, case.code).content.decode()
    for private in (case.full_name, case.nik, case.email, case.phone, case.birth_place, "1990"):
        assert private not in page
    data = client.post(
        API, {"code": case.code, "birth_date": BIRTH.isoformat()}, content_type="application/json"
    ).json()
    text = str(data)
    for private in (case.full_name, case.nik, case.email, case.phone, case.birth_place):
        assert private not in text
    assert set(data) == {
        "code",
        "office",
        "status",
        "kind",
        "state",
        "steps",
        "next_step",
        "due_date",
        "deadline",
        "bring",
        "visit_date",
        "visit_window",
    }


def test_a_wrong_birth_date_looks_exactly_like_an_unknown_code(client, case):
    wrong = lookup(client, case.code, birth=dt.date(1991, 1, 1)).content.decode()
    unknown = lookup(client, "TIDAKADA99").content.decode()
    strip = lambda page: page.split('name="csrfmiddlewaretoken"')[0]  # noqa: E731
    assert "tidak cocok" in wrong and "Ditangguhkan" not in wrong
    assert strip(wrong).replace(case.code, "X") == strip(unknown).replace("TIDAKADA99", "X")


def test_guessing_one_code_is_refused_after_five_failures_with_retry_after(client, case):
    for attempt in range(5):
        assert (
            lookup(
                client, case.code, birth=dt.date(1980, 1, attempt + 1), ip=f"10.0.1.{attempt}"
            ).status_code
            == 200
        )
    refused = lookup(client, case.code, ip="10.0.2.1")  # even the right date, from a new address
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Terlalu banyak permintaan. Coba lagi dalam " in refused.content.decode()


def test_one_address_is_refused_after_twenty_lookups(client, case):
    for number in range(20):
        assert lookup(client, f"KODE{number:04d}").status_code == 200
    refused = lookup(client, case.code)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert lookup(client, case.code, ip="10.9.9.9").status_code == 200


def test_the_api_answers_404_for_a_mismatch_and_429_when_limited(client, case):
    for number in range(5):
        response = client.post(
            API,
            {"code": case.code, "birth_date": f"2000-01-0{number + 1}"},
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="en" if number else "id",
        )
        assert response.status_code == 404
        assert response.json()["detail"] == (
            "The code or the date of birth does not match."
            if number
            else "Kode atau tanggal lahir tidak cocok."
        )
    response = client.post(
        API, {"code": case.code, "birth_date": BIRTH.isoformat()}, content_type="application/json"
    )
    assert response.status_code == 429 and int(response["Retry-After"]) > 0


@time_machine.travel("2026-11-30 03:00 +00:00", tick=False)
@pytest.mark.parametrize(
    ("birth_date", "said"),
    [
        ("2026-12-01", "Tanggal lahir tidak boleh di masa depan."),
        ("1890-08-17", "Tanggal lahir lebih dari 130 tahun yang lalu; periksa tahun lahir."),
    ],
)
def test_the_api_refuses_a_birth_date_nobody_can_have_with_400_and_counts_no_guess(
    client, office, applicant, birth_date, said
):
    make_booking(office, make_profile(applicant, birth_date=BIRTH), code="BKSITI01")
    for _attempt in range(6):  # more than the five misses one code is allowed
        refused = client.post(
            API, {"code": "BKSITI01", "birth_date": birth_date}, content_type="application/json"
        )
        assert refused.status_code == 400
        assert refused.json() == {"detail": said, "code": "birth_date"}
    found = client.post(
        API, {"code": "BKSITI01", "birth_date": BIRTH.isoformat()}, content_type="application/json"
    )
    assert found.status_code == 200
    assert found.json()["status"] == "Terjadwal"


@pytest.mark.parametrize(
    ("code", "said"),
    [
        ("BKSITI\x0001", "code tidak boleh berisi karakter kendali"),
        ("B" * 21, "code terlalu panjang (paling banyak 20 karakter)"),
        ("  ", "code wajib diisi"),
    ],
)
def test_the_api_refuses_a_code_the_form_refuses_before_the_lookup(client, case, code, said):
    # PostgreSQL cannot take a NUL in a query: refused like any other malformed field.
    refused = client.post(
        API, {"code": code, "birth_date": BIRTH.isoformat()}, content_type="application/json"
    )
    assert refused.status_code == 422 and said in refused.json()["message"]
    form = lookup(client, code)
    assert form.status_code == 400


def test_the_api_documents_its_400_for_an_impossible_birth_date(client):
    operation = client.get("/api/openapi.json").json()["paths"][API]["post"]
    assert "400 `birth_date`" in operation["description"]
    assert "400" in operation["responses"]


def test_a_booking_without_a_case_shows_the_visit_and_the_documents(client, office, applicant):
    make_booking(
        office, make_profile(applicant, birth_date=BIRTH), code="BKBARU01", day=dt.date(2026, 3, 10)
    )
    page = lookup(client, "BKBARU01").content.decode()
    assert "Terjadwal" in page and "10 Maret 2026" in page and "08.00–10.00 WIB" in page
    assert "Kartu Keluarga" in page  # from the same document list as the service standard


def test_a_ready_passport_shows_the_pickup_deadline_and_what_to_bring(
    client, office, intake_officer
):
    case = make_case(office, intake_officer, status=CaseStatus.QC_PASSED)
    case_transition(case=case, to=CaseStatus.READY_FOR_PICKUP, by=intake_officer)
    page = lookup(client, case.code).content.decode()
    assert "Siap diambil" in page and "KTP asli" in page and "Bukti pembayaran" in page


def test_the_status_page_is_public_and_answers_get_and_post(client):
    assert client.get(URL).status_code == 200
    assert client.post(URL, {"code": "", "birth_date": "x"}).status_code == 400  # at the fields
    assert client.put(URL).status_code == 405


def test_each_error_of_the_form_is_read_with_its_field(client):
    body = client.post(URL, {"code": "", "birth_date": "bukan tanggal"}).content.decode()
    targets = [i for ids in re.findall(r'aria-describedby="([^"]+)"', body) for i in ids.split()]
    assert set(targets) == {"id_code_error", "id_birth_date_error"}
    for target in targets:
        assert f'id="{target}"' in body, target


def test_the_history_gives_its_times_on_the_offices_clock_and_names_the_zone(
    client, intake_officer
):
    makassar = make_office("makassar", tz="Asia/Makassar")
    with time_machine.travel("2026-11-29 16:26 +00:00"):  # 30 November, 00.26 in Makassar
        case = make_case(makassar, intake_officer)
    with time_machine.travel("2026-11-30 01:05 +00:00"):
        case_transition(case=case, to=CaseStatus.BIOMETRICS, by=intake_officer)
    page = lookup(client, case.code).content.decode()
    history = page[page.index('class="timeline"') :]
    assert "30 Nov 2026 00.26 WITA" in history and "30 Nov 2026 09.05 WITA" in history
    assert re.search(r'datetime="2026-11-30T00:26:00[.0-9]*\+08:00"', history)


def test_a_bookings_history_names_its_offices_zone_too(client, applicant):
    jayapura = make_office("jayapura", tz="Asia/Jayapura")
    with time_machine.travel("2026-03-01 01:00 +00:00"):
        make_booking(jayapura, make_profile(applicant, birth_date=BIRTH), code="BKPAPUA1")
    page = lookup(client, "BKPAPUA1").content.decode()
    assert "1 Mar 2026 10.00 WIT" in page[page.index('class="timeline"') :]


def test_a_billed_case_links_to_its_billing_code_and_the_link_opens_without_asking_again(
    client, office, intake_officer, supervisor
):
    from paspor.cases.models import Case
    from paspor.payments.services import bill_issue_for_case, fee_schedule_ensure_defaults

    fee_schedule_ensure_defaults()
    case = make_case(office, intake_officer, nik="6104015708900001", birth_date=BIRTH)
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.APPROVED)
    code = bill_issue_for_case(case=Case.objects.get(pk=case.pk), by=supervisor)
    page = lookup(client, case.code).content.decode()
    payment_page = f"/pembayaran/status/{case.code}/"
    assert f'href="{payment_page}"' in page
    assert "Lihat kode billing dan cara membayar" in page
    opened = client.get(payment_page)
    assert opened.status_code == 200
    assert code.code[:5] in opened.content.decode()


def test_before_the_bill_there_is_no_payment_link(client, case):
    page = lookup(client, case.code).content.decode()
    assert "/pembayaran/status/" not in page
    assert client.get(f"/pembayaran/status/{case.code}/").status_code != 200


def test_behind_the_proxy_each_applicant_is_counted_by_their_own_address(client, case, settings):
    """With BOOKING_TRUST_X_FORWARDED_FOR (deploy/nginx), every request comes from the proxy:
    the status page counts the X-Forwarded-For address, as the booking limits do, so twenty
    lookups by one person do not lock out the whole office's public."""
    settings.BOOKING_TRUST_X_FORWARDED_FOR = True

    def behind_proxy(code, applicant):
        return client.post(
            URL,
            {"code": code, "birth_date": BIRTH.isoformat()},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=applicant,
        )

    for number in range(20):
        assert behind_proxy(f"KODE{number:04d}", "203.0.113.7").status_code == 200
    assert behind_proxy(case.code, "203.0.113.7").status_code == 429
    assert behind_proxy(case.code, "198.51.100.20").status_code == 200


def test_in_english_the_history_writes_the_clock_with_a_colon(client, applicant):
    jayapura = make_office("jayapura", tz="Asia/Jayapura")
    with time_machine.travel("2026-03-01 01:00 +00:00"):
        make_booking(jayapura, make_profile(applicant, birth_date=BIRTH), code="BKPAPUA2")
    client.cookies["django_language"] = "en"
    page = lookup(client, "BKPAPUA2").content.decode()
    assert "1 Mar 2026 10:00 WIT" in page[page.index('class="timeline"') :]


@pytest.mark.parametrize(
    ("ticket_status", "said"),
    [
        ("waiting", "Anda sudah hadir; permohonan dibuka di loket."),
        ("done", "Kunjungan Anda selesai tanpa permohonan paspor."),
        ("expired", "Kunjungan Anda selesai tanpa permohonan paspor."),
        ("no_show", "dilewati karena tidak hadir saat dipanggil"),
    ],
)
def test_a_checked_in_booking_without_an_application_says_where_the_visit_stands(
    client, office, applicant, ticket_status, said
):
    from paspor.notifications.tests.factories import make_ticket

    booking = make_booking(
        office, make_profile(applicant, birth_date=BIRTH), code="BKHADIR1", status="checked_in"
    )
    make_ticket(office, number=1, day=booking.date, booking=booking, status=ticket_status)
    page = lookup(client, "BKHADIR1").content.decode()
    assert said in page
    if ticket_status != "waiting":
        assert "permohonan dibuka di loket" not in page


def test_a_junk_code_and_a_future_birth_date_are_said_together_at_their_fields(client):
    response = client.post(URL, {"code": "@@!!", "birth_date": "2099-01-01"})
    assert response.status_code == 400
    body = response.content.decode()
    code_error = body[body.index('<div id="id_code_error">') :].split("</div>")[0]
    assert "Kode hanya berisi huruf dan angka." in code_error
    date_error = body[body.index('<div id="id_birth_date_error">') :].split("</div>")[0]
    assert "Tanggal lahir tidak boleh di masa depan." in date_error
    assert 'value="@@!!"' in body and 'value="2099-01-01"' in body  # kept as typed


def test_a_code_typed_with_spaces_is_still_looked_up(client, case):
    spaced = f"{case.code[:4]} {case.code[4:]}".lower()
    assert "Ditangguhkan" in lookup(client, spaced).content.decode()


def test_in_english_a_junk_code_is_said_in_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.post(URL, {"code": "ab/cd", "birth_date": "1990-08-17"}).content.decode()
    assert "A code has only letters and digits." in body
