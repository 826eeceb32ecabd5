"""A forgotten password: a link by e-mail to applicant accounts only, a new password, and the
same answer whatever address was typed."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from conftest import PASSWORD, make_user
from paspor.accounts.models import Role
from paspor.audit.models import AuditEntry
from paspor.notifications.models import Channel, Language, Message
from paspor.notifications.services import channel_preference_set

pytestmark = pytest.mark.django_db
FORGOT = "/akun/lupa-sandi/"
LOGIN = "/akun/masuk/"
NEW = "paspor-baru-2026!"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def link_sent_to(email: str) -> str:
    message = Message.objects.get(template="password_reset", to_address=email)
    return re.sub(r"^https?://[^/]+", "", str(message.context["link"]))


def opened(client: Client, link: str) -> str:
    """Opens the link: its token moves into the session, and the address of the form says
    "atur" in its place."""
    response = client.get(link)
    assert response.status_code == 302 and response["Location"].endswith("/atur/")
    return str(response["Location"])


def ask(client: Client, email: str):
    return client.post(FORGOT, {"email": email})


def test_an_applicant_gets_a_link_sets_a_new_password_and_signs_in_with_it(applicant):
    client = Client()
    answer = ask(client, "PEMOHON@example.com")
    assert answer.status_code == 200
    assert "tautan untuk membuat kata sandi baru sudah kami kirim" in answer.content.decode()
    link = link_sent_to(applicant.email)

    form_page = opened(client, link)
    form = client.get(form_page)
    assert form.status_code == 200 and "pemohon@example.com" in form.content.decode()
    assert form["Referrer-Policy"] == "same-origin"
    done = client.post(form_page, {"password": NEW, "password_again": NEW})
    assert done.status_code == 302 and done["Location"].startswith(LOGIN)
    assert "username=pemohon%40example.com" in done["Location"]
    assert 'value="pemohon@example.com"' in client.get(done["Location"]).content.decode()

    signed_in = Client().post(LOGIN, {"username": applicant.email, "password": NEW})
    assert signed_in.status_code == 302
    old = Client().post(LOGIN, {"username": applicant.email, "password": PASSWORD})
    assert old.status_code == 200  # refused
    applicant.refresh_from_db()
    assert applicant.email_verified  # the link proved the mailbox
    # The link worked once.
    again = client.get(link)
    assert again.status_code == 410 and "Minta tautan baru" in again.content.decode()
    events = set(AuditEntry.objects.values_list("event", flat=True))
    assert {"account.password_reset_sent", "account.password_reset"} <= events


def test_unknown_and_staff_addresses_get_the_same_answer_and_no_message(applicant, office):
    make_user("kasubsi", role=Role.SUPERVISOR, office=office, email="kasubsi@example.com")
    answers = [
        CSRF.sub("", ask(Client(), email).content.decode()).replace(email, "EMAIL")
        for email in ("pemohon@example.com", "tidak-ada@example.com", "kasubsi@example.com")
    ]
    assert answers[0] == answers[1] == answers[2]
    assert list(Message.objects.values_list("to_address", flat=True)) == ["pemohon@example.com"]


def test_a_forged_link_and_a_staff_accounts_link_do_not_work(applicant, office):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.http import urlsafe_base64_encode

    def link_for(user) -> str:
        uid = urlsafe_base64_encode(str(user.pk).encode())
        return f"/akun/sandi-baru/{uid}/{default_token_generator.make_token(user)}/"

    staff = make_user("kasubsi", role=Role.SUPERVISOR, office=office, email="kasubsi@example.com")
    assert Client().get(link_for(applicant)).status_code == 302  # a genuine token works
    assert Client().get(link_for(staff)).status_code == 410  # a staff account: never by e-mail
    refused = Client().post(link_for(staff), {"password": NEW, "password_again": NEW})
    assert refused.status_code == 410
    staff.refresh_from_db()
    assert staff.check_password(PASSWORD)
    assert Client().get("/akun/sandi-baru/Mg/abc-def/").status_code == 410
    assert Client().get("/akun/sandi-baru/!!/abc-def/").status_code == 410


def test_a_weak_or_mistyped_password_is_refused_with_its_field_and_the_link_stays_good(applicant):
    client = Client()
    ask(client, applicant.email)
    form_page = opened(client, link_sent_to(applicant.email))
    weak = client.post(form_page, {"password": "12345678", "password_again": "12345678"})
    assert weak.status_code == 400 and 'id="id_password_error"' in weak.content.decode()
    mistyped = client.post(form_page, {"password": NEW, "password_again": NEW + "x"})
    assert mistyped.status_code == 400 and "Kata sandi tidak sama." in mistyped.content.decode()
    assert client.post(form_page, {"password": NEW, "password_again": NEW}).status_code == 302


def test_the_message_speaks_the_accounts_language(applicant):
    channel_preference_set(user=applicant, channel=Channel.EMAIL, language=Language.ENGLISH)
    ask(Client(), applicant.email)
    message = Message.objects.get(template="password_reset")
    assert message.language == Language.ENGLISH


def test_one_address_gets_at_most_three_links_an_hour(applicant):
    client = Client()
    for _ in range(3):
        assert ask(client, applicant.email).status_code == 200
    refused = ask(client, applicant.email)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert Message.objects.filter(template="password_reset").count() == 3


def test_a_new_password_lifts_a_lockout(applicant, settings):
    settings.AXES_FAILURE_LIMIT = 3
    locked = Client(REMOTE_ADDR="10.0.0.9")
    for _ in range(3):
        locked.post(LOGIN, {"username": applicant.email, "password": "salah"})
    assert (
        locked.post(LOGIN, {"username": applicant.email, "password": PASSWORD}).status_code == 429
    )
    assert (
        "Lupa kata sandi?"
        in locked.post(LOGIN, {"username": applicant.email, "password": PASSWORD}).content.decode()
    )
    ask(Client(), applicant.email)
    owner = Client()
    owner.post(
        opened(owner, link_sent_to(applicant.email)), {"password": NEW, "password_again": NEW}
    )
    assert locked.post(LOGIN, {"username": applicant.email, "password": NEW}).status_code == 302


def test_the_sign_in_page_leads_to_a_new_password_and_to_registration(client):
    page = client.get(LOGIN).content.decode()
    assert f'href="{FORGOT}"' in page and 'href="/booking/daftar/"' in page
    client.cookies["django_language"] = "en"
    english = client.get(FORGOT).content.decode()
    assert "Forgotten password" in english and "Send the link" in english


def test_an_address_longer_than_any_account_holds_is_said_at_its_field(applicant):
    """254 characters is the longest e-mail an account holds: a longer one is no account's,
    said at the field and not looked up."""
    longest = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".id"
    response = ask(Client(), longest)
    assert response.status_code == 400
    assert "paling banyak 254 karakter" in response.content.decode()
    assert not Message.objects.filter(template="password_reset").exists()
