"""A walk-in has no account to hold a preference: the officer records the language of the
case's messages and a phone the gateways can dial (+62…)."""

import dataclasses

import pytest
from django.urls import reverse

from conftest import make_user, refusal
from paspor.cases import intake
from paspor.cases.models import Case, CaseStatus
from paspor.cases.tests.conftest import SITI, finish_intake, make_booking, make_ticket, open_case
from paspor.notifications.models import Channel, Language, Message
from paspor.notifications.sending import message_render
from paspor.notifications.services import channel_preference_set
from paspor.payments.services import bill_issue_for_case, fee_schedule_ensure_defaults

pytestmark = pytest.mark.django_db

BUDI = {
    "nik": "6104011308900001",
    "full_name": "Budi Santoso",
    "sex": "M",
    "birth_date": "1990-08-13",
    "birth_place": "Ketapang",
    "email": "budi@example.com",
    "application_type": "new_adult",
    "passport_kind": "electronic",
}


def _walk_in_url(office, ticket):
    return reverse("cases:open_walk_in", args=[office.code]) + f"?tiket={ticket}"


def _bill(case, supervisor):
    fee_schedule_ensure_defaults()
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.APPROVED)
    return bill_issue_for_case(case=Case.objects.get(pk=case.pk), by=supervisor)


def test_a_walk_in_in_english_gets_the_billing_code_in_english_at_the_typed_number(
    office, intake_officer, supervisor, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    make_ticket(office, 1, prefix="C", holder_name="Budi")
    response = client_for(intake_officer).post(
        _walk_in_url(office, "C-001"),
        {**BUDI, "ticket": "C-001", "phone": "0812-3456-7890", "language": "en"},
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert case.language == Language.ENGLISH and case.phone == "+6281234567890"

    with django_capture_on_commit_callbacks(execute=True):
        _bill(case, supervisor)
    message = Message.objects.get(template="billing_issued")
    assert message.language == Language.ENGLISH and message.to_address == "budi@example.com"
    [mail] = [m for m in mailoutbox if m.to == ["budi@example.com"]]
    english = message_render(template="billing_issued", context=message.context, language="en")
    indonesian = message_render(template="billing_issued", context=message.context, language="id")
    assert mail.subject == english.subject != indonesian.subject


def test_a_walk_in_without_a_choice_is_told_in_indonesian(
    office, intake_officer, supervisor, client_for
):
    make_ticket(office, 1, prefix="C", holder_name="Budi")
    client_for(intake_officer).post(_walk_in_url(office, "C-001"), {**BUDI, "ticket": "C-001"})
    case = Case.objects.get()
    assert case.language == Language.INDONESIAN
    _bill(case, supervisor)
    assert Message.objects.get(template="billing_issued").language == Language.INDONESIAN


def test_a_number_that_is_not_one_is_refused_at_the_field_and_nothing_is_opened(
    office, intake_officer, client_for
):
    make_ticket(office, 1, prefix="C", holder_name="Budi")
    response = client_for(intake_officer).post(
        _walk_in_url(office, "C-001"), {**BUDI, "ticket": "C-001", "phone": "12345"}
    )
    assert response.status_code == 400
    assert "Masukkan nomor telepon Indonesia yang benar" in response.content.decode()
    assert 'value="Budi Santoso"' in response.content.decode()  # what was typed stays
    assert not Case.objects.exists()


def test_the_service_refuses_a_language_the_messages_are_not_written_in(office, intake_officer):
    error = refusal(open_case, office, intake_officer, dataclasses.replace(SITI, language="fr"))
    assert error.code == "language"
    assert not Case.objects.exists()


def test_a_booked_ticket_brings_the_accounts_language_to_the_form(
    office, intake_officer, client_for
):
    account = make_user("siti", email=SITI.email)
    channel_preference_set(user=account, channel=Channel.EMAIL, language=Language.ENGLISH)
    booking = make_booking(office, account)
    make_ticket(office, 12, booking=booking)
    page = client_for(intake_officer).get(_walk_in_url(office, "A-012")).content.decode()
    assert '<option value="en" selected>' in page


def test_checking_the_data_can_change_the_language_and_keeps_it(office, intake_officer):
    case = open_case(office, intake_officer, dataclasses.replace(SITI, language="en"))
    assert case.language == Language.ENGLISH
    data = dataclasses.replace(SITI, language="id", phone="+62 812-3456-7890")
    intake.case_data_verify(case=case, by=intake_officer, data=data, validity_years=10)
    changed = Case.objects.get(pk=case.pk)
    assert changed.language == Language.INDONESIAN and changed.phone == "+6281234567890"
    finish_intake(changed, intake_officer)  # the form sends the case's own values back
    assert Case.objects.get(pk=case.pk).language == Language.INDONESIAN
