# mypy: disable-error-code="union-attr"
"""Estimated wait: W = s · (n + b/2) / c, from today's measured service times."""

import datetime as dt

import pytest

from paspor.offices.models import OfficeService, ServiceKind
from paspor.queueing.models import StationVisit, VisitOutcome
from paspor.queueing.selectors import estimate_wait, service_minutes, ticket_view
from paspor.queueing.services import (
    counter_open,
    ticket_call_next,
    ticket_end_visit,
    ticket_start,
    ticket_walk_in,
)
from paspor.queueing.tests.conftest import counter, station

pytestmark = pytest.mark.django_db


def test_wait_estimate_with_a_known_arrival_and_service_pattern(
    queue_office, intake_officer, second_intake_officer, frozen
):
    lost = OfficeService.objects.get(office=queue_office, kind=ServiceKind.LOST_DAMAGED)
    tickets = []
    for _ in range(8):  # eight arrivals, one a minute
        tickets.append(ticket_walk_in(office=queue_office, service=lost, by=None))
        frozen.shift(dt.timedelta(minutes=1))
    intake = station(queue_office, "intake")
    day = dt.date(2026, 3, 12)
    # Nothing measured yet, no counter open: the default 8 minutes, as if one counter.
    estimate = estimate_wait(intake, ahead=4, day=day)
    assert (estimate.minutes, estimate.measured, estimate.counters_open) == (32, False, 0)

    desk = counter_open(
        office=queue_office, counter=counter(queue_office, 1), station=intake, by=intake_officer
    )
    for minutes in (4, 6, 11):  # three services measured today: mean 7 minutes
        ticket_call_next(session=desk, by=intake_officer)
        ticket_start(session=desk, by=intake_officer)
        frozen.shift(dt.timedelta(minutes=minutes))
        ticket_end_visit(session=desk, by=intake_officer)
    assert service_minutes(intake, day) == (7.0, True)

    desk2 = counter_open(
        office=queue_office,
        counter=counter(queue_office, 2),
        station=intake,
        by=second_intake_officer,
    )
    ticket_call_next(session=desk2, by=second_intake_officer)  # one counter busy, one free
    # Four still waiting: the last has three ahead: 7 × (3 + ½) / 2 = 12.25 → 12 minutes.
    last = tickets[-1]
    last.refresh_from_db()
    view = ticket_view(last)
    assert view.position == 4
    assert view.wait.minutes == 12
    assert view.wait.counters_open == 2
    # A new arrival behind all four: 7 × (4 + ½) / 2 = 15.75 → 16 minutes.
    assert estimate_wait(intake, ahead=4, day=day).minutes == 16


def test_too_few_measurements_fall_back_to_the_station_default(
    queue_office, intake_officer, frozen
):
    lost = OfficeService.objects.get(office=queue_office, kind=ServiceKind.LOST_DAMAGED)
    intake = station(queue_office, "intake")
    intake.default_service_minutes = 6
    intake.save()
    for _ in range(3):
        ticket_walk_in(office=queue_office, service=lost, by=None)
    desk = counter_open(
        office=queue_office, counter=counter(queue_office, 1), station=intake, by=intake_officer
    )
    for _ in range(2):
        ticket_call_next(session=desk, by=intake_officer)
        frozen.shift(dt.timedelta(minutes=20))
        ticket_end_visit(session=desk, by=intake_officer)
    assert service_minutes(intake, dt.date(2026, 3, 12)) == (6.0, False)


def test_visits_ended_without_a_service_start_are_no_service_samples(
    queue_office, intake_officer, frozen
):
    """ "Akhiri kunjungan" (or "Selesai") on a ticket only called — never "Mulai layani" —
    measures no service: half-minute calls must not shrink every estimate of the station."""
    lost = OfficeService.objects.get(office=queue_office, kind=ServiceKind.LOST_DAMAGED)
    intake = station(queue_office, "intake")
    intake.default_service_minutes = 8
    intake.save()
    waiting = [ticket_walk_in(office=queue_office, service=lost, by=None) for _ in range(6)]
    desk = counter_open(
        office=queue_office, counter=counter(queue_office, 1), station=intake, by=intake_officer
    )
    for _ in range(4):
        ticket_call_next(session=desk, by=intake_officer)
        frozen.shift(dt.timedelta(seconds=30))
        ticket_end_visit(session=desk, by=intake_officer)
    assert not StationVisit.objects.filter(
        station=intake, outcome=VisitOutcome.DONE, started_at__isnull=False
    ).exists()
    assert service_minutes(intake, dt.date(2026, 3, 12)) == (8.0, False)
    # The phone page's estimate still reads the station's default: 8 × (1 + 0) / 1.
    last = waiting[-1]
    last.refresh_from_db()
    view = ticket_view(last)
    assert (view.position, view.wait.minutes, view.wait.measured) == (2, 8, False)
