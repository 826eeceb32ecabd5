"""The capacity planner on a small office day whose answers are known."""

import datetime as dt
import io
import math

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


def slow_intake(office, minutes):
    from paspor.offices.models import Station

    Station.objects.filter(office=office, station_type="intake").update(
        default_service_minutes=minutes
    )


@pytest.mark.django_db
def test_an_hour_no_allowed_number_of_counters_can_serve_is_planned_in_full_and_said_so(
    office, day_data
):
    # 6 applicants an hour at 20 minutes each: 3 counters keep up but serve only 79 % within
    # 15 minutes; 2 counters cannot keep up at all (ρ = 1), so the queue grows without end.
    slow_intake(office, 20)
    for most, overloaded in ((3, False), (2, True)):
        plan = plan_capacity(office=office, day=DAY, max_counters=most)
        intake = next(s for s in plan.stations if s.station_type == "intake")
        eight = next(h for h in intake.hours if h.hour == 8)
        assert (eight.counters, eight.meets_target, eight.overloaded) == (most, False, overloaded)
        assert intake.short_of_counters and plan.max_counters == most
        assert eight.share_within_target < 0.8
        assert next(h for h in intake.hours if h.hour == 12).meets_target  # nobody comes at noon
    assert math.isinf(eight.expected_wait_minutes) and eight.share_within_target == 0.0


@pytest.mark.django_db
def test_the_capacity_page_says_when_even_every_counter_is_too_few(
    client_for, head_of_office, office, day_data
):
    slow_intake(office, 600)  # 6 an hour at 10 hours each: 60 counters just to keep up
    response = client_for(head_of_office).get(
        CAPACITY_URL, {"tanggal": DAY.isoformat(), "tunggu": "15", "persen": "80"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert '<th scope="row">08.00</th>\n        <td>6,0</td>\n        <td>30+</td>' in body
    assert "<td>∞</td>" in body
    assert "30 loket pun belum memenuhi target" in body


@pytest.mark.django_db
def test_simulate_day_command_marks_the_hours_short_of_counters(office, day_data, tmp_path):
    slow_intake(office, 600)
    out = io.StringIO()
    call_command(
        "simulate_day",
        office.code,
        DAY.isoformat(),
        "--runs",
        "1",
        "--chart",
        str(tmp_path / "plan.svg"),
        stdout=out,
    )
    text = out.getvalue()
    assert "  08.00     6.0    30+           ∞      ∞      0%" in text
    assert "30 loket pun belum memenuhi target" in text


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


# --- The page for the head of office and supervisors -------------------------------------------

CAPACITY_URL = "/laporan/kantor/ketapang/kapasitas/"


@pytest.mark.django_db
def test_the_capacity_page_shows_the_plan_of_the_day(client_for, head_of_office, office, day_data):
    response = client_for(head_of_office).get(
        CAPACITY_URL, {"tanggal": DAY.isoformat(), "tunggu": "15", "persen": "80"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    plan = plan_capacity(office=office, day=DAY)
    intake = next(s for s in plan.stations if s.station_type == "intake")
    eight = next(h for h in intake.hours if h.hour == 8)
    assert "Perkiraan kedatangan: 16 orang." in body  # 12 booked + 4 pickups on average
    assert "<svg" in body and "Loket per jam" in body
    assert (
        f'<th scope="row">08.00</th>\n        <td>6,0</td>\n        <td>{eight.counters}</td>'
        in body
    )
    assert "80 % pemohon dilayani dalam 15 menit" in body


@pytest.mark.django_db
def test_the_capacity_page_in_english_writes_the_hours_the_english_way(
    client_for, head_of_office, office, day_data, settings
):
    client = client_for(head_of_office)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(
        CAPACITY_URL, {"tanggal": DAY.isoformat(), "tunggu": "15", "persen": "80"}
    )
    body = response.content.decode()
    assert '<th scope="row">08:00</th>\n        <td>6.0</td>' in body
    assert '<th scope="row">08.00</th>' not in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (None, "login"),
        ("applicant", 403),
        ("intake_officer", 403),
        ("officer_of_other_office", 403),
        ("supervisor", 200),
        ("head_of_office", 200),
        ("hq_user", 200),
    ],
)
def test_who_may_plan_the_counters(request, client_for, office, persona, expected):
    from conftest import answered

    user = request.getfixturevalue(persona) if persona else None
    assert answered(client_for(user).get(CAPACITY_URL)) == expected


@pytest.mark.django_db
def test_a_head_of_another_office_gets_404(client_for, office, other_office):
    from conftest import make_user
    from paspor.accounts.models import Role

    head = make_user("kakanim_lain", role=Role.HEAD, office=other_office)
    assert client_for(head).get(CAPACITY_URL).status_code == 404


@pytest.mark.django_db
def test_a_closed_day_a_day_without_arrivals_and_bad_input(client_for, head_of_office, office):
    client = client_for(head_of_office)
    closed = client.get(CAPACITY_URL, {"tanggal": "2026-12-25", "tunggu": "15", "persen": "80"})
    assert "bukan hari kerja kantor ini" in closed.content.decode()
    empty = client.get(CAPACITY_URL, {"tanggal": DAY.isoformat(), "tunggu": "15", "persen": "80"})
    assert "Belum ada kedatangan yang diperkirakan" in empty.content.decode()
    bad = client.get(CAPACITY_URL, {"tanggal": "kemarin", "tunggu": "0", "persen": "80"})
    assert bad.status_code == 400
    assert 'role="alert"' in bad.content.decode()


@pytest.mark.django_db
def test_simulate_day_says_when_there_is_nothing_to_simulate(office, services):
    out = io.StringIO()
    call_command("simulate_day", office.code, DAY.isoformat(), stdout=out)
    text = out.getvalue()
    assert "Tidak ada kedatangan yang diperkirakan" in text and "Simulasi (" not in text


def test_a_long_legend_flows_onto_more_lines_instead_of_overlapping():
    import itertools
    import re

    from paspor.reports.charts import grouped_bar_chart

    names = ["Pemeriksaan berkas", "Foto, sidik jari dan wawancara", "Bantuan pembayaran",
             "Penyerahan paspor", "Informasi"]  # fmt: skip
    svg = grouped_bar_chart(
        title="t", categories=["08", "09"], series=[(n, [1, 2]) for n in names], y_label="loket"
    )
    entries = [
        (float(x), float(y), name)
        for x, y, name in re.findall(r'<text x="([\d.]+)" y="([\d.]+)">([^<]+)</text>', svg)
        if name in names
    ]
    assert len(entries) == 5
    assert len({y for _, y, _ in entries}) > 1  # more than one line
    assert 'viewBox="0 0 720 3' in svg and 'viewBox="0 0 720 320"' not in svg
    for (x1, y1, name), (x2, y2, _) in itertools.pairwise(entries):
        if y1 == y2:
            assert x2 - x1 >= 7 * len(name)  # the next entry starts after this one's text


@pytest.mark.django_db
def test_stations_nobody_is_expected_at_get_one_line(client_for, head_of_office, office, day_data):
    response = client_for(head_of_office).get(
        CAPACITY_URL, {"tanggal": DAY.isoformat(), "tunggu": "15", "persen": "80"}
    )
    body = response.content.decode()
    assert "Pos tanpa kedatangan yang diperkirakan:" in body
    assert 'aria-labelledby="station-' in body


@pytest.mark.django_db
def test_the_capacity_page_offers_the_simulation_and_runs_it_only_when_asked(
    client_for, head_of_office, office, day_data
):
    client = client_for(head_of_office)
    query = {"tanggal": DAY.isoformat(), "tunggu": "15", "persen": "80"}
    offered = client.get(CAPACITY_URL, query).content.decode()
    assert "Jalankan simulasi" in offered
    assert 'name="simulasi" value="1"' in offered
    assert f'name="tanggal" value="{DAY.isoformat()}"' in offered
    assert "Tunggu dalam simulasi (menit)" not in offered
    assert "simulate_day" not in offered  # a head of office is not sent to a command line

    response = client.get(CAPACITY_URL, {**query, "simulasi": "1"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tunggu dalam simulasi (menit)" in body
    assert "Jalankan simulasi" not in body
    # Every booked applicant reaches intake on every simulated day.
    assert '<th scope="row">Pemeriksaan berkas</th>\n        <td>12</td>' in body


@pytest.mark.django_db
def test_a_refused_target_is_not_simulated(client_for, head_of_office, office, day_data):
    response = client_for(head_of_office).get(
        CAPACITY_URL, {"tanggal": DAY.isoformat(), "tunggu": "0", "persen": "80", "simulasi": "1"}
    )
    assert response.status_code == 400
    assert "Tunggu dalam simulasi (menit)" not in response.content.decode()


@pytest.mark.django_db
def test_the_simulated_counters_call_by_the_offices_own_aging_rule(office, day_data, monkeypatch):
    from paspor.lib import office_sim
    from paspor.queueing.models import QueuePolicy

    QueuePolicy.objects.update_or_create(office=office, defaults={"aging_minutes": 45})
    played = []
    real = office_sim.simulate_day

    def recording(config, *, seed):
        played.append(config.aging_minutes)
        return real(config, seed=seed)

    monkeypatch.setattr(office_sim, "simulate_day", recording)
    simulate_plan(plan_capacity(office=office, day=DAY), runs=2)
    assert played == [45, 45]
