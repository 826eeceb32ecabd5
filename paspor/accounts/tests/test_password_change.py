"""A password someone else typed is replaced by its owner before anything else; everyone can
change their own password."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from paspor.accounts.models import User
from paspor.accounts.tests.test_admin_staff_setup import PASSWORD as FIRST_PASSWORD
from paspor.accounts.tests.test_admin_staff_setup import new_account
from paspor.audit.models import AuditEntry
from paspor.cases.tests.test_staff_accessibility import described
from paspor.offices.tests.conftest import grant_setup_permissions

pytestmark = pytest.mark.django_db
CHANGE = "/akun/ganti-sandi/"
NEW = "sandi-baru-milik-sendiri-7"


@pytest.fixture
def setup_client(client_for, hq_user):
    return client_for(grant_setup_permissions(hq_user))


def signed_in(username: str, password: str = PASSWORD) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client


def test_an_account_made_in_the_admin_changes_its_password_before_anything_else(
    setup_client, office
):
    data = new_account(
        "ktp.loket9", assignments=[{"office": office.pk, "role": "intake", "is_active": "on"}]
    )
    assert setup_client.post(reverse("admin:accounts_user_add"), data).status_code == 302
    made = User.objects.get(username="ktp.loket9")
    assert made.password_change_required

    officer = signed_in("ktp.loket9", FIRST_PASSWORD)
    home = officer.get("/petugas/")
    assert home.status_code == 302 and home["Location"].startswith(CHANGE + "?next=")
    refused = officer.get("/api/cases/ketapang/queue")
    assert refused.status_code == 403 and refused.json()["code"] == "password_change_required"
    page = officer.get(CHANGE).content.decode()
    assert "Kata sandi akun ini dibuat oleh orang lain" in page

    done = officer.post(
        CHANGE + "?next=/petugas/",
        {"current": FIRST_PASSWORD, "password": NEW, "password_again": NEW, "next": "/petugas/"},
    )
    assert done.status_code == 302 and done["Location"] == "/petugas/"
    assert officer.get("/petugas/").status_code == 200
    account = User.objects.get(username="ktp.loket9")
    assert not account.password_change_required and account.check_password(NEW)
    assert AuditEntry.objects.filter(event="account.password_changed", actor=account).count() == 1


def test_a_password_set_in_the_admin_is_replaced_at_the_next_sign_in(
    client_for, admin_user, intake_officer
):
    admin = client_for(admin_user)
    url = reverse("admin:auth_user_password_change", args=[intake_officer.pk]).replace(
        "auth/user", "accounts/user"
    )
    typed = "diketik-admin-42x"
    response = admin.post(url, {"password1": typed, "password2": typed, "usable_password": "true"})
    assert response.status_code == 302, response.content.decode()[:3000]
    intake_officer.refresh_from_db()
    assert intake_officer.password_change_required
    officer = signed_in(intake_officer.username, typed)
    assert officer.get("/petugas/")["Location"].startswith(CHANGE)


def test_the_current_password_proves_it_is_the_owner(intake_officer):
    officer = signed_in(intake_officer.username)
    wrong = officer.post(
        CHANGE, {"current": "bukan-ini-123", "password": NEW, "password_again": NEW}
    )
    assert wrong.status_code == 400
    assert "Kata sandi sekarang salah." in wrong.content.decode()
    weak = officer.post(
        CHANGE, {"current": PASSWORD, "password": "12345678", "password_again": "12345678"}
    )
    assert weak.status_code == 400
    intake_officer.refresh_from_db()
    assert intake_officer.check_password(PASSWORD)
    assert not AuditEntry.objects.filter(event="account.password_changed").exists()


def test_a_new_password_ends_the_other_sessions_and_keeps_this_one(applicant):
    phone, laptop = signed_in(applicant.email), signed_in(applicant.email)
    done = laptop.post(CHANGE, {"current": PASSWORD, "password": NEW, "password_again": NEW})
    assert done.status_code == 302 and done["Location"] == reverse("booking:my_bookings")
    assert SESSION_KEY in laptop.session
    assert laptop.get(CHANGE).status_code == 200
    assert phone.get(CHANGE)["Location"].startswith("/akun/masuk/")  # signed out


def test_an_anonymous_visitor_is_sent_to_sign_in():
    response = Client().get(CHANGE)
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")


def test_guessing_the_current_password_stops_after_five_wrong_tries(intake_officer):
    officer = signed_in(intake_officer.username)
    guess = {"current": "tebakan-salah-1", "password": NEW, "password_again": NEW}
    for _ in range(5):
        assert officer.post(CHANGE, guess).status_code == 400
    right = {"current": PASSWORD, "password": NEW, "password_again": NEW}
    refused = officer.post(CHANGE, right)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    intake_officer.refresh_from_db()
    assert intake_officer.check_password(PASSWORD)


def test_guesses_sent_at_once_are_counted_before_they_are_checked(intake_officer, monkeypatch):
    """Checking a password takes a moment (hundreds of milliseconds in production): a guess
    arriving while the fifth is still being checked is refused, not checked as a sixth."""
    from paspor.accounts import views

    officer = signed_in(intake_officer.username)
    guess = {"current": "tebakan-salah", "password": NEW, "password_again": NEW}
    for _ in range(4):
        assert officer.post(CHANGE, guess).status_code == 400
    checked = views.password_change_save  # type: ignore[attr-defined]
    alongside: list[int] = []

    def slow_check(**kwargs):
        if not alongside:  # the sixth guess arrives while the fifth is being checked
            alongside.append(0)
            alongside[0] = officer.post(CHANGE, guess).status_code
        return checked(**kwargs)

    monkeypatch.setattr(views, "password_change_save", slow_check)
    assert officer.post(CHANGE, guess).status_code == 400
    assert alongside == [429]


def test_a_refused_new_password_uses_up_no_try(intake_officer):
    """The current password was right: a new one refused as too weak or the same is no
    guess, so it does not bring the owner nearer the limit."""
    officer = signed_in(intake_officer.username)
    for new in ["12345678", PASSWORD] * 3:
        tried = {"current": PASSWORD, "password": new, "password_again": new}
        assert officer.post(CHANGE, tried).status_code == 400
    right = {"current": PASSWORD, "password": NEW, "password_again": NEW}
    assert officer.post(CHANGE, right).status_code == 302
    intake_officer.refresh_from_db()
    assert intake_officer.check_password(NEW)


def test_a_refused_new_password_is_read_with_its_help_and_its_mistake(intake_officer):
    """The new password's field names its help and its mistake, both on the page; the mistake
    is announced on the page sent back."""
    officer = signed_in(intake_officer.username)
    tried = {"current": PASSWORD, "password": "12345678", "password_again": "12345678"}
    response = officer.post(CHANGE, tried)
    assert response.status_code == 400
    body = response.content.decode()
    field, said = described(body, name="password")
    assert field["aria-invalid"] == "true"
    assert said.startswith("Minimal 8 karakter, jangan hanya angka.") and len(said) > 40
    error = body[body.index('<div id="id_password_error">') :]
    assert error.split("</div>")[0].count('role="alert"') >= 1
