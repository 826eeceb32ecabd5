"""Signing in: two-step verification for senior roles, lockout after failures, idle timeout."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, sign_in, totp_code, totp_device_for
from paspor.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
LOGIN = "/akun/masuk/"
SETUP = "/akun/dua-langkah/"
VERIFY = "/akun/dua-langkah/verifikasi/"


def password_sign_in(user, client=None):
    client = client or Client()
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


# --- Two-step verification -------------------------------------------------------------------


def test_supervisor_without_device_is_sent_to_enrol_before_any_staff_page(supervisor, office):
    client = password_sign_in(supervisor)
    response = client.get(f"/permohonan/{office.code}/")
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)
    assert client.get(f"/api/cases/{office.code}/queue").status_code == 403


def test_enrolment_shows_a_qr_code_and_the_key_and_confirms_with_a_first_code(supervisor, office):
    client = password_sign_in(supervisor)
    page = client.get(SETUP).content.decode()
    assert "<svg" in page
    found = re.search(r'class="otp-secret">([A-Z2-7 ]+)<', page)
    assert found is not None
    secret = found.group(1)
    device = TOTPDevice.objects.get(user=supervisor, confirmed=False)
    assert secret.replace(" ", "") in device.config_url

    wrong = client.post(SETUP, {"code": "000000" if totp_code(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and "Kode tidak cocok" in wrong.content.decode()
    # A wrong code slows the next try down (1 s, then doubling): try again a little later.
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=3)):
        device.refresh_from_db()
        next_url = f"/permohonan/{office.code}/"
        done = client.post(SETUP, {"code": totp_code(device), "next": next_url})
    assert done.status_code == 302 and done["Location"] == f"/permohonan/{office.code}/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(f"/permohonan/{office.code}/").status_code == 200
    assert AuditEntry.objects.filter(event="auth.two_factor_enrolled").count() == 1


def test_enrolled_supervisor_must_give_a_code_at_each_sign_in(supervisor, office):
    device = totp_device_for(supervisor)
    client = password_sign_in(supervisor)
    response = client.get(f"/permohonan/{office.code}/")
    assert response["Location"].startswith(VERIFY)
    assert client.post(VERIFY, {"code": "12"}).status_code == 200  # malformed: asked again
    ok = client.post(VERIFY, {"code": totp_code(device)})
    assert ok.status_code == 302
    assert client.get(f"/permohonan/{office.code}/").status_code == 200


def test_a_used_code_cannot_be_replayed(supervisor):
    device = totp_device_for(supervisor)
    code = totp_code(device)
    first = password_sign_in(supervisor)
    assert first.post(VERIFY, {"code": code}).status_code == 302
    second = password_sign_in(supervisor)
    assert second.post(VERIFY, {"code": code}).status_code == 200


@pytest.mark.parametrize("persona", ["hq_user", "supervisor"])
def test_senior_roles_must_use_two_steps(persona, request):
    user = request.getfixturevalue(persona)
    client = password_sign_in(user)
    assert client.get("/petugas/")["Location"].startswith(SETUP)


def test_django_admin_needs_two_steps_for_a_superuser(db):
    from conftest import make_user

    admin = make_user("akar")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = password_sign_in(admin)
    assert client.get("/admin/")["Location"].startswith(SETUP)
    assert sign_in(Client(), admin).get("/admin/").status_code == 200


def test_two_steps_are_optional_for_an_intake_officer_until_enrolled(intake_officer, office):
    client = password_sign_in(intake_officer)
    assert client.get(f"/permohonan/{office.code}/").status_code == 200
    assert client.get(SETUP).status_code == 200  # offered
    totp_device_for(intake_officer)
    again = password_sign_in(intake_officer)
    assert again.get(f"/permohonan/{office.code}/")["Location"].startswith(VERIFY)


def test_applicants_are_not_asked_for_two_steps(applicant):
    applicant.email_verified = True
    applicant.save()
    client = Client()
    client.post(LOGIN, {"username": applicant.email, "password": PASSWORD})
    assert client.get("/booking/saya/").status_code == 200
    assert client.get(SETUP).status_code == 403


def test_verify_page_rejects_an_outside_next_url(supervisor):
    device = totp_device_for(supervisor)
    client = password_sign_in(supervisor)
    response = client.post(VERIFY, {"code": totp_code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/petugas/"


def test_a_password_alone_cannot_enrol_a_new_phone_in_place_of_the_owners(supervisor, office):
    owner_device = totp_device_for(supervisor)
    client = password_sign_in(supervisor)
    page = client.get(SETUP)
    assert page.status_code == 302 and page["Location"].startswith(VERIFY)
    assert not TOTPDevice.objects.filter(user=supervisor, confirmed=False).exists()
    posted = client.post(SETUP, {"code": "123456"})
    assert posted.status_code == 302 and posted["Location"].startswith(VERIFY)
    assert list(TOTPDevice.objects.filter(user=supervisor)) == [owner_device]
    assert client.get(f"/permohonan/{office.code}/")["Location"].startswith(VERIFY)


def test_after_the_owners_code_a_new_phone_replaces_the_old_one(supervisor):
    old = totp_device_for(supervisor)
    client = password_sign_in(supervisor)
    verified = client.post(VERIFY, {"code": totp_code(old), "next": SETUP})
    assert verified["Location"] == SETUP
    assert client.get(SETUP).status_code == 200
    new = TOTPDevice.objects.get(user=supervisor, confirmed=False)
    done = client.post(SETUP, {"code": totp_code(new)}, follow=True)
    assert "Verifikasi dua langkah aktif" in done.content.decode()
    assert list(TOTPDevice.objects.filter(user=supervisor)) == [new]


def test_the_code_page_says_when_the_next_try_is_allowed(supervisor):
    device = totp_device_for(supervisor)
    client = password_sign_in(supervisor)
    wrong = "000000" if totp_code(device) != "000000" else "111111"
    client.post(VERIFY, {"code": wrong})
    client.post(VERIFY, {"code": wrong})  # within the 1 s wait: refused without counting
    device.throttling_failure_count = 6  # the next try waits 32 s
    device.throttling_failure_timestamp = dt.datetime.now(dt.UTC)
    device.save()
    refused = client.post(VERIFY, {"code": totp_code(device)}).content.decode()
    assert re.search(r"Coba lagi setelah (3[0-2]) detik", refused), refused
    device.throttling_failure_count = 12  # 2 048 s: a clock time, and who can lift it
    device.save()
    later = client.post(VERIFY, {"code": totp_code(device)}).content.decode()
    assert "Coba lagi setelah pukul" in later and "administrator" in later


@pytest.mark.parametrize("layout", ["{} {}", "  {} {}  ", "{}{}"])
def test_a_code_typed_as_the_app_shows_it_signs_in(supervisor, layout):
    """Authenticator apps show "123 456": typed that way it is the same code, not a wrong one
    that doubles the wait for the next try."""
    device = totp_device_for(supervisor)
    client = password_sign_in(supervisor)
    code = totp_code(device)
    response = client.post(VERIFY, {"code": layout.format(code[:3], code[3:])})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_a_code_typed_as_shown_confirms_a_new_authenticator_too(intake_officer):
    client = password_sign_in(intake_officer)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=intake_officer, confirmed=False)
    code = totp_code(device)
    assert client.post(SETUP, {"code": f"{code[:3]} {code[3:]}"}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed


def test_digits_of_another_script_are_refused_without_costing_a_try(supervisor):
    """Only the digits 0-9 make a code: "١٢٣٤٥٦" is asked again at its field, not sent to the
    authenticator check as a wrong code."""
    device = totp_device_for(supervisor)
    client = password_sign_in(supervisor)
    eastern = "".join(chr(0x0660 + int(d)) for d in totp_code(device))
    body = client.post(VERIFY, {"code": eastern}).content.decode()
    assert "Masukkan 6 angka" in body
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_a_verified_session_is_not_asked_for_a_code_again(supervisor):
    client = sign_in(Client(), supervisor)
    response = client.get(f"{VERIFY}?next=/petugas/")
    assert response.status_code == 302 and response["Location"] == "/petugas/"


# --- The sign-in form --------------------------------------------------------------------------


def test_each_error_of_the_sign_in_form_is_read_with_its_field(client):
    """The inputs name their error in aria-describedby; the error carries that id."""
    body = client.post(LOGIN, {"username": "", "password": ""}).content.decode()
    targets = [i for ids in re.findall(r'aria-describedby="([^"]+)"', body) for i in ids.split()]
    assert set(targets) == {"id_username_error", "id_password_error"}
    for target in targets:
        assert f'id="{target}"' in body, target


@pytest.mark.parametrize("page", ["setup", "verify"])
def test_a_wrong_two_step_code_is_read_with_its_field(page, intake_officer, supervisor):
    if page == "setup":
        client, url = password_sign_in(intake_officer), SETUP
        client.get(SETUP)  # the pending device the code would confirm
    else:
        totp_device_for(supervisor)
        client, url = password_sign_in(supervisor), VERIFY
    body = client.post(url, {"code": "12"}).content.decode()
    assert re.findall(r'aria-describedby="([^"]+)"', body) == ["id_code_error"]
    assert 'id="id_code_error"' in body and "Masukkan 6 angka" in body


# --- Lockout -----------------------------------------------------------------------------------


def test_five_failures_lock_the_name_from_that_address_and_are_audited(intake_officer, settings):
    settings.AXES_FAILURE_LIMIT = 5
    client = Client(REMOTE_ADDR="10.0.0.7")
    for _ in range(4):
        response = client.post(LOGIN, {"username": intake_officer.username, "password": "salah"})
        assert response.status_code == 200
    fifth = client.post(LOGIN, {"username": intake_officer.username, "password": "salah"})
    assert fifth.status_code == 429
    refused = client.post(LOGIN, {"username": intake_officer.username, "password": PASSWORD})
    assert refused.status_code == 429
    body = refused.content.decode()
    assert "Terlalu banyak percobaan masuk yang gagal" in body and "30 menit" in body
    assert "_auth_user_id" not in client.session

    assert AuditEntry.objects.filter(event="auth.login_failed").count() == 4
    locked = AuditEntry.objects.filter(event="auth.locked_out")
    assert locked.count() == 2
    first = locked.earliest("seq")
    assert first.actor_label == intake_officer.username
    assert first.new["ip"] == "10.0.0.7"

    # Another address is not locked out for this name.
    password_sign_in(intake_officer, Client(REMOTE_ADDR="10.0.0.8"))


def test_the_lock_lifts_after_the_cool_off(intake_officer, settings):
    settings.AXES_FAILURE_LIMIT = 2
    start = dt.datetime(2026, 6, 10, 3, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        client = Client()
        for _ in range(2):
            client.post(LOGIN, {"username": intake_officer.username, "password": "salah"})
        good = {"username": intake_officer.username, "password": PASSWORD}
        assert client.post(LOGIN, good).status_code == 429
        traveller.shift(dt.timedelta(minutes=31))
        cache.clear()
        assert client.post(LOGIN, good).status_code == 302


# --- Idle timeout ------------------------------------------------------------------------------


def test_staff_session_ends_after_thirty_idle_minutes(intake_officer, office):
    start = dt.datetime(2026, 6, 10, 3, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        client = sign_in(Client(), intake_officer)
        page = f"/permohonan/{office.code}/"
        assert client.get(page).status_code == 200
        traveller.shift(dt.timedelta(minutes=29))
        assert client.get(page).status_code == 200  # activity keeps the session alive
        traveller.shift(dt.timedelta(minutes=29))
        assert client.get(page).status_code == 200
        traveller.shift(dt.timedelta(minutes=31))
        response = client.get(page)
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)
        assert client.get(page).status_code == 302  # signed out for good
        assert "_auth_user_id" not in client.session


def test_staff_api_answers_401_after_the_idle_timeout(intake_officer, office, settings):
    settings.STAFF_IDLE_TIMEOUT_MINUTES = 5
    start = dt.datetime(2026, 6, 10, 3, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        client = sign_in(Client(), intake_officer)
        assert client.get(f"/api/cases/{office.code}/queue").status_code == 200
        traveller.shift(dt.timedelta(minutes=6))
        response = client.get(f"/api/cases/{office.code}/queue")
    assert response.status_code == 401
    assert response.json() == {  # a code the client can act on: sign in again
        "detail": "Sesi berakhir. Silakan masuk kembali.",
        "code": "session_expired",
    }


def test_applicants_keep_their_normal_session(applicant):
    applicant.email_verified = True
    applicant.save()
    start = dt.datetime(2026, 6, 10, 3, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        client = sign_in(Client(), applicant)
        assert client.get("/booking/saya/").status_code == 200
        traveller.shift(dt.timedelta(hours=2))
        assert client.get("/booking/saya/").status_code == 200


def test_display_board_device_is_not_timed_out(display, office):
    start = dt.datetime(2026, 6, 10, 3, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        client = sign_in(Client(), display)
        assert client.get(f"/antrian/{office.code}/papan/").status_code == 200
        traveller.shift(dt.timedelta(hours=3))
        assert client.get(f"/antrian/{office.code}/papan/").status_code == 200


def test_a_kiosk_in_use_all_day_stays_signed_in_past_the_eight_hour_session(kiosk, office):
    start = dt.datetime(2026, 6, 10, 0, 0, tzinfo=dt.UTC)  # 07.00 in Ketapang
    page = f"/antrian/{office.code}/kios/"
    with time_machine.travel(start, tick=False) as traveller:
        client = sign_in(Client(), kiosk)
        for _hour in range(10):  # checked in hourly until 17.00
            traveller.shift(dt.timedelta(hours=1))
            assert client.get(page).status_code == 200
        # Unused past DEVICE_SESSION_HOURS (72): signed in again.
        traveller.shift(dt.timedelta(hours=73))
        response = client.get(page)
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_once_locked_every_further_attempt_gets_the_lockout_wait_not_a_shorter_one(
    intake_officer, settings
):
    """The sign-in rate limit (10 per name in 15 minutes) must not answer a locked name with
    a shorter wait than the lock's: the person would come back and still be locked."""
    settings.AXES_FAILURE_LIMIT = 5
    client = Client(REMOTE_ADDR="10.0.0.9")
    for _ in range(15):
        answer = client.post(LOGIN, {"username": intake_officer.username, "password": "salah"})
    assert answer.status_code == 429
    body = answer.content.decode()
    assert "30 menit" in body and "Coba lagi dalam" not in body
    assert answer["Retry-After"] == str(30 * 60)


def test_a_device_account_lands_on_its_own_screen_and_a_person_on_the_staff_home(
    kiosk, display, intake_officer, office
):
    from paspor.accounts.models import Role, StaffAssignment

    def landing(user):
        client = Client()
        response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
        return client.get(response["Location"])["Location"]

    assert landing(kiosk) == f"/antrian/{office.code}/kios/"
    assert landing(display) == f"/antrian/{office.code}/papan/"
    assert landing(intake_officer) == "/petugas/"
    # An account from before device accounts were kept apart (`staff_assign` now refuses it).
    StaffAssignment.objects.create(user=intake_officer, office=office, role=Role.KIOSK)
    assert landing(intake_officer) == "/petugas/"  # a person with a device role too
