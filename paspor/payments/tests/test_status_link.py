"""The status link of the billing e-mail, opened on a browser that has not shown it may see the
case: the lookup form with the code filled in, then the page — and nothing of the case before."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from paspor.cases.models import CaseStatus
from paspor.payments.tests.factories import BIRTH_DATE, make_booking, make_case, pay

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(billing_code, channel, approved_case):
    assert pay(channel, billing_code).status_code == 200
    approved_case.refresh_from_db()
    return approved_case


def lookup_query(response) -> dict[str, str]:
    """Where a redirect to the lookup form points: its `kode` and `next`."""
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("payments:lookup")
    return {key: values[0] for key, values in parse_qs(location.query).items()}


def test_the_emailed_status_link_asks_an_unknown_browser_for_the_birth_date_then_opens_the_page(
    billing_code, approved_case, client
):
    status_url = reverse("payments:status", kwargs={"case_code": approved_case.code})
    query = lookup_query(client.get(status_url))
    assert query == {"kode": approved_case.code, "next": status_url}
    form = client.get(reverse("payments:lookup"), query)
    html = form.content.decode()
    assert form.status_code == 200
    assert f'value="{approved_case.code}"' in html
    assert "konfirmasikan dengan tanggal lahir pemohon" in html
    login = reverse("accounts:login")
    assert f'href="{login}?next=%2Fpembayaran%2Fstatus%2F{approved_case.code}%2F"' in html
    # Nothing of the case is shown before the birth date.
    assert approved_case.full_name not in html and billing_code.code not in html
    confirmed = client.post(
        f"{reverse('payments:lookup')}?kode={approved_case.code}&next={status_url}",
        {"case_code": approved_case.code, "birth_date": BIRTH_DATE, "next": status_url},
    )
    assert confirmed.status_code == 302 and confirmed["Location"] == status_url
    page = client.get(status_url)
    assert page.status_code == 200 and billing_code.code[:5] in page.content.decode()


def test_a_receipt_link_lands_on_the_receipt_after_the_birth_date(paid, client):
    receipt_pdf = reverse("payments:receipt_pdf", kwargs={"case_code": paid.code})
    query = lookup_query(client.get(receipt_pdf))
    assert query["next"] == receipt_pdf
    confirmed = client.post(
        reverse("payments:lookup"),
        {"case_code": paid.code, "birth_date": BIRTH_DATE, "next": query["next"]},
    )
    assert confirmed["Location"] == receipt_pdf
    assert client.get(receipt_pdf).content.startswith(b"%PDF")


def test_a_lowercase_code_in_the_link_is_filled_in_as_the_case_code(
    billing_code, approved_case, client
):
    url = reverse("payments:status", kwargs={"case_code": approved_case.code.lower()})
    query = lookup_query(client.get(url))
    assert query["kode"] == approved_case.code
    assert query["next"] == reverse("payments:status", kwargs={"case_code": approved_case.code})


def test_a_wrong_birth_date_from_the_link_opens_nothing(billing_code, approved_case, client):
    status_url = reverse("payments:status", kwargs={"case_code": approved_case.code})
    wrong = client.post(
        reverse("payments:lookup"),
        {"case_code": approved_case.code, "birth_date": "1991-01-01", "next": status_url},
    )
    assert wrong.status_code == 200 and "tidak cocok" in wrong.content.decode()
    assert approved_case.full_name not in wrong.content.decode()
    lookup_query(client.get(status_url))


@pytest.mark.parametrize(
    "name", ["anonymous", "other_applicant", "kiosk", "officer_of_other_office"]
)
def test_someone_else_following_the_link_sees_only_the_lookup_form(
    billing_code, approved_case, client_for, name, request
):
    client = client_for(None if name == "anonymous" else request.getfixturevalue(name))
    status_url = reverse("payments:status", kwargs={"case_code": approved_case.code})
    for url_name in ("status", "slip_pdf"):
        url = reverse(f"payments:{url_name}", kwargs={"case_code": approved_case.code})
        lookup_query(client.get(url))
    form = client.get(reverse("payments:lookup"), {"kode": approved_case.code, "next": status_url})
    html = form.content.decode()
    assert approved_case.full_name not in html and billing_code.code not in html
    assert client.get(f"/api/payments/bills/{approved_case.code}").status_code == 404


def test_a_code_that_does_not_exist_is_answered_as_a_real_one_is(client, office, intake_officer):
    """A guessed code must not tell whether a case exists."""
    real = make_case(office, intake_officer)
    guessed = lookup_query(
        client.get(reverse("payments:status", kwargs={"case_code": "ZZZZ9999ZZ"}))
    )
    assert guessed["kode"] == "ZZZZ9999ZZ"
    assert set(
        lookup_query(client.get(reverse("payments:status", kwargs={"case_code": real.code})))
    ) == set(guessed)


def test_something_that_cannot_be_a_case_code_is_404(client):
    url = reverse("payments:status", kwargs={"case_code": "X" * 40})
    assert client.get(url).status_code == 404


def test_a_reissue_from_a_forgotten_browser_goes_to_the_lookup_form(
    billing_code, approved_case, client
):
    response = client.post(reverse("payments:reissue", kwargs={"case_code": approved_case.code}))
    assert lookup_query(response)["next"] == reverse(
        "payments:status", kwargs={"case_code": approved_case.code}
    )
    assert approved_case.bill.codes.count() == 1


@pytest.mark.parametrize(
    "wanted",
    ["https://contoh.example/pembayaran/", "//contoh.example/", "/booking/saya/", "other-case"],
)
def test_after_the_birth_date_the_form_goes_only_to_that_cases_payment_pages(
    billing_code, approved_case, client, wanted
):
    if wanted == "other-case":
        other = make_case(approved_case.office, approved_case.opened_by, birth_date=BIRTH_DATE)
        wanted = reverse("payments:status", kwargs={"case_code": other.code})
    response = client.post(
        reverse("payments:lookup"),
        {"case_code": approved_case.code, "birth_date": BIRTH_DATE, "next": wanted},
    )
    assert response["Location"] == reverse(
        "payments:status", kwargs={"case_code": approved_case.code}
    )


def test_the_cases_own_applicant_signing_in_from_the_form_lands_on_the_page(
    billing_code, approved_case, client, applicant
):
    from conftest import PASSWORD

    status_url = reverse("payments:status", kwargs={"case_code": approved_case.code})
    response = client.post(
        f"{reverse('accounts:login')}?next={status_url}",
        {"username": applicant.username, "password": PASSWORD, "next": status_url},
    )
    assert response.status_code == 302 and response["Location"] == status_url
    assert client.get(status_url).status_code == 200


# --- A booking code where the application number belongs ------------------------------------


def described_by(body: str) -> list[str]:
    """Every id an aria-describedby of the page points at."""
    return [i for ids in re.findall(r'aria-describedby="([^"]+)"', body) for i in ids.split()]


def lookup_page(client, code, birth_date=BIRTH_DATE):
    return client.post(reverse("payments:lookup"), {"case_code": code, "birth_date": birth_date})


def without_token(response, code: str) -> str:
    """The page with the per-request CSRF token cut off and the code typed in replaced."""
    html = str(response.content.decode())
    return html.split('name="csrfmiddlewaretoken"')[0].replace(code, "KODE")


def test_a_booking_code_and_the_birth_date_open_the_payment_page_of_its_application(
    billing_code, approved_case, applicant, client
):
    booking = make_booking(approved_case.office, applicant)
    approved_case.booking = booking
    approved_case.save(update_fields=["booking"])
    response = lookup_page(client, booking.code.lower())
    status_url = reverse("payments:status", kwargs={"case_code": approved_case.code})
    assert response.status_code == 302 and response["Location"] == status_url
    page = client.get(status_url)
    assert page.status_code == 200 and billing_code.code[:5] in page.content.decode()


def test_a_booking_code_opens_the_live_application_not_a_cancelled_one(
    office, intake_officer, applicant, client
):
    booking = make_booking(office, applicant)
    make_case(office, intake_officer, booking=booking, status=CaseStatus.CANCELLED)
    live = make_case(office, intake_officer, booking=booking)
    response = lookup_page(client, booking.code)
    assert response["Location"] == reverse("payments:status", kwargs={"case_code": live.code})


def test_a_booking_code_with_a_wrong_birth_date_is_answered_as_an_unknown_code(
    billing_code, approved_case, applicant, client
):
    booking = make_booking(approved_case.office, applicant)
    approved_case.booking = booking
    approved_case.save(update_fields=["booking"])
    wrong = lookup_page(client, booking.code, birth_date="1991-01-01")
    unknown = lookup_page(client, "ZZZZ9999ZZ", birth_date="1991-01-01")
    assert wrong.status_code == unknown.status_code == 200
    assert without_token(wrong, booking.code) == without_token(unknown, "ZZZZ9999ZZ")
    html = wrong.content.decode()
    assert (
        "Kode atau tanggal lahir tidak cocok. Periksa nomor permohonan, kode booking atau kode "
        "billing, dan tanggal lahir pemohon." in html
    )
    assert approved_case.code not in html and approved_case.full_name not in html


def test_a_booking_without_an_application_says_so_plainly_to_the_right_birth_date_only(
    office, applicant, client
):
    booking = make_booking(office, applicant)
    response = lookup_page(client, booking.code)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kode booking ini belum menjadi permohonan" in html
    assert "tidak cocok" not in html and 'role="alert"' not in html
    assert reverse("notifications:status") in html  # where the booking itself is followed
    assert f'value="{booking.code}"' not in html  # the form is not echoed back
    # Without the birth date it is any unknown code: a booking code reveals nothing.
    wrong = lookup_page(client, booking.code, birth_date="1991-01-01")
    unknown = lookup_page(client, "ZZZZ9999ZZ", birth_date="1991-01-01")
    assert without_token(wrong, booking.code) == without_token(unknown, "ZZZZ9999ZZ")
    assert "belum menjadi permohonan" not in wrong.content.decode()


def test_the_booking_answer_and_the_mismatch_read_in_english(office, applicant, client):
    booking = make_booking(office, applicant)
    client.cookies["django_language"] = "en"
    html = lookup_page(client, booking.code).content.decode()
    assert "This booking code has not become an application yet" in html
    assert "Application number, booking code or billing code" in html
    mismatch = lookup_page(client, booking.code, birth_date="1991-01-01").content.decode()
    assert (
        "The code or the date of birth does not match. Check the application number, booking "
        "code or billing code, and the applicant&#x27;s date of birth." in mismatch
    )


def test_every_error_of_the_lookup_form_is_tied_to_its_field(client):
    """A screen reader reads each error with its field: every aria-describedby id exists."""
    response = client.post(reverse("payments:lookup"), {"case_code": "", "birth_date": "x"})
    body = response.content.decode()
    targets = described_by(body)
    assert {"id_case_code_error", "id_birth_date_error"} <= set(targets)
    for target in targets:
        assert f'id="{target}"' in body, target


def test_guessing_birth_dates_for_one_code_is_stopped_with_429(approved_case, client):
    from django.core.cache import cache

    cache.clear()
    lookup = reverse("payments:lookup")
    for day in range(1, 6):  # five wrong guesses are answered as such
        wrong = client.post(
            lookup, {"case_code": approved_case.code, "birth_date": f"1991-01-{day:02d}"}
        )
        assert wrong.status_code == 200
    stopped = client.post(lookup, {"case_code": approved_case.code, "birth_date": BIRTH_DATE})
    assert stopped.status_code == 429 and int(stopped["Retry-After"]) > 0
    assert "Terlalu banyak permintaan. Coba lagi dalam " in stopped.content.decode()
    assert approved_case.full_name not in stopped.content.decode()
    cache.clear()


@pytest.mark.parametrize("typed", ["{code}", "{grouped}", "{dashed}"])
def test_the_billing_code_as_printed_opens_the_payment_page(
    billing_code, approved_case, client, typed
):
    code = billing_code.code
    grouped = " ".join(code[i : i + 5] for i in range(0, 15, 5))
    text = typed.format(code=code, grouped=grouped, dashed=grouped.replace(" ", "-"))
    response = lookup_page(client, text)
    status_url = reverse("payments:status", kwargs={"case_code": approved_case.code})
    assert response.status_code == 302 and response["Location"] == status_url


def test_a_billing_code_with_a_wrong_birth_date_is_answered_as_an_unknown_code(
    billing_code, approved_case, client
):
    wrong = lookup_page(client, billing_code.code, birth_date="1991-01-01")
    unknown = lookup_page(client, "999999999999999", birth_date="1991-01-01")
    assert wrong.status_code == unknown.status_code == 200
    assert without_token(wrong, billing_code.code) == without_token(unknown, "999999999999999")
    assert approved_case.code not in wrong.content.decode()


def test_the_billing_messages_link_opens_the_page_in_the_messages_language(
    billing_code, approved_case
):
    from paspor.notifications.models import Message
    from paspor.notifications.sending import message_render

    message = Message.objects.get(template="billing_issued")
    status_url = reverse("payments:status", kwargs={"case_code": approved_case.code})
    english = message_render(template=message.template, context=message.context, language="en")
    indonesian = message_render(template=message.template, context=message.context, language="id")
    assert f"{status_url}?bahasa=en" in english.body
    assert f"{status_url}\n" in indonesian.body or indonesian.body.rstrip().endswith(status_url)
    assert "bahasa=" not in indonesian.body


def test_a_junk_code_and_a_future_birth_date_are_said_together_at_their_fields(client):
    response = client.post(
        reverse("payments:lookup"), {"case_code": "@@!!", "birth_date": "2099-01-01"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    code_error = body[body.index('id="id_case_code_error"') :].split("</small>")[0]
    assert "Kode hanya berisi huruf dan angka." in code_error
    date_error = body[body.index('id="id_birth_date_error"') :].split("</small>")[0]
    assert "Tanggal lahir tidak boleh di masa depan." in date_error
    assert 'value="@@!!"' in body  # kept as typed


def test_a_junk_code_costs_no_guess_and_a_billing_code_in_groups_is_still_a_code(
    approved_case, client
):
    lookup = reverse("payments:lookup")
    for _try in range(6):  # past the five misses a code may have: none was counted
        junk = client.post(lookup, {"case_code": "ab#cd", "birth_date": BIRTH_DATE})
        assert junk.status_code == 400
    grouped = client.post(lookup, {"case_code": "14313 58988-10983", "birth_date": BIRTH_DATE})
    assert grouped.status_code == 200  # looked up: "does not match", not a malformed code
    assert "Kode hanya berisi huruf dan angka." not in grouped.content.decode()
