"""The applicant's pages as a screen reader and a keyboard meet them: a form sent back with
mistakes lists them first and takes the focus, a radio group carries its own mistake, the
office list waits for its button, the proof names its code in words, and a page's roles sit on
elements that may carry them. The staff's booking pages too: a refused row form takes the focus
at its field, which reads why; the printed list has its main landmark."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from paspor.booking import services
from paspor.booking.tests.conftest import DAY, make_profile, verified
from paspor.booking.tests.test_applicant_pages import with_draft
from paspor.booking.tests.test_flags import BROKER, book_from
from paspor.cases.tests.test_staff_accessibility import described, invalid_and_says, parsed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def summary_of(body: str) -> str:
    start = body.index('<div class="error-summary"')
    return body[start : body.index("</ul>", start)]


def test_a_registration_with_mistakes_lists_them_first_and_takes_the_focus(client):
    response = client.post(reverse("booking:register"), {"email": "bukan-email"})
    assert response.status_code == 400
    body = response.content.decode()
    summary = summary_of(body)
    assert 'tabindex="-1" autofocus' in summary
    assert "Formulir belum dapat dikirim. Periksa lagi:" in summary
    assert '<a href="#id_full_name">Nama lengkap: Bidang ini tidak boleh kosong.</a>' in summary
    assert '<a href="#id_email">E-mail: Masukkan alamat email yang valid.</a>' in summary
    # Before the fields, so the focus lands above the first one.
    assert body.index('class="error-summary"') < body.index('id="id_full_name"')
    assert body.count("autofocus") == 1


def test_a_form_without_mistakes_has_no_list_of_them(client):
    body = client.get(reverse("booking:register")).content.decode()
    assert "error-summary" not in body and "autofocus" not in body


def test_a_radio_groups_mistake_is_read_with_the_group_and_linked_from_the_list(
    client_for, applicant
):
    client = client_for(verified(applicant))
    response = client.post(reverse("booking:profiles"), {"full_name": "Budi Santoso"})
    assert response.status_code == 400
    body = response.content.decode()
    assert '<fieldset id="id_sex" aria-describedby="id_sex_error"><legend>' in body
    assert '<div id="id_sex_error">' in body
    assert '<a href="#id_sex">Jenis kelamin: Bidang ini tidak boleh kosong.</a>' in summary_of(body)
    # A group without a mistake names nothing that is not on the page.
    fine = client.get(reverse("booking:profiles")).content.decode()
    assert '<fieldset id="id_sex"><legend>' in fine


def test_the_questionnaire_links_each_unanswered_question(client_for, budi):
    # A browser always sends something (the CSRF token): an empty form would be a new page.
    response = client_for(budi.account).post(reverse("booking:start"), {"married": ""})
    assert response.status_code == 400
    summary = summary_of(response.content.decode())
    assert '<a href="#id_profile">Untuk siapa?: ' in summary
    assert '<a href="#id_old_passport">Paspor sebelumnya: ' in summary


def test_the_office_list_waits_for_its_button_instead_of_sending_on_change(
    client_for, office, sessions, budi
):
    client = with_draft(client_for(budi.account), budi)
    body = client.get(reverse("booking:choose")).content.decode()
    start = body.index('<select id="office"')
    form = body[body.rindex("<form", 0, start) : body.index("</form>", start)]
    assert "data-autosubmit" not in form
    assert "<noscript>" not in form
    assert '<button type="submit" class="secondary">Tampilkan</button>' in form


def test_the_proof_says_booking_code_before_the_code(client_for, booking, budi):
    body = client_for(budi.account).get(reverse("booking:proof", args=[booking.code])).content
    text = body.decode()
    assert (
        '<span class="visually-hidden">Kode booking: </span>'
        f'<span class="booking-code">{booking.code}</span>'
    ) in text
    assert not re.search(r"<p[^>]*aria-label", text)  # not read out on a paragraph


def test_a_verification_link_page_keeps_its_article_and_says_the_outcome(client):
    body = client.get(reverse("booking:verify_link", args=["rusak"])).content.decode()
    assert not re.search(r'<article[^>]*role="', body)
    assert re.search(r'<p role="alert">[^<]+</p>', body)


def test_a_second_profile_form_error_does_not_repeat_an_id(client_for, applicant):
    account = verified(applicant)
    make_profile(account, 1, name="Budi Santoso")
    body = client_for(account).post(reverse("booking:profiles"), {}).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', body)
    assert len(ids) == len(set(ids))


def test_a_refused_invalidation_takes_the_focus_at_its_reason_which_says_why(
    client_for, booking, supervisor, office
):
    response = client_for(supervisor).post(
        reverse("booking:staff_invalidate", args=[office.code, booking.code]), {"reason": ""}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert invalid_and_says(body, "Bidang ini tidak boleh kosong.", name="reason")
    assert described(body, name="reason")[0].get("autofocus") == ""
    assert body.count("autofocus") == 1


def test_the_day_lists_action_column_is_named(client_for, booking, supervisor, office):
    url = reverse("booking:staff_day", args=[office.code]) + f"?tanggal={DAY.isoformat()}"
    body = client_for(supervisor).get(url).content.decode()
    assert '<th><span class="visually-hidden">Tindakan</span></th>' in body
    assert "<th></th>" not in body


def test_a_refused_review_note_takes_the_focus_at_the_note_which_says_why(
    client_for, office, sessions, supervisor, settings
):
    settings.BOOKING_FLAG_DISTINCT_NIKS = 3
    for session in sessions:
        book_from(BROKER, office, session)
    services.booking_flags_refresh()
    response = client_for(supervisor).post(
        reverse("booking:staff_review_flag", args=[office.code]),
        {"kind": "device", "ident": "ponsel-calo", "note": "x" * 501},
    )
    assert response.status_code == 400
    body = response.content.decode()
    refused, said = described(body, name="note", autofocus="")
    assert refused["aria-invalid"] == "true" and "500" in said
    # The other source's note stays as it was: not marked, not focused.
    others = [
        a for tag, a in parsed(body).elements if tag == "textarea" and a["id"] != refused["id"]
    ]
    assert others and all("aria-invalid" not in a and "autofocus" not in a for a in others)


def test_the_printed_day_list_is_one_document_with_a_main_landmark(
    client_for, booking, supervisor, office
):
    url = reverse("booking:staff_day_print", args=[office.code, DAY.isoformat()])
    body = client_for(supervisor).get(url).content.decode()
    assert body.count("<head>") == 1 and body.count("<main>") == 1
    assert body.index("<main>") < body.index("<h1>") < body.index("</main>")


@pytest.mark.parametrize(
    "posted",
    [
        {"action": "session_add", "start": "09:00", "end": "11:00"},  # overlaps 08.00–10.00
        {"action": "policy", "release_rule": ""},
    ],
)
def test_a_refused_quota_page_form_posts_to_no_fragment_so_its_mistakes_take_the_focus(
    client_for, supervisor, office, sessions, posted
):
    # A URL fragment after the post (the page scrolled to it) would cancel the autofocus.
    url = reverse("booking:staff_quota", args=[office.code])
    response = client_for(supervisor).post(url, posted)
    assert response.status_code == 400
    body = response.content.decode()
    summary = body.index('<div class="error-summary"')
    form = body[body.rindex("<form", 0, summary) : body.index("</form>", summary)]
    assert f'<form method="post" action="{url}" novalidate>' in form
    assert f'value="{posted["action"]}"' in form
    assert body.count("autofocus") == 1 and "autofocus" in form
