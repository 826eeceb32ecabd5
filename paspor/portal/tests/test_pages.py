"""Public and staff pages, the language switch, sign-in and the demo office."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from conftest import PASSWORD, make_office
from paspor.accounts.models import StaffAssignment, User
from paspor.audit.services import audit_verify_all
from paspor.booking.demo import DEMO_APPLICANT_EMAIL
from paspor.booking.models import Booking, BookingStatus, Pool
from paspor.booking.selectors import DayState, day_state
from paspor.booking.services import booking_cancel
from paspor.offices.models import Counter, Office


@pytest.mark.django_db
def test_home_page_explains_the_service_in_indonesian(client, office):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'lang="id"' in body
    assert "paling lambat 3 hari kerja setelah pembayaran" in body
    assert office.name in body


@pytest.mark.django_db
def test_home_page_says_when_the_payment_day_counts(client, office, settings):
    default = client.get("/").content.decode()
    assert "dihitung sejak hari kerja berikutnya setelah pembayaran" in default
    settings.SLA_COUNT_PAYMENT_DAY = True
    body = client.get("/").content.decode()
    assert "dihitung sejak hari pembayaran bila hari kerja" in body
    assert "hari kerja berikutnya setelah pembayaran" not in body
    client.cookies["django_language"] = "en"
    english = client.get("/").content.decode()
    assert "counted from the day of payment when it is a working day" in english


@pytest.mark.django_db
def test_home_page_promises_what_the_settings_say(client, office, settings):
    settings.SLA_WORKING_DAYS = 5
    settings.ISSUANCE = {"cancel_after_days": 60}
    body = client.get("/").content.decode()
    assert "paling lambat 5 hari kerja setelah pembayaran" in body
    assert "Paspor selesai dalam 5 hari kerja" in body
    assert "paling lambat 60 hari" in body
    settings.SLA_WORKING_DAYS = 1
    client.cookies["django_language"] = "en"
    english = client.get("/").content.decode()
    assert "Passport ready within 1 working day" in english
    assert "within 1 working day after payment" in english


@pytest.mark.django_db
def test_home_page_switches_to_english(client, office):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    body = response.content.decode()
    assert 'lang="en"' in body
    assert "within 3 working days after payment" in body


@pytest.mark.django_db
def test_staff_home_redirects_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("portal:staff_home"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.django_db
def test_staff_home_refuses_an_applicant(client_for, applicant):
    assert client_for(applicant).get(reverse("portal:staff_home")).status_code == 403


@pytest.mark.django_db
def test_staff_home_lists_the_offices_of_the_officer_only(client_for, intake_officer, other_office):
    body = client_for(intake_officer).get(reverse("portal:staff_home")).content.decode()
    assert "Kantor Imigrasi Ketapang" in body
    assert other_office.name not in body


@pytest.mark.django_db
def test_staff_sign_in_with_username_and_applicant_with_email(client, intake_officer, applicant):
    response = client.post(
        reverse("accounts:login"), {"username": intake_officer.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(response["Location"]).url == reverse("portal:staff_home")
    client.logout()
    response = client.post(
        reverse("accounts:login"), {"username": "PEMOHON@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_wrong_password_gets_a_clear_indonesian_message(client, intake_officer):
    response = client.post(
        reverse("accounts:login"), {"username": intake_officer.username, "password": "salah"}
    )
    assert response.status_code == 200
    assert "kata sandi salah" in response.content.decode()


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_audited():
    call_command("seed_demo", "--no-history", stdout=io.StringIO())
    counts = (
        Office.objects.count(),
        Counter.objects.count(),
        User.objects.count(),
        StaffAssignment.objects.count(),
    )
    out = io.StringIO()
    call_command("seed_demo", "--no-history", stdout=out)
    assert counts == (
        Office.objects.count(),
        Counter.objects.count(),
        User.objects.count(),
        StaffAssignment.objects.count(),
    )
    assert counts[0] == 1 and counts[1] >= 5
    assert "loket" in out.getvalue() and "paspor-demo-2026" in out.getvalue()
    roles = set(StaffAssignment.objects.values_list("role", flat=True))
    assert roles == {
        "admin",
        "hq",
        "head",
        "supervisor",
        "intake",
        "biometrics",
        "print_qc",
        "handover",
        "kiosk",
        "display",
    }
    # Headquarters' demo account may put an office into service (docs/onboarding.md).
    pusat = User.objects.get(username="pusat")
    assert pusat.has_perms(["offices.add_office", "accounts.add_staffassignment"])
    assert not pusat.has_perm("offices.delete_office")
    assert audit_verify_all() == []


@pytest.mark.django_db
def test_seed_demo_books_the_demo_applicant_once_and_prints_his_login():
    out = io.StringIO()
    call_command("seed_demo", "--no-history", stdout=out)
    booking = Booking.objects.get(account__email=DEMO_APPLICANT_EMAIL)
    office = booking.office
    assert booking.status == BookingStatus.BOOKED and booking.pool == Pool.REGULAR
    assert day_state(office, booking.date)[0] == DayState.OPEN
    printed = out.getvalue()
    assert DEMO_APPLICANT_EMAIL in printed and booking.code in printed
    assert f"NIK KTP {booking.nik}" in printed  # the kiosk asks for it with the code
    # Started again, nothing more is booked, even after he cancelled.
    booking_cancel(booking=booking, by=booking.account)
    again = io.StringIO()
    call_command("seed_demo", "--no-history", stdout=again)
    assert Booking.objects.filter(account__email=DEMO_APPLICANT_EMAIL).count() == 1
    assert DEMO_APPLICANT_EMAIL in again.getvalue() and "Booking demo" not in again.getvalue()


@pytest.mark.django_db
def test_seed_demo_gives_the_booking_review_a_broker_to_look_at():
    from paspor.booking.demo import BROKER_ORIGIN, BROKER_PROFILES
    from paspor.booking.models import BookingFlag

    call_command("seed_demo", "--no-history", stdout=io.StringIO())
    broker = Booking.objects.filter(device=BROKER_ORIGIN.device, status=BookingStatus.BOOKED)
    assert broker.count() == len(BROKER_PROFILES) == 6
    flagged = {
        (flag.kind, flag.ident): flag.distinct_niks
        for flag in BookingFlag.objects.filter(office=broker[0].office)
    }
    assert flagged == {("device", BROKER_ORIGIN.device): 6, ("ip", BROKER_ORIGIN.ip): 6}
    # Started again, the broker books nothing more.
    call_command("seed_demo", "--no-history", stdout=io.StringIO())
    assert Booking.objects.filter(device=BROKER_ORIGIN.device).count() == 6


def test_missing_production_secret_stops_start_up_with_one_line():
    import os
    import subprocess
    import sys

    env = {**os.environ, "PASPOR_ENV": "production", "ALLOWED_HOSTS": "paspor.example"}
    env.pop("SECRET_KEY", None)
    env.pop("PYTEST_VERSION", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "Paspor configuration error: SECRET_KEY: wajib diisi (required) but is not set"
    ]


def test_malformed_value_names_the_variable():
    import os
    import subprocess
    import sys

    env = {**os.environ, "DEBUG": "kadang"}
    env.pop("PYTEST_VERSION", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "DEBUG: expected on/off" in result.stderr


@pytest.mark.django_db
def test_static_assets_are_served_from_the_repository(client):
    for path in (
        "/static/vendor/pico-2.1.1.min.css",
        "/static/vendor/htmx-2.0.11.min.js",
        "/static/css/paspor.css",
    ):
        response = client.get(path)
        assert response.status_code == 200, path


@pytest.mark.django_db
def test_staff_home_calls_only_national_roles_national(client_for, supervisor, hq_user):
    body = client_for(supervisor).get(reverse("portal:staff_home")).content.decode()
    general = body.split("<h2>")[1]
    # The bank simulator: no office's page, and not a promise of every office.
    assert general.startswith("Halaman umum")
    assert "Peran Anda" not in general  # the supervisor's role belongs to the office below

    body = client_for(hq_user).get(reverse("portal:staff_home")).content.decode()
    general = body.split("<h2>")[1]
    assert general.startswith("Nasional")
    assert "Kantor pusat" in general
    # Headquarters is promised the national rows it keeps, not the administrator's pages.
    assert "Administrasi pusat" in general and "Kalender libur nasional, tarif PNBP" in general
    assert "pengguna dan jejak audit" not in general


@pytest.mark.django_db
def test_staff_home_names_the_pages_of_no_office_general_pages_in_english(client_for, supervisor):
    client = client_for(supervisor)
    client.cookies["django_language"] = "en"
    general = client.get(reverse("portal:staff_home")).content.decode().split("<h2>")[1]
    assert general.startswith("General pages")
    assert "All offices" not in general


def test_the_language_switcher_returns_to_the_page_not_to_a_post_only_address(
    office, intake_officer, client_for
):
    """After a refusal shown at a POST-only address, switching language must not land on a
    405: it returns to the page the form was on (the Referer), or home without one."""
    from paspor.cases.tests.conftest import open_case

    case = open_case(office, intake_officer)
    client = client_for(intake_officer)
    page = reverse("cases:detail", args=[office.code, case.code])
    step = reverse("cases:step", args=[office.code, case.code, "berkas"])
    refused = client.post(step, {"finish": "1"}, HTTP_REFERER=f"http://testserver{page}")
    assert refused.status_code == 400
    assert f'name="next" type="hidden" value="{page}"' in refused.content.decode()
    elsewhere = client.post(step, {"finish": "1"}, HTTP_REFERER="https://example.org/x/")
    assert 'name="next" type="hidden" value="/"' in elsewhere.content.decode()
    on_get = client.get(page + "?tab=1")
    assert f'name="next" type="hidden" value="{page}?tab=1"' in on_get.content.decode()
    switched = client.post(reverse("set_language"), {"language": "en", "next": page})
    assert switched.status_code == 302 and switched["Location"] == page


@pytest.mark.django_db
def test_staff_home_leads_an_officer_to_turn_on_two_step_sign_in(client_for, intake_officer):
    """Optional for an intake officer (docs/security.md), and the staff home is the way to it."""
    setup = reverse("accounts:two_factor_setup")
    body = client_for(intake_officer).get(reverse("portal:staff_home")).content.decode()
    assert "Verifikasi dua langkah belum aktif." in body and f'href="{setup}"' in body


@pytest.mark.django_db
def test_staff_home_puts_the_days_overview_first_then_the_journey(client_for, head_of_office):
    body = client_for(head_of_office).get(reverse("portal:staff_home")).content.decode()
    order = [
        "Dasbor hari ini",
        "Booking hari ini",
        "Ringkasan antrean",
        "Pembayaran PNBP",
        "Cetak paspor",
        "Penyerahan paspor",
        "Indeks Kepuasan Masyarakat",
        "Log akses data pribadi",
    ]
    positions = [body.index(label) for label in order]
    assert positions == sorted(positions)


def test_staff_home_says_two_step_sign_in_is_on_and_offers_a_new_phone(client_for, supervisor):
    body = client_for(supervisor).get(reverse("portal:staff_home")).content.decode()
    assert "Verifikasi dua langkah aktif" in body and "Ganti ponsel autentikator" in body


@pytest.mark.django_db
def test_the_kiosk_is_not_offered_two_step_sign_in(client_for, kiosk):
    body = client_for(kiosk).get(reverse("portal:staff_home")).content.decode()
    assert "Keamanan akun" not in body


@pytest.mark.django_db
def test_staff_home_offers_two_step_sign_in_in_english(client_for, intake_officer):
    client = client_for(intake_officer)
    body = client.get(reverse("portal:staff_home"), {"bahasa": "en"}).content.decode()
    assert "Turn on two-step verification" in body


def test_headquarters_choose_one_office_at_a_time_once_there_are_many(client_for, hq_user):
    offices = [make_office(f"kantor{n}", name=f"Kantor Imigrasi Uji {n}") for n in range(6)]
    home = reverse("portal:staff_home")
    page = client_for(hq_user).get(home).content.decode()
    assert 'name="kantor"' in page
    assert all(f'<option value="{office.code}"' in page for office in offices)
    assert "<h2>Kantor Imigrasi Uji 3</h2>" not in page  # no section of every office at once
    chosen = client_for(hq_user).get(f"{home}?kantor=kantor3").content.decode()
    assert "<h2>Kantor Imigrasi Uji 3</h2>" in chosen
    assert "<h2>Kantor Imigrasi Uji 4</h2>" not in chosen
    assert '<option value="kantor3" selected>' in chosen


def test_an_officer_of_a_few_offices_sees_each_of_them(client_for, supervisor, office):
    page = client_for(supervisor).get(reverse("portal:staff_home")).content.decode()
    assert 'name="kantor"' not in page and f"<h2>{office.name}</h2>" in page


def test_headquarters_pick_an_office_by_province_then_city(client_for, hq_user):
    for n, (city, province) in enumerate(
        [
            ("Kota Pontianak", "Kalimantan Barat"),
            ("Kota Banda Aceh", "Aceh"),
            ("Kabupaten Sambas", "Kalimantan Barat"),
            ("Kabupaten Aceh Besar", "Aceh"),
            ("Kota Ambon", "Maluku"),
            ("Kabupaten Ketapang", "Kalimantan Barat"),
        ]
    ):
        office = make_office(f"kantor{n}", name=f"Kantor Imigrasi Uji {n}")
        Office.objects.filter(pk=office.pk).update(city=city, province=province)
    page = client_for(hq_user).get(reverse("portal:staff_home")).content.decode()
    picker = page[page.index('<select id="id_kantor"') : page.index("</select>")]
    assert re.findall(r'<optgroup label="([^"]+)"', picker) == [
        "Aceh",
        "Kalimantan Barat",
        "Maluku",
    ]
    # Aceh Besar, Banda Aceh; Ketapang, Pontianak, Sambas; Ambon.
    codes = re.findall(r'<option value="(kantor\d)"', picker)
    assert codes == ["kantor3", "kantor1", "kantor5", "kantor0", "kantor2", "kantor4"]


def test_the_icon_is_found_where_browsers_look_for_it(client):
    answer = client.get("/favicon.ico")
    assert answer.status_code == 302 and answer["Location"].endswith("/img/favicon.svg")


def test_the_admin_names_the_product(client_for, hq_user):
    page = client_for(hq_user).get("/admin/").content.decode()
    assert "Administrasi Paspor" in page and "Administrasi Django" not in page
    client = client_for(hq_user)
    client.cookies["django_language"] = "en"
    assert "Paspor administration" in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_a_page_opened_from_an_english_link_switches_back_to_indonesian(client, office):
    """`?bahasa=en` from an English message chooses English once; the switcher returns to the
    page without it, so choosing Indonesian sticks."""
    page = client.get("/?bahasa=en&x=1")
    assert page.context["language_next"] == "/?x=1"
    back = client.post("/i18n/setlang/", {"language": "id", "next": page.context["language_next"]})
    assert back["Location"] == "/?x=1"
    assert 'lang="id"' in client.get(back["Location"]).content.decode()


def test_the_switcher_after_a_form_returns_to_the_form_page_without_the_link_language():
    """On the answer to a form sent, the switcher returns to the page the form was on."""
    from django.test import RequestFactory

    from paspor.portal.context import language_next

    request = RequestFactory().post(
        "/booking/daftar/", HTTP_REFERER="http://testserver/pengaduan/?bahasa=en&y=2"
    )
    assert language_next(request) == "/pengaduan/?y=2"
