"""The devices signed in to an account, one by one: the owner sees each browser and app, and
signs one out — a phone lost — while the others stay signed in."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD
from paspor.accounts.models import SignIn, SignInKind, User
from paspor.accounts.services import SIGN_IN_TOUCH, sign_in_start
from paspor.accounts.sign_ins import SESSION_KEY, device_name
from paspor.audit.models import AuditEntry
from paspor.booking.services import api_token_issue

pytestmark = pytest.mark.django_db
DEVICES = "/akun/perangkat/"
DEVICES_API = "/api/booking/account/devices"
ACCOUNT_API = "/api/booking/account"
ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; SM-A556E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86"
)


@pytest.fixture(autouse=True)
def verified(applicant: User, other_applicant: User) -> None:
    for person in (applicant, other_applicant):
        person.email_verified = True
        person.save(update_fields=["email_verified"])


def signed_in(username: str, user_agent: str = WINDOWS, password: str = PASSWORD) -> Client:
    client = Client(HTTP_USER_AGENT=user_agent)
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def sign_in_of(client: Client) -> SignIn:
    return SignIn.objects.get(public_id=client.session[SESSION_KEY])


def test_each_browser_and_app_is_listed_by_name_with_this_one_marked(applicant):
    here = signed_in(applicant.username)
    signed_in(applicant.username, ANDROID)
    api_token_issue(account=applicant, user_agent="Paspor/2.1 (Android 14)")

    page = here.get(DEVICES)

    assert page.status_code == 200
    html = page.content.decode()
    assert "Edge, Windows" in html and "Perangkat ini" in html
    assert "Chrome Mobile, Android (Samsung SM-A556E)" in html
    assert "Paspor/2.1 (Android 14)" in html
    # This device first, with no button; each other one has its own, named by the device.
    assert html.index("Edge, Windows") < html.index("Chrome Mobile")
    assert "Keluarkan Edge, Windows" not in html
    assert "Keluarkan Chrome Mobile, Android (Samsung SM-A556E)" in html
    assert "Keluarkan Paspor/2.1 (Android 14)" in html


def test_signing_out_a_lost_phone_ends_it_alone(applicant):
    here = signed_in(applicant.username)
    phone = signed_in(applicant.username, ANDROID)
    token = api_token_issue(account=applicant)
    lost = sign_in_of(phone)

    done = here.post(reverse("accounts:device_sign_out", args=[lost.public_id]))

    assert done.status_code == 302 and done["Location"] == DEVICES
    page = here.get(DEVICES).content.decode()
    assert "Chrome Mobile, Android (Samsung SM-A556E) sudah dikeluarkan" in page
    assert "Keluarkan Chrome Mobile" not in page
    gone = phone.get("/booking/saya/")
    assert gone.status_code == 302 and gone["Location"].startswith("/akun/masuk/")
    assert "Perangkat ini sudah dikeluarkan" in phone.get(gone["Location"]).content.decode()
    # The others stay signed in: this browser, and the app.
    assert here.get("/booking/saya/").status_code == 200
    assert Client().get(ACCOUNT_API, headers=bearer(token)).status_code == 200
    entry = AuditEntry.objects.get(event="account.device_signed_out")
    assert entry.actor_id == applicant.pk and entry.new["device"] == str(lost.public_id)


def test_the_app_lists_the_devices_and_signs_a_token_out(applicant):
    browser = signed_in(applicant.username)
    token = api_token_issue(account=applicant, user_agent="okhttp/4.12.0")
    other = api_token_issue(account=applicant, user_agent="Paspor/2.1 (iOS 17)")

    listed = Client().get(DEVICES_API, headers=bearer(token))

    assert listed.status_code == 200
    devices = {device["name"]: device for device in listed.json()}
    assert set(devices) == {"Edge, Windows", "okhttp/4.12.0", "Paspor/2.1 (iOS 17)"}
    assert devices["okhttp/4.12.0"]["current"] is True and devices["okhttp/4.12.0"]["kind"] == "app"
    assert devices["Edge, Windows"]["current"] is False
    assert devices["Edge, Windows"]["kind"] == "browser"

    gone = Client().delete(
        f"{DEVICES_API}/{devices['Paspor/2.1 (iOS 17)']['id']}", headers=bearer(token)
    )

    assert gone.status_code == 204
    refused = Client().get(ACCOUNT_API, headers=bearer(other))
    assert refused.status_code == 401 and refused.json()["code"] == "token_invalid"
    assert Client().get(ACCOUNT_API, headers=bearer(token)).status_code == 200
    assert browser.get("/booking/saya/").status_code == 200
    # Asking again changes nothing; the browser lists what is left, itself marked.
    again = Client().delete(
        f"{DEVICES_API}/{devices['Paspor/2.1 (iOS 17)']['id']}", headers=bearer(token)
    )
    assert again.status_code == 204
    left = {(d["name"], d["current"]) for d in browser.get(DEVICES_API).json()}
    assert left == {("Edge, Windows", True), ("okhttp/4.12.0", False)}


def test_an_app_signing_its_own_token_out_signs_itself_out(applicant):
    token = api_token_issue(account=applicant)
    mine = Client().get(DEVICES_API, headers=bearer(token)).json()[0]
    assert mine["current"] is True
    assert Client().delete(f"{DEVICES_API}/{mine['id']}", headers=bearer(token)).status_code == 204
    assert Client().get(ACCOUNT_API, headers=bearer(token)).status_code == 401


def test_another_accounts_device_is_not_found_and_stays_signed_in(applicant, other_applicant):
    theirs = signed_in(other_applicant.username)
    target = sign_in_of(theirs)
    me = signed_in(applicant.username)
    token = api_token_issue(account=applicant)

    assert me.post(reverse("accounts:device_sign_out", args=[target.public_id])).status_code == 404
    by_app = Client().delete(f"{DEVICES_API}/{target.public_id}", headers=bearer(token))
    assert by_app.status_code == 404 and by_app.json()["code"] == "sign_in_unknown"

    assert theirs.get("/booking/saya/").status_code == 200
    assert SignIn.objects.get(pk=target.pk).ended_at is None
    mine = {d["name"] for d in Client().get(DEVICES_API, headers=bearer(token)).json()}
    assert mine == {"Edge, Windows", "Tidak dikenal"}  # the applicant's own browser and app


def test_the_lists_show_only_the_accounts_own_devices(applicant, other_applicant):
    signed_in(other_applicant.username, ANDROID)
    me = signed_in(applicant.username)
    assert "Chrome Mobile" not in me.get(DEVICES).content.decode()
    assert [d["name"] for d in me.get(DEVICES_API).json()] == ["Edge, Windows"]


def test_anonymous_clients_are_asked_to_sign_in(applicant):
    phone = sign_in_start(
        user=applicant,
        kind=SignInKind.APP,
        user_agent="okhttp/4.12.0",
        expires_at=timezone.now() + dt.timedelta(days=7),
    )
    page = Client().get(DEVICES)
    assert page.status_code == 302 and page["Location"].startswith("/akun/masuk/")
    posted = Client().post(reverse("accounts:device_sign_out", args=[phone.public_id]))
    assert posted.status_code == 302 and posted["Location"].startswith("/akun/masuk/")
    assert Client().get(DEVICES_API).status_code == 401
    assert Client().delete(f"{DEVICES_API}/{phone.public_id}").status_code == 401
    assert SignIn.objects.get(pk=phone.pk).ended_at is None


def test_signing_out_ends_the_browsers_row(applicant):
    here, there = signed_in(applicant.username), signed_in(applicant.username, ANDROID)
    leaving = sign_in_of(there)
    there.post(reverse("accounts:logout"))
    assert SignIn.objects.get(pk=leaving.pk).ended_at is not None
    assert "Chrome Mobile" not in here.get(DEVICES).content.decode()


def test_a_new_password_or_signing_out_everywhere_leaves_only_this_device(applicant):
    here = signed_in(applicant.username)
    signed_in(applicant.username, ANDROID)
    api_token_issue(account=applicant)
    changed = here.post(
        reverse("accounts:password_change"),
        {
            "current": PASSWORD,
            "password": "kopi-tubruk-pagi-2026",
            "password_again": "kopi-tubruk-pagi-2026",
        },
    )
    assert changed.status_code == 302, changed.content.decode()[:3000]
    assert [d["name"] for d in here.get(DEVICES_API).json()] == ["Edge, Windows"]

    phone = signed_in(applicant.username, ANDROID, password="kopi-tubruk-pagi-2026")
    phone.post("/akun/keluar-semua/")
    names = [(d["name"], d["current"]) for d in phone.get(DEVICES_API).json()]
    assert names == [("Chrome Mobile, Android (Samsung SM-A556E)", True)]


def test_a_staff_member_signs_out_the_counter_computer_left_signed_in(intake_officer):
    here, counter = signed_in(intake_officer.username), signed_in(intake_officer.username)
    left = sign_in_of(counter)
    assert here.post(reverse("accounts:device_sign_out", args=[left.public_id])).status_code == 302
    assert counter.get("/petugas/").status_code == 302
    assert here.get("/petugas/").status_code == 200
    assert "Lihat perangkat yang masuk" in here.get("/petugas/").content.decode()


def test_a_session_signed_in_before_the_list_existed_gets_its_row(applicant):
    client = signed_in(applicant.username)
    session = client.session
    SignIn.objects.filter(public_id=session.pop(SESSION_KEY)).delete()
    session.save()
    assert client.get("/booking/saya/").status_code == 200
    assert SignIn.objects.filter(user=applicant, ended_at__isnull=True).count() == 1
    assert client.session[SESSION_KEY]


def test_last_used_is_written_at_most_every_few_minutes(applicant):
    token = api_token_issue(account=applicant)
    row = SignIn.objects.get(user=applicant)
    with time_machine.travel(row.last_seen_at + SIGN_IN_TOUCH / 2, tick=False):
        Client().get(ACCOUNT_API, headers=bearer(token))
    assert SignIn.objects.get(pk=row.pk).last_seen_at == row.last_seen_at
    later = row.last_seen_at + SIGN_IN_TOUCH * 2
    with time_machine.travel(later, tick=False):
        Client().get(ACCOUNT_API, headers=bearer(token))
    assert SignIn.objects.get(pk=row.pk).last_seen_at == later


def test_a_token_past_its_end_is_not_listed(applicant):
    token = api_token_issue(account=applicant)
    row = SignIn.objects.get(user=applicant)
    with time_machine.travel(row.expires_at + dt.timedelta(minutes=1)):
        assert Client().get(ACCOUNT_API, headers=bearer(token)).status_code == 401
        fresh = api_token_issue(account=applicant, user_agent="Paspor/2.1 (iOS 17)")
        names = [d["name"] for d in Client().get(DEVICES_API, headers=bearer(fresh)).json()]
    assert names == ["Paspor/2.1 (iOS 17)"]


def test_the_nightly_prune_removes_rows_long_ended_or_expired(applicant, settings):
    settings.PASPOR_SIGNIN_LOG_DAYS = 30
    now = timezone.now()
    old = sign_in_start(
        user=applicant, kind=SignInKind.APP, user_agent="", expires_at=now - dt.timedelta(days=31)
    )
    ended = sign_in_start(
        user=applicant, kind=SignInKind.APP, user_agent="", expires_at=now + dt.timedelta(days=3)
    )
    SignIn.objects.filter(pk=ended.pk).update(ended_at=now - dt.timedelta(days=31))
    recent = sign_in_start(
        user=applicant, kind=SignInKind.APP, user_agent="", expires_at=now - dt.timedelta(days=2)
    )
    live = sign_in_start(
        user=applicant, kind=SignInKind.APP, user_agent="", expires_at=now + dt.timedelta(days=3)
    )
    call_command("signins_prune", stdout=io.StringIO())
    kept = set(SignIn.objects.values_list("pk", flat=True))
    assert kept == {recent.pk, live.pk}
    assert old.pk not in kept and ended.pk not in kept


@pytest.mark.parametrize(
    ("user_agent", "name"),
    [
        (ANDROID, "Chrome Mobile, Android (Samsung SM-A556E)"),
        (WINDOWS, "Edge, Windows"),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "Mobile Safari, iOS (iPhone)",
        ),
        ("Paspor/2.1 (Android 14)", "Paspor/2.1 (Android 14)"),
        ("", "Tidak dikenal"),
    ],
)
def test_device_names(user_agent, name):
    assert device_name(user_agent) == name


def test_sign_in_times_are_written_the_readers_way(applicant, settings):
    # 08:07 UTC is 15:07 WIB: "15.07" in Indonesian, "15:07" in English (never "15.07" there).
    with time_machine.travel(dt.datetime(2026, 12, 2, 8, 7, tzinfo=dt.UTC), tick=False):
        here = signed_in(applicant.username)
        indonesian = here.get(DEVICES).content.decode()
        here.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        english = here.get(DEVICES).content.decode()
    assert "Masuk 2 Desember 2026 15.07 WIB · terakhir dipakai 2 Desember 2026 15.07 WIB" in (
        indonesian
    )
    assert "Signed in 2 December 2026 15:07 WIB · last used 2 December 2026 15:07 WIB" in english
