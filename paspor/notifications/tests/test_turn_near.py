"""'Your turn is near': sent when at most three tickets are ahead, exactly once per ticket."""

import pytest
import time_machine
from django.core import mail

from conftest import make_user
from paspor.notifications.models import Message
from paspor.notifications.services import ticket_turn_near_check
from paspor.notifications.tests.factories import make_booking, make_profile, make_ticket
from paspor.offices.calendar import office_today
from paspor.offices.models import Counter

pytestmark = pytest.mark.django_db


@pytest.fixture
def line(office):
    """Seven booked tickets waiting in one line today, each with its own account."""
    day = office_today(office)
    tickets = []
    for number in range(1, 8):
        account = make_user(f"antre{number}", email=f"antre{number}@example.com")
        booking = make_booking(office, make_profile(account), day=day)
        tickets.append(make_ticket(office, number=number, day=day, booking=booking))
    return tickets


def turn_near_recipients():
    return sorted(Message.objects.filter(template="turn_near").values_list("to_address", flat=True))


def test_the_first_four_in_line_are_told_their_turn_is_near(
    office, line, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = ticket_turn_near_check(office=office)
    assert [message.context["ahead"] for message in sent] == [0, 1, 2, 3]
    assert turn_near_recipients() == [f"antre{n}@example.com" for n in range(1, 5)]
    fourth = next(m for m in mail.outbox if m.to == ["antre4@example.com"])
    assert "A-004" in fourth.body and "tinggal 3 orang lagi" in fourth.body


def test_turn_near_fires_exactly_once_per_ticket_across_calls(office, line):
    for _ in range(3):
        ticket_turn_near_check(office=office)
    assert Message.objects.filter(template="turn_near").count() == 4
    # A-001 is called: A-005 now has three ahead and is told, once; nobody else again.
    line[0].status = "called"
    line[0].counter = Counter.objects.create(office=office, number=1)
    line[0].save(update_fields=["status", "counter"])
    ticket_turn_near_check(office=office)
    ticket_turn_near_check(office=office)
    assert turn_near_recipients() == [f"antre{n}@example.com" for n in range(1, 6)]
    for ticket in line[:5]:
        assert Message.objects.filter(dedupe_key=f"turn-near:{ticket.pk}").count() == 1


def test_the_queue_app_may_pass_its_own_calling_order(office, line):
    ticket_turn_near_check(office=office, lines=[[line[6], line[5]]])
    assert turn_near_recipients() == ["antre6@example.com", "antre7@example.com"]


def test_walk_in_tickets_without_contact_are_skipped(office):
    day = office_today(office)
    make_ticket(office, number=1, day=day)
    assert ticket_turn_near_check(office=office) == []


def test_tickets_of_other_days_and_offices_do_not_count(office, other_office, line):
    with time_machine.travel("2030-01-02 09:00 +07:00"):
        assert ticket_turn_near_check(office=office) == []
    assert ticket_turn_near_check(office=other_office) == []
