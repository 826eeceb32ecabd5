"""Signing in as an attacker tries it, from outside over HTTP: another spelling of a locked
e-mail, the mobile app's token endpoint, made-up proxy addresses, a reset link's token in
the logs, and the session key across the second step."""

from __future__ import annotations

import logging
import re

import pytest
from django.test import Client

from conftest import PASSWORD, make_user, totp_code, totp_device_for
from paspor.accounts.models import Role
from paspor.audit.models import AuditEntry
from paspor.notifications.models import Message

pytestmark = pytest.mark.django_db
LOGIN = "/akun/masuk/"
TOKEN = "/api/booking/token"
VERIFY = "/akun/dua-langkah/verifikasi/"
NEW = "paspor-baru-2026!"


WRONG = "salah"


def sign_in_attempt(client: Client, username: str, password: str = WRONG, forwarded: str = ""):
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return client.post(LOGIN, {"username": username, "password": password}, headers=headers)


def test_a_locked_email_stays_locked_in_any_capitals(applicant, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = Client(REMOTE_ADDR="10.0.0.5")
    for _ in range(3):
        sign_in_attempt(client, "pemohon@example.com")
    assert sign_in_attempt(client, "pemohon@example.com", PASSWORD).status_code == 429
    # The backend signs "Pemohon@…" in as the same account: it is the same lock.
    for spelling in ("Pemohon@example.com", "PEMOHON@EXAMPLE.COM", " pemohon@Example.com "):
        refused = sign_in_attempt(client, spelling, PASSWORD)
        assert refused.status_code == 429, spelling
        assert "_auth_user_id" not in client.session
    # Another spelling gets no fresh five tries either.
    assert sign_in_attempt(client, "pEmOhOn@example.com").status_code == 429


def test_failures_in_other_capitals_add_up_to_one_lock(applicant, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = Client(REMOTE_ADDR="10.0.0.6")
    for spelling in ("Pemohon@example.com", "pEmohon@example.com", "peMohon@example.com"):
        sign_in_attempt(client, spelling)
    assert sign_in_attempt(client, "pemohon@example.com", PASSWORD).status_code == 429


def test_the_token_api_answers_a_locked_out_applicant_in_json(applicant, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = Client(REMOTE_ADDR="10.0.0.7")
    body = {"email": "pemohon@example.com", "password": "salah"}
    for _ in range(2):
        wrong = client.post(TOKEN, body, content_type="application/json")
        assert wrong.status_code == 401 and wrong.json()["code"] == "wrong_credentials"
    assert AuditEntry.objects.filter(event="auth.login_failed").count() == 2

    right = {"email": "PEMOHON@example.com", "password": PASSWORD}
    for answer in (
        client.post(TOKEN, body, content_type="application/json"),  # the third failure
        client.post(TOKEN, right, content_type="application/json"),
    ):
        assert answer.status_code == 429
        assert answer["Content-Type"] == "application/json"
        refusal = answer.json()
        assert refusal["code"] == "locked_out" and refusal["retry_after"] == 30 * 60
        assert answer["Retry-After"] == str(30 * 60)
        assert "30 menit" in refusal["detail"] and "token" not in refusal
    locked = AuditEntry.objects.filter(event="auth.locked_out")
    assert locked.count() == 2 and locked.earliest("seq").actor_label == "pemohon@example.com"
    # The web sign-in of the same name from the same address is locked too.
    assert sign_in_attempt(client, "pemohon@example.com", PASSWORD).status_code == 429


def test_made_up_forwarded_addresses_do_not_escape_the_lockout(applicant, settings):
    """Behind a proxy that appends the address it saw, whatever the client put before it in
    X-Forwarded-For is the client's own invention."""
    settings.BOOKING_TRUST_X_FORWARDED_FOR = True
    settings.AXES_FAILURE_LIMIT = 3
    client = Client(REMOTE_ADDR="127.0.0.1")
    for number in range(3):
        forwarded = f"203.0.113.{number}, 198.51.100.9"
        sign_in_attempt(client, applicant.email, forwarded=forwarded)
    again = sign_in_attempt(
        client, applicant.email, PASSWORD, forwarded="203.0.113.99, 198.51.100.9"
    )
    assert again.status_code == 429
    # Someone else behind the same proxy is not locked out.
    elsewhere = sign_in_attempt(
        Client(REMOTE_ADDR="127.0.0.1"),
        applicant.email,
        PASSWORD,
        forwarded="198.51.100.10",
    )
    assert elsewhere.status_code == 302


def reset_link(client: Client, email: str) -> str:
    client.post("/akun/lupa-sandi/", {"email": email})
    message = Message.objects.get(template="password_reset", to_address=email)
    return re.sub(r"^https?://[^/]+", "", str(message.context["link"]))


def test_a_reset_links_token_never_reaches_the_server_log(applicant, caplog):
    client = Client()
    link = reset_link(client, applicant.email)
    token = link.rstrip("/").rsplit("/", 1)[-1]
    opened = client.get(link)
    assert opened.status_code == 302 and token not in opened["Location"]
    form_page = opened["Location"]
    assert client.get(form_page).status_code == 200
    with caplog.at_level(logging.WARNING, logger="django.request"):
        mistyped = client.post(form_page, {"password": NEW, "password_again": NEW + "x"})
    assert mistyped.status_code == 400  # logged by Django as "Bad Request: <path>"
    assert caplog.records and all(token not in record.getMessage() for record in caplog.records)
    assert client.post(form_page, {"password": NEW, "password_again": NEW}).status_code == 302
    assert client.get(form_page).status_code == 410  # used up
    assert client.get(link).status_code == 410


def test_the_form_page_without_the_links_session_is_refused(applicant):
    holder = Client()
    link = reset_link(holder, applicant.email)
    form_page = holder.get(link)["Location"]
    stranger = Client()
    refused = stranger.post(form_page, {"password": NEW, "password_again": NEW})
    assert refused.status_code == 410
    applicant.refresh_from_db()
    assert applicant.check_password(PASSWORD)


def test_the_session_gets_a_new_key_with_the_second_step(supervisor):
    device = totp_device_for(supervisor)
    client = Client()
    assert sign_in_attempt(client, supervisor.username, PASSWORD).status_code == 302
    half_signed_in = client.session.session_key
    assert client.post(VERIFY, {"code": totp_code(device)}).status_code == 302
    assert client.session.session_key != half_signed_in
    assert client.get("/petugas/").status_code == 200
    # The key known before the second step opens nothing.
    old = Client()
    old.cookies["sessionid"] = str(half_signed_in)
    assert old.get("/petugas/")["Location"].startswith(LOGIN)


def test_the_lockout_log_names_no_typed_name(applicant, settings, caplog):
    settings.AXES_FAILURE_LIMIT = 2
    client = Client(REMOTE_ADDR="10.0.0.9")
    with caplog.at_level(logging.DEBUG, logger="axes"):
        sign_in_attempt(client, "pemohon@example.com")
        sign_in_attempt(client, "pemohon@example.com")
        assert sign_in_attempt(client, "pemohon@example.com", PASSWORD).status_code == 429
        sign_in_attempt(client, "paspor-demo-salah-kolom")  # a password typed as the name
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("axes")]
    locked = [line for line in lines if "Locking out" in line or "failure by" in line]
    assert locked and all("10.0.0.9" in line for line in locked)
    assert not any("pemohon" in line or "salah-kolom" in line for line in lines)
    # One name's lines still go together: the same digest each time, another for another name.
    digests = [re.findall(r"username: (#\w+)", line) for line in locked]
    assert all(len(found) == 1 for found in digests)
    assert len({found[0] for found in digests}) == 2
    # The audit chain keeps the name, for those who may read it.
    assert AuditEntry.objects.filter(
        event="auth.locked_out", actor_label="pemohon@example.com"
    ).exists()


# --- A staff username with "@" -----------------------------------------------------------------


@pytest.mark.parametrize("username", ["budi@imigrasi.go.id", "Loket1@Ketapang"])
def test_a_staff_account_named_by_an_address_signs_in(office, username):
    """The admin's add form asks only for a username, and an office names its officers by
    their official address: such a name, with no e-mail on the account, signs in as typed
    (the form reads a name with "@" in small letters, so in any capitals)."""
    officer = make_user(username, role=Role.INTAKE, office=office)
    assert not officer.email
    response = sign_in_attempt(Client(), username, PASSWORD)
    assert response.status_code == 302, response.content.decode()[:500]
    assert sign_in_attempt(Client(), username.upper(), PASSWORD).status_code == 302


def test_the_email_of_an_account_comes_before_a_username_that_looks_like_it(office, applicant):
    """An applicant's e-mail signs in the applicant's account, never a staff account named
    after the same address in other capitals."""
    make_user(applicant.email.upper(), role=Role.INTAKE, office=office)
    client = Client()
    assert sign_in_attempt(client, applicant.email.upper(), PASSWORD).status_code == 302
    assert int(client.session["_auth_user_id"]) == applicant.pk


def test_an_applicant_registering_a_staff_name_as_e_mail_takes_nothing_from_the_officer(office):
    """Whoever registers the address a staff account is named by signs in only with their own
    password; the officer keeps signing in with theirs."""
    officer = make_user("budi@imigrasi.go.id", role=Role.INTAKE, office=office)
    squatter = make_user("pendaftar", email="budi@imigrasi.go.id")
    squatter.set_password("sandi-lain-2026")
    squatter.save()
    client = Client()
    assert sign_in_attempt(client, "budi@imigrasi.go.id", PASSWORD).status_code == 302
    assert int(client.session["_auth_user_id"]) == officer.pk
    other = Client()
    assert sign_in_attempt(other, "budi@imigrasi.go.id", "sandi-lain-2026").status_code == 302
    assert int(other.session["_auth_user_id"]) == squatter.pk


def test_a_staff_name_with_an_at_sign_is_locked_like_any_other(office, settings):
    settings.AXES_FAILURE_LIMIT = 3
    make_user("budi@imigrasi.go.id", role=Role.INTAKE, office=office)
    client = Client(REMOTE_ADDR="10.0.0.9")
    for spelling in ("budi@imigrasi.go.id", "Budi@Imigrasi.go.id"):
        assert sign_in_attempt(client, spelling).status_code == 200
    assert sign_in_attempt(client, "BUDI@imigrasi.go.id").status_code == 429
    assert sign_in_attempt(client, "budi@imigrasi.go.id", PASSWORD).status_code == 429
    assert AuditEntry.objects.filter(event="auth.locked_out").exists()
    assert AuditEntry.objects.filter(event="auth.login_failed").count() == 2
