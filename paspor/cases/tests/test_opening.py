"""Opening a case at the counter: the console's link, defaults from the ticket, no second case."""

import re

import pytest
from django.urls import reverse

from paspor.cases.models import Case
from paspor.cases.services import case_open
from paspor.cases.tests.conftest import SITI, make_booking, make_ticket, open_case
from paspor.payments.fees import bill_lines_for_case, fine_kind_of

pytestmark = pytest.mark.django_db

BUDI = {
    "nik": "6104011308900001",
    "full_name": "Budi",
    "sex": "M",
    "birth_date": "1990-08-13",
    "birth_place": "Ketapang",
    "passport_kind": "electronic",
}


def _open_url(office, query=""):
    return reverse("cases:open", args=[office.code]) + query


def _form_url(office, ticket):
    return reverse("cases:open_walk_in", args=[office.code]) + f"?tiket={ticket}"


def _selected(page: str, name: str) -> str:
    """The value of the option selected in the <select name=…> of a rendered page."""
    start = page.index(f'name="{name}"')
    select = page[start : page.index("</select>", start)]
    if " selected>" not in select:
        return ""
    chosen = select.split(" selected>")[0].rsplit('value="', 1)[1]
    return chosen.split('"')[0]


def _alert_links_to(page: str, case) -> bool:
    """The refusal itself (not the queue table below it) links to the existing case."""
    href = reverse("cases:detail", args=[case.office.code, case.code])
    return re.search(rf'role="alert">[^\n]*href="{href}"', page) is not None


# --- 1. The counter console's plain link --------------------------------------------------


def test_the_console_link_leads_to_the_form_of_the_ticket_being_served(
    office, intake_officer, client_for
):
    make_ticket(office, 1, prefix="C", holder_name="Budi", officer=intake_officer)
    response = client_for(intake_officer).get(_open_url(office))
    assert response.status_code == 302
    assert response["Location"] == _form_url(office, "C-001")


def test_the_console_link_with_a_ticket_code_leads_to_that_ticket(
    office, intake_officer, client_for
):
    make_ticket(office, 4, prefix="F")
    response = client_for(intake_officer).get(_open_url(office, "?tiket=f-4"))
    assert response.status_code == 302
    assert response["Location"] == _form_url(office, "F-004")


def test_the_console_link_without_a_ticket_at_the_counter_says_what_to_do(
    office, intake_officer, client_for
):
    response = client_for(intake_officer).get(_open_url(office))
    assert response.status_code == 409  # not 405: the page explains, with the number field
    page = response.content.decode()
    assert "Tidak ada nomor antrean yang sedang Anda layani" in page
    assert 'name="ticket"' in page


def test_the_console_link_with_an_unknown_ticket_says_so(office, intake_officer, client_for):
    response = client_for(intake_officer).get(_open_url(office, "?tiket=A-999"))
    assert response.status_code == 400
    assert "tidak ada hari ini" in response.content.decode()


def test_the_console_link_of_a_ticket_with_a_case_leads_to_the_case(
    office, intake_officer, client_for
):
    ticket = make_ticket(office, 4, prefix="F", officer=intake_officer)
    case = open_case(office, intake_officer, ticket=ticket)
    response = client_for(intake_officer).get(_open_url(office))
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[office.code, case.code])
    assert Case.objects.count() == 1


def test_a_get_never_opens_a_case_even_for_a_booked_ticket(
    office, intake_officer, applicant, client_for
):
    booking = make_booking(office, applicant)
    make_ticket(office, 12, booking=booking, officer=intake_officer)
    response = client_for(intake_officer).get(_open_url(office))
    assert response.status_code == 302 and "tiket=A-012" in response["Location"]
    assert not Case.objects.exists()


def test_the_console_link_stays_closed_to_other_roles_and_offices(
    office, biometrics_officer, officer_of_other_office, client_for
):
    assert client_for(biometrics_officer).get(_open_url(office)).status_code == 403
    assert client_for(officer_of_other_office).get(_open_url(office)).status_code == 404


# --- 2. Defaults follow the ticket --------------------------------------------------------


def test_an_express_walk_in_ticket_opens_an_express_case(office, intake_officer, client_for):
    make_ticket(office, 1, prefix="C", holder_name="Budi")
    client = client_for(intake_officer)
    page = client.get(_form_url(office, "C-001")).content.decode()
    assert 'name="express"' in page and 'name="express" id="id_express" checked' in page
    assert _selected(page, "passport_kind") == "electronic"
    response = client.post(
        _form_url(office, "C-001"),
        {**BUDI, "ticket": "C-001", "application_type": "new_adult", "express": "on"},
    )
    case = Case.objects.get()
    assert response.status_code == 302 and case.express
    assert case.ticket is not None and case.ticket.display == "C-001"
    assert "express" in {line.item for line in bill_lines_for_case(case, case.created_at.date())}


def test_the_express_service_follows_the_ticket_when_the_form_does_not_say(office, intake_officer):
    ticket = make_ticket(office, 1, prefix="C")
    case = case_open(office=office, by=intake_officer, ticket=ticket, data=SITI)
    assert case.express


def test_the_officer_can_take_express_off(office, intake_officer, client_for):
    make_ticket(office, 1, prefix="C")
    client_for(intake_officer).post(
        _form_url(office, "C-001"), {**BUDI, "ticket": "C-001", "application_type": "new_adult"}
    )
    assert Case.objects.get().express is False


def test_a_lost_or_damaged_ticket_preselects_lost_and_the_fine_is_billed(
    office, intake_officer, client_for
):
    make_ticket(office, 4, prefix="F", holder_name="Budi")
    client = client_for(intake_officer)
    page = client.get(_form_url(office, "F-004")).content.decode()
    assert _selected(page, "application_type") == "lost"
    assert 'name="express" id="id_express" checked' not in page
    form = {**BUDI, "ticket": "F-004", "application_type": _selected(page, "application_type")}
    client.post(_form_url(office, "F-004"), form)
    case = Case.objects.get()
    assert case.application_type == "lost" and fine_kind_of(case) == "lost"


def test_a_regular_walk_in_defaults_to_an_electronic_passport(office, intake_officer, client_for):
    page = (
        client_for(intake_officer)
        .get(reverse("cases:open_walk_in", args=[office.code]))
        .content.decode()
    )
    assert _selected(page, "passport_kind") == "electronic"


def test_a_booked_ticket_prefills_the_bookings_answers(
    office, intake_officer, applicant, client_for
):
    booking = make_booking(
        office, applicant, application_type="replacement", passport_kind="ordinary", pool="express"
    )
    make_ticket(office, 12, booking=booking)
    page = client_for(intake_officer).get(_form_url(office, "A-012")).content.decode()
    assert _selected(page, "application_type") == "replacement"
    assert _selected(page, "passport_kind") == "ordinary"
    assert 'name="express" id="id_express" checked' in page
    assert f'value="{SITI.nik}"' in page and 'value="1990-08-17"' in page


def test_a_booked_ticket_opened_from_the_form_keeps_the_officers_correction(
    office, intake_officer, applicant, client_for
):
    booking = make_booking(office, applicant, pool="express")
    make_ticket(office, 12, booking=booking)
    form = {
        "ticket": "A-012",
        "nik": SITI.nik,
        "full_name": "Siti Aminah",
        "sex": "F",
        "birth_date": "1990-08-17",
        "birth_place": "Ketapang",
        "application_type": "lost",
        "passport_kind": "electronic",
    }
    response = client_for(intake_officer).post(_form_url(office, "A-012"), form)
    case = Case.objects.get()
    assert response.status_code == 302
    assert case.booking == booking and case.application_type == "lost" and not case.express


def test_a_mistyped_ticket_on_the_form_does_not_open_a_case_without_it(
    office, intake_officer, client_for
):
    response = client_for(intake_officer).post(
        _form_url(office, "C-009"), {**BUDI, "ticket": "C-009", "application_type": "new_adult"}
    )
    assert response.status_code == 400 and not Case.objects.exists()
    assert "C-009 tidak ada hari ini" in response.content.decode()


# --- 3. A ticket that already has a case ----------------------------------------------------


def test_the_work_queue_links_the_served_tickets_case_instead_of_offering_to_open_it(
    office, intake_officer, client_for
):
    ticket = make_ticket(office, 1, prefix="C", officer=intake_officer)
    client = client_for(intake_officer)
    page = client.get(reverse("cases:work_queue", args=[office.code])).content.decode()
    assert "Buka permohonan dari tiket C-001 yang sedang dilayani" in page
    case = open_case(office, intake_officer, ticket=ticket)
    page = client.get(reverse("cases:work_queue", args=[office.code])).content.decode()
    assert "Buka permohonan dari tiket C-001 yang sedang dilayani" not in page
    assert reverse("cases:detail", args=[office.code, case.code]) in page


def test_opening_a_ticket_twice_answers_409_with_a_link_to_the_case(
    office, intake_officer, client_for
):
    ticket = make_ticket(office, 1, prefix="C")
    case = open_case(office, intake_officer, ticket=ticket)
    response = client_for(intake_officer).post(_open_url(office), {"ticket": "C-001"})
    assert response.status_code == 409
    page = response.content.decode()
    assert f"sudah menjadi permohonan {case.code}" in page
    assert _alert_links_to(page, case)


def test_opening_a_booked_ticket_twice_answers_409_with_a_link_to_the_case(
    office, intake_officer, applicant, client_for
):
    make_ticket(office, 12, booking=make_booking(office, applicant))
    client = client_for(intake_officer)
    client.post(_open_url(office), {"ticket": "A-012"})
    case = Case.objects.get()
    response = client.post(_open_url(office), {"ticket": "A-012"})
    assert response.status_code == 409
    assert _alert_links_to(response.content.decode(), case)


def test_the_data_form_of_a_ticket_with_a_case_answers_409_with_a_link(
    office, intake_officer, client_for
):
    ticket = make_ticket(office, 4, prefix="F")
    case = open_case(office, intake_officer, ticket=ticket)
    client = client_for(intake_officer)
    assert client.get(_form_url(office, "F-004"))["Location"].endswith(f"/{case.code}/")
    response = client.post(
        _form_url(office, "F-004"), {**BUDI, "ticket": "F-004", "application_type": "lost"}
    )
    assert response.status_code == 409
    assert _alert_links_to(response.content.decode(), case)
