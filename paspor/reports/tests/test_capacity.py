"""The capacity planner on a small office day whose answers are known."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from paspor.booking.models import ApplicantProfile, Booking
from paspor.lib import erlang
from paspor.offices.calendar import is_working_day
from paspor.offices.models import OfficeService, ServiceKind
from paspor.queueing.models import Ticket
from paspor.reports import selectors
from paspor.reports.capacity import plan_capacity, simulate_plan

DAY = dt.date(2026, 12, 1)  # a Tuesday


@pytest.fixture
def services(office):
    regular = OfficeService.objects.create(
        office=office, kind=ServiceKind.REGULAR, ticket_prefix="A", route=["intake", "biometrics"]
    )
    pickup = OfficeService.objects.create(
        office=office,
        kind=ServiceKind.PICKUP,
        ticket_prefix="D",
        route=["handover"],
        walk_in=True,
        walk_in_daily_cap=100,
    )
    return regular, pickup


@pytest.fixture
def day_data(office, services, applicant):
    _, pickup = services
    for i in range(12):
        profile = ApplicantProfile.objects.create(
            account=applicant,
            nik=f"61040157089{i:05d}",
            full_name=f"Pemohon {i}",
            sex="F",
            birth_date=dt.date(1990, 8, 17),
            birth_place="Ketapang",
        )
        Booking.objects.create(
            code=f"BK{i:04d}",
            office=office,
            profile=profile,
            nik=profile.nik,
            date=DAY,
            window_start=dt.time(8),
            window_end=dt.time(10),
            application_type="new_adult",
        )
    # Four pickups at 10.xx on each of the 20 working days before DAY.
    day, seen = DAY, 0
    while seen < 20:
        day -= dt.timedelta(days=1)
        if not is_working_day(office, day):
            continue
        seen += 1
        for n in range(4):
            arrived = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 5 + n)), office.tz)
            Ticket.objects.create(
                office=office, service=pickup, day=day, prefix="D", number=n + 1, arrived_at=arrived
            )


@pytest.mark.django_db
def test_expected_arrivals_combine_bookings_and_walk_in_history(office, day_data):
    arrivals = selectors.expected_arrivals(office, DAY)
    assert arrivals["regular"] == {8: 6.0, 9: 6.0}
    assert arrivals["pickup"] == pytest.approx({10: 4.0})


@pytest.mark.django_db
def test_opening_hours_and_closed_days(office):
    assert selectors.opening_hours(office, DAY) == tuple(range(8, 16))
    assert selectors.opening_hours(office, dt.date(2026, 12, 25)) == ()  # Christmas


@pytest.mark.django_db
def test_plan_uses_erlang_c_per_station_and_hour(office, day_data):
    plan = plan_capacity(office=office, day=DAY, target_wait_minutes=15, target_fraction=0.8)
    intake = next(s for s in plan.stations if s.station_type == "intake")
    eight = next(h for h in intake.hours if h.hour == 8)
    mu = 60 / intake.mean_service_minutes
    assert eight.counters == erlang.servers_needed(
        arrival_rate=6, service_rate=mu, target_wait=0.25, target_fraction=0.8
    )
    assert eight.share_within_target >= 0.8
    assert eight.expected_wait_minutes == pytest.approx(
        erlang.mean_wait(arrival_rate=6, service_rate=mu, servers=eight.counters) * 60
    )
    assert next(h for h in intake.hours if h.hour == 12).counters == 0  # nobody comes at noon
    handover = next(s for s in plan.stations if s.station_type == "handover")
    assert next(h for h in handover.hours if h.hour == 10).counters >= 1


@pytest.mark.django_db
def test_simulated_day_serves_everyone_who_came(office, day_data):
    plan = plan_capacity(office=office, day=DAY)
    simulated = {s.station_type: s for s in simulate_plan(plan, runs=30)}
    assert simulated["intake"].served == pytest.approx(12, rel=0.01)  # booked applicants all come
    assert simulated["handover"].served == pytest.approx(4, rel=0.35)  # Poisson around 4
    assert simulated["intake"].within_target > 0.5


@pytest.mark.django_db
def test_simulate_day_command_prints_the_plan_and_writes_a_chart(office, day_data, tmp_path):
    out = io.StringIO()
    chart = tmp_path / "plan.svg"
    call_command(
        "simulate_day",
        office.code,
        DAY.isoformat(),
        "--runs",
        "5",
        "--chart",
        str(chart),
        stdout=out,
    )
    text = out.getvalue()
    assert "Rencana loket" in text and "Simulasi" in text
    assert chart.read_text().startswith("<svg") and "<title>" in chart.read_text()
