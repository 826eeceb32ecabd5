"""Capacity planner: how many counters each station needs, hour by hour.

Two views of the same day (docs/capacity.md):

* **Erlang C (M/M/c)** per station and hour: the smallest number of counters so that the
  target share of applicants (default 80 %) waits at most the target (default 15 minutes), with
  the expected wait and queue length (`paspor.lib.erlang`, checked against STANDARDS.md §8).
* **A discrete-event simulation** of the whole day (`paspor.lib.office_sim`, SimPy) with that
  plan: booked arrivals at their windows, walk-ins as a Poisson stream, the routes through
  stations and the priority rule with aging, repeated over several seeds — the waiting-time
  distribution the plan would give.

Erlang C treats each station's hour as independent and steady; arrivals at a later station are
counted in the hour the applicant arrives at the office (they reach it minutes later). The
simulation shows what those simplifications hide.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass

from paspor.lib import erlang, office_sim
from paspor.offices.models import Office, OfficeService, ServiceKind, Station
from paspor.queueing.selectors import queue_policy
from paspor.reports import selectors

PRIORITY_KINDS = frozenset({ServiceKind.PRIORITY})


@dataclass(frozen=True)
class HourPlan:
    hour: int
    arrivals: float  # expected arrivals in the hour (λ per hour)
    counters: int
    expected_wait_minutes: float  # math.inf when even these counters cannot keep up (ρ ≥ 1)
    expected_queue_length: float
    share_within_target: float
    meets_target: bool = True  # False: `counters` is every counter allowed, and still too few

    @property
    def overloaded(self) -> bool:
        """More arrivals than the counters can serve: the queue grows all hour."""
        return math.isinf(self.expected_wait_minutes)

    @property
    def start(self) -> dt.time:
        """The hour's first minute, for the page to write as its reader does (`|time`: "08.00"
        in Indonesian, "08:00" in English)."""
        return dt.time(self.hour)


@dataclass(frozen=True)
class StationPlan:
    station_type: str
    label: str
    mean_service_minutes: float
    hours: tuple[HourPlan, ...]

    @property
    def peak_counters(self) -> int:
        return max((h.counters for h in self.hours), default=0)

    @property
    def short_of_counters(self) -> bool:
        return not all(h.meets_target for h in self.hours)


@dataclass(frozen=True)
class CapacityPlan:
    office: Office
    day: dt.date
    target_wait_minutes: float
    target_fraction: float
    opening_hours: tuple[int, ...]
    arrivals: dict[str, dict[int, float]]  # service kind → hour → expected arrivals
    booked_times: dict[str, list[float]]  # service kind → minutes of booked arrivals
    walk_ins: dict[str, dict[int, float]]  # service kind → hour → expected walk-ins
    stations: tuple[StationPlan, ...]
    max_counters: int = 30


def _hour_plan(
    *,
    hour: int,
    arrivals: float,
    service_minutes: float,
    target_wait: float,
    target_fraction: float,
    max_counters: int,
) -> HourPlan:
    mu = 60.0 / service_minutes  # served per counter per hour
    at_most = erlang.prob_wait_within(
        arrival_rate=arrivals, service_rate=mu, servers=max_counters, t=target_wait / 60.0
    )
    meets_target = at_most >= target_fraction
    if meets_target:
        counters = erlang.servers_needed(
            arrival_rate=arrivals,
            service_rate=mu,
            target_wait=target_wait / 60.0,
            target_fraction=target_fraction,
            max_servers=max_counters,
        )
    else:
        # A rush no number of counters allowed can meet: plan them all and say so, with the
        # wait they give (infinite when the queue outgrows them), instead of no plan at all.
        counters = max_counters
    if counters == 0:
        return HourPlan(hour, arrivals, 0, 0.0, 0.0, 1.0)
    lam, c = arrivals, counters
    return HourPlan(
        hour=hour,
        arrivals=arrivals,
        counters=counters,
        expected_wait_minutes=erlang.mean_wait(arrival_rate=lam, service_rate=mu, servers=c) * 60,
        expected_queue_length=erlang.mean_queue_length(
            arrival_rate=lam, service_rate=mu, servers=c
        ),
        share_within_target=erlang.prob_wait_within(
            arrival_rate=lam, service_rate=mu, servers=c, t=target_wait / 60.0
        ),
        meets_target=meets_target,
    )


def plan_capacity(
    *,
    office: Office,
    day: dt.date,
    target_wait_minutes: float = 15.0,
    target_fraction: float = 0.8,
    max_counters: int = 30,
) -> CapacityPlan:
    """The counters each station needs per opening hour of `day` to meet the service target."""
    hours = selectors.opening_hours(office, day)
    arrivals = selectors.expected_arrivals(office, day)
    services = {s.kind: s for s in OfficeService.objects.filter(office=office, is_active=True)}
    plans = []
    for station in Station.objects.filter(office=office).order_by("pk"):
        per_hour: dict[int, float] = defaultdict(float)
        for kind, by_hour in arrivals.items():
            service = services.get(ServiceKind(kind))
            if service is None or station.station_type not in service.route:
                continue
            for hour, count in by_hour.items():
                per_hour[hour] += count
        minutes = selectors.station_service_minutes(station, before=day)
        plans.append(
            StationPlan(
                station_type=station.station_type,
                label=station.label,
                mean_service_minutes=minutes,
                hours=tuple(
                    _hour_plan(
                        hour=hour,
                        arrivals=per_hour.get(hour, 0.0),
                        service_minutes=minutes,
                        target_wait=target_wait_minutes,
                        target_fraction=target_fraction,
                        max_counters=max_counters,
                    )
                    for hour in hours
                ),
            )
        )
    return CapacityPlan(
        office,
        day,
        target_wait_minutes,
        target_fraction,
        hours,
        arrivals,
        selectors.booked_arrival_times(office, day),
        selectors.walk_in_arrivals(office, day),
        tuple(plans),
        max_counters,
    )


@dataclass(frozen=True)
class SimulatedStation:
    station_type: str
    served: float
    mean: float
    median: float
    p90: float
    max: float
    within_target: float


def _office_day(plan: CapacityPlan, *, aging_minutes: float) -> office_sim.OfficeDay:
    stations = []
    for station in plan.stations:
        counters = {h.hour: max(h.counters, 1 if h.arrivals else 0) for h in station.hours}
        if not counters:
            counters = {0: 0}
        stations.append(
            office_sim.Station(
                name=station.station_type,
                counters=counters,
                service_time=office_sim.Exponential(station.mean_service_minutes),
            )
        )
    names = {s.name for s in stations}
    services = []
    for service in OfficeService.objects.filter(office=plan.office, is_active=True):
        route = tuple(st for st in service.route if st in names)
        walk_ins = plan.walk_ins.get(service.kind, {})
        booked = tuple(plan.booked_times.get(service.kind, ()))
        if not route or not (booked or any(walk_ins.values())):
            continue
        services.append(
            office_sim.Service(
                code=service.kind,
                stations=route,
                priority=service.kind in PRIORITY_KINDS,
                arrivals_per_hour=dict(walk_ins),
                arrival_times=booked,
            )
        )
    return office_sim.OfficeDay(
        stations=tuple(stations),
        services=tuple(services),
        aging_minutes=aging_minutes,
        target_wait_minutes=plan.target_wait_minutes,
    )


def simulate_plan(
    plan: CapacityPlan, *, runs: int = 20, seed: int = 1, aging_minutes: float | None = None
) -> tuple[SimulatedStation, ...]:
    """Plays the planned day `runs` times and averages each station's waiting figures.

    The counters call as the office's own queue policy says: a regular ticket waiting past its
    `aging_minutes` goes before priority (unless another value is given)."""
    if aging_minutes is None:
        aging_minutes = float(queue_policy(plan.office).aging_minutes)
    config = _office_day(plan, aging_minutes=aging_minutes)
    if not config.services:
        return ()
    per_station: dict[str, list[office_sim.WaitStats]] = defaultdict(list)
    for run in range(runs):
        summary = office_sim.simulate_day(config, seed=seed + run).summary()
        for name, stats in summary.stations.items():
            if stats.served:
                per_station[name].append(stats)

    def avg(values: list[float]) -> float:
        finite = [v for v in values if not math.isnan(v)]
        return statistics.fmean(finite) if finite else math.nan

    return tuple(
        SimulatedStation(
            station_type=name,
            served=avg([s.served for s in stats]),
            mean=avg([s.mean for s in stats]),
            median=avg([s.median for s in stats]),
            p90=avg([s.p90 for s in stats]),
            max=max(s.max for s in stats),
            within_target=avg([s.within_target for s in stats]),
        )
        for name, stats in per_station.items()
    )
