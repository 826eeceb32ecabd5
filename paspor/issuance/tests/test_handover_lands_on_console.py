"""After a handover the officer lands where the next press is: the counter console while the
collector's ticket is still at their counter, the pickup list otherwise."""

import pytest
from django.urls import reverse

from paspor.issuance.tests.helpers import ready_passport
from paspor.issuance.tests.test_handover_signature_kept import handover_form
from paspor.offices.models import OfficeService, ServiceKind
from paspor.queueing.services import counter_open, ticket_call_next, ticket_walk_in
from paspor.queueing.tests.conftest import counter, lay_out, station

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen", "stock")]


def _submit(client, passport, case):
    url = reverse(
        "issuance:handover_submit",
        kwargs={"office": "ketapang", "number": passport.passport_number},
    )
    return client.post(url, handover_form(case.nik))


def test_handover_with_the_collectors_ticket_at_the_counter_lands_on_the_console(
    client_for, office, paid_case, printer, checker, handover_officer
):
    lay_out(office)
    desk = counter_open(
        office=office,
        counter=counter(office, 5),
        station=station(office, "handover"),
        by=handover_officer,
    )
    pickup = OfficeService.objects.get(office=office, kind=ServiceKind.PICKUP)
    ticket = ticket_walk_in(office=office, service=pickup, by=None)
    called = ticket_call_next(session=desk, by=handover_officer)
    assert called is not None and called.pk == ticket.pk
    passport = ready_passport(paid_case, printer, checker)
    client = client_for(handover_officer)

    response = _submit(client, passport, paid_case)

    assert response.status_code == 302
    assert response["Location"] == reverse("queueing:console", args=["ketapang"])
    page = client.get(response["Location"]).content.decode()
    assert f"Paspor {passport.passport_number} diserahkan; permohonan ditutup." in page
    assert ticket.display in page  # "Selesai" for the collector's number is one press away


def test_handover_without_a_counter_lands_on_the_pickup_list(
    client_for, paid_case, printer, checker, handover_officer
):
    passport = ready_passport(paid_case, printer, checker)
    response = _submit(client_for(handover_officer), passport, paid_case)
    assert response.status_code == 302
    assert response["Location"] == reverse("issuance:pickup_queue", args=["ketapang"])


def test_a_handover_with_several_faults_lists_them_all_on_the_page(
    client_for, paid_case, printer, checker, handover_officer
):
    passport = ready_passport(paid_case, printer, checker)
    form = handover_form("6104015708900009")  # not the holder's NIK
    del form["face_matched"]
    form["signature"] = ""
    url = reverse(
        "issuance:handover_submit",
        kwargs={"office": "ketapang", "number": passport.passport_number},
    )
    response = client_for(handover_officer).post(url, form)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Paspor tidak diserahkan. Perbaiki semua yang berikut:" in page
    items = page.split('id="error"')[1].split("</ul>")[0].count("<li>")
    assert items == 3
