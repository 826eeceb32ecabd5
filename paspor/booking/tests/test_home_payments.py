"""The applicant's home links each of the account's billed applications to its payment status
page (slip, receipt, due date): the way back to the bill without the e-mail."""

import pytest
from django.urls import reverse

from paspor.booking.tests.conftest import verified
from paspor.cases.models import CaseStatus
from paspor.payments.services import bill_issue_for_case, fee_schedule_ensure_defaults
from paspor.payments.tests.factories import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def billed(office, intake_officer, supervisor, applicant):
    fee_schedule_ensure_defaults()
    case = make_case(office, intake_officer, applicant_account=verified(applicant))
    bill_issue_for_case(case=case, by=supervisor)
    return case


def test_the_home_links_each_billed_application_to_its_payment_page(
    billed, office, intake_officer, supervisor, applicant, other_applicant, client_for
):
    not_billed = make_case(office, intake_officer, applicant_account=applicant)
    someone_elses = make_case(
        office, intake_officer, applicant_account=other_applicant, full_name="Rina Lestari"
    )
    bill_issue_for_case(case=someone_elses, by=supervisor)
    html = client_for(applicant).get(reverse("booking:my_bookings")).content.decode()
    assert "Pembayaran permohonan" in html
    assert f'href="{reverse("payments:status", args=[billed.code])}"' in html
    assert "Rp 950.000" in html
    assert not_billed.code not in html
    assert someone_elses.code not in html and "Rina Lestari" not in html


def test_the_link_opens_the_status_page_for_the_signed_in_applicant(billed, applicant, client_for):
    client = client_for(applicant)
    page = client.get(reverse("payments:status", args=[billed.code]))
    assert page.status_code == 200
    assert billed.bill.codes.get().code[:5] in page.content.decode()


def test_a_paid_application_stays_on_the_home(billed, applicant, client_for):
    billed.status = CaseStatus.PAID
    billed.save(update_fields=["status"])
    html = client_for(applicant).get(reverse("booking:my_bookings")).content.decode()
    assert reverse("payments:status", args=[billed.code]) in html


def test_a_home_without_bills_has_no_payment_section(applicant, client_for):
    verified(applicant)
    html = client_for(applicant).get(reverse("booking:my_bookings")).content.decode()
    assert "Pembayaran permohonan" not in html


def test_the_home_links_the_notification_preferences(applicant, client_for):
    english = client_for(verified(applicant))
    english.cookies["django_language"] = "en"
    html = english.get(reverse("booking:my_bookings")).content.decode()
    assert f'href="{reverse("notifications:preferences")}">Notification preferences</a>' in html
