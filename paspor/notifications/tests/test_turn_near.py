"""'Your turn is near': sent to a booked ticket's holder, exactly once per ticket. Which tickets
are near is the queue's to say (paspor.queueing.selectors.turn_near, tested there)."""

import pytest
from django.core import mail

from conftest import make_user
from paspor.notifications.models import Message
from paspor.notifications.services import notify_turn_near
from paspor.notifications.tests.factories import make_booking, make_profile, make_ticket
from paspor.offices.calendar import office_today

pytestmark = pytest.mark.django_db


@pytest.fixture
def ticket(office):
    day = office_today(office)
    account = make_user("antre4", email="antre4@example.com")
    booking = make_booking(office, make_profile(account), day=day)
    return make_ticket(office, number=4, day=day, booking=booking)


def test_the_holder_is_told_the_ticket_and_how_many_are_ahead(
    ticket, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = notify_turn_near(ticket=ticket, ahead=3)
    assert message is not None and message.context["ahead"] == 3
    told = next(m for m in mail.outbox if m.to == ["antre4@example.com"])
    assert "A-004" in told.body and "tinggal 3 orang lagi" in told.body


def test_turn_near_fires_exactly_once_per_ticket_however_often_asked(ticket):
    first = notify_turn_near(ticket=ticket, ahead=3)
    assert first is not None
    assert notify_turn_near(ticket=ticket, ahead=2) is None
    assert notify_turn_near(ticket=ticket, ahead=0) is None
    assert Message.objects.filter(dedupe_key=f"turn-near:{ticket.pk}").count() == 1


def test_walk_in_tickets_without_contact_are_skipped(office):
    walk_in = make_ticket(office, number=1, day=office_today(office))
    assert notify_turn_near(ticket=walk_in) is None
    assert not Message.objects.filter(template="turn_near").exists()
