"""The office-day simulation: Erlang C agreement, the call-next rule and the day's bookkeeping."""

import math
import random
import statistics

import pytest

from paspor.lib.erlang import mean_wait
from paspor.lib.office_sim import (
    Empirical,
    Exponential,
    LogNormal,
    OfficeDay,
    Service,
    SimResult,
    Station,
    Visit,
    simulate_day,
    simulate_mmc,
)

EIGHT_AM = 8 * 60


def one_counter(
    name: str = "loket", *, minutes: float = 5.0, hours: range = range(8, 12)
) -> Station:
    return Station(
        name=name,
        counters={hour: 1 for hour in hours},
        service_time=Empirical(minutes=(minutes,)),
    )


def visits_at(result: SimResult, station: str) -> list[Visit]:
    return [visit for visit in result.visits if visit.station == station]


# --- agreement with Erlang C (STANDARDS.md §8) --------------------------------------------------


@pytest.mark.parametrize(
    ("arrival_rate", "service_rate", "servers"),
    [(0.2, 0.1, 3), (3.0, 2.0, 2)],
    ids=["standards-check-1", "standards-check-2"],
)
def test_long_repeated_runs_land_within_five_percent_of_erlang_c(
    arrival_rate: float, service_rate: float, servers: int
) -> None:
    """Five runs of 70,000 applicants: the standard error of the average is about 1.7 %.

    At these loads one run of n applicants scatters by about √(97/n) of W_q, so 350,000 in all
    put the 5 % bound three standard errors away; single short runs can be off by half.
    """
    expected = mean_wait(arrival_rate=arrival_rate, service_rate=service_rate, servers=servers)
    runs = [
        simulate_mmc(
            arrival_rate=arrival_rate,
            service_rate=service_rate,
            servers=servers,
            customers=70_000,
            seed=seed,
        )
        for seed in (11, 22, 33, 44, 55)
    ]
    assert statistics.fmean(runs) == pytest.approx(expected, rel=0.05)


def test_same_seed_gives_the_same_day() -> None:
    def run(seed: int) -> float:
        return simulate_mmc(arrival_rate=0.2, service_rate=0.1, servers=3, customers=500, seed=seed)

    assert run(7) == run(7)
    assert run(7) != run(8)


# --- the call-next rule -------------------------------------------------------------------------


def priority_stream_day(*, aging_minutes: float) -> SimResult:
    """One counter, five-minute services, a priority ticket every five minutes for four hours.

    Each priority ticket comes half a minute before the counter frees, so the stream alone keeps
    the counter busy all morning; a regular ticket comes every half hour.
    """
    return simulate_day(
        OfficeDay(
            stations=(one_counter(),),
            services=(
                Service(
                    code="RAMAH-HAM",
                    stations=("loket",),
                    priority=True,
                    arrival_times=tuple(EIGHT_AM - 0.5 + 5 * i for i in range(48)),
                ),
                Service(
                    code="PASPOR-BARU",
                    stations=("loket",),
                    arrival_times=tuple(EIGHT_AM + 2.5 + 30 * i for i in range(8)),
                ),
            ),
            aging_minutes=aging_minutes,
        ),
        seed=1,
    )


def test_regular_ticket_waits_no_longer_than_aging_bound_behind_priority_stream() -> None:
    result = priority_stream_day(aging_minutes=20)
    regular = [v for v in visits_at(result, "loket") if not v.priority]
    assert len(regular) == 8
    # Called at the first free counter after 20 minutes: at most one service later.
    assert max(v.wait for v in regular) <= 20 + 5


def test_priority_tickets_still_go_first_until_the_regular_ticket_has_aged() -> None:
    result = priority_stream_day(aging_minutes=20)
    regular = [v for v in visits_at(result, "loket") if not v.priority]
    assert min(v.wait for v in regular) > 20


def test_without_aging_the_priority_stream_starves_regular_tickets() -> None:
    """The same day with the bound out of reach: shows the aging test is not vacuous."""
    result = priority_stream_day(aging_minutes=10_000)
    regular = [v for v in visits_at(result, "loket") if not v.priority]
    assert min(v.started for v in regular) >= EIGHT_AM + 48 * 5


def test_ticket_issued_before_opening_waits_for_the_first_counter() -> None:
    result = simulate_day(
        OfficeDay(
            stations=(one_counter(hours=range(8, 9)),),
            services=(Service(code="A", stations=("loket",), arrival_times=(470.0,)),),
        ),
        seed=1,
    )
    (visit,) = result.visits
    assert visit.started == EIGHT_AM
    assert visit.wait == 10


def test_applicants_booked_for_the_same_minute_all_get_tickets() -> None:
    result = simulate_day(
        OfficeDay(
            stations=(one_counter(),),
            services=(
                Service(code="A", stations=("loket",), arrival_times=(540.0, 540.0)),
                Service(code="B", stations=("loket",), arrival_times=(540.0,)),
            ),
        ),
        seed=1,
    )
    assert [v.service for v in sorted(result.visits, key=lambda v: v.ticket)] == ["A", "A", "B"]
    assert [v.wait for v in sorted(result.visits, key=lambda v: v.started)] == [0, 5, 10]


def test_priority_tickets_among_themselves_come_first_come_first_served() -> None:
    result = simulate_day(
        OfficeDay(
            stations=(one_counter(),),
            services=(
                Service(
                    code="P",
                    stations=("loket",),
                    priority=True,
                    arrival_times=(481.0, 482.0, 483.0),
                ),
                Service(code="R", stations=("loket",), arrival_times=(480.0, 480.5)),
            ),
        ),
        seed=1,
    )
    order = [v.arrival for v in sorted(result.visits, key=lambda v: v.started)]
    assert order == [480.0, 481.0, 482.0, 483.0, 480.5]


# --- routes through several stations ------------------------------------------------------------


def two_station_day(*, seed: int) -> SimResult:
    """Intake on four counters with very uneven times, then one photo counter that falls behind."""
    intake = Station(
        name="loket",
        counters={hour: 4 for hour in range(8, 12)},
        service_time=LogNormal(mean=10, sd=15),
    )
    photo = Station(
        name="foto",
        counters={hour: 1 for hour in range(8, 12)},
        service_time=Exponential(mean=4),
    )
    return simulate_day(
        OfficeDay(
            stations=(intake, photo),
            services=(
                Service(
                    code="PASPOR-BARU",
                    stations=("loket", "foto"),
                    arrivals_per_hour={8: 20, 9: 20, 10: 20},
                ),
            ),
        ),
        seed=seed,
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_next_station_calls_by_original_arrival_not_by_when_ticket_moved(seed: int) -> None:
    photo = visits_at(two_station_day(seed=seed), "foto")
    for called in photo:
        waiting_then = [v for v in photo if v.queued <= called.started < v.started]
        assert all(v.arrival > called.arrival for v in waiting_then)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_tickets_reach_the_next_station_out_of_arrival_order(seed: int) -> None:
    """Makes the arrival-order test above meaningful: intake does reorder tickets."""
    photo = visits_at(two_station_day(seed=seed), "foto")
    by_reaching = sorted(photo, key=lambda v: v.queued)
    assert [v.arrival for v in by_reaching] != sorted(v.arrival for v in photo)
    assert [v.ticket for v in sorted(photo, key=lambda v: v.started)] != [
        v.ticket for v in by_reaching
    ]


def test_every_ticket_finishes_its_route_in_station_order() -> None:
    result = two_station_day(seed=4)
    assert len(result.journeys) == result.issued["PASPOR-BARU"]
    for journey in result.journeys:
        intake, photo = (
            next(v for v in result.visits if v.ticket == journey.ticket and v.station == name)
            for name in ("loket", "foto")
        )
        assert intake.finished == photo.queued
        assert journey.wait == pytest.approx(intake.wait + photo.wait)


# --- opening hours and the day's summary --------------------------------------------------------


def closing_with_people_waiting() -> SimResult:
    """One 50-minute counter from 8 to 9; three tickets at 8:00, 8:01 and 8:02."""
    return simulate_day(
        OfficeDay(
            stations=(
                Station(
                    name="loket",
                    counters={8: 1, 9: 0},
                    service_time=Empirical(minutes=(50.0,)),
                ),
            ),
            services=(Service(code="A", stations=("loket",), arrival_times=(480.0, 481.0, 482.0)),),
            target_wait_minutes=30,
        ),
        seed=1,
    )


def test_counter_closing_at_the_hour_finishes_its_applicant_first() -> None:
    result = closing_with_people_waiting()
    assert [(v.started, v.finished) for v in result.visits] == [(480, 530), (530, 580)]


def test_tickets_left_at_closing_are_reported_unserved() -> None:
    result = closing_with_people_waiting()
    assert result.unserved == {"loket": 1}
    assert len(result.journeys) == 2


def test_summary_counts_the_unserved_as_missing_the_target() -> None:
    summary = closing_with_people_waiting().summary()
    station = summary.stations["loket"]
    assert (station.served, station.unserved) == (2, 1)
    assert station.mean == pytest.approx(24.5)
    assert station.median == pytest.approx(24.5)
    assert station.p90 == pytest.approx(0.9 * 49)
    assert station.max == pytest.approx(49)
    assert station.within_target == pytest.approx(1 / 3)
    assert summary.services["A"].within_target == pytest.approx(1 / 3)


def test_counters_listed_last_stay_on_until_the_line_is_empty() -> None:
    result = simulate_day(
        OfficeDay(
            stations=(one_counter(minutes=30, hours=range(15, 16)),),
            services=(Service(code="A", stations=("loket",), arrival_times=(900.0, 901.0, 902.0)),),
        ),
        seed=1,
    )
    assert result.unserved == {"loket": 0}
    assert max(v.finished for v in result.visits) == 990


def test_queue_lengths_trace_the_line_through_the_day() -> None:
    trace = closing_with_people_waiting().queue_lengths["loket"]
    assert [length for _, length in trace] == [1, 0, 1, 2, 1]
    assert [minute for minute, _ in trace] == [480, 480, 481, 482, 530]


def test_waits_are_listed_per_station() -> None:
    result = two_station_day(seed=5)
    assert set(result.waits) == {"loket", "foto"}
    assert len(result.waits["foto"]) == len(visits_at(result, "foto"))
    assert all(wait >= 0 for waits in result.waits.values() for wait in waits)


def test_station_nobody_visited_reports_no_numbers_rather_than_zero() -> None:
    result = simulate_day(
        OfficeDay(stations=(one_counter(), one_counter("foto")), services=()), seed=1
    )
    stats = result.summary().stations["foto"]
    assert stats.served == 0
    assert math.isnan(stats.mean)


# --- inputs -------------------------------------------------------------------------------------


def test_walk_ins_arrive_as_poisson_within_each_hour() -> None:
    service = Service(code="A", stations=("loket",), arrivals_per_hour={9: 30, 11: 6})
    rng = random.Random(3)
    days = [service.draw_arrivals(rng) for _ in range(400)]
    nine = [sum(1 for t in day if 540 <= t < 600) for day in days]
    eleven = [sum(1 for t in day if 660 <= t < 720) for day in days]
    assert all(540 <= t < 600 or 660 <= t < 720 for day in days for t in day)
    assert statistics.fmean(nine) == pytest.approx(30, rel=0.05)
    assert statistics.variance(nine) == pytest.approx(30, rel=0.25)
    assert statistics.fmean(eleven) == pytest.approx(6, rel=0.1)


def test_booked_and_walk_in_arrivals_are_merged_in_time_order() -> None:
    service = Service(
        code="A", stations=("loket",), arrivals_per_hour={8: 10}, arrival_times=(530.0, 470.0)
    )
    times = service.draw_arrivals(random.Random(1))
    assert times == sorted(times)
    assert {470.0, 530.0} <= set(times)


def test_lognormal_service_keeps_the_given_mean_and_spread() -> None:
    rng = random.Random(5)
    samples = [LogNormal(mean=12, sd=6).sample(rng) for _ in range(40_000)]
    assert statistics.fmean(samples) == pytest.approx(12, rel=0.02)
    assert statistics.stdev(samples) == pytest.approx(6, rel=0.05)


def test_empirical_service_only_replays_observed_minutes() -> None:
    rng = random.Random(5)
    observed = (3.0, 4.5, 12.0)
    assert {Empirical(minutes=observed).sample(rng) for _ in range(200)} == set(observed)


def test_exponential_service_keeps_the_given_mean() -> None:
    rng = random.Random(5)
    samples = [Exponential(mean=8).sample(rng) for _ in range(40_000)]
    assert statistics.fmean(samples) == pytest.approx(8, rel=0.03)


def test_route_through_unknown_station_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown"):
        OfficeDay(stations=(one_counter(),), services=(Service(code="A", stations=("foto",)),))


@pytest.mark.parametrize(
    "make",
    [
        lambda: Station(name="x", counters={24: 1}, service_time=Exponential(mean=1)),
        lambda: Station(name="x", counters={}, service_time=Exponential(mean=1)),
        lambda: Exponential(mean=0),
        lambda: LogNormal(mean=5, sd=-1),
        lambda: Empirical(minutes=()),
        lambda: Service(code="A", stations=()),
        lambda: Service(code="A", stations=("x",), arrivals_per_hour={8: -1}),
        lambda: OfficeDay(stations=(one_counter(), one_counter()), services=()),
    ],
)
def test_impossible_inputs_are_refused(make: object) -> None:
    assert callable(make)
    with pytest.raises(ValueError):
        make()
