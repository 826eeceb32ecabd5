"""A phone lost, a computer left signed in: the owner signs the account out of every other
device — browser sessions and the app's bearer tokens alike — and keeps the one in hand."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.crypto import salted_hmac

from conftest import PASSWORD
from paspor.accounts.models import User
from paspor.audit.models import AuditEntry
from paspor.booking.services import api_token_issue

pytestmark = pytest.mark.django_db
EVERYWHERE = "/akun/keluar-semua/"
ACCOUNT_API = "/api/booking/account"
SIGN_OUT_API = "/api/booking/account/sign-out-everywhere"


@pytest.fixture(autouse=True)
def verified(applicant: User, other_applicant: User) -> None:
    """Applicants whose e-mail is verified: their booking page opens."""
    for person in (applicant, other_applicant):
        person.email_verified = True
        person.save(update_fields=["email_verified"])


def signed_in(username: str) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_the_applicant_keeps_this_browser_and_every_other_browser_and_token_ends(applicant):
    here, elsewhere = signed_in(applicant.username), signed_in(applicant.username)
    token = api_token_issue(account=applicant)
    assert Client().get(ACCOUNT_API, headers=bearer(token)).status_code == 200
    assert "Keluar dari semua perangkat lain" in here.get("/booking/saya/").content.decode()

    done = here.post(EVERYWHERE)

    assert done.status_code == 302 and done["Location"] == "/booking/saya/"
    stays = here.get("/booking/saya/")
    assert stays.status_code == 200
    assert "Semua perangkat lain sudah keluar" in stays.content.decode()
    gone = elsewhere.get("/booking/saya/")
    assert gone.status_code == 302 and gone["Location"].startswith("/akun/masuk/")
    refused = Client().get(ACCOUNT_API, headers=bearer(token))
    assert refused.status_code == 401 and refused.json()["code"] == "token_invalid"
    # Signing in again works as before.
    again = api_token_issue(account=User.objects.get(pk=applicant.pk))
    assert Client().get(ACCOUNT_API, headers=bearer(again)).status_code == 200
    entry = AuditEntry.objects.get(event="account.signed_out_everywhere")
    assert entry.actor_id == applicant.pk


def test_the_app_signs_out_every_other_device_and_gets_a_new_token(applicant):
    browser = signed_in(applicant.username)
    token, other_phone = api_token_issue(account=applicant), api_token_issue(account=applicant)
    response = Client().post(SIGN_OUT_API, headers=bearer(token))
    assert response.status_code == 200
    for old in (token, other_phone):
        assert Client().get(ACCOUNT_API, headers=bearer(old)).status_code == 401
    assert browser.get("/booking/saya/").status_code == 302
    fresh = response.json()["token"]
    assert Client().get(ACCOUNT_API, headers=bearer(fresh)).status_code == 200


def test_a_browser_calling_the_api_stays_signed_in(applicant):
    here, elsewhere = signed_in(applicant.username), signed_in(applicant.username)
    assert here.post(SIGN_OUT_API, content_type="application/json").status_code == 200
    assert here.get("/booking/saya/").status_code == 200
    assert elsewhere.get("/booking/saya/").status_code == 302


def test_a_token_sent_beside_another_accounts_session_keeps_that_session(
    applicant, other_applicant
):
    browser = signed_in(other_applicant.username)
    token = api_token_issue(account=applicant)
    assert browser.post(SIGN_OUT_API, headers=bearer(token)).status_code == 200
    assert browser.get("/booking/saya/").status_code == 200
    assert User.objects.get(pk=other_applicant.pk).session_generation == 0


def test_a_staff_member_signs_out_the_other_computers_and_stays_here(intake_officer):
    here, elsewhere = signed_in(intake_officer.username), signed_in(intake_officer.username)
    done = here.post(EVERYWHERE)
    assert done.status_code == 302 and done["Location"] == "/petugas/"
    assert here.get("/petugas/").status_code == 200
    assert elsewhere.get("/petugas/").status_code == 302
    other = User.objects.get(pk=intake_officer.pk)
    assert other.session_generation == 1


def test_another_account_is_untouched(applicant, other_applicant):
    theirs = signed_in(other_applicant.username)
    their_token = api_token_issue(account=other_applicant)
    signed_in(applicant.username).post(EVERYWHERE)
    assert theirs.get("/booking/saya/").status_code == 200
    assert Client().get(ACCOUNT_API, headers=bearer(their_token)).status_code == 200


def test_refusals_from_outside(intake_officer):
    anonymous = Client()
    page = anonymous.post(EVERYWHERE)
    assert page.status_code == 302 and page["Location"].startswith("/akun/masuk/")
    assert anonymous.post(SIGN_OUT_API).status_code == 401
    # Only a form sends it: a link or a prefetch cannot sign anyone out.
    assert signed_in(intake_officer.username).get(EVERYWHERE).status_code == 405
    staff = signed_in(intake_officer.username)
    refused = staff.post(SIGN_OUT_API, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "staff_account"
    assert User.objects.get(pk=intake_officer.pk).session_generation == 0


def test_the_form_needs_its_csrf_token(applicant):
    client = Client(enforce_csrf_checks=True)
    client.force_login(applicant)
    assert client.post(EVERYWHERE).status_code == 403
    assert User.objects.get(pk=applicant.pk).session_generation == 0


def test_sessions_of_an_account_never_signed_out_keep_djangos_own_hash(applicant):
    """Nobody is signed out by the release that brought the counter."""
    djangos = salted_hmac(
        "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash",
        applicant.password,
        algorithm="sha256",
    ).hexdigest()
    assert applicant.get_session_auth_hash() == djangos
    applicant.session_generation = 1
    assert applicant.get_session_auth_hash() != djangos
