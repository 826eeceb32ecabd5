"""Discrete-event simulation of one office day, for the capacity planner.

Erlang C (``paspor.lib.erlang``) answers for one station with steady arrivals and exponential
service. An office day is not that: counters open and close by the hour, booked applicants come
at set times, a ticket passes several stations, and priority tickets (UU 25/2009 art. 29; the
"Ramah HAM" lane, STANDARDS.md §7) are called first. This module plays such a day out with SimPy
so the planner can try a staffing plan before the office lives it.

Time is in minutes after midnight, office-local. The call-next rule is the one the counter
console uses:

* priority tickets go first, but once a regular ticket has waited at the station more than
  ``aging_minutes`` the regular line is called first, so the priority lane cannot starve the
  regular queue (PRODUCT.md: "a priority lane that cannot starve the regular queue");
* within each line, first come first served by the ticket's *original* arrival at the office:
  moving to the next station does not send a ticket to the back of that station's line.
"""

import bisect
import math
import random
import statistics
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import count
from typing import Any, NamedTuple

import simpy

__all__ = [
    "DEFAULT_AGING_MINUTES",
    "DEFAULT_TARGET_WAIT_MINUTES",
    "Empirical",
    "Exponential",
    "Journey",
    "LogNormal",
    "OfficeDay",
    "Service",
    "ServiceTime",
    "SimResult",
    "Station",
    "Summary",
    "Visit",
    "WaitStats",
    "simulate_day",
    "simulate_mmc",
]

MINUTES_PER_HOUR = 60.0
DEFAULT_AGING_MINUTES = 20.0
# The office's published service standard sets the real target; this is only a starting value.
DEFAULT_TARGET_WAIT_MINUTES = 30.0

_Process = Generator[simpy.Event, Any, None]


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


def _is_positive(value: float) -> bool:
    return value > 0 and math.isfinite(value)


def _is_non_negative(value: float) -> bool:
    return value >= 0 and math.isfinite(value)


# --- service-time distributions ---------------------------------------------------------------


@dataclass(frozen=True)
class Exponential:
    """Service minutes with the given mean; the M/M/c assumption behind Erlang C."""

    mean: float

    def __post_init__(self) -> None:
        _require(_is_positive(self.mean), f"mean must be > 0, got {self.mean!r}")

    def sample(self, rng: random.Random) -> float:
        return rng.expovariate(1.0 / self.mean)


@dataclass(frozen=True)
class LogNormal:
    """Service minutes with the given mean and standard deviation (not those of the logarithm).

    Counter times are skewed: most applicants take a few minutes, a few with missing papers take
    many. A log-normal fitted on mean and spread captures that with two numbers an office knows.
    """

    mean: float
    sd: float

    def __post_init__(self) -> None:
        _require(_is_positive(self.mean), f"mean must be > 0, got {self.mean!r}")
        _require(_is_non_negative(self.sd), f"sd must be >= 0, got {self.sd!r}")

    def sample(self, rng: random.Random) -> float:
        log_variance = math.log1p((self.sd / self.mean) ** 2)
        log_mean = math.log(self.mean) - log_variance / 2
        return rng.lognormvariate(log_mean, math.sqrt(log_variance))


@dataclass(frozen=True)
class Empirical:
    """Service minutes drawn from observed durations, e.g. a week of counter-console logs."""

    minutes: tuple[float, ...]

    def __post_init__(self) -> None:
        _require(bool(self.minutes), "minutes must hold at least one observation")
        _require(all(_is_non_negative(m) for m in self.minutes), "observed minutes must be >= 0")

    def sample(self, rng: random.Random) -> float:
        return rng.choice(self.minutes)


ServiceTime = Exponential | LogNormal | Empirical


# --- the day to simulate ------------------------------------------------------------------------


@dataclass(frozen=True)
class Station:
    """A station (intake, biometrics, payment, pickup…) and how many counters it opens per hour.

    ``counters`` maps an hour of the day (0–23) to the counters open during that hour. Hours not
    listed before the last listed one have no counter open. After the last listed hour its count
    stays on until the line is empty, because a ticket once issued is served; list a 0 to close
    with people still waiting, who are then reported as unserved.
    """

    name: str
    counters: Mapping[int, int]
    service_time: ServiceTime

    def __post_init__(self) -> None:
        _require(bool(self.name), "a station needs a name")
        _require(bool(self.counters), f"station {self.name!r} lists no opening hours")
        for hour, open_counters in self.counters.items():
            _require(0 <= hour <= 23, f"station {self.name!r}: hour {hour!r} is not 0-23")
            _require(open_counters >= 0, f"station {self.name!r}: negative counters at {hour}")

    @cached_property
    def _last_hour(self) -> int:
        return max(self.counters)

    def counters_at(self, minute: float) -> int:
        hour = int(minute // MINUTES_PER_HOUR)
        if hour > self._last_hour:
            return self.counters[self._last_hour]
        return self.counters.get(hour, 0)


@dataclass(frozen=True)
class Service:
    """A kind of ticket (new passport, pickup, priority lane…) and the stations it visits in order.

    Walk-ins come as a Poisson stream, ``arrivals_per_hour`` mapping an hour of the day to the
    expected arrivals in it; booked applicants come at the minutes in ``arrival_times``. Both may
    be given.
    """

    code: str
    stations: tuple[str, ...]
    priority: bool = False
    arrivals_per_hour: Mapping[int, float] = field(default_factory=dict)
    arrival_times: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        _require(bool(self.code), "a service needs a code")
        _require(bool(self.stations), f"service {self.code!r} visits no station")
        for hour, rate in self.arrivals_per_hour.items():
            _require(0 <= hour <= 23, f"service {self.code!r}: hour {hour!r} is not 0-23")
            _require(_is_non_negative(rate), f"service {self.code!r}: bad rate at {hour}")
        _require(
            all(_is_non_negative(t) for t in self.arrival_times),
            f"service {self.code!r}: arrival times must be minutes >= 0",
        )

    def draw_arrivals(self, rng: random.Random) -> list[float]:
        """Poisson arrivals hour by hour (exponential gaps restarted each hour), plus bookings."""
        times = list(self.arrival_times)
        for hour, rate in sorted(self.arrivals_per_hour.items()):
            if rate == 0:
                continue
            moment, end = hour * MINUTES_PER_HOUR, (hour + 1) * MINUTES_PER_HOUR
            while (moment := moment + rng.expovariate(rate / MINUTES_PER_HOUR)) < end:
                times.append(moment)
        return sorted(times)


@dataclass(frozen=True)
class OfficeDay:
    """Everything the simulation needs about one day at one office."""

    stations: tuple[Station, ...]
    services: tuple[Service, ...]
    aging_minutes: float = DEFAULT_AGING_MINUTES
    target_wait_minutes: float = DEFAULT_TARGET_WAIT_MINUTES

    def __post_init__(self) -> None:
        names = [station.name for station in self.stations]
        _require(len(set(names)) == len(names), "station names must be unique")
        codes = [service.code for service in self.services]
        _require(len(set(codes)) == len(codes), "service codes must be unique")
        for service in self.services:
            unknown = set(service.stations) - set(names)
            _require(not unknown, f"service {service.code!r} visits unknown {sorted(unknown)}")
        _require(_is_non_negative(self.aging_minutes), "aging_minutes must be >= 0")
        _require(_is_non_negative(self.target_wait_minutes), "target_wait_minutes must be >= 0")


# --- what the day produced ----------------------------------------------------------------------


# Visits and journeys are named tuples, not frozen dataclasses: a validation run creates
# hundreds of thousands and a frozen dataclass is about three times slower to build.
class Visit(NamedTuple):
    """One ticket served at one station."""

    ticket: int
    service: str
    station: str
    priority: bool
    arrival: float
    queued: float
    started: float
    finished: float

    @property
    def wait(self) -> float:
        return self.started - self.queued


class Journey(NamedTuple):
    """A ticket that went through every station of its route; ``wait`` sums its queue times."""

    ticket: int
    service: str
    arrival: float
    finished: float
    wait: float


@dataclass(frozen=True)
class WaitStats:
    """Waiting minutes of those served; ``within_target`` also counts the unserved, as misses.

    With nobody served the averages are NaN rather than a reassuring zero.
    """

    served: int
    unserved: int
    mean: float
    median: float
    p90: float
    max: float
    within_target: float


@dataclass(frozen=True)
class Summary:
    target_wait_minutes: float
    stations: Mapping[str, WaitStats]
    services: Mapping[str, WaitStats]


def _p90(waits: Sequence[float]) -> float:
    """Interpolated 90th percentile (numpy's default); Python 3.12 refuses a single value."""
    if len(waits) == 1:
        return waits[0]
    return statistics.quantiles(waits, n=10, method="inclusive")[-1]


def _wait_stats(waits: Sequence[float], *, unserved: int, target: float) -> WaitStats:
    total = len(waits) + unserved
    within = sum(1 for wait in waits if wait <= target) / total if total else math.nan
    if not waits:
        return WaitStats(0, unserved, math.nan, math.nan, math.nan, math.nan, within)
    return WaitStats(
        served=len(waits),
        unserved=unserved,
        mean=statistics.fmean(waits),
        median=statistics.median(waits),
        p90=_p90(waits),
        max=max(waits),
        within_target=within,
    )


@dataclass(frozen=True)
class SimResult:
    """The simulated day: every visit, every finished journey and each line's length over time.

    ``queue_lengths`` holds, per station, ``(minute, people waiting)`` after every change;
    ``unserved`` the tickets still waiting at each station when the day ended; ``issued`` the
    tickets issued per service.
    """

    visits: tuple[Visit, ...]
    journeys: tuple[Journey, ...]
    queue_lengths: Mapping[str, tuple[tuple[float, int], ...]]
    unserved: Mapping[str, int]
    issued: Mapping[str, int]
    target_wait_minutes: float

    @property
    def waits(self) -> dict[str, list[float]]:
        """Waiting minutes per station, in the order service started."""
        by_station: dict[str, list[float]] = {name: [] for name in self.queue_lengths}
        for visit in self.visits:
            by_station[visit.station].append(visit.wait)
        return by_station

    def summary(self) -> Summary:
        target = self.target_wait_minutes
        by_service: dict[str, list[float]] = {code: [] for code in self.issued}
        for journey in self.journeys:
            by_service[journey.service].append(journey.wait)
        return Summary(
            target_wait_minutes=target,
            stations={
                name: _wait_stats(waits, unserved=self.unserved[name], target=target)
                for name, waits in self.waits.items()
            },
            services={
                code: _wait_stats(waits, unserved=self.issued[code] - len(waits), target=target)
                for code, waits in by_service.items()
            },
        )


# --- the engine ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Ticket:
    number: int
    service: Service
    arrival: float
    step: int = 0
    waited: float = 0.0


@dataclass(slots=True)
class _Waiting:
    ticket: _Ticket
    queued: float


def _arrival_order(waiting: _Waiting) -> tuple[float, int]:
    return waiting.ticket.arrival, waiting.ticket.number


class _Line:
    """The waiting tickets of one station and the call-next rule (see the module docstring)."""

    def __init__(self, *, aging_minutes: float) -> None:
        self.aging_minutes = aging_minutes
        self.priority: list[_Waiting] = []
        self.regular: list[_Waiting] = []

    def __len__(self) -> int:
        return len(self.priority) + len(self.regular)

    def add(self, waiting: _Waiting) -> None:
        lane = self.priority if waiting.ticket.service.priority else self.regular
        bisect.insort(lane, waiting, key=_arrival_order)

    def call_next(self, now: float) -> _Waiting:
        # The aged ticket pulls the regular line forward instead of jumping it, so the regular
        # line keeps original-arrival order even across stations.
        if self.priority and not self._regular_overdue(now):
            return self.priority.pop(0)
        return self.regular.pop(0)

    def _regular_overdue(self, now: float) -> bool:
        return any(now - waiting.queued > self.aging_minutes for waiting in self.regular)


class _StationRun:
    """A station during the simulation: its line, its counters and what they recorded."""

    def __init__(self, env: simpy.Environment, *, station: Station, aging_minutes: float) -> None:
        self.env = env
        self.station = station
        self.line = _Line(aging_minutes=aging_minutes)
        self.changed = env.event()
        self.queue_lengths: list[tuple[float, int]] = []

    def enqueue(self, ticket: _Ticket) -> None:
        self.line.add(_Waiting(ticket=ticket, queued=self.env.now))
        self._record_length()
        self.wake_counters()

    def wake_counters(self) -> None:
        """Idle counters sleep on one event; a new ticket or a new hour wakes them all."""
        if not self.changed.callbacks:
            return
        woken, self.changed = self.changed, self.env.event()
        woken.succeed()

    def _record_length(self) -> None:
        self.queue_lengths.append((self.env.now, len(self.line)))

    def counter(
        self, index: int, *, rng: random.Random, on_served: Callable[[Visit, _Ticket], None]
    ) -> _Process:
        """Counter ``index`` (from 0) calls while more than ``index`` counters are open this hour.

        A counter that closes at the hour first finishes the applicant in front of it.
        """
        env = self.env
        while True:
            if not (self.line and index < self.station.counters_at(env.now)):
                yield self.changed
                continue
            waiting = self.line.call_next(env.now)
            self._record_length()
            started = env.now
            yield env.timeout(self.station.service_time.sample(rng))
            ticket = waiting.ticket
            on_served(
                Visit(
                    ticket=ticket.number,
                    service=ticket.service.code,
                    station=self.station.name,
                    priority=ticket.service.priority,
                    arrival=ticket.arrival,
                    queued=waiting.queued,
                    started=started,
                    finished=env.now,
                ),
                ticket,
            )


class _Office:
    """Wires stations, arrivals and the hour clock together for one run."""

    def __init__(self, config: OfficeDay, *, seed: int) -> None:
        self.config = config
        self.env = simpy.Environment()
        self.rng = random.Random(seed)
        self.stations = {
            station.name: _StationRun(self.env, station=station, aging_minutes=config.aging_minutes)
            for station in config.stations
        }
        self.visits: list[Visit] = []
        self.journeys: list[Journey] = []
        self.issued = {service.code: 0 for service in config.services}
        self.numbers = count(1)

    def run(self) -> SimResult:
        # Applicants arriving in the same minute get tickets in the order services are listed.
        arrivals = sorted(
            (
                (moment, service)
                for service in self.config.services
                for moment in service.draw_arrivals(self.rng)
            ),
            key=lambda arrival: arrival[0],
        )
        self.env.process(self._arrivals(arrivals))
        self.env.process(self._clock())
        for run in self.stations.values():
            for index in range(max(run.station.counters.values())):
                self.env.process(run.counter(index, rng=self.rng, on_served=self._served))
        self.env.run()
        return self._result()

    def _arrivals(self, arrivals: Sequence[tuple[float, Service]]) -> _Process:
        for moment, service in arrivals:
            yield self.env.timeout(moment - self.env.now)
            ticket = _Ticket(number=next(self.numbers), service=service, arrival=moment)
            self.issued[service.code] += 1
            self.stations[service.stations[0]].enqueue(ticket)

    def _clock(self) -> _Process:
        hours = sorted({hour for s in self.config.stations for hour in s.counters})
        for hour in hours:
            start = hour * MINUTES_PER_HOUR
            if start > self.env.now:
                yield self.env.timeout(start - self.env.now)
            for run in self.stations.values():
                run.wake_counters()

    def _served(self, visit: Visit, ticket: _Ticket) -> None:
        self.visits.append(visit)
        ticket.waited += visit.wait
        ticket.step += 1
        route = ticket.service.stations
        if ticket.step < len(route):
            self.stations[route[ticket.step]].enqueue(ticket)
            return
        self.journeys.append(
            Journey(
                ticket=ticket.number,
                service=ticket.service.code,
                arrival=ticket.arrival,
                finished=visit.finished,
                wait=ticket.waited,
            )
        )

    def _result(self) -> SimResult:
        return SimResult(
            visits=tuple(self.visits),
            journeys=tuple(self.journeys),
            queue_lengths={name: tuple(run.queue_lengths) for name, run in self.stations.items()},
            unserved={name: len(run.line) for name, run in self.stations.items()},
            issued=dict(self.issued),
            target_wait_minutes=self.config.target_wait_minutes,
        )


def simulate_day(config: OfficeDay, *, seed: int) -> SimResult:
    """Play one office day; the same config and seed always give the same day."""
    return _Office(config, seed=seed).run()


def simulate_mmc(
    *, arrival_rate: float, service_rate: float, servers: int, customers: int, seed: int
) -> float:
    """Mean queue wait of ``customers`` Poisson arrivals at ``servers`` exponential counters.

    Runs the same engine as ``simulate_day`` so that agreement with Erlang C validates it. Rates
    share one time unit and the wait comes back in it. The run starts empty, which biases short
    runs low: use thousands of customers and several seeds.
    """
    _require(_is_positive(arrival_rate), "arrival_rate must be > 0")
    _require(_is_positive(service_rate), "service_rate must be > 0")
    _require(servers >= 1, "servers must be at least 1")
    _require(customers >= 1, "customers must be at least 1")
    rng = random.Random(seed)
    moment, arrival_times = 0.0, []
    for _ in range(customers):
        moment += rng.expovariate(arrival_rate)
        arrival_times.append(moment)
    config = OfficeDay(
        stations=(
            Station(
                name="M/M/c",
                counters={0: servers},
                service_time=Exponential(mean=1.0 / service_rate),
            ),
        ),
        services=(Service(code="M/M/c", stations=("M/M/c",), arrival_times=tuple(arrival_times)),),
    )
    result = simulate_day(config, seed=rng.getrandbits(63))
    return statistics.fmean(visit.wait for visit in result.visits)
